/**
 * Sinusoidal positional encoding (Vaswani et al., 2017, §3.5):
 *   PE(pos, 2i) = sin(pos·ω_i),  PE(pos, 2i+1) = cos(pos·ω_i),  ω_i = base^(−2i/d).
 * The heatmap is PE over a window of positions; PE(p)·PE(p+k) = Σ_i cos(k·ω_i) depends only on k.
 * Pure maths, no DOM. The frequency helpers are shared with pe-extrapolation and rope-rotation.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

/** Rows of the heatmap window, and how many rows above p it shows. */
export const WINDOW = 48;
export const ABOVE = 7;
/** The two fixed start positions whose curves are overlaid on the reader's p (as in the article's cell). */
export const OTHER_STARTS: readonly number[] = [0, 500];

export const params = {
  d: {
    type: "choice",
    label: "d_model（维度数，共 d/2 对 sin/cos）",
    options: [16, 32, 64, 128, 256, 512],
    default: 64,
  },
  base: {
    type: "number",
    label: "底数 base（原论文 10000）",
    min: 10,
    max: 1_000_000,
    step: 0.01,
    default: 10_000,
    log: true,
  },
  p: { type: "number", label: "参考位置 p", min: 0, max: 1000, step: 1, default: 37, integer: true },
  k: {
    type: "number",
    label: "偏移 k（热力图框出 p 与 p+k 两行）",
    min: 0,
    max: 40,
    step: 1,
    default: 8,
    integer: true,
  },
  span: {
    type: "choice",
    label: "点积曲线的横轴范围 |k| ≤",
    options: [50, 100, 200, 500, 1000],
    default: 100,
  },
} satisfies ParamSpecs;

export type PeState = StateOf<typeof params>;

const frequencyCache = new Map<string, readonly number[]>();

/** ω_i = base^(−2i/d), i = 0 … d/2 − 1 (cached and shared: do not mutate). */
export function frequencies(d: number, base: number): readonly number[] {
  const key = `${d}:${base}`;
  let w = frequencyCache.get(key);
  if (!w) {
    w = Object.freeze(Array.from({ length: d / 2 }, (_, i) => base ** ((-2 * i) / d)));
    if (frequencyCache.size > 64) frequencyCache.clear();
    frequencyCache.set(key, w);
  }
  return w;
}

/** Wavelength of pair i in positions: 2π / ω_i = 2π·base^(2i/d). */
export const wavelength = (i: number, d: number, base: number): number => 2 * Math.PI * base ** ((2 * i) / d);

/** PE(pos) as a d-vector, interleaved: [sin(pos·ω_0), cos(pos·ω_0), sin(pos·ω_1), …]. */
export function encode(pos: number, d: number, base: number): number[] {
  const out: number[] = [];
  for (const w of frequencies(d, base)) out.push(Math.sin(pos * w), Math.cos(pos * w));
  return out;
}

