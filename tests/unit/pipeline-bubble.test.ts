import { describe, expect, it } from "vitest";
import { cellLabels, figures } from "../../components/demos/pipeline-bubble/chart";
import {
  bubbleFormula,
  gaps,
  type Op,
  order,
  type PipeState,
  params,
  peakInFlight,
  readouts,
  type Schedule,
  simulate,
  summary,
} from "../../components/demos/pipeline-bubble/model";
import { defaultState, parseValue } from "../../src/lib/url-state";

const BASE: PipeState = defaultState(params);
const SCHEDULES: Schedule[] = ["gpipe", "1f1b"];
/** Ops as "F1@0 0–1" strings, sorted by stage then start: easy to compare with a hand-drawn timeline. */
const timeline = (ops: readonly Op[]) =>
  [...ops]
    .sort((a, b) => a.stage - b.stage || a.start - b.start)
    .map((o) => `${o.kind}${o.mb}@${o.stage} ${o.start}–${o.end}`);
const indexes = new WeakMap<readonly Op[], Map<string, Op>>();
const find = (ops: readonly Op[], kind: "F" | "B", mb: number, stage: number) => {
  let index = indexes.get(ops);
  if (!index) {
    index = new Map(ops.map((o) => [`${o.kind}${o.mb}@${o.stage}`, o]));
    indexes.set(ops, index);
  }
  const op = index.get(`${kind}${mb}@${stage}`);
  if (!op) throw new Error(`missing ${kind}${mb}@${stage}`);
  return op;
};

describe("hand-computed schedules", () => {
  it("GPipe, K = 2, M = 2, backward = forward: fill, drain and 1/3 idle", () => {
    const ops = simulate("gpipe", 2, 2, 1);
    expect(timeline(ops)).toEqual([
      "F1@0 0–1",
      "F2@0 1–2",
      "B1@0 4–5", // waits for stage 1's B1
      "B2@0 5–6",
      "F1@1 1–2",
      "F2@1 2–3",
      "B1@1 3–4",
      "B2@1 4–5",
    ]);
    expect(gaps(ops, 2, 6)).toEqual([
      { stage: 0, start: 2, end: 4 },
      { stage: 1, start: 0, end: 1 },
      { stage: 1, start: 5, end: 6 },
    ]);
    const m = summary({ ...BASE, K: 2, M: 2, ratio: 1, schedule: "gpipe" });
    expect(m.total).toBe(6);
    expect(m.bubble).toBeCloseTo(1 / 3, 12);
    expect(m.peaks).toEqual([2, 2]);
  });

  it("1F1B, K = 2, M = 2: stage 0 warms up with one forward, then alternates", () => {
    expect(order("1f1b", 2, 2, 0)).toEqual([
      { kind: "F", mb: 1 },
      { kind: "F", mb: 2 },
      { kind: "B", mb: 1 },
      { kind: "B", mb: 2 },
    ]);
    expect(order("1f1b", 2, 2, 1)).toEqual([
      { kind: "F", mb: 1 },
      { kind: "B", mb: 1 },
      { kind: "F", mb: 2 },
      { kind: "B", mb: 2 },
    ]);
    expect(timeline(simulate("1f1b", 2, 2, 1))).toEqual([
      "F1@0 0–1",
      "F2@0 1–2",
      "B1@0 3–4",
      "B2@0 5–6",
      "F1@1 1–2",
      "B1@1 2–3",
      "F2@1 3–4",
      "B2@1 4–5",
    ]);
  });

  it("the article's setting, K = 4, M = 8, backward = 2 × forward: 33 units, 27.3% idle", () => {
    for (const schedule of SCHEDULES) {
      const m = summary({ K: 4, M: 8, ratio: 2, schedule });
      expect(m.total).toBe(33);
      expect(m.busy).toBe(24);
      expect(m.bubble).toBeCloseTo(3 / 11, 12);
    }
    expect(summary({ K: 4, M: 8, ratio: 2, schedule: "gpipe" }).peaks).toEqual([8, 8, 8, 8]);
    expect(summary({ K: 4, M: 8, ratio: 2, schedule: "1f1b" }).peaks).toEqual([4, 3, 2, 1]);
    // GPipe: the last forward leaves stage 3 at M + K − 1 = 11; stage 0's last backward ends at 33.
    const ops = simulate("gpipe", 4, 8, 2);
    expect(find(ops, "F", 8, 3).end).toBe(11);
    expect(find(ops, "B", 8, 0).end).toBe(33);
  });

  it("M = 1 is naive layer-wise parallelism: only one stage works at a time", () => {
    const m = summary({ K: 4, M: 1, ratio: 1, schedule: "gpipe" });
    expect(m.total).toBe(8);
    expect(m.bubble).toBeCloseTo(3 / 4, 12);
  });
});

