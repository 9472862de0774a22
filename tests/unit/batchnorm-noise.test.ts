import { describe, expect, it } from "vitest";
import {
  analyse,
  BATCH_GRID,
  type BnState,
  batchNoise,
  batchStats,
  featureStream,
  MU,
  meanStd,
  noiseRows,
  normalise,
  PROBE,
  params,
  readouts,
  runningStats,
  runningVarStd,
  SIGMA,
  trainingBatches,
  varianceRelStd,
} from "../../components/demos/batchnorm-noise/model";
import { defaultState } from "../../src/lib/url-state";

const DEFAULTS: BnState = defaultState(params);
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: readonly number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));

describe("batch statistics and normalisation", () => {
  it("uses the biased variance: [1, 2, 3, 6] → mean 3, variance 3.5", () => {
    expect(batchStats([1, 2, 3, 6])).toEqual({ mean: 3, variance: 3.5 });
    expect(normalise(6, { mean: 3, variance: 3.5 })).toBeCloseTo(3 / Math.sqrt(3.5 + 1e-5), 15);
  });

  it("with m = 2 the two samples always normalise to ±1 (up to ε)", () => {
    for (const other of [-7, 0.3, 12, 20]) {
      const s = batchStats([PROBE, other]);
      expect(Math.abs(normalise(PROBE, s))).toBeCloseTo(1, 5);
      expect(normalise(PROBE, s) + normalise(other, s)).toBeCloseTo(0, 12);
    }
  });

  it("the theory values quoted in the article: √(2(m−1))/m = 0.61, 0.25, 0.088 for m = 4, 32, 256", () => {
    expect(varianceRelStd(4)).toBeCloseTo(0.612, 3);
    expect(varianceRelStd(32)).toBeCloseTo(0.246, 3);
    expect(varianceRelStd(256)).toBeCloseTo(0.0882, 4);
    expect(meanStd(4)).toBe(1.5);
    // The running variance's stationary spread for m = 4, momentum 0.1: about 1.7.
    expect(runningVarStd(4, 0.1)).toBeCloseTo(1.69, 2);
  });
});

describe("running statistics (PyTorch's update)", () => {
  it("matches a hand-computed two-step update with momentum 0.5", () => {
    const stats = [
      { mean: 2, variance: 3 },
      { mean: 4, variance: 6 },
    ];
    const path = runningStats(stats, 4, 0.5);
    // step 1: mean 0.5·0 + 0.5·2 = 1, var 0.5·1 + 0.5·3·4/3 = 2.5
    expect(path[1]).toMatchObject({ step: 1, mean: 1, variance: 2.5 });
    // step 2: mean 0.5·1 + 0.5·4 = 2.5, var 0.5·2.5 + 0.5·6·4/3 = 5.25
    expect(path[2]).toMatchObject({ step: 2, mean: 2.5, variance: 5.25 });
    expect(path[2].evalOut).toBeCloseTo((PROBE - 2.5) / Math.sqrt(5.25 + 1e-5), 15);
    // Before any step: PyTorch's initial running mean 0 and var 1.
    expect(path[0].evalOut).toBeCloseTo(PROBE, 4);
  });

  it("momentum 1 keeps only the last batch, with the unbiased variance", () => {
    const stats = [
      { mean: 1, variance: 2 },
      { mean: 3, variance: 9 },
    ];
    const last = runningStats(stats, 3, 1)[2];
    expect(last.mean).toBe(3);
    expect(last.variance).toBeCloseTo(13.5, 12);
  });

  it("the probe only borrows a slot: the running statistics see the fresh batch", () => {
    const a = trainingBatches(featureStream(3, 7), 4, 50);
    const draw = featureStream(3, 7);
    for (let t = 0; t < 50; t++) {
      const batch = [draw(), draw(), draw(), draw()];
      expect(a.stats[t]).toEqual(batchStats(batch));
      expect(a.train[t]).toBeCloseTo(normalise(PROBE, batchStats([PROBE, ...batch.slice(1)])), 12);
    }
  });
});

