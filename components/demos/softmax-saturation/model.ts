/**
 * Softmax saturation: how temperature (or the 1/√d_k scale) decides whether softmax is a smooth
 * weighting with useful gradients or an almost one-hot choice whose gradient vanishes.
 * Pure maths, no DOM; deterministic for a given seed.
 */
import { gaussian, mulberry32 } from "../../../src/lib/rng";
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

/** A small fixed logit vector (think: 6 attention scores or 6 next-token logits). */
export const LOGITS: readonly number[] = [2.0, 1.2, 0.6, 0.1, -0.4, -1.1];
export const LOGIT_LABELS: readonly string[] = LOGITS.map((_, i) => `z${i + 1}`);
export const KEYS = 16;
export const DK_TRIALS = 200;

export const params = {
  T: { type: "number", label: "温度 T:softmax(z / T)", min: 0.05, max: 20, step: 0.01, default: 1, log: true },
  dk: {
    type: "choice",
    label: "向量维度 d_k",
    options: [4, 8, 16, 32, 64, 128, 256, 512, 1024],
    default: 64,
  },
  seed: { type: "number", label: "随机种子（换一组向量）", min: 1, max: 100, step: 1, default: 1, integer: true },
} satisfies ParamSpecs;

export type SoftmaxState = StateOf<typeof params>;

/** Numerically stable softmax of z / T. */
export function softmax(z: readonly number[], temperature = 1): number[] {
  const scaled = z.map((v) => v / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Shannon entropy in nats. */
export function entropy(p: readonly number[]): number {
  return p.reduce((acc, pi) => (pi > 0 ? acc - pi * Math.log(pi) : acc), 0);
}

/**
 * Frobenius norm of the softmax Jacobian J = diag(p) − p pᵀ, i.e. ∂p_i/∂u_j with u the logits fed to
 * softmax. It is 0 for a one-hot p: no gradient flows back to the scores.
 */
export function jacobianNorm(p: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    for (let j = 0; j < p.length; j++) {
      const entry = (i === j ? p[i] : 0) - p[i] * p[j];
      sum += entry * entry;
    }
  }
  return Math.sqrt(sum);
}

export interface CurvePoint {
  T: number;
  maxP: number;
  grad: number;
}

/** max p and ‖J‖ over temperatures spaced evenly in log space across the slider's range. */
export function saturationCurve(z: readonly number[] = LOGITS, points = 61): CurvePoint[] {
  const lo = Math.log10(params.T.min);
  const hi = Math.log10(params.T.max);
  return Array.from({ length: points }, (_, i) => {
    const T = 10 ** (lo + ((hi - lo) * i) / (points - 1));
    const p = softmax(z, T);
    return { T, maxP: Math.max(...p), grad: jacobianNorm(p) };
  });
}

/** One query and KEYS keys with i.i.d. N(0, 1) components: their dot products, raw and ÷√d_k. */
export function sampleScores(dk: number, seed: number, keys = KEYS): { raw: number[]; scaled: number[] } {
  const normal = gaussian(mulberry32(seed));
  const q = Array.from({ length: dk }, normal);
  const raw = Array.from({ length: keys }, () => {
    let dot = 0;
    for (let i = 0; i < dk; i++) dot += q[i] * normal();
    return dot;
  });
  return { raw, scaled: raw.map((s) => s / Math.sqrt(dk)) };
}

export interface DkStatistics {
  rawStd: number;
  scaledStd: number;
  rawMaxP: number;
  scaledMaxP: number;
}

const statsCache = new Map<string, DkStatistics>();

/** Averages over DK_TRIALS independent queries (seeded): spread of q·k and softmax's max p. */
export function dkStatistics(dk: number, seed: number, trials = DK_TRIALS): DkStatistics {
  const key = `${dk}:${seed}:${trials}`;
  const cached = statsCache.get(key);
  if (cached) return cached;
  // For a fixed q, q·k with k ~ N(0, I) is exactly N(0, ‖q‖²): draw ‖q‖ once per trial and the KEYS
  // scores from it, instead of KEYS full d_k-dimensional dot products (16× less work per update).
  const normal = gaussian(mulberry32(seed * 7919));
  let sumSq = 0;
  let rawMax = 0;
  let scaledMax = 0;
  for (let t = 0; t < trials; t++) {
    let normSq = 0;
    for (let i = 0; i < dk; i++) normSq += normal() ** 2;
    const norm = Math.sqrt(normSq);
    const raw = Array.from({ length: KEYS }, () => norm * normal());
    for (const s of raw) sumSq += s * s;
    rawMax += Math.max(...softmax(raw));
    scaledMax += Math.max(...softmax(raw.map((s) => s / Math.sqrt(dk))));
  }
  const rawStd = Math.sqrt(sumSq / (trials * KEYS));
  const stats = {
    rawStd,
    scaledStd: rawStd / Math.sqrt(dk),
    rawMaxP: rawMax / trials,
    scaledMaxP: scaledMax / trials,
  };
  statsCache.set(key, stats);
  return stats;
}

const f2 = (x: number) => x.toFixed(2);

export function readouts(state: SoftmaxState): Record<string, string> {
  const p = softmax(LOGITS, state.T);
  const stats = dkStatistics(state.dk, state.seed);
  return {
    probs: `T = ${Number(state.T.toPrecision(3))}：最大概率 ${f2(Math.max(...p))}，熵 ${f2(entropy(p))} nats，梯度范数 ‖J‖ = ${f2(jacobianNorm(p))}`,
    dk:
      `d_k = ${state.dk}：不缩放时 q·k 的标准差 ≈ ${stats.rawStd.toFixed(1)}（√d_k = ${Math.sqrt(state.dk).toFixed(1)}），` +
      `softmax 最大概率平均 ${f2(stats.rawMaxP)}；除以 √d_k 后标准差 ≈ ${f2(stats.scaledStd)}，最大概率平均 ${f2(stats.scaledMaxP)}` +
      `（${DK_TRIALS} 次随机抽样）`,
  };
}
