import { describe, expect, it } from "vitest";
import {
  type ActivationCurvesState,
  gelu,
  geluGap,
  geluSlope,
  grid,
  lambertW,
  params,
  readouts,
  relu,
  reluGap,
  SILU_MIN,
  SILU_MIN_X,
  SILU_SLOPE_EXTREME_U,
  SILU_SLOPE_MAX,
  SILU_SLOPE_MIN,
  sigmoid,
  swish,
  swishMinimum,
  swishSlope,
  W_INV_E,
  X_MAX,
  X_MIN,
} from "../../components/demos/activation-curves/model";
import { defaultState } from "../../src/lib/url-state";

const BASE: ActivationCurvesState = defaultState(params);
const BETAS = [params.beta.min, 0.5, 1, 1.702, 3, params.beta.max];

/** Brute-force minimum of f on [lo, hi] with step h. */
function argmin(f: (x: number) => number, lo: number, hi: number, h: number): { x: number; y: number } {
  let best = { x: lo, y: f(lo) };
  for (let x = lo; x <= hi; x += h) if (f(x) < best.y) best = { x, y: f(x) };
  return best;
}

describe("Lambert W", () => {
  it("solves w·e^w = y", () => {
    expect(lambertW(0)).toBe(0);
    expect(lambertW(Math.E)).toBeCloseTo(1, 14);
    expect(lambertW(1)).toBeCloseTo(0.5671432904097838, 14); // the omega constant
    for (const y of [0.01, 0.3, 2, 50]) expect(lambertW(y) * Math.exp(lambertW(y))).toBeCloseTo(y, 12);
  });

  it("W(1/e) = 0.2784645427610738", () => {
    expect(W_INV_E).toBeCloseTo(0.2784645427610738, 15);
    expect(W_INV_E * Math.exp(W_INV_E)).toBeCloseTo(Math.exp(-1), 15);
  });
});

describe("SiLU's minimum: x* = −1 − W(1/e), SiLU(x*) = x* + 1 = −W(1/e)", () => {
  it("x* ≈ −1.27846 solves x = −(1 + eˣ) and zeroes the derivative", () => {
    expect(SILU_MIN_X).toBeCloseTo(-1.278464542761074, 14);
    expect(SILU_MIN_X).toBeCloseTo(-(1 + Math.exp(SILU_MIN_X)), 14);
    expect(swishSlope(1, SILU_MIN_X)).toBeCloseTo(0, 14);
    expect(swish(1, SILU_MIN_X)).toBeCloseTo(SILU_MIN_X + 1, 14);
    expect(SILU_MIN).toBeCloseTo(-0.278464542761074, 14);
    const brute = argmin((x) => swish(1, x), -4, 0, 1e-4);
    expect(brute.x).toBeCloseTo(-1.2785, 3);
    expect(brute.y).toBeCloseTo(-0.27846, 5);
  });

  it("for any β the minimum is at x*/β with value −W(1/e)/β = x*/β + 1/β", () => {
    for (const beta of BETAS) {
      const min = swishMinimum(beta);
      expect(min.x).toBeCloseTo(SILU_MIN_X / beta, 14);
      expect(min.y).toBeCloseTo(-W_INV_E / beta, 14);
      expect(min.y).toBeCloseTo(min.x + 1 / beta, 12);
      expect(swish(beta, min.x)).toBeCloseTo(min.y, 12);
      expect(swishSlope(beta, min.x)).toBeCloseTo(0, 12);
      // brute force on a grid fine relative to the scale 1/β
      const brute = argmin((x) => swish(beta, x), 5 * min.x, 0, 1e-4 / beta);
      expect(Math.abs(brute.x - min.x)).toBeLessThan(2e-4 / beta);
      expect(brute.y).toBeCloseTo(min.y, 8);
    }
  });

  it("Swish_β(x) = SiLU(βx)/β and Swish_β′(x) = SiLU′(βx): one shape, rescaled", () => {
    for (const beta of BETAS) {
      for (const x of [-4, -1.3, -0.2, 0.5, 2.9]) {
        expect(swish(beta, x)).toBeCloseTo(swish(1, beta * x) / beta, 12);
        expect(swishSlope(beta, x)).toBeCloseTo(swishSlope(1, beta * x), 12);
      }
    }
  });
});

