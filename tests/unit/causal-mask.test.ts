import { describe, expect, it } from "vitest";
import {
  type CausalState,
  type CellStatus,
  flopsWithCache,
  flopsWithoutCache,
  grid,
  maskCounts,
  PARAMS_7B,
  position,
  readouts,
  schedule,
  stepWork,
  timeline,
  visible,
} from "../../components/demos/causal-mask/model";

const DEFAULTS: CausalState = { mode: "train", i: 3, cache: "on", n: 6 };
const tally = (state: CausalState) => {
  const out: Partial<Record<CellStatus, number>> = {};
  for (const c of grid(state)) out[c.status] = (out[c.status] ?? 0) + 1;
  return out;
};

describe("the causal mask", () => {
  it("keeps the lower triangle with the diagonal: 21 visible and 15 masked of 36 for 6 tokens", () => {
    expect(maskCounts(6)).toEqual({ visible: 21, masked: 15, total: 36 });
    expect(tally(DEFAULTS)).toEqual({ visible: 21, masked: 15 });
    expect(visible(0, 0)).toBe(true); // row 0 sees itself: no fully masked row, no NaN
    expect(visible(2, 3)).toBe(false);
    for (let n = 2; n <= 9; n++) {
      const counts = maskCounts(n);
      expect(counts.visible + counts.masked).toBe(n * n);
    }
  });

  it("highlights the selected query's row and clamps it into the sequence", () => {
    const row = grid(DEFAULTS).filter((c) => c.selected);
    expect(row.map((c) => c.status)).toEqual(["visible", "visible", "visible", "visible", "masked", "masked"]);
    expect(position({ ...DEFAULTS, i: 8, n: 4 })).toBe(3);
  });
});

describe("generation steps", () => {
  it("with a KV cache computes one new row: 3 cached keys and 1 fresh one at position 3", () => {
    expect(tally({ ...DEFAULTS, mode: "gen" })).toEqual({ cached: 3, fresh: 1, done: 6, masked: 6, future: 20 });
  });

  it("without a cache recomputes the whole prefix, still under the causal mask", () => {
    expect(tally({ ...DEFAULTS, mode: "gen", cache: "off" })).toEqual({ fresh: 10, masked: 6, future: 20 });
  });

  it("with a cache, the rows computed step by step assemble exactly the causal lower triangle", () => {
    const n = 7;
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      for (const c of grid({ mode: "gen", i, cache: "on", n })) {
        if (c.status === "cached" || c.status === "fresh") seen.add(`${c.q},${c.k}`);
      }
    }
    const triangle = grid({ mode: "train", i: 0, cache: "on", n }).filter((c) => c.status === "visible");
    expect(seen.size).toBe(triangle.length);
    for (const c of triangle) expect(seen.has(`${c.q},${c.k}`)).toBe(true);
  });

  it("counts work: one pass for training, n passes for generation, Σ t(t+1)/2 products without a cache", () => {
    expect(stepWork(4, "on")).toEqual({ rows: 1, dots: 4 });
    expect(stepWork(4, "off")).toEqual({ rows: 4, dots: 10 });
    expect(schedule(6, "train", "on")).toEqual({ passes: 1, rows: 6, dots: 21 });
    expect(schedule(6, "gen", "on")).toEqual({ passes: 6, rows: 6, dots: 21 });
    expect(schedule(6, "gen", "off")).toEqual({ passes: 6, rows: 21, dots: 56 });
    const lanes = timeline({ ...DEFAULTS, n: 5 });
    expect(lanes.filter((c) => c.lane === "train").every((c) => c.pass === 1)).toBe(true);
    expect(lanes.filter((c) => c.lane === "gen")).toHaveLength(5);
    expect(timeline({ ...DEFAULTS, n: 5, cache: "off" }).filter((c) => c.lane === "gen")).toHaveLength(15);
  });
});

describe("per-step FLOPs of the article's 7B-class model (ARC-08 table)", () => {
  it("matches the table at t = 128, 1024 and 2048", () => {
    expect(PARAMS_7B / 1e9).toBeCloseTo(6.44, 2);
    const rows = [
      [128, 12.95, 1.65, 128],
      [1024, 13.42, 13.47, 1004],
      [2048, 13.96, 27.49, 1969],
    ];
    for (const [t, gWith, tWithout, ratio] of rows) {
      expect(Number((flopsWithCache(t) / 1e9).toFixed(2))).toBe(gWith);
      expect(Number((flopsWithoutCache(t) / 1e12).toFixed(2))).toBe(tWithout);
      expect(Math.round(flopsWithoutCache(t) / flopsWithCache(t))).toBe(ratio);
    }
  });

  it("sums to ≈ 27.5 TFLOPs with a cache and ≈ 27.8 PFLOPs without over 2048 tokens", () => {
    let withCache = 0;
    let without = 0;
    for (let t = 1; t <= 2048; t++) {
      withCache += flopsWithCache(t);
      without += flopsWithoutCache(t);
    }
    expect(withCache / 1e12).toBeCloseTo(27.5, 1);
    expect(without / 1e15).toBeCloseTo(27.8, 1);
  });
});

describe("read-outs", () => {
  it("say what the selected query sees and predicts, and what a step computes", () => {
    const text = readouts(DEFAULTS);
    expect(text.row).toContain("位置 3（吃）的 query 看到 <s> 我 喜欢 吃（4 个 key）");
    expect(text.row).toContain("预测 “苹果”");
    expect(text.mask).toBe(
      "因果 mask（n = 6）：可见 21 / 36 个位置（含对角线的下三角），屏蔽 15 个（严格上三角，置为 −∞）",
    );
    expect(text.work).toContain("有 KV cache 共算 6 行、21 个 q·k（无 KV cache 时为 21 行、56 个）");
    expect(readouts({ ...DEFAULTS, mode: "gen" }).row).toContain("其中 3 个的 K、V 来自缓存");
    expect(readouts({ ...DEFAULTS, mode: "gen", cache: "off" }).row).toContain("4 行、10 个 q·k");
    expect(readouts({ ...DEFAULTS, i: 5 }).flops).toContain("无 KV cache 77.32 GFLOPs（6.0 倍）");
  });
});
