import { describe, expect, it } from "vitest";
import { straightRuns } from "../../components/demos/init-variance/chart";
import {
  analyse,
  gammaSample,
  gaussianMean,
  type InitVarianceState,
  kaimingBand,
  MAX_DEPTH,
  meanFieldRms,
  params,
  quantile,
  RELU_PATHS,
  readouts,
  reluDrift,
  reluKaimingBand,
  run,
  SCHEMES,
  tanhSeeds,
  variance,
} from "../../components/demos/init-variance/model";
import { logLabel, logTicks } from "../../components/ui/demo/log-axis";
import { gaussian, mulberry32 } from "../../src/lib/rng";
import { defaultState } from "../../src/lib/url-state";

const BASE: InitVarianceState = defaultState(params);
const at = (patch: Partial<InitVarianceState>): InitVarianceState => ({ ...BASE, ...patch });
const median = (xs: number[]) =>
  quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

describe("the three schemes for a square layer", () => {
  it("N(0,1) has variance 1, Xavier 2/(n+n) = 1/n, Kaiming 2/n", () => {
    expect(variance("normal", 128)).toBe(1);
    expect(variance("xavier", 128)).toBe(1 / 128);
    expect(variance("kaiming", 128)).toBe(2 / 128);
    // the article's pitfall: std √(2/(512+512)) = 0.044, not 0.21
    expect(Math.sqrt(variance("xavier", 512))).toBeCloseTo(0.0442, 4);
  });
});

describe("infinite-width (mean-field) RMS", () => {
  it("ReLU: ×√(nσ²/2) a layer — 8 for N(0,1) at n = 128, √½ for Xavier, 1 for Kaiming", () => {
    const normal = meanFieldRms("relu", "normal", 128);
    expect(normal[1]).toBeCloseTo(8, 12);
    expect(normal[50]).toBeCloseTo(8 ** 50, -30);
    expect(meanFieldRms("relu", "xavier", 128)[50]).toBeCloseTo(2 ** -25, 20); // ≈ 3×10⁻⁸
    expect(meanFieldRms("relu", "kaiming", 128).every((v) => v === 1)).toBe(true);
  });

  it("tanh: Xavier decays like 1/√(2l) (0.10 at layer 50), Kaiming settles near 0.556, N(0,1) near 0.96", () => {
    const xavier = meanFieldRms("tanh", "xavier", 128);
    expect(xavier[50]).toBeCloseTo(0.101, 3);
    expect(xavier[50] * Math.sqrt(2 * 50)).toBeGreaterThan(0.95);
    expect(xavier[50] * Math.sqrt(2 * 50)).toBeLessThan(1.1);
    expect(meanFieldRms("tanh", "kaiming", 128)[50]).toBeCloseTo(0.556, 3);
    expect(meanFieldRms("tanh", "normal", 128)[50]).toBeCloseTo(0.963, 2);
  });

  it("the quadrature stays accurate for tanh's saturated pre-activations (q ≈ n)", () => {
    // E[tanh(z)²] for z ~ N(0, q) tends to 1 − E[sech²] ≈ 1 − √(2/π)·(1/√q)·… : compare with a fine Riemann sum
    for (const q of [1, 100, 500]) {
      const s = Math.sqrt(q);
      let fine = 0;
      const h = 1e-4;
      for (let z = -9; z <= 9; z += h) fine += Math.tanh(s * z) ** 2 * Math.exp(-0.5 * z * z) * h;
      fine /= Math.sqrt(2 * Math.PI);
      expect(gaussianMean((z) => Math.tanh(z) ** 2, q)).toBeCloseTo(fine, 6);
    }
    expect(gaussianMean((z) => z * z, 7)).toBeCloseTo(7, 10);
  });
});