describe("the article's code cell, recomputed (its LCG, seed 7, N(2, 3²))", () => {
  let seed = 7;
  const uniform = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return (seed + 0.5) / 4294967296;
  };
  const draw = () => MU + SIGMA * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const rows = [2, 4, 8, 16, 32, 64, 256].map((m) => batchNoise(draw, m, 4000));
  const byM = (m: number) => rows.find((r) => r.m === m) ?? rows[0];
  // The cell then trains 300 steps with m = 4 and momentum 0.1 on the same random stream.
  const batches = trainingBatches(draw, 4, 300);
  const last = runningStats(batches.stats, 4, 0.1)[300];

  it("the probe normalises to 0.95 ± 0.50 (m = 4), 1.01 ± 0.22 (m = 32), 1.00 ± 0.076 (m = 256)", () => {
    expect(byM(4).probeMean).toBeCloseTo(0.95, 2);
    expect(byM(4).probeStd).toBeCloseTo(0.5, 2);
    expect(byM(32).probeMean).toBeCloseTo(1.01, 2);
    expect(byM(32).probeStd).toBeCloseTo(0.22, 2);
    expect(byM(256).probeMean).toBeCloseTo(1.0, 2);
    expect(byM(256).probeStd).toBeCloseTo(0.076, 3);
  });

  it("the spreads follow σ/√m and √(2(m−1))/m", () => {
    for (const r of rows) {
      expect(r.meanStd * SIGMA).toBeCloseTo(meanStd(r.m), 1);
      expect(r.varStd / varianceRelStd(r.m)).toBeGreaterThan(0.93);
      expect(r.varStd / varianceRelStd(r.m)).toBeLessThan(1.07);
    }
  });

  it("after 300 steps: running var 10.30 and the probe's eval output 0.876", () => {
    expect(last.variance).toBeCloseTo(10.3, 2);
    expect(last.evalOut).toBeCloseTo(0.876, 3);
  });
});

describe("the demo's simulation", () => {
  it("over 2000 seeds the running var averages 9.0 with a spread of about 1.7 (random, not biased)", () => {
    const finals = Array.from({ length: 2000 }, (_, s) => {
      const b = trainingBatches(featureStream(s + 1, 1004), 4, 300);
      return runningStats(b.stats, 4, 0.1)[300].variance;
    });
    expect(mean(finals)).toBeCloseTo(9.0, 0);
    expect(Math.abs(mean(finals) - 9)).toBeLessThan(0.15);
    expect(std(finals)).toBeGreaterThan(1.5);
    expect(std(finals)).toBeLessThan(1.9);
  });

  it("the noise figure covers the grid plus the current m, and its spreads shrink like 1/√m", () => {
    const rows = noiseRows(1, 5);
    expect(rows.map((r) => r.m)).toEqual([2, 4, 5, 8, 16, 32, 64, 128, 256]);
    expect(noiseRows(1, 4).map((r) => r.m)).toEqual([...BATCH_GRID]);
    const avg = (m: number, key: "meanStd" | "varStd" | "probeStd") =>
      mean([1, 2, 3, 4, 5, 6].map((s) => noiseRows(s, 4).find((r) => r.m === m)?.[key] ?? Number.NaN));
    for (const m of [4, 16, 64, 256]) {
      expect(avg(m, "meanStd") * Math.sqrt(m)).toBeGreaterThan(0.93);
      expect(avg(m, "meanStd") * Math.sqrt(m)).toBeLessThan(1.07);
      expect(avg(m, "varStd") / varianceRelStd(m)).toBeGreaterThan(0.9);
      expect(avg(m, "varStd") / varianceRelStd(m)).toBeLessThan(1.1);
    }
    expect(avg(256, "probeStd")).toBeLessThan(avg(16, "probeStd") / 3);
  });

  it("momentum only re-weights the same batches; steps cut the same run", () => {
    const a = analyse(DEFAULTS);
    const b = analyse({ ...DEFAULTS, momentum: 0.5 });
    const c = analyse({ ...DEFAULTS, steps: 100 });
    expect(b.train).toEqual(a.train);
    expect(c.train).toEqual(a.train.slice(0, 100));
    expect(c.running[100]).toEqual(a.running[100]);
    expect(a.running).toHaveLength(DEFAULTS.steps + 1);
  });

  it("a small momentum converges slowly: after 30 steps the eval output is still far from 1", () => {
    const slow = analyse({ ...DEFAULTS, momentum: 0.01 });
    const fast = analyse({ ...DEFAULTS, momentum: 0.5 });
    expect(slow.running[30].evalOut).toBeGreaterThan(2.5);
    expect(Math.abs(fast.running[30].evalOut - 1)).toBeLessThan(0.6);
  });

  it("reports the drawn numbers", () => {
    const a = analyse(DEFAULTS);
    const text = readouts(DEFAULTS);
    expect(text.noise).toContain("m = 4：batch 均值的标准差");
    expect(text.noise).toContain(`理论 σ/√m = 1.50`);
    expect(text.noise).toContain(`被归一化成 ${a.noise.probeMean.toFixed(2)} ± ${a.noise.probeStd.toFixed(2)}`);
    expect(text.running).toContain(`running var ${a.last.variance.toFixed(2)}`);
    expect(text.mismatch).toContain(`eval 模式下 x 的输出 ${a.last.evalOut.toFixed(3)}`);
    expect(readouts({ ...DEFAULTS, m: 2 }).noise).toContain("总是 ±1");
  });
});
