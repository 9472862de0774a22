/**
 * BatchNorm vs LayerNorm: which cells of a B × T × d activation tensor each one averages over, how
 * zero padding corrupts BN's per-feature statistics (but not LN's per-token ones), and how BN's
 * statistics get noisy as the batch shrinks.
 * Pure maths, no DOM; deterministic for a given seed.
 */
import { gaussian, mulberry32 } from "../../../src/lib/rng";
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

/** Positions per sequence (padded length) and hidden features per token. */
export const T = 6;
export const D = 8;
export const MAX_BATCH = 8;
/** PyTorch's default ε for both nn.BatchNorm1d and nn.LayerNorm. */
export const EPS = 1e-5;
/** Independent batches drawn per batch size to measure how noisy BN's mean is. */
export const DRAWS = 30;

/**
 * Per-feature mean and scale of the activations: features live on very different scales, so
 * normalisation visibly matters. Feature 4 (μ = 2, σ = 1) is the worked example in the article's
 * padding question.
 */
export const FEATURE_MEANS: readonly number[] = [0.5, -1.5, 1.0, 2.0, -0.5, 3.0, -2.5, 0.0];
export const FEATURE_SCALES: readonly number[] = [1.2, 0.6, 2.0, 1.0, 1.6, 0.5, 0.9, 2.4];
/** How eagerly each sequence of the pool is padded (bigger → shorter sentence). */
const PAD_WEIGHTS: readonly number[] = [0.7, 1.6, 0.3, 1.1, 1.9, 0.5, 1.3, 0.9];

export const params = {
  mode: {
    type: "choice",
    label: "归一化方式（BN：同一特征跨样本与位置；LN：同一 token 跨全部特征）",
    options: ["bn", "ln"],
    default: "bn",
    optionLabels: { bn: "BatchNorm", ln: "LayerNorm" },
  },
  batch: { type: "number", label: "batch 大小 B", min: 1, max: MAX_BATCH, step: 1, default: 4, integer: true },
  b: {
    type: "number",
    label: "选中样本 b（大于 B 时取 B）",
    min: 1,
    max: MAX_BATCH,
    step: 1,
    default: 2,
    integer: true,
  },
  t: { type: "number", label: "选中位置 t", min: 1, max: T, step: 1, default: 2, integer: true },
  k: { type: "number", label: "选中特征 k", min: 1, max: D, step: 1, default: 4, integer: true },
  pad: { type: "number", label: "padding 比例（pad 位置的值为 0）", min: 0, max: 0.8, step: 0.05, default: 0.3 },
  stats: {
    type: "choice",
    label: "BN 统计量是否把 padding 位置算进去",
    options: ["pad", "mask"],
    default: "pad",
    optionLabels: { pad: "含 padding", mask: "只算真实 token" },
  },
  seed: { type: "number", label: "随机种子（换一批激活）", min: 1, max: 50, step: 1, default: 1, integer: true },
} satisfies ParamSpecs;

export type NormState = StateOf<typeof params>;

/** x[b][t][k] */
export type Tensor = number[][][];
/** mask[b][t]: true for a real token, false for padding. */
export type Mask = boolean[][];

export interface Stats {
  mean: number;
  variance: number;
  /** How many numbers went into the statistics. */
  count: number;
}

/**
 * Real lengths of the first `batch` sequences for a target padding share: round(pad·B·T) pad slots
 * handed out one by one to the sequence with the lowest pads/weight ratio, so lengths differ like in
 * a real batch; every sequence keeps at least one real token.
 */
export function sequenceLengths(batch: number, pad: number): number[] {
  const total = Math.min(Math.round(pad * batch * T + 1e-9), batch * (T - 1));
  const pads = Array<number>(batch).fill(0);
  for (let i = 0; i < total; i++) {
    let best = 0;
    let bestScore = Number.POSITIVE_INFINITY;
    for (let b = 0; b < batch; b++) {
      if (pads[b] >= T - 1) continue;
      const score = (pads[b] + 1) / PAD_WEIGHTS[b];
      if (score < bestScore) {
        bestScore = score;
        best = b;
      }
    }
    pads[best]++;
  }
  return pads.map((p) => T - p);
}