describe("derivatives", () => {
  it("match central differences (Swish for every β, GELU)", () => {
    const h = 1e-6;
    for (const beta of BETAS) {
      for (const x of [-4, -1, -0.1, 0, 0.3, 2.5]) {
        expect(swishSlope(beta, x)).toBeCloseTo((swish(beta, x + h) - swish(beta, x - h)) / (2 * h), 7);
      }
    }
    for (const x of [-3, -0.75, 0, 1.4]) expect(geluSlope(x)).toBeCloseTo((gelu(x + h) - gelu(x - h)) / (2 * h), 6);
  });

  it("SiLU′ lies in [−0.0998, 1.0998], its extremes at ±2.3994 add up to 1", () => {
    expect(SILU_SLOPE_EXTREME_U).toBeCloseTo(2.3994, 4);
    expect(SILU_SLOPE_EXTREME_U * Math.tanh(SILU_SLOPE_EXTREME_U / 2)).toBeCloseTo(2, 12);
    expect(SILU_SLOPE_MAX).toBeCloseTo(1.0998, 4);
    expect(SILU_SLOPE_MIN).toBeCloseTo(-0.0998, 4);
    expect(SILU_SLOPE_MAX + SILU_SLOPE_MIN).toBeCloseTo(1, 12);
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let x = -12; x <= 12; x += 1e-3) {
      lo = Math.min(lo, swishSlope(1, x));
      hi = Math.max(hi, swishSlope(1, x));
      expect(swishSlope(1, x) + swishSlope(1, -x)).toBeCloseTo(1, 12);
    }
    expect(lo).toBeCloseTo(SILU_SLOPE_MIN, 6);
    expect(hi).toBeCloseTo(SILU_SLOPE_MAX, 6);
  });

  it("the article's numbers: f′(0) = ½, f′(−2) ≈ −0.091, f′(−6) ≈ −0.012, f′(−10) ≈ −4×10⁻⁴", () => {
    expect(swishSlope(1, 0)).toBe(0.5);
    expect(swishSlope(1, -2)).toBeCloseTo(-0.0908, 4);
    expect(swishSlope(1, -6)).toBeCloseTo(-0.0123, 4);
    expect(swishSlope(1, -10)).toBeCloseTo(-4.1e-4, 5);
    expect(swishSlope(1, 1.2785)).toBeCloseTo(1, 4); // above 1 beyond x ≈ 1.278
  });

  it("GELU: minimum ≈ −0.170 at x ≈ −0.752; derivative extremes ≈ ±0.129 beyond [0, 1] at x = ±√2", () => {
    const min = argmin(gelu, -2, 0, 1e-4);
    expect(min.x).toBeCloseTo(-0.752, 3);
    expect(min.y).toBeCloseTo(-0.17, 3);
    expect(geluSlope(Math.SQRT2)).toBeCloseTo(1.129, 3);
    expect(geluSlope(-Math.SQRT2)).toBeCloseTo(-0.129, 3);
  });
});

