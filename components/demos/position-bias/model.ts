/**
 * What each relative-position scheme does with the distance n = i − j ≥ 0 (the key n tokens before
 * the query), POS-03:
 *  - Shaw et al. (2018): j − i clipped to [−k, k]; one learned vector pair per clipped label.
 *  - T5 (Raffel et al., 2020): one learned scalar per bucket, with the official bucket function.
 *  - ALiBi (Press et al., 2022): a fixed bias −m_h·n, slopes a geometric sequence from 2^(−8/H).
 *  - RoPE (Su et al., 2021, §3.3): the long-term decay of the bound on q_m·k_n.
 * Pure maths, no DOM.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";
import { fmtBase, frequencies } from "../sinusoidal-pe/model";

/** Head dimension of the RoPE curve (LLaMA: 128 per head). */
export const ROPE_DIM = 128;
export const T5_BUCKETS = 32;
export const T5_MAX_DISTANCE = 128;

export const params = {
  nmax: {
    type: "choice",
    label: "横轴最大距离",
    options: [32, 64, 128, 256, 512, 1024],
    default: 256,
  },
  probe: {
    type: "number",
    label: "查看距离 n（竖线）",
    min: 0,
    max: 1024,
    step: 1,
    default: 20,
    integer: true,
  },
  k: { type: "number", label: "Shaw 裁剪距离 k", min: 1, max: 64, step: 1, default: 16, integer: true },
  t5: {
    type: "choice",
    label: "T5 分桶方向",
    options: ["dec", "enc"],
    default: "dec",
    optionLabels: { dec: "decoder（单向，32 个桶）", enc: "encoder（双向，每侧 16 个桶）" },
  },
  heads: { type: "choice", label: "ALiBi 头数 H", options: [2, 4, 8, 16, 32, 64], default: 8 },
  head: {
    type: "number",
    label: "ALiBi 看第 h 个头（大于 H 时取 H）",
    min: 1,
    max: 64,
    step: 1,
    default: 1,
    integer: true,
  },
  ropeBase: {
    type: "number",
    label: "RoPE 底数 base（每头 128 维）",
    min: 100,
    max: 10_000_000,
    step: 0.01,
    default: 10_000,
    log: true,
  },
} satisfies ParamSpecs;

export type BiasState = StateOf<typeof params>;

/** Shaw et al.: the key n positions before the query gets label clip(j − i, k) = −min(n, k). */
export const shawLabel = (n: number, k: number): number => -Math.min(n, k);

/**
 * T5's bucket for relative_position = j − i (memory position − query position), transcribed from
 * Mesh TensorFlow / Hugging Face `_relative_position_bucket`. Bidirectional: half the buckets for
 * keys after the query (offset num_buckets/2). Unidirectional: keys after the query share bucket 0.
 */
export function t5Bucket(
  relativePosition: number,
  bidirectional: boolean,
  numBuckets = T5_BUCKETS,
  maxDistance = T5_MAX_DISTANCE,
): number {
  let buckets = numBuckets;
  let bucket = 0;
  let n: number;
  if (bidirectional) {
    buckets = Math.floor(buckets / 2);
    if (relativePosition > 0) bucket += buckets;
    n = Math.abs(relativePosition);
  } else {
    n = -Math.min(relativePosition, 0);
  }
  const maxExact = Math.floor(buckets / 2);
  if (n < maxExact) return bucket + n;
  // `.to(torch.long)` truncates toward zero; the argument is ≥ 0 here.
  const large =
    maxExact + Math.trunc((Math.log(n / maxExact) / Math.log(maxDistance / maxExact)) * (buckets - maxExact));
  return bucket + Math.min(large, buckets - 1);
}

/** Bucket of a key n ≥ 0 positions before the query (relative_position = −n). */
export const t5BucketBefore = (n: number, mode: string): number => t5Bucket(-n, mode === "enc");

/** ALiBi slopes for H heads, as in the official `get_slopes` (interleaved for non-powers of 2). */
export function alibiSlopes(heads: number): number[] {
  const powerOf2 = (n: number) => {
    const start = 2 ** -(2 ** -(Math.log2(n) - 3));
    return Array.from({ length: n }, (_, i) => start * start ** i);
  };
  if (Number.isInteger(Math.log2(heads))) return powerOf2(heads);
  const closest = 2 ** Math.floor(Math.log2(heads));
  return [
    ...powerOf2(closest),
    ...alibiSlopes(2 * closest)
      .filter((_, i) => i % 2 === 0)
      .slice(0, heads - closest),
  ];
}

export const alibiBias = (n: number, slope: number): number => -slope * n;

