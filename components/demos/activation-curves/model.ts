/**
 * ReLU, GELU and Swish_β (DL-03): the curves, their derivatives, and where Swish has its minimum.
 *
 * Swish_β(x) = x·σ(βx) = SiLU(βx)/β, so every β has the same shape as SiLU (β = 1), shrunk by 1/β in
 * both directions. Its derivative is Swish_β′(x) = SiLU′(βx): the same range of values for every β.
 * The minimum: SiLU′(u) = σ(u)(1 + u(1 − σ(u))) = 0 needs 1 + u/(1 + eᵘ) = 0, i.e. u = −(1 + eᵘ).
 * With u = −1 − w this is w·e^w = e^(−1), so u* = −1 − W(1/e) ≈ −1.27846 (W the Lambert W function),
 * and since u·σ(u) = u + 1 there, SiLU(u*) = u* + 1 = −W(1/e) ≈ −0.27846. For β: x* = u* / β and
 * Swish_β(x*) = −W(1/e)/β (= x* + 1/β).
 * The same constant measures how close Swish_β is to ReLU: ReLU(x) − Swish_β(x) = |x|·σ(−β|x|) ≥ 0,
 * largest where β|x|·σ(β|x|) = 1 (the condition above with u = −β|x|), so max |ReLU − Swish_β| =
 * W(1/e)/β → 0 as β → ∞. As β → 0, σ(βx) → ½ and Swish_β → x/2.
 * Pure maths, no DOM.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";
import { erf } from "../ffn-calculator/model";

export const X_MIN = -5;
export const X_MAX = 3;

export const params = {
  beta: {
    type: "number",
    label: "Swish 的 β：f(x) = x·σ(βx)（β = 1 即 SiLU）",
    min: 0.1,
    max: 10,
    step: 0.01,
    default: 1,
    log: true,
  },
  x: { type: "number", label: "探针位置 x", min: X_MIN, max: X_MAX, step: 0.05, default: -2 },
} satisfies ParamSpecs;

export type ActivationCurvesState = StateOf<typeof params>;

export const CURVES = ["relu", "gelu", "swish"] as const;
export type Curve = (typeof CURVES)[number];

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const Phi = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

export const relu = (x: number): number => (x > 0 ? x : 0);
/** ReLU′: 0 at x = 0, PyTorch's convention. */
export const reluSlope = (x: number): number => (x > 0 ? 1 : 0);
/** Exact GELU, xΦ(x) (erf by Abramowitz & Stegun 7.1.26, |error| below 1.5e−7). */
export const gelu = (x: number): number => x * Phi(x);
export const geluSlope = (x: number): number => Phi(x) + x * phi(x);
export const swish = (beta: number, x: number): number => x * sigmoid(beta * x);
/** σ(βx) + βx·σ(βx)(1 − σ(βx)) = SiLU′(βx). */
export function swishSlope(beta: number, x: number): number {
  const s = sigmoid(beta * x);
  return s * (1 + beta * x * (1 - s));
}

/** The value or derivative of one curve (Swish with the state's β). */
export function curveValue(curve: Curve | string, beta: number, x: number, kind: "value" | "slope"): number {
  if (curve === "relu") return kind === "value" ? relu(x) : reluSlope(x);
  if (curve === "gelu") return kind === "value" ? gelu(x) : geluSlope(x);
  return kind === "value" ? swish(beta, x) : swishSlope(beta, x);
}

/** Principal branch of Lambert W for y ≥ 0: w·e^w = y, by Halley's iteration. */
export function lambertW(y: number): number {
  if (y === 0) return 0;
  let w = Math.log1p(y);
  for (let i = 0; i < 50; i++) {
    const ew = Math.exp(w);
    const f = w * ew - y;
    const next = w - f / (ew * (w + 1) - ((w + 2) * f) / (2 * w + 2));
    if (Math.abs(next - w) < 1e-15 * (1 + Math.abs(w))) return next;
    w = next;
  }
  return w;
}

/** W(1/e) ≈ 0.278464542761074: SiLU's minimum is −W(1/e), at u* = −1 − W(1/e). */
export const W_INV_E = lambertW(Math.exp(-1));
export const SILU_MIN_X = -1 - W_INV_E;
export const SILU_MIN = -W_INV_E;

/** Where Swish_β has its minimum, and the minimum: (u* / β, −W(1/e) / β). */
export const swishMinimum = (beta: number): { x: number; y: number } => ({ x: SILU_MIN_X / beta, y: SILU_MIN / beta });

