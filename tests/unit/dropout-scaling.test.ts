import { describe, expect, it } from "vitest";
import { figures } from "../../components/demos/dropout-scaling/chart";
import {
  A,
  type DropState,
  exact,
  keptCounts,
  keptPmf,
  params,
  readouts,
  scales,
  simulate,
  trainValue,
  VARIANTS,
} from "../../components/demos/dropout-scaling/model";
import { defaultState, parseValue } from "../../src/lib/url-state";

const BASE: DropState = defaultState(params);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe("scaling of the four variants", () => {
  it("rate 0.5 by hand: inverted ×2 at train, identity at inference; the original halves at inference", () => {
    expect(scales("inverted", 0.5)).toEqual({ train: 2, eval: 1 });
    expect(scales("standard", 0.5)).toEqual({ train: 1, eval: 0.5 });
    expect(scales("double", 0.5)).toEqual({ train: 2, eval: 0.5 });
    expect(scales("rate", 0.5)).toEqual({ train: 1, eval: 0.5 });
    // Inverted: E[train] = 2·0.5·2 = 2 = inference, exactly.
    const inv = exact("inverted", 0.5, 1);
    expect(inv.mean).toBe(2);
    expect(inv.inference).toBe(2);
    expect(inv.ratio).toBe(1);
    // Original 2014 scheme (Hinton et al. 2012 halve the outgoing weights): E[train] = 1 = inference.
    const std = exact("standard", 0.5, 1);
    expect(std.mean).toBe(1);
    expect(std.inference).toBe(1);
  });

  it("the article's cell (a = 2, p = 0.3): ratios 1, 1, 0.70 and 0.43, inverted std √(a²p/q) ≈ 1.309", () => {
    expect(exact("inverted", 0.3, 1).ratio).toBeCloseTo(1, 12);
    expect(exact("standard", 0.3, 1).ratio).toBeCloseTo(1, 12);
    expect(exact("double", 0.3, 1).ratio).toBeCloseTo(0.7, 12);
    expect(exact("rate", 0.3, 1).ratio).toBeCloseTo(0.3 / 0.7, 12);
    expect(Math.sqrt(exact("inverted", 0.3, 1).variance)).toBeCloseTo(1.309, 3);
    expect(exact("double", 0.3, 1).inference).toBeCloseTo(1.4, 12);
  });

  it("correct variants match at every rate; scaling twice under-shoots by exactly 1 − p; p/q for the drop rate", () => {
    for (let p = 0; p <= 0.9 + 1e-9; p += 0.05) {
      for (const n of [1, 3, 16]) {
        expect(exact("inverted", p, n).ratio).toBeCloseTo(1, 12);
        expect(exact("standard", p, n).ratio).toBeCloseTo(1, 12);
        expect(exact("double", p, n).ratio).toBeCloseTo(1 - p, 12);
        expect(exact("rate", p, n).ratio).toBeCloseTo(p / (1 - p), 12);
        // Inverted keeps the expectation at the no-dropout value A; the original shrinks it to q·A.
        expect(exact("inverted", p, n).mean).toBeCloseTo(A, 12);
        expect(exact("standard", p, n).mean).toBeCloseTo((1 - p) * A, 12);
      }
    }
  });

  it("rate 0 is the identity for every variant except multiplying by the drop rate (which zeroes it)", () => {
    for (const v of ["inverted", "standard", "double"] as const) {
      expect(scales(v, 0)).toEqual({ train: 1, eval: 1 });
      const s = simulate({ ...BASE, variant: v, p: 0 });
      expect(s.bins.map((b) => b.share)).toEqual([...new Array(BASE.n).fill(0), 1]);
      expect(s.mcMean).toBe(A);
      expect(s.mcVariance).toBe(0);
      expect(s.exact.inference).toBe(A);
    }
    expect(exact("rate", 0, 8).inference).toBe(0);
  });

  it("variance is c²·A²·p·q/n: inverted, p = 0.5 is 2²·2²·0.25/n = 4/n; larger n averages it down", () => {
    expect(exact("inverted", 0.5, 1).variance).toBeCloseTo(4, 12); // a²·p/q with a = 2
    expect(exact("inverted", 0.5, 4).variance).toBeCloseTo(1, 12);
    expect(exact("inverted", 0.5, 16).variance).toBeCloseTo(0.25, 12);
    expect(exact("standard", 0.5, 4).variance).toBeCloseTo(0.25, 12);
  });
});

