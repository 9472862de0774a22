import { describe, expect, it } from "vitest";
import {
  dkStatistics,
  entropy,
  jacobianNorm,
  LOGITS,
  readouts,
  sampleScores,
  saturationCurve,
  softmax,
} from "../../components/demos/softmax-saturation/model";

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("softmax", () => {
  it("sums to 1 and matches a hand-computed case", () => {
    const p = softmax([1, 2, 3]);
    expect(sum(p)).toBeCloseTo(1, 12);
    // e^1, e^2, e^3 over their sum
    const e = [Math.E, Math.E ** 2, Math.E ** 3];
    p.forEach((pi, i) => {
      expect(pi).toBeCloseTo(e[i] / sum(e), 12);
    });
  });

  it("is stable for huge logits and turns one-hot as T → 0, uniform as T → ∞", () => {
    expect(softmax([1000, 999])).toEqual([
      expect.closeTo(1 / (1 + Math.exp(-1)), 12),
      expect.closeTo(1 / (1 + Math.E), 12),
    ]);
    expect(Math.max(...softmax(LOGITS, 0.05))).toBeGreaterThan(0.999);
    const hot = softmax(LOGITS, 1000);
    for (const pi of hot) expect(pi).toBeCloseTo(1 / LOGITS.length, 2);
  });

  it("entropy is 0 for one-hot and log n for uniform", () => {
    expect(entropy([1, 0, 0])).toBe(0);
    expect(entropy([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(Math.log(4), 12);
  });
});

describe("softmax Jacobian norm", () => {
  it("is 0 for a one-hot vector and √15/16 for uniform over 16 (diag(p) − ppᵀ)", () => {
    expect(jacobianNorm([1, 0, 0])).toBe(0);
    expect(jacobianNorm(Array(16).fill(1 / 16))).toBeCloseTo(Math.sqrt(15) / 16, 12);
  });

  it("collapses along the saturation curve as temperature falls", () => {
    const curve = saturationCurve();
    expect(curve[0].T).toBeCloseTo(0.05, 10);
    expect(curve.at(-1)?.T).toBeCloseTo(20, 10);
    expect(curve[0].maxP).toBeGreaterThan(0.999);
    expect(curve[0].grad).toBeLessThan(1e-3);
    const atOne = curve.find((c) => Math.abs(c.T - 1) < 1e-9);
    expect(atOne?.grad).toBeGreaterThan(0.3);
    // max p falls monotonically with temperature
    for (let i = 1; i < curve.length; i++) expect(curve[i].maxP).toBeLessThanOrEqual(curve[i - 1].maxP + 1e-12);
  });
});

describe("q·k of random unit-variance vectors", () => {
  it("is deterministic for a seed, and scaling divides by exactly √d_k", () => {
    const a = sampleScores(64, 5);
    expect(sampleScores(64, 5)).toEqual(a);
    expect(sampleScores(64, 6).raw).not.toEqual(a.raw);
    a.raw.forEach((r, i) => {
      expect(a.scaled[i]).toBeCloseTo(r / 8, 12);
    });
  });

  it("has spread ≈ √d_k unscaled and ≈ 1 scaled; unscaled softmax saturates at large d_k", () => {
    const small = dkStatistics(4, 1);
    const large = dkStatistics(512, 1);
    expect(large.rawStd).toBeGreaterThan(0.85 * Math.sqrt(512));
    expect(large.rawStd).toBeLessThan(1.15 * Math.sqrt(512));
    expect(large.scaledStd).toBeGreaterThan(0.85);
    expect(large.scaledStd).toBeLessThan(1.15);
    // Errata E43's NumPy figures for 16 keys at d_k = 512: max p ≈ 0.94 unscaled, ≈ 0.25 scaled.
    expect(large.rawMaxP).toBeGreaterThan(0.9);
    expect(large.scaledMaxP).toBeGreaterThan(0.2);
    expect(large.scaledMaxP).toBeLessThan(0.3);
    expect(small.rawMaxP).toBeLessThan(large.rawMaxP);
  });

  it("reads out the key numbers", () => {
    const text = readouts({ T: 0.1, dk: 512, seed: 1 });
    expect(text.probs).toMatch(/^T = 0\.1：最大概率 1\.00/);
    expect(text.dk).toMatch(/d_k = 512：不缩放时 q·k 的标准差 ≈ 2\d\.\d/);
  });
});