describe("the limits in β", () => {
  it("max |ReLU − Swish_β| = W(1/e)/β, reached at |x| = (1 + W(1/e))/β", () => {
    for (const beta of BETAS) {
      let gap = 0;
      for (let x = -20 / beta; x <= 20 / beta; x += 1e-3 / beta)
        gap = Math.max(gap, Math.abs(relu(x) - swish(beta, x)));
      expect(gap / reluGap(beta)).toBeCloseTo(1, 6);
      const at = (1 + W_INV_E) / beta;
      expect(relu(at) - swish(beta, at)).toBeCloseTo(W_INV_E / beta, 12);
      expect(relu(-at) - swish(beta, -at)).toBeCloseTo(W_INV_E / beta, 12);
    }
    expect(reluGap(10)).toBeCloseTo(0.0278, 4);
    expect(reluGap(1000)).toBeLessThan(3e-4); // β → ∞: ReLU
  });

  it("β → 0: Swish_β → x/2 (|x(σ(βx) − ½)| ≤ βx²/4)", () => {
    for (const x of [-5, -1, 0.5, 3]) {
      expect(Math.abs(swish(0.1, x) - x / 2)).toBeLessThanOrEqual((0.1 * x * x) / 4 + 1e-15);
      expect(swish(1e-9, x)).toBeCloseTo(x / 2, 7);
    }
  });

  it("xσ(1.702x), GELU's usual approximation, is within ≈ 0.02 of GELU; β = 1 is not GELU", () => {
    expect(geluGap(1.702)).toBeCloseTo(0.0203, 3);
    expect(geluGap(1)).toBeGreaterThan(0.19);
    // The sup-norm optimum is a little higher, β ≈ 1.77 (gap 0.014): 1.702 fits Φ ≈ σ(βx) instead.
    let best = { beta: 0, gap: 1 };
    for (let beta = 1.6; beta <= 1.9; beta += 0.005) {
      const gap = geluGap(beta);
      if (gap < best.gap) best = { beta, gap };
    }
    expect(best.beta).toBeCloseTo(1.77, 1);
    expect(best.gap).toBeCloseTo(0.014, 3);
    let phiGap = 0;
    for (let x = -8; x <= 8; x += 0.01) phiGap = Math.max(phiGap, Math.abs(gelu(x) / x - sigmoid(1.702 * x)) || 0);
    expect(phiGap).toBeLessThan(0.01); // Φ(x) ≈ σ(1.702x) to within 0.01
  });
});

describe("sampling", () => {
  it("every 1/8 on the axis with 0 on the grid; more points where Swish bends when β is large", () => {
    const xs = grid(1);
    expect(xs).toHaveLength(65);
    expect(xs[0]).toBe(X_MIN);
    expect(xs.at(-1)).toBe(X_MAX);
    expect(xs).toContain(0);
    const sharp = grid(10);
    expect(sharp.length).toBeGreaterThan(xs.length + 20);
    for (let i = 1; i < sharp.length; i++) expect(sharp[i]).toBeGreaterThan(sharp[i - 1]);
    expect(sharp.filter((x) => Math.abs(x) <= 0.3).length).toBeGreaterThan(25);
  });
});

describe("read-outs", () => {
  it("state the probe, the minimum and the limits", () => {
    const r = readouts(BASE);
    expect(r.probe).toBe(
      "x = −2：ReLU 0（导数 0），GELU −0.0455（导数 −0.0852），Swish₁（SiLU） −0.238（导数 −0.0908）",
    );
    expect(r.minimum).toContain("β = 1 就是 SiLU。最小值点 x* = −1.2785/β = −1.278，最小值 −W(1/e)/β = −0.2785");
    expect(r.minimum).toContain("±2.4 处取到");
    expect(r.limits).toContain("与 ReLU 的最大差距 W(1/e)/β = 0.278");
    expect(r.limits).toContain("与 GELU 的最大差距 0.193");
  });

  it("at the ends of both sliders", () => {
    const small = readouts({ beta: params.beta.min, x: params.x.max });
    expect(small.minimum).toContain("x* = −1.2785/β = −12.78（在图左侧之外），最小值 −W(1/e)/β = −2.785");
    expect(small.probe).toContain("x = 3：ReLU 3（导数 1）");
    expect(small.probe).toContain("Swish（β = 0.1） 1.72");
    const large = readouts({ beta: params.beta.max, x: params.x.min });
    expect(large.minimum).toContain("x* = −1.2785/β = −0.1278，最小值 −W(1/e)/β = −0.02785");
    expect(large.limits).toContain("W(1/e)/β = 0.0278");
    expect(large.probe).toBe("x = −5：ReLU 0（导数 0），GELU 0（导数 0），Swish（β = 10） 0（导数 0）");
    for (const text of [...Object.values(small), ...Object.values(large)]) expect(text).not.toMatch(/NaN|undefined/);
  });
});