/**
 * Where SiLU′ has its extremes: SiLU″(u) = σ(u)(1 − σ(u))(2 + u(1 − 2σ(u))) = 0, i.e. u·tanh(u/2) = 2,
 * u ≈ ±2.3994 (Newton's method). SiLU′(u) + SiLU′(−u) = 1, so the maximum ≈ 1.0998 and the minimum
 * ≈ −0.0998 add up to 1.
 */
export const SILU_SLOPE_EXTREME_U = (() => {
  let u = 2.4;
  for (let i = 0; i < 30; i++) {
    const t = Math.tanh(u / 2);
    const g = u * t - 2;
    const dg = t + (u / 2) * (1 - t * t);
    u -= g / dg;
  }
  return u;
})();
export const SILU_SLOPE_MAX = swishSlope(1, SILU_SLOPE_EXTREME_U);
export const SILU_SLOPE_MIN = swishSlope(1, -SILU_SLOPE_EXTREME_U);

/** max |ReLU − Swish_β| over all x: W(1/e)/β, at |x| = (1 + W(1/e))/β. */
export const reluGap = (beta: number): number => W_INV_E / beta;

/** max |GELU − Swish_β| over x ∈ [−10, 10] (both tend to ReLU outside), on a 0.01 grid. */
export function geluGap(beta: number): number {
  let gap = 0;
  for (let i = 0; i <= 2000; i++) {
    const x = -10 + i * 0.01;
    gap = Math.max(gap, Math.abs(gelu(x) - swish(beta, x)));
  }
  return gap;
}

/**
 * The x samples of the curves: every 1/8 on [X_MIN, X_MAX] (exact in binary, 0 included),
 * plus, for a large β, points every 0.2/β where Swish_β bends (|x| ≤ 3/β).
 */
export function grid(beta: number): number[] {
  const xs = Array.from({ length: (X_MAX - X_MIN) * 8 + 1 }, (_, i) => X_MIN + i / 8);
  if (beta > 2) {
    const h = 0.2 / beta;
    for (let k = -15; k <= 15; k++) xs.push(k * h);
    xs.sort((a, b) => a - b);
  }
  return xs.filter((x, i) => i === 0 || x - xs[i - 1] > 1e-9);
}

export const LABELS: Readonly<Record<Curve, string>> = { relu: "ReLU", gelu: "GELU", swish: "Swish" };

/** 3 significant digits with a real minus sign; "0" near zero. */
export function signed(x: number, digits = 3): string {
  if (Math.abs(x) < 5 * 10 ** -(digits + 1)) return "0";
  const text = String(Number(Math.abs(x).toPrecision(digits)));
  return x < 0 ? `−${text}` : text;
}

const betaText = (beta: number) => String(Number(beta.toPrecision(3)));

export function readouts(state: ActivationCurvesState): Record<string, string> {
  const { beta, x } = state;
  const min = swishMinimum(beta);
  const inView = min.x >= X_MIN;
  const swishName = beta === 1 ? "Swish₁（SiLU）" : `Swish（β = ${betaText(beta)}）`;
  return {
    probe:
      `x = ${signed(x)}：` +
      `ReLU ${signed(relu(x))}（导数 ${signed(reluSlope(x))}），` +
      `GELU ${signed(gelu(x))}（导数 ${signed(geluSlope(x))}），` +
      `${swishName} ${signed(swish(beta, x))}（导数 ${signed(swishSlope(beta, x))}）`,
    minimum:
      `${beta === 1 ? "β = 1 就是 SiLU。" : ""}最小值点 x* = −1.2785/β = ${signed(min.x, 4)}` +
      `${inView ? "" : "（在图左侧之外）"}，最小值 −W(1/e)/β = ${signed(min.y, 4)}；` +
      `导数的范围与 β 无关，约 [−0.0998, 1.0998]，在 x = ±2.3994/β = ±${signed(SILU_SLOPE_EXTREME_U / beta, 3)} 处取到`,
    limits:
      `与 ReLU 的最大差距 W(1/e)/β = ${signed(reluGap(beta), 3)}（β → ∞ 时趋于 0，β → 0 时趋于直线 x/2）；` +
      `与 GELU 的最大差距 ${signed(geluGap(beta), 3)}（β = 1.702 即 GELU 的常用近似 xσ(1.702x)，差距约 0.020）`,
  };
}