export const maskFromLengths = (lengths: readonly number[], length = T): Mask =>
  lengths.map((len) => Array.from({ length }, (_, t) => t < len));

/** The unpadded activations of the 8-sequence pool for a seed; a batch of size B is its first B rows. */
export function activations(seed: number): Tensor {
  const normal = gaussian(mulberry32(seed * 9973 + 17));
  return Array.from({ length: MAX_BATCH }, () =>
    Array.from({ length: T }, () =>
      Array.from({ length: D }, (_, k) => FEATURE_MEANS[k] + FEATURE_SCALES[k] * normal()),
    ),
  );
}

export interface PaddedBatch {
  x: Tensor;
  mask: Mask;
  lengths: number[];
  /** Actual share of padded positions, after rounding to whole positions. */
  padShare: number;
}

/** The first `batch` sequences, right-padded: positions past each sequence's length hold 0. */
export function paddedBatch(seed: number, batch: number, pad: number): PaddedBatch {
  const lengths = sequenceLengths(batch, pad);
  const mask = maskFromLengths(lengths);
  const x = activations(seed)
    .slice(0, batch)
    .map((seq, b) => seq.map((token, t) => (mask[b][t] ? [...token] : token.map(() => 0))));
  const real = lengths.reduce((a, l) => a + l, 0);
  return { x, mask, lengths, padShare: 1 - real / (batch * T) };
}

function meanVariance(values: readonly number[]): Stats {
  const count = values.length;
  const mean = values.reduce((a, v) => a + v, 0) / count;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / count;
  return { mean, variance, count };
}

/**
 * BatchNorm statistics of feature k (0-based) over all (b, t), biased variance as in the forward pass
 * of nn.BatchNorm1d on (B, d, T). With a mask, only real tokens count (masked BN).
 */
export function bnStats(x: Tensor, k: number, mask?: Mask): Stats {
  const values: number[] = [];
  x.forEach((seq, b) => {
    seq.forEach((token, t) => {
      if (!mask || mask[b][t]) values.push(token[k]);
    });
  });
  return meanVariance(values);
}

/** LayerNorm statistics of token (b, t) (0-based) over its d features. */
export const lnStats = (x: Tensor, b: number, t: number): Stats => meanVariance(x[b][t]);

/** (v − μ) / √(σ² + ε), with γ = 1 and β = 0. */
export const normalize = (v: number, s: Stats, eps = EPS): number => (v - s.mean) / Math.sqrt(s.variance + eps);

/** LayerNorm of one token: all d features normalised with the token's own statistics. */
export function layerNormToken(x: Tensor, b: number, t: number): number[] {
  const s = lnStats(x, b, t);
  return x[b][t].map((v) => normalize(v, s));
}

/**
 * BN's mean of feature k estimated from DRAWS independent batches of size `batch` (fresh activations,
 * same padding pattern), with or without the mask.
 */
export function bnMeanDraws(seed: number, batch: number, pad: number, k: number, masked: boolean, draws = DRAWS) {
  const mask = maskFromLengths(sequenceLengths(batch, pad));
  return Array.from({ length: draws }, (_, draw) => {
    const normal = gaussian(mulberry32(seed * 7919 + draw * 104_729 + batch * 613 + k * 31 + 1));
    let sum = 0;
    let count = 0;
    for (let b = 0; b < batch; b++) {
      for (let t = 0; t < T; t++) {
        const value = FEATURE_MEANS[k] + FEATURE_SCALES[k] * normal();
        if (mask[b][t]) sum += value;
        if (mask[b][t] || !masked) count++;
      }
    }
    return sum / count;
  });
}

export interface NoiseRow {
  batch: number;
  mean: number;
  std: number;
  draws: number[];
}

