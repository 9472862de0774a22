import { describe, expect, it } from "vitest";
import {
  ALIGN,
  type CrossState,
  crossAttention,
  D_K,
  decoderStates,
  GAIN,
  MAX_PAD,
  memory,
  outputShift,
  params,
  readouts,
  SOURCE,
  shownWeights,
  softmax,
  TARGET,
} from "../../components/demos/cross-attention/model";
import { defaultState } from "../../src/lib/url-state";

const BASE: CrossState = defaultState(params);
const argmax = (row: readonly number[]) => row.indexOf(Math.max(...row));

describe("shapes and normalisation", () => {
  it("weights are T × S (target × source, not square) and every row sums to 1", () => {
    for (let pad = 0; pad <= MAX_PAD; pad++) {
      for (const masked of [true, false]) {
        const r = crossAttention(pad, masked);
        expect(r.source).toHaveLength(SOURCE.length + pad);
        for (const W of r.weights) {
          expect(W).toHaveLength(TARGET.length);
          for (const row of W) {
            expect(row).toHaveLength(SOURCE.length + pad);
            expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
          }
        }
        expect(r.output).toHaveLength(TARGET.length); // the output follows the query side
      }
    }
  });

  it("softmax gives −∞ exactly 0", () => {
    expect(softmax([0, -Infinity, 0])).toEqual([0.5, 0, 0.5]);
  });

  it("a weight equals softmax(g²·(x·m)/√d_k) over the head's slice, computed by hand", () => {
    const X = decoderStates();
    const M = memory(2);
    const i = 1;
    const scores = M.map(
      (m) => (GAIN[0] ** 2 * X[i].slice(0, D_K).reduce((s, x, t) => s + x * m[t], 0)) / Math.sqrt(D_K),
    );
    const e = scores.map((z) => Math.exp(z));
    const sum = e.reduce((a, b) => a + b, 0);
    const unmasked = crossAttention(2, false).weights[0][i];
    e.forEach((v, j) => {
      expect(unmasked[j]).toBeCloseTo(v / sum, 12);
    });
  });
});

describe("the two heads", () => {
  it("head 1 follows the alignment, including the reordering 昨天 → yesterday", () => {
    const W = crossAttention(0, true).weights[0];
    expect(W.map(argmax)).toEqual([...ALIGN]);
    expect(SOURCE[argmax(W[1])]).toBe("yesterday");
    expect(W[1][5]).toBeGreaterThan(0.8);
  });

  it("head 2 moves monotonically along the diagonal and misses the reordering", () => {
    const W = crossAttention(0, true).weights[1];
    const peaks = W.map(argmax);
    for (let i = 1; i < peaks.length; i++) expect(peaks[i]).toBeGreaterThanOrEqual(peaks[i - 1]);
    expect(SOURCE[peaks[1]]).not.toBe("yesterday");
  });

  it("the average is the mean of the two heads", () => {
    const r = crossAttention(1, true);
    const avg = shownWeights(r, "avg");
    expect(avg[3][2]).toBeCloseTo((r.weights[0][3][2] + r.weights[1][3][2]) / 2, 15);
    expect(shownWeights(r, "2")).toBe(r.weights[1]);
  });
});

describe("source padding mask", () => {
  it("with the mask, pad columns get exactly 0 and the output is identical to the unpadded one", () => {
    for (let pad = 1; pad <= MAX_PAD; pad++) {
      const r = crossAttention(pad, true);
      for (const W of r.weights) for (const row of W) for (const w of row.slice(SOURCE.length)) expect(w).toBe(0);
      expect(outputShift(pad, true)).toBe(0);
    }
  });

  it("without it, pads take weight (most in the last rows, next to the sentence end) and change the output", () => {
    const r = crossAttention(3, false);
    const mass = shownWeights(r, "avg").map((row) => row.slice(SOURCE.length).reduce((a, b) => a + b, 0));
    for (const m of mass) expect(m).toBeGreaterThan(0.03);
    expect(argmax(mass)).toBe(TARGET.length - 1);
    expect(outputShift(3, false)).toBeGreaterThan(0.05);
    expect(outputShift(0, false)).toBe(0);
  });
});

describe("read-outs", () => {
  it("default: 昨天 looks at yesterday, 3 pads masked, output unchanged", () => {
    const r = readouts(BASE);
    expect(r.row).toContain("目标 “昨天” 最关注源端 “yesterday”");
    expect(r.row).toContain("<pad> 合计 0.00，整行之和 1.000");
    expect(r.row).toContain("T × S = 7 × 9");
    expect(r.pad).toContain("3 个 <pad> 列被屏蔽，权重恰为 0");
    expect(r.pad).toContain("最大差 0）");
  });

  it("mask off: reports the pad share and the worst row", () => {
    const r = readouts({ ...BASE, mask: "off" });
    expect(r.pad).toMatch(/3 个 <pad> 列平均分走 \d+\.\d% 的权重，最多的是 “猫” 一行/);
    expect(readouts({ ...BASE, pad: 0 }).pad).toContain("没有 padding");
  });
});