export function dotProduct(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** PE(p)·PE(p+k), computed from the two vectors. */
export const peDot = (p: number, k: number, d: number, base: number): number =>
  dotProduct(encode(p, d, base), encode(p + k, d, base));

/** The closed form Σ_i cos(k·ω_i): the same number for every p. */
export function dotByOffset(k: number, d: number, base: number): number {
  let s = 0;
  for (const w of frequencies(d, base)) s += Math.cos(k * w);
  return s;
}

/** First row (position) of the heatmap window: a few rows above p, so p and p+k (k ≤ 40) are inside. */
export const windowStart = (p: number): number => Math.max(0, p - ABOVE);

/** PE over WINDOW positions from `start`: row-major values (rows = positions, columns = dimensions). */
export function heatmapValues(start: number, d: number, base: number, rows = WINDOW): Float64Array {
  const w = frequencies(d, base);
  const out = new Float64Array(rows * d);
  for (let r = 0; r < rows; r++) {
    const pos = start + r;
    for (let i = 0; i < d / 2; i++) {
      out[r * d + 2 * i] = Math.sin(pos * w[i]);
      out[r * d + 2 * i + 1] = Math.cos(pos * w[i]);
    }
  }
  return out;
}

const curveCache = new Map<string, { k: number; dot: number }[]>();

/** Σ_i cos(k·ω_i) for every integer k in [−span, span] (cached: up to 2001 × 256 cosines). */
export function offsetCurve(d: number, base: number, span: number): { k: number; dot: number }[] {
  const key = `${d}:${base}:${span}`;
  const cached = curveCache.get(key);
  if (cached) return cached;
  const w = frequencies(d, base);
  const half = Array.from({ length: span + 1 }, (_, k) => {
    let s = 0;
    for (const wi of w) s += Math.cos(k * wi);
    return s;
  });
  // cos is even: the curve at −k is the curve at k.
  const curve = Array.from({ length: 2 * span + 1 }, (_, j) => ({ k: j - span, dot: half[Math.abs(j - span)] }));
  if (curveCache.size > 40) curveCache.clear();
  curveCache.set(key, curve);
  return curve;
}

export interface Sample {
  start: number;
  k: number;
  dot: number;
}

/**
 * PE(p)·PE(p+k) computed directly for each start p at 21 offsets across [−span, span] (staggered per
 * start so the markers do not hide each other), skipping negative positions.
 */
export function startSamples(starts: readonly number[], d: number, base: number, span: number): Sample[] {
  const step = span / 10;
  const out: Sample[] = [];
  starts.forEach((start, s) => {
    for (let j = 0; j <= 20; j++) {
      const k = Math.round(-span + j * step + (s * step) / starts.length);
      if (k > span || start + k < 0) continue;
      out.push({ start, k, dot: peDot(start, k, d, base) });
    }
  });
  return out;
}

/** cos(k·ω_i) per pair: the terms whose sum is PE(p)·PE(p+k). */
export const pairTerms = (k: number, d: number, base: number): { i: number; term: number }[] =>
  frequencies(d, base).map((w, i) => ({ i, term: Math.cos(k * w) }));

/** Numbers with one decimal; thousands separated. */
export const fmt1 = (v: number): string => {
  const s = v.toFixed(1);
  return s === "-0.0" ? "0.0" : s;
};
export const fmtInt = (v: number): string => Math.round(v).toLocaleString("en-US");
/** A base such as 10000 or 501200, without exponent notation. */
export const fmtBase = (b: number): string => (b >= 100 ? fmtInt(b) : String(Number(b.toPrecision(3))));

export const DECAY_OFFSETS: readonly number[] = [1, 10, 100, 1000];

export function readouts(state: PeState): Record<string, string> {
  const { d, base, p, k } = state;
  const closed = dotByOffset(k, d, base);
  const starts = [p, ...OTHER_STARTS.filter((s) => s !== p)];
  const direct = starts.map((s) => `PE(${s})·PE(${s + k}) = ${fmt1(peDot(s, k, d, base))}`).join("，");
  const decay = DECAY_OFFSETS.map((o) => fmt1(dotByOffset(o, d, base))).join("、");
  const norm = Math.sqrt(d / 2);
  return {
    dot:
      `k = ${k}：${direct}，都等于 Σcos(${k}·ω_i) = ${fmt1(closed)}，与起点 p 无关；` +
      `k = −${k} 时也是 ${fmt1(closed)}，点积分不出前后`,
    decay:
      `d_model = ${d}、base = ${fmtBase(base)}：k = 0 时点积为 d/2 = ${d / 2}，` +
      `k = ${DECAY_OFFSETS.join("、")} 时为 ${decay}；‖PE(pos)‖ = √(d/2) = ${norm.toFixed(2)}，对所有位置相同`,
    wave: `波长从第 0 对的 2π ≈ 6.28 个位置，到第 ${d / 2 - 1} 对的 2π·base^((d−2)/d) ≈ ${fmtInt(wavelength(d / 2 - 1, d, base))} 个位置`,
  };
}