const noiseCache = new Map<string, NoiseRow[]>();

/** For every batch size 1…8: BN mean estimates of feature k over DRAWS batches, their mean and spread. */
export function bnNoise(seed: number, pad: number, k: number, masked: boolean): NoiseRow[] {
  const key = `${seed}:${pad}:${k}:${masked}`;
  const cached = noiseCache.get(key);
  if (cached) return cached;
  const rows = Array.from({ length: MAX_BATCH }, (_, i) => {
    const draws = bnMeanDraws(seed, i + 1, pad, k, masked);
    const s = meanVariance(draws);
    return { batch: i + 1, mean: s.mean, std: Math.sqrt(s.variance), draws };
  });
  noiseCache.set(key, rows);
  return rows;
}

/** Everything the figures and read-outs need for one state (indices here are 0-based). */
export function analyse(state: NormState) {
  const data = paddedBatch(state.seed, state.batch, state.pad);
  const b = Math.min(state.b, state.batch) - 1;
  const t = state.t - 1;
  const k = state.k - 1;
  const bnAll = bnStats(data.x, k);
  const bnReal = bnStats(data.x, k, data.mask);
  const bn = state.stats === "mask" ? bnReal : bnAll;
  const ln = lnStats(data.x, b, t);
  const value = data.x[b][t][k];
  const used = state.mode === "bn" ? bn : ln;
  return { data, b, t, k, bnAll, bnReal, bn, ln, value, used, isPad: !data.mask[b][t], out: normalize(value, used) };
}

/** Two decimals, without "-0.00". */
export const f2 = (v: number): string => {
  const s = v.toFixed(2);
  return s === "-0.00" ? "0.00" : s;
};

export function readouts(state: NormState): Record<string, string> {
  const a = analyse(state);
  const { b, t, k } = a;
  const padPct = Math.round(a.data.padShare * 100);
  const where = `b=${b + 1}，t=${t + 1}`;
  const noise = bnNoise(state.seed, state.pad, k, state.stats === "mask");
  const row = noise[state.batch - 1];
  const bnUsed = state.stats === "mask" ? "只算真实 token" : "含 padding";
  let value = `x[${where}，k=${k + 1}] = ${f2(a.value)}${a.isPad ? "（padding 位置）" : ""} → ${
    state.mode === "bn" ? `BN（${bnUsed}）后` : "LN 后"
  } (${f2(a.value)} − ${f2(a.used.mean)}) / √(${f2(a.used.variance)} + ε) = ${f2(a.out)}`;
  if (a.used.variance === 0) {
    value += a.used.count === 1 ? "：只有 1 个数参与统计，方差为 0，输出恒为 β = 0" : "：方差为 0，输出恒为 β = 0";
  }
  return {
    bn:
      `BN（特征 k=${k + 1}）：含 padding 时均值 ${f2(a.bnAll.mean)}，方差 ${f2(a.bnAll.variance)}（${a.bnAll.count} 个数，` +
      `padding 占 ${padPct}%）／只算真实 token：均值 ${f2(a.bnReal.mean)}，方差 ${f2(a.bnReal.variance)}（${a.bnReal.count} 个数）`,
    ln: a.isPad
      ? `LN（token ${where}）：这是 padding 位置，${D} 个特征全为 0，方差 0`
      : `LN（token ${where}）：均值 ${f2(a.ln.mean)}，方差 ${f2(a.ln.variance)}（${D} 个特征，与 padding 和 batch 无关）`,
    value,
    noise:
      `batch = ${state.batch} 时，特征 k=${k + 1} 的 BN 均值在 ${DRAWS} 个随机 batch 间的标准差 ${f2(row.std)}` +
      `（B = 1 时 ${f2(noise[0].std)}，B = ${MAX_BATCH} 时 ${f2(noise[MAX_BATCH - 1].std)}），平均 ${f2(row.mean)}；` +
      `总体均值 ${f2(FEATURE_MEANS[k])}`,
  };
}
