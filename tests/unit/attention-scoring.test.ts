import { describe, expect, it } from "vitest";
import {
  ADDITIVE_STD,
  bytes,
  chiSquare,
  DIMS,
  inverseNormalCdf,
  opCounts,
  readouts,
  sampleScores,
  sci,
  standardDeviation,
  TANH_SQ_QUANTILES,
  TRIALS,
  theoryStd,
} from "../../components/demos/attention-scoring/model";
import { gaussian, mulberry32 } from "../../src/lib/rng";

describe("theory", () => {
  it("√E[tanh²(z)] for z ~ N(0, 2) is the article's 0.72", () => {
    // Independent check by Monte Carlo-free quadrature on a finer grid.
    let sum = 0;
    const steps = 200_000;
    for (let i = 0; i < steps; i++) {
      const z = -12 + (24 * (i + 0.5)) / steps;
      sum += (Math.tanh(z) ** 2 * Math.exp(-(z * z) / 4)) / Math.sqrt(4 * Math.PI);
    }
    expect(ADDITIVE_STD).toBeCloseTo(Math.sqrt((sum * 24) / steps), 8);
    expect(ADDITIVE_STD).toBeCloseTo(0.721, 3);
    expect(theoryStd("dot", 1024)).toBe(32);
    expect(theoryStd("scaled", 1024)).toBe(1);
    expect(theoryStd("additive", 4)).toBe(ADDITIVE_STD);
  });

  it("Φ⁻¹ and the tanh² quantile table are accurate", () => {
    expect(inverseNormalCdf(0.5)).toBe(0);
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959964, 6);
    expect(inverseNormalCdf(0.001)).toBeCloseTo(-3.090232, 6);
    expect(TANH_SQ_QUANTILES[0]).toBe(0);
    // monotone, within [0, 1), and its mean is E[tanh²(z)]
    let mean = 0;
    for (let i = 1; i < TANH_SQ_QUANTILES.length; i++) {
      expect(TANH_SQ_QUANTILES[i]).toBeGreaterThanOrEqual(TANH_SQ_QUANTILES[i - 1]);
      mean += (TANH_SQ_QUANTILES[i] + TANH_SQ_QUANTILES[i - 1]) / 2 / (TANH_SQ_QUANTILES.length - 1);
    }
    expect(TANH_SQ_QUANTILES[TANH_SQ_QUANTILES.length - 1]).toBeLessThanOrEqual(1);
    expect(mean).toBeCloseTo(ADDITIVE_STD ** 2, 4);
  });

  it("χ²(k) draws have mean k and variance 2k", () => {
    const uniform = mulberry32(3);
    const normal = gaussian(uniform);
    for (const k of [4, 64]) {
      const xs = Array.from({ length: 20_000 }, () => chiSquare(k, normal, uniform));
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(mean / k).toBeCloseTo(1, 1);
      expect(standardDeviation(xs) ** 2 / (2 * k)).toBeGreaterThan(0.93);
      expect(standardDeviation(xs) ** 2 / (2 * k)).toBeLessThan(1.07);
    }
  });
});