describe("exact distribution and Monte Carlo", () => {
  it("the kept count is Binomial(n, q): C(3, k)·0.7ᵏ·0.3³⁻ᵏ by hand, and sums to 1", () => {
    const pmf = keptPmf(3, 0.3);
    expect(pmf[0]).toBeCloseTo(0.027, 12);
    expect(pmf[1]).toBeCloseTo(0.189, 12);
    expect(pmf[2]).toBeCloseTo(0.441, 12);
    expect(pmf[3]).toBeCloseTo(0.343, 12);
    for (const n of [1, 8, 16]) for (const p of [0, 0.3, 0.9]) expect(sum(keptPmf(n, p))).toBeCloseTo(1, 12);
    // Outputs are evenly spaced: k kept inputs of n, each contributing A/n, times the train scale.
    expect(trainValue(3, 8, 1 / 0.7)).toBeCloseTo((3 * 0.25) / 0.7, 12);
  });

  it("is deterministic per seed, and another seed draws other masks", () => {
    expect(keptCounts(1, 500, 8, 0.3)).toEqual(keptCounts(1, 500, 8, 0.3));
    expect(keptCounts(2, 500, 8, 0.3)).not.toEqual(keptCounts(1, 500, 8, 0.3));
    expect(simulate(BASE)).toEqual(simulate({ ...BASE }));
  });

  it("for one seed, a higher drop rate never keeps more inputs in any pass", () => {
    const low = keptCounts(7, 1000, 8, 0.2);
    const high = keptCounts(7, 1000, 8, 0.6);
    for (let t = 0; t < low.length; t++) expect(high[t]).toBeLessThanOrEqual(low[t]);
  });

  it("the variant only rescales the same masks: the original's outputs are q times the inverted ones", () => {
    const inv = simulate({ ...BASE, variant: "inverted" });
    const std = simulate({ ...BASE, variant: "standard" });
    expect(std.bins.map((b) => b.share)).toEqual(inv.bins.map((b) => b.share));
    expect(std.mcMean).toBeCloseTo(0.7 * inv.mcMean, 12);
    expect(std.mcVariance).toBeCloseTo(0.49 * inv.mcVariance, 12);
  });

  it("Monte-Carlo mean and variance land near the exact values (within 4 standard errors)", () => {
    for (const variant of VARIANTS) {
      for (const p of [0.1, 0.5, 0.9]) {
        for (const n of [1, 8]) {
          for (const seed of [1, 2, 3]) {
            const s = simulate({ ...BASE, variant, p, n, seed, samples: 10000 });
            const se = Math.sqrt(s.exact.variance / 10000);
            expect(Math.abs(s.mcMean - s.exact.mean)).toBeLessThan(4 * se + 1e-12);
            expect(Math.abs(s.mcVariance - s.exact.variance)).toBeLessThan(0.15 * s.exact.variance + 1e-12);
            expect(sum(s.bins.map((b) => b.share))).toBeCloseTo(1, 12);
          }
        }
      }
    }
  });
});

describe("parameters, read-outs and figures", () => {
  it("validates link values", () => {
    expect(parseValue(params.p, "0.5")).toBe(0.5);
    expect(parseValue(params.p, "0.95")).toBeUndefined();
    expect(parseValue(params.n, "2.5")).toBeUndefined();
    expect(parseValue(params.samples, "10000")).toBe(10000);
    expect(parseValue(params.samples, "500")).toBeUndefined();
    expect(parseValue(params.variant, "double")).toBe("double");
    expect(parseValue(params.variant, "twice")).toBeUndefined();
  });

  it("state the default numbers: seeded mean 2.02 vs inference 2.00, ratio 1.00", () => {
    const r = readouts(BASE);
    expect(r.train).toBe(
      "训练期输出（1000 个 seeded 掩码，q = 0.70）：蒙特卡洛均值 2.02，理论期望 2.00；标准差 0.47（理论 0.46，推理时为 0）",
    );
    expect(r.inference).toBe("推理输出 2.00：推理 / 训练期期望 = 1.00，一致，缩放恰好一次；按蒙特卡洛均值算为 0.99");
    expect(r.scheme).toBe("inverted：训练时保留的输入 ×1/q = ×1.43，推理原样输出。不加 dropout 时该单元输出 2.00");
  });

  it("name each mistake's factor, the p = 0 identity and the p = 0.5 coincidence", () => {
    expect(readouts({ ...BASE, variant: "double" }).inference).toContain(
      "推理输出 1.40：推理 / 训练期期望 = 0.70，推理输出偏小，是期望的 0.70 倍（= q = 1 − p）",
    );
    expect(readouts({ ...BASE, variant: "rate" }).inference).toContain("是期望的 0.43 倍（= p/q）");
    expect(readouts({ ...BASE, variant: "rate", p: 0.8 }).inference).toContain("推理输出偏大，是期望的 4.00 倍");
    expect(readouts({ ...BASE, variant: "double", p: 0 }).inference).toContain("p = 0 时不丢弃，各写法都是恒等");
    expect(readouts({ ...BASE, variant: "rate", p: 0.5 }).inference).toContain("数值巧合一致");
  });

  it("never divide by a zero Monte-Carlo mean (p = 0.9, one input, few passes)", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const r = readouts({ ...BASE, p: 0.9, n: 1, samples: 100, seed });
      expect(r.inference).not.toMatch(/NaN|Infinity/);
    }
  });

  it("figures mark the mean and the inference output, and keep every output inside the axis", () => {
    for (const variant of VARIANTS) {
      for (const p of [0, 0.3, 0.9]) {
        for (const n of [1, 16]) {
          const f = figures({ ...BASE, variant, p, n }, { width: 440 });
          expect(Object.keys(f)).toEqual(["outputs", "ratio"]);
          const [lo, hi] = (f.outputs.x as { domain: number[] }).domain;
          const sim = simulate({ ...BASE, variant, p, n });
          for (const b of sim.bins) expect(b.value >= lo && b.value <= hi).toBe(true);
          expect(sim.exact.inference).toBeLessThanOrEqual(hi);
          expect(f.outputs.ariaDescription).toContain(`推理 / 期望 = ${sim.exact.ratio.toFixed(2)}`);
        }
      }
    }
  });
});