describe("a seeded run", () => {
  it("is deterministic, and another seed draws another network", () => {
    expect(run("relu", 64, 3).rms.kaiming).toEqual(run("relu", 64, 3).rms.kaiming);
    expect(run("relu", 64, 4).rms.kaiming[10]).not.toBe(run("relu", 64, 3).rms.kaiming[10]);
    expect(run("relu", 64, 3).rms.kaiming).toHaveLength(MAX_DEPTH + 1);
  });

  it("ReLU curves are exactly parallel: (σ₁/σ₂)^l apart at layer l", () => {
    const r = run("relu", 128, 1);
    for (let l = 0; l <= MAX_DEPTH; l++) {
      expect(r.rms.normal[l] / r.rms.kaiming[l] / 8 ** l).toBeCloseTo(1, 9);
      expect(r.rms.xavier[l] / r.rms.kaiming[l] / Math.SQRT1_2 ** l).toBeCloseTo(1, 9);
    }
  });

  it("matches a real network of Gaussian matrices in distribution (layer-1 and layer-5 second moments)", () => {
    // Real matrices: W x with W ~ N(0, 2/n), n = 32, over 300 networks; against the sampler over 300 seeds.
    const n = 32;
    const normal = gaussian(mulberry32(99));
    const real: number[] = [];
    for (let t = 0; t < 300; t++) {
      let h = Float64Array.from({ length: n }, normal);
      for (let l = 0; l < 5; l++) {
        const z = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += normal() * Math.sqrt(2 / n) * h[j];
          z[i] = s;
        }
        h = z.map((v) => (v > 0 ? v : 0));
      }
      real.push(Math.sqrt(h.reduce((s, v) => s + v * v, 0) / n));
    }
    const sampled = Array.from({ length: 300 }, (_, k) => run("relu", n, 500 + k).rms.kaiming[5]);
    const meanSq = (xs: number[]) => xs.reduce((s, v) => s + v * v, 0) / xs.length;
    expect(meanSq(real)).toBeCloseTo(1, 0);
    expect(meanSq(sampled)).toBeCloseTo(1, 0);
    expect(Math.abs(median(real) - median(sampled))).toBeLessThan(0.1);
  });

  it("tanh + N(0,1) looks healthy (RMS ≈ 0.96) but is saturated: mean tanh′ ≈ 0.1; Xavier stays linear", () => {
    const r = run("tanh", 128, 3);
    expect(r.rms.normal[50]).toBeGreaterThan(0.9);
    expect(r.slope.normal[49]).toBeLessThan(0.15);
    expect(r.slope.xavier[49]).toBeGreaterThan(0.98);
    // near the linear regime the finite-width random walk spreads it around the mean-field 0.10
    expect(r.rms.xavier[50]).toBeGreaterThan(0.02);
    expect(r.rms.xavier[50]).toBeLessThan(0.2);
    expect(r.rms.kaiming[50]).toBeGreaterThan(0.45);
    expect(r.rms.kaiming[50]).toBeLessThan(0.65);
  });
});

describe("finite-width drift of ReLU + Kaiming", () => {
  it("the sampler (χ²_K with K ~ Bin(n, ½) a layer) agrees with full runs", () => {
    const n = 64;
    const band = reluKaimingBand(n);
    expect(band.count).toBe(RELU_PATHS);
    const runs = Array.from({ length: 600 }, (_, k) => run("relu", n, 1 + k, ["kaiming"]).rms.kaiming[50]).sort(
      (a, b) => a - b,
    );
    for (const [p, value] of [
      [0.1, band.p10[50]],
      [0.5, band.median[50]],
      [0.9, band.p90[50]],
    ] as const) {
      // sampling error of a 10% quantile of log RMS (sd ≈ 1 here) over 600 runs is ≈ 0.07
      expect(Math.abs(Math.log(quantile(runs, p) / value)), `quantile ${p}`).toBeLessThan(0.25);
    }
  });

  it("the median sinks like e^(−5l/(4n)): ≈ 0.61 at n = 128, ≈ 0.89 at 512, far lower at 16", () => {
    expect(reluDrift(50, 128)).toBeCloseTo(0.614, 3);
    for (const n of [128, 256, 512]) {
      const band = reluKaimingBand(n);
      expect(Math.abs(Math.log(band.median[50] / reluDrift(50, n)))).toBeLessThan(0.08);
    }
    const narrow = reluKaimingBand(16);
    expect(narrow.median[50]).toBeLessThan(0.03);
    // the spread: log RMS has standard deviation ≈ ½√(5l/n), so 10%–90% ≈ e^(±1.28·0.70) at n = 128
    const band = reluKaimingBand(128);
    expect(Math.log(band.p90[50] / band.p10[50])).toBeCloseTo(2 * 1.2816 * 0.5 * Math.sqrt(250 / 128), 0);
    expect(band.p10[50]).toBeLessThan(band.median[50]);
    expect(band.median[50]).toBeLessThan(band.p90[50]);
  });

  it("the band narrows with width", () => {
    const spread = (n: number) => {
      const b = kaimingBand("relu", n);
      return b.p90[50] / b.p10[50];
    };
    expect(spread(512)).toBeLessThan(spread(128));
    expect(spread(128)).toBeLessThan(spread(16));
    const tanh = kaimingBand("tanh", 128);
    expect(tanh.p90[50] / tanh.p10[50]).toBeLessThan(1.3); // tanh's spread is small
    expect(tanh.count).toBe(100);
    expect(tanhSeeds(512)).toBe(25);
  });

  it("Gamma sampling has the right mean and variance (shape 0.5 and 40)", () => {
    const uniform = mulberry32(5);
    const normal = gaussian(uniform);
    for (const a of [0.5, 40]) {
      const xs = Array.from({ length: 20_000 }, () => gammaSample(a, normal, uniform));
      const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
      const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
      expect(mean / a).toBeCloseTo(1, 1);
      expect(v / a).toBeCloseTo(1, 1);
    }
  });
});