/**
 * RoFormer §3.3: with S_j = Σ_{i<j} e^{i·r·θ_i}, |q_m·k_n| ≤ (max_i |h_{i+1} − h_i|)·Σ_j |S_j|, r = m − n.
 * Returns the relative upper bound (1/(d/2))·Σ_{j=1}^{d/2} |S_j| plotted in the paper.
 */
export function ropeBound(r: number, d = ROPE_DIM, base = 10_000): number {
  const theta = frequencies(d, base);
  let re = 0;
  let im = 0;
  let sum = 0;
  for (const t of theta) {
    re += Math.cos(r * t);
    im += Math.sin(r * t);
    sum += Math.hypot(re, im);
  }
  return sum / theta.length;
}

const boundCache = new Map<string, number[]>();

/** ropeBound for r = 0 … nmax (cached). */
export function ropeCurve(nmax: number, base: number, d = ROPE_DIM): number[] {
  const key = `${nmax}:${base}:${d}`;
  const cached = boundCache.get(key);
  if (cached) return cached;
  const curve = Array.from({ length: nmax + 1 }, (_, r) => ropeBound(r, d, base));
  if (boundCache.size > 40) boundCache.clear();
  boundCache.set(key, curve);
  return curve;
}

/** The head the reader looks at: h clamped to H. */
export const headOf = (state: BiasState): number => Math.min(state.head, state.heads);

/** Smallest distance ≥ 0 that lands in the last bucket of its side. */
export function t5Saturation(mode: string): number {
  const last = t5BucketBefore(100_000, mode);
  let n = 0;
  while (t5BucketBefore(n, mode) < last) n++;
  return n;
}

/** "1/256" for a reciprocal of an integer, else 3 significant digits. */
export function fmtSlope(m: number): string {
  const inv = 1 / m;
  return Math.abs(inv - Math.round(inv)) < 1e-9 ? `1/${Math.round(inv)}` : String(Number(m.toPrecision(3)));
}

/** 4.5×10^-5 style for small positive numbers. */
export function fmtSci(x: number): string {
  if (x >= 0.01) return String(Number(x.toPrecision(2)));
  const exp = Math.floor(Math.log10(x));
  let mant = Number((x / 10 ** exp).toFixed(1));
  let e = exp;
  if (mant >= 10) {
    mant /= 10;
    e += 1;
  }
  return `${mant}×10^${e}`;
}

/** Typographic minus sign for negative numbers in prose. */
export const minus = (v: number | string): string => String(v).replace(/^-/, "−");

export function readouts(state: BiasState): Record<string, string> {
  const { probe: n, k, t5, heads, ropeBase, nmax } = state;
  const h = headOf(state);
  const slopes = alibiSlopes(heads);
  const m = slopes[h - 1];
  const bias = alibiBias(n, m);
  const half = t5 === "enc" ? T5_BUCKETS / 2 : T5_BUCKETS;
  const exact = half / 2;
  const sat = t5Saturation(t5);
  const curve = ropeCurve(Math.max(nmax, n), ropeBase);
  const pct = (r: number) => `${Math.round((100 * curve[r]) / curve[0])}%`;
  const shawSame = n >= k ? `，与所有 ≥ ${k} 的距离共用同一对向量` : "";
  const slopeList =
    heads <= 8
      ? slopes.map(fmtSlope).join("、")
      : `${fmtSlope(slopes[0])}、${fmtSlope(slopes[1])} … ${fmtSlope(slopes[heads - 1])}`;
  return {
    shaw: `Shaw（k = ${k}）：距离 ${n} 的标签是 clip(−${n}, ${k}) = ${minus(shawLabel(n, k))}${shawSame}；一共 2k+1 = ${2 * k + 1} 个标签`,
    t5:
      `T5 ${t5 === "enc" ? "encoder" : "decoder"}：距离 ${n} 落在 ${t5BucketBefore(n, t5)} 号桶；` +
      `0–${exact - 1} 各占一个桶，之后按对数变宽，≥ ${sat} 全在 ${half - 1} 号桶` +
      (t5 === "enc" ? "（key 在 query 之后时桶号再加 16）" : ""),
    alibi:
      `ALiBi（H = ${heads}）斜率 ${slopeList}；第 ${h} 个头（斜率 ${fmtSlope(m)}）在距离 ${n} 的偏置 ${bias === 0 ? "0" : minus(bias.toFixed(2))}，` +
      `注意力权重乘 e^(${bias === 0 ? "0" : minus(bias.toFixed(1))}) ≈ ${fmtSci(Math.exp(bias))}`,
    rope:
      `RoPE（每头 ${ROPE_DIM} 维，base = ${fmtBase(ropeBase)}）：距离 ${n} 处的打分上界是距离 0 时的 ${pct(n)}，` +
      `距离 ${nmax} 处是 ${pct(nmax)}；这只是上界，实际打分不一定随距离变小`,
  };
}