describe("sampled score spreads", () => {
  it("are deterministic per seed and cached", () => {
    const a = sampleScores(5);
    expect(sampleScores(5)).toBe(a);
    expect(Array.from(sampleScores(5, TRIALS).samples.dot[3])).toEqual(Array.from(a.samples.dot[3]));
    expect(sampleScores(6).std.dot).not.toEqual(a.std.dot);
  });

  it("unscaled q·k grows as √d; q·k/√d and the additive score stay put (article: 32.0, 1.00, 0.72 at d = 1024)", () => {
    const { std, samples } = sampleScores(1);
    DIMS.forEach((d, i) => {
      // 300 draws: the standard error of a standard deviation is about 4%.
      expect(std.dot[i] / Math.sqrt(d)).toBeGreaterThan(0.85);
      expect(std.dot[i] / Math.sqrt(d)).toBeLessThan(1.15);
      expect(std.scaled[i]).toBeCloseTo(std.dot[i] / Math.sqrt(d), 10);
      expect(std.additive[i] / ADDITIVE_STD).toBeGreaterThan(0.85);
      expect(std.additive[i] / ADDITIVE_STD).toBeLessThan(1.15);
      samples.dot[i].forEach((v, t) => {
        expect(samples.scaled[i][t]).toBeCloseTo(v / Math.sqrt(d), 10);
      });
    });
    expect(std.dot.at(-1)).toBeGreaterThan(28);
    // Pooled over seeds the estimates tighten around the theory.
    const pooled = (pick: (s: ReturnType<typeof sampleScores>) => number) =>
      Math.sqrt([1, 2, 3, 4, 5, 6].reduce((acc, seed) => acc + pick(sampleScores(seed)) ** 2, 0) / 6);
    expect(pooled((s) => s.std.dot[8])).toBeCloseTo(32, -0.5);
    expect(pooled((s) => s.std.additive[8])).toBeCloseTo(0.72, 1);
    expect(pooled((s) => s.std.scaled[4])).toBeCloseTo(1, 1);
  });
});

describe("operation counts for the scoring step", () => {
  it("match the article's n = m = 1024, d = d_a = 64 example", () => {
    const ops = opCounts(1024, 64);
    expect(ops.dotMacs).toBe(1024 * 1024 * 64); // ≈ 6.7×10⁷
    expect(ops.additiveMacs).toBe(ops.dotMacs);
    expect(ops.additiveElementwise).toBe(2 * ops.dotMacs); // ≈ 1.3×10⁸ adds and tanh
    expect(bytes(4 * ops.dotStored)).toBe("4 MiB");
    expect(bytes(4 * ops.additiveStored)).toBe("256 MiB");
    expect(ops.additiveStored / ops.dotStored).toBe(64);
    // 2nmd FLOPs over 2(nd + md + nm) bytes in fp16: the article's ≈ 57
    expect(ops.dotIntensity).toBeCloseTo(56.9, 1);
  });

  it("grow as n² and linearly in d", () => {
    const a = opCounts(512, 32);
    const b = opCounts(1024, 64);
    expect(b.dotMacs / a.dotMacs).toBe(8);
    expect(b.additiveStored / a.additiveStored).toBe(8);
    expect(b.dotStored / a.dotStored).toBe(4);
  });

  it("formats numbers for the read-out", () => {
    expect(sci(67_108_864)).toBe("6.7×10⁷");
    expect(sci(134_217_728)).toBe("1.3×10⁸");
    expect(sci(9.96e5)).toBe("1×10⁶");
    expect(bytes(2 ** 38)).toBe("256 GiB");
    expect(bytes(1536)).toBe("1.5 KiB");
  });
});

describe("read-outs", () => {
  it("give the default state's numbers", () => {
    const text = readouts({ dk: 64, n: 1024, seed: 1 });
    expect(text.std).toMatch(
      /^d_k = 64：不缩放点积的标准差 ≈ [78]\.\d（√d_k = 8\.0），缩放后 ≈ (0\.9\d|1\.0\d)，加性 ≈ 0\.\d\d（理论值 0\.72/,
    );
    expect(text.ops).toBe(
      "n = 1024，d_k = d_a = 64：点积 6.7×10⁷ 次乘加，是一次矩阵乘法 QKᵀ（fp16 下每读写 1 字节约 57 次运算）；加性同样 6.7×10⁷ 次乘加，另有 1.3×10⁸ 次逐元素的加法与 tanh",
    );
    expect(text.mem).toBe(
      "要存的中间结果（fp32）：点积是 4 MiB 的分数矩阵，加性是 256 MiB 的 tanh 值，是前者的 d_a = 64 倍",
    );
  });
});