describe("every control at its ends", () => {
  it("gives finite numbers and complete read-outs", () => {
    for (const act of ["relu", "tanh"] as const) {
      for (const patch of [
        { L: params.L.min },
        { L: params.L.max },
        { n: params.n.min },
        { n: params.n.max },
        { seed: params.seed.max },
      ]) {
        const s = at({ act, ...patch });
        const a = analyse(s);
        for (const scheme of SCHEMES) expect(a.run.rms[scheme].slice(0, s.L + 1).every(Number.isFinite)).toBe(true);
        for (const text of Object.values(readouts(s))) expect(text).not.toMatch(/NaN|Infinity|undefined/);
      }
    }
    // the widest ReLU + N(0,1): √(512/2) = 16 a layer, 16⁵⁰ ≈ 1.6×10⁶⁰ — still a finite double
    expect(analyse(at({ n: 512 })).run.rms.normal[50]).toBeGreaterThan(1e59);
  });
});

describe("read-outs", () => {
  it("give the last layer per scheme, the mean-field values and the spread", () => {
    const r = readouts(BASE);
    expect(r.last).toMatch(
      /^第 50 层激活的 RMS（种子 1，宽 128）：N\(0,1\) [\d.]+×10⁴⁴，Xavier [\d.]+×10⁻⁸，Kaiming [\d.]+$/,
    );
    expect(r.meanField).toBe("无限宽（平均场）预测第 50 层：N(0,1) 1.4×10⁴⁵，Xavier 3.0×10⁻⁸，Kaiming 1");
    expect(r.drift).toContain(`Kaiming 的有限宽度涨落（${RELU_PATHS} 个随机网络）：第 50 层中位数 0.6`);
    expect(r.drift).toContain("无限宽时为 1，e^(−5L/(4n)) = 0.61");
    const t = readouts(at({ act: "tanh" }));
    expect(t.last).toContain("第 50 层平均 tanh′(z)：N(0,1) 0.1");
    expect(t.meanField).toBe("无限宽（平均场）预测第 50 层：N(0,1) 0.963，Xavier 0.101，Kaiming 0.556");
    expect(t.drift).toContain("（100 个随机网络）");
    expect(t.drift).not.toContain("e^(");
    expect(readouts(at({ L: 10 })).meanField).toContain("第 10 层：N(0,1) 1.1×10⁹，Xavier 0.0313");
  });
});

describe("drawing helpers", () => {
  it("straight runs on a log axis keep only their ends", () => {
    const flat = Array.from({ length: 51 }, (_, layer) => ({ layer, value: 1 }));
    expect(straightRuns(flat)).toEqual([flat[0], flat[50]]);
    const exp = Array.from({ length: 11 }, (_, layer) => ({ layer, value: reluDrift(layer, 16) }));
    expect(straightRuns(exp)).toHaveLength(2);
    const bent = [1, 2, 8, 16].map((value, layer) => ({ layer, value }));
    expect(straightRuns(bent)).toHaveLength(4);
  });

  it("log ticks suit any span", () => {
    expect(logTicks([1.5e-9, 2.8e45])).toEqual([1e-8, 1, 1e10, 1e20, 1e30, 1e40]);
    expect(logTicks([0.19, 1.9])).toEqual([0.2, 0.5, 1]);
    expect(logTicks([0.42, 0.74])).toEqual([0.5, 0.6]);
    expect(logTicks([0.25, 0.95])).toEqual([0.3, 0.4, 0.5, 0.6, 0.8]);
    expect(logLabel(0.5)).toBe("0.5");
    expect(logLabel(1e-8)).toBe("10⁻⁸");
    expect(logLabel(100)).toBe("100");
  });
});