describe("invariants over every setting of the controls", () => {
  const settings: PipeState[] = [];
  for (let K = params.K.min; K <= params.K.max; K++) {
    for (let M = params.M.min; M <= params.M.max; M++) {
      for (const ratio of params.ratio.options)
        for (const schedule of SCHEDULES) settings.push({ K, M, ratio, schedule });
    }
  }

  it("idle fraction is (K−1)/(M+K−1) for both schedules, and the total is (M+K−1)·(1+ratio)", () => {
    for (const s of settings) {
      const m = summary(s);
      expect(m.bubble).toBeCloseTo(bubbleFormula(s.K, s.M), 12);
      expect(m.total).toBeCloseTo((s.M + s.K - 1) * (1 + s.ratio), 12);
      // The gaps add up to the same idle time.
      const idle = m.gaps.reduce((t, g) => t + g.end - g.start, 0);
      expect(idle / (s.K * m.total)).toBeCloseTo(m.bubble, 12);
    }
  });

  it("stage 0 holds M activations under GPipe and min(K, M) under 1F1B; stage s at most min(K − s, M)", () => {
    for (const s of settings) {
      const m = summary(s);
      if (s.schedule === "gpipe") expect(m.peaks).toEqual(new Array(s.K).fill(s.M));
      else expect(m.peaks).toEqual(Array.from({ length: s.K }, (_, st) => Math.min(s.K - st, s.M)));
    }
    expect(peakInFlight(simulate("1f1b", 8, 32, 2), 0)).toBe(8);
    expect(peakInFlight(simulate("gpipe", 8, 32, 2), 0)).toBe(32);
    expect(peakInFlight(simulate("1f1b", 8, 3, 2), 0)).toBe(3);
  });

  it("respects dependencies: forwards flow down the stages, backwards flow back up", () => {
    const broken: string[] = [];
    for (const s of settings) {
      const ops = simulate(s.schedule, s.K, s.M, s.ratio);
      expect(ops).toHaveLength(2 * s.K * s.M);
      const at = `${s.schedule} K=${s.K} M=${s.M} ratio=${s.ratio}`;
      for (const op of ops) {
        const name = `${op.kind}${op.mb}@${op.stage}`;
        if (op.end - op.start !== (op.kind === "F" ? 1 : s.ratio)) broken.push(`${at}: ${name} has the wrong length`);
        if (op.kind === "F" && op.stage > 0 && op.start < find(ops, "F", op.mb, op.stage - 1).end) {
          broken.push(`${at}: ${name} starts before the previous stage's forward ends`);
        }
        if (op.kind === "B") {
          const before = op.stage < s.K - 1 ? find(ops, "B", op.mb, op.stage + 1) : find(ops, "F", op.mb, op.stage);
          if (op.start < before.end)
            broken.push(`${at}: ${name} starts before ${before.kind}${before.mb}@${before.stage} ends`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it("no stage runs two operations at once, and each runs every forward and backward once", () => {
    const broken: string[] = [];
    for (const s of settings) {
      const ops = simulate(s.schedule, s.K, s.M, s.ratio);
      const at = `${s.schedule} K=${s.K} M=${s.M} ratio=${s.ratio}`;
      for (let stage = 0; stage < s.K; stage++) {
        const mine = ops.filter((o) => o.stage === stage).sort((a, b) => a.start - b.start);
        for (let i = 1; i < mine.length; i++) {
          if (mine[i].start < mine[i - 1].end) broken.push(`${at}: stage ${stage} overlaps at ${mine[i].start}`);
        }
        if (new Set(mine.map((o) => `${o.kind}${o.mb}`)).size !== 2 * s.M)
          broken.push(`${at}: stage ${stage} misses an op`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("more micro-batches always lower the bubble", () => {
    for (let K = 2; K <= 8; K++) {
      for (let M = 2; M <= 32; M++) expect(bubbleFormula(K, M)).toBeLessThan(bubbleFormula(K, M - 1));
    }
  });
});

describe("controls, read-outs and figures", () => {
  it("accepts only the controls' ranges from a link", () => {
    expect(BASE).toEqual({ K: 4, M: 8, schedule: "gpipe", ratio: 2 });
    expect(parseValue(params.K, "8")).toBe(8);
    expect(parseValue(params.K, "9")).toBeUndefined();
    expect(parseValue(params.K, "1")).toBeUndefined();
    expect(parseValue(params.M, "2.5")).toBeUndefined();
    expect(parseValue(params.M, "33")).toBeUndefined();
    expect(parseValue(params.ratio, "2")).toBe(2);
    expect(parseValue(params.ratio, "4")).toBeUndefined();
    expect(parseValue(params.schedule, "interleaved")).toBeUndefined();
  });

  it("state the article's numbers by default and after switching to 1F1B", () => {
    const r = readouts(BASE);
    expect(r.time).toBe(
      "GPipe 总时长 33 个时间单位（前向 1、反向 2）：每个 stage 只算 M·(1+2) = 24，其余是填满与排空流水线的等待",
    );
    expect(r.bubble).toBe("气泡占比 27.3%，即 (K−1)/(M+K−1) = 3/11；Megatron 的写法“气泡/有效计算” (K−1)/M = 37.5%");
    expect(r.memory).toBe(
      "第一个 stage（stage 0）峰值在存激活 8 个 micro-batch（1F1B 为 min(K, M) = 4）；各 stage 8/8/8/8",
    );
    const f = readouts({ ...BASE, schedule: "1f1b" });
    expect(f.bubble).toBe(r.bubble);
    expect(f.memory).toBe("第一个 stage（stage 0）峰值在存激活 4 个 micro-batch（GPipe 为 M = 8）；各 stage 4/3/2/1");
  });

  it("draws one bar per operation over a grey band per stage, and labels cells only when they fit", () => {
    const marks = (s: PipeState, width = 440) =>
      Object.fromEntries(
        (figures(s, { width }).gantt.marks ?? []).map((mark, i) => {
          const m = mark as { className?: string; data?: unknown[] };
          return [m.className ? `${m.className}${i}` : `mark${i}`, m.data?.length ?? 0];
        }),
      );
    const base = marks(BASE);
    const m = summary(BASE);
    expect(base["pipe-idle0"]).toBe(4);
    expect(base["pipe-fwd1"]).toBe(32);
    expect(base["pipe-bwd2"]).toBe(32);
    // At 440 px a forward of the default is ~11 px wide, too narrow for a label; a backward (~22 px) has one.
    expect(base["pipe-label3"]).toBe(0);
    expect(base["pipe-label4"]).toBe(32);
    expect(marks(BASE, 800)["pipe-label3"]).toBe(32);
    // K = 8, M = 32 at phone width: far too narrow, nothing is labelled.
    const dense = marks({ K: 8, M: 32, schedule: "1f1b", ratio: 2 }, 340);
    expect(dense["pipe-label3"] + dense["pipe-label4"]).toBe(0);
    expect(cellLabels(m.ops, 1)).toEqual([]);
    expect(cellLabels(m.ops, 100)).toHaveLength(64);
  });
});
