/**
 * Rotary position embedding (Su et al., 2021, §3.2; LLaMA): each pair (x_2i, x_2i+1) of q is rotated
 * by m·θ_i and of k by n·θ_i, θ_i = base^(−2i/d), so
 *   q_m·k_n = Σ_i Re[q_i · conj(k_i) · e^{i(m−n)θ_i}]
 * depends on m − n only: shifting m and n together changes nothing. For contrast, adding the
 * sinusoidal PE to q and k (W = I) leaves cross terms that depend on the absolute positions.
 * Pure maths, no DOM; q and k are seeded.
 */
import { gaussian, mulberry32 } from "../../../src/lib/rng";
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";
import { dotProduct, fmtBase, fmtInt, frequencies, wavelength } from "../sinusoidal-pe/model";

/** Highest position m, n; the largest shift; the width of the shift window in the figure. */
export const MAX_POS = 255;
export const MAX_SHIFT = 4096;
export const SHIFT_WINDOW = 256;

export const params = {
  d: {
    type: "choice",
    label: "每头维度 d_head（LLaMA 为 128）",
    options: [8, 16, 32, 64, 128, 256],
    default: 128,
  },
  base: {
    type: "number",
    label: "底数 base（θ_i = base^(−2i/d)）",
    min: 100,
    max: 10_000_000,
    step: 0.01,
    default: 10_000,
    log: true,
  },
  m: { type: "number", label: "query 位置 m", min: 0, max: MAX_POS, step: 1, default: 12, integer: true },
  n: { type: "number", label: "key 位置 n", min: 0, max: MAX_POS, step: 1, default: 5, integer: true },
  s: {
    type: "number",
    label: "m、n 一起平移 s",
    min: 0,
    max: MAX_SHIFT,
    step: 1,
    default: 0,
    integer: true,
  },
  L: {
    type: "choice",
    label: "训练长度 L（频率图里的横线）",
    options: [512, 2048, 4096, 8192, 32768, 131072],
    default: 2048,
    optionLabels: {
      "512": "512",
      "2048": "2048（LLaMA）",
      "4096": "4096（Llama 2）",
      "8192": "8192（Llama 3 预训练）",
      "32768": "32768",
      "131072": "131072（128K）",
    },
  },
  seed: { type: "number", label: "随机种子（换一组 q、k）", min: 1, max: 50, step: 1, default: 1, integer: true },
} satisfies ParamSpecs;

export type RopeState = StateOf<typeof params>;

const vectorCache = new Map<string, { q: number[]; k: number[] }>();

/** q and k with i.i.d. N(0, 1) components, the same for a given (d, seed) on server and client. */
export function queryKey(d: number, seed: number): { q: number[]; k: number[] } {
  const key = `${d}:${seed}`;
  const cached = vectorCache.get(key);
  if (cached) return cached;
  const normal = gaussian(mulberry32(seed * 7919 + d));
  const vectors = { q: Array.from({ length: d }, normal), k: Array.from({ length: d }, normal) };
  vectorCache.set(key, vectors);
  return vectors;
}

/** R_{Θ,pos}·x: pair (x_2i, x_2i+1) rotated by pos·θ_i (Su et al., 2021, eq. 34; Meta's pair layout). */
export function rotate(x: readonly number[], pos: number, theta: readonly number[]): number[] {
  const out = x.slice();
  for (let i = 0; i < theta.length; i++) {
    const c = Math.cos(pos * theta[i]);
    const s = Math.sin(pos * theta[i]);
    out[2 * i] = x[2 * i] * c - x[2 * i + 1] * s;
    out[2 * i + 1] = x[2 * i] * s + x[2 * i + 1] * c;
  }
  return out;
}

/** q_m·k_n with RoPE, computed by rotating both vectors. */
export const ropeScore = (q: readonly number[], k: readonly number[], m: number, n: number, theta: readonly number[]) =>
  dotProduct(rotate(q, m, theta), rotate(k, n, theta));

/** The same score from the offset alone: Σ_i Re[q_i·conj(k_i)·e^{i·r·θ_i}], r = m − n. */
export function scoreByOffset(q: readonly number[], k: readonly number[], r: number, theta: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < theta.length; i++) {
    // q_i·conj(k_i) = (a + bi)(c − di) = (ac + bd) + (bc − ad)i
    const re = q[2 * i] * k[2 * i] + q[2 * i + 1] * k[2 * i + 1];
    const im = q[2 * i + 1] * k[2 * i] - q[2 * i] * k[2 * i + 1];
    s += re * Math.cos(r * theta[i]) - im * Math.sin(r * theta[i]);
  }
  return s;
}

/** Contrast: sinusoidal PE added to q and k (W_Q = W_K = I), (q + PE(m))·(k + PE(n)). */
export function additiveScore(q: readonly number[], k: readonly number[], m: number, n: number, base: number): number {
  const w = frequencies(q.length, base);
  let s = 0;
  for (let i = 0; i < w.length; i++) {
    // PE interleaved: (sin, cos) of pos·ω_i at dimensions 2i, 2i + 1.
    s += (q[2 * i] + Math.sin(m * w[i])) * (k[2 * i] + Math.sin(n * w[i]));
    s += (q[2 * i + 1] + Math.cos(m * w[i])) * (k[2 * i + 1] + Math.cos(n * w[i]));
  }
  return s;
}

/** The four pairs drawn as clocks: fastest, d/8, d/4 and slowest (wavelengths ×10 apart at base 10⁴). */
export function clockPairs(d: number): number[] {
  return [...new Set([0, d / 8, d / 4, d / 2 - 1].map((i) => Math.round(i)))];
}

/** How many of the d/2 pairs have a wavelength longer than L (they never complete a turn in training). */
export const slowPairs = (d: number, base: number, L: number): number =>
  Array.from({ length: d / 2 }, (_, i) => wavelength(i, d, base)).filter((l) => l > L).length;

export interface ShiftPoint {
  s: number;
  rope: number;
  additive: number;
}

/** Both scores for shifts lo … lo + SHIFT_WINDOW of the pair (m, n). */
export function shiftCurve(state: RopeState, lo: number): ShiftPoint[] {
  const { q, k } = queryKey(state.d, state.seed);
  const theta = frequencies(state.d, state.base);
  const rope = scoreByOffset(q, k, state.m - state.n, theta);
  return Array.from({ length: SHIFT_WINDOW + 1 }, (_, j) => {
    const s = lo + j;
    return { s, rope, additive: additiveScore(q, k, state.m + s, state.n + s, state.base) };
  });
}

/** First shift of the window drawn around s. */
export const shiftWindowStart = (s: number): number =>
  Math.max(0, Math.min(s - SHIFT_WINDOW / 2, MAX_SHIFT - SHIFT_WINDOW));

const offsetCache = new Map<string, { r: number; score: number }[]>();

/** q_m·k_n for every offset r = m − n in [−MAX_POS, MAX_POS] (cached). */
export function offsetCurve(d: number, base: number, seed: number): { r: number; score: number }[] {
  const key = `${d}:${base}:${seed}`;
  const cached = offsetCache.get(key);
  if (cached) return cached;
  const { q, k } = queryKey(d, seed);
  const theta = frequencies(d, base);
  const curve = Array.from({ length: 2 * MAX_POS + 1 }, (_, j) => ({
    r: j - MAX_POS,
    score: scoreByOffset(q, k, j - MAX_POS, theta),
  }));
  if (offsetCache.size > 40) offsetCache.clear();
  offsetCache.set(key, curve);
  return curve;
}

/** Typographic minus for negative numbers in text. */
export const minus = (v: number | string): string => String(v).replace(/^-/, "−");
const norm = (x: readonly number[]) => Math.sqrt(dotProduct(x, x));
const f2 = (v: number): string => {
  const s = v.toFixed(2);
  return minus(s === "-0.00" ? "0.00" : s);
};

export function readouts(state: RopeState): Record<string, string> {
  const { d, base, m, n, s, L, seed } = state;
  const { q, k } = queryKey(d, seed);
  const theta = frequencies(d, base);
  const before = ropeScore(q, k, m, n, theta);
  const after = ropeScore(q, k, m + s, n + s, theta);
  const addBefore = additiveScore(q, k, m, n, base);
  const addAfter = additiveScore(q, k, m + s, n + s, base);
  const r = m - n;
  const slow = slowPairs(d, base, L);
  const shifted =
    s === 0
      ? "拖动 s 把 m、n 一起平移，打分不会变"
      : `一起平移 s = ${s} 后 q_${m + s}·k_${n + s} = ${f2(after)}，${Math.abs(after - before) < 1e-9 ? "与平移前相同" : "变了"}`;
  return {
    score:
      `m = ${m}、n = ${n}（m − n = ${minus(r)}）：RoPE 打分 q_m·k_n = ${f2(before)}；${shifted}。` +
      (s === 0
        ? `对照：把正弦编码加到 q、k 上，打分为 ${f2(addBefore)}，平移后会变`
        : `对照：把正弦编码加到 q、k 上，打分从 ${f2(addBefore)} 变成 ${f2(addAfter)}`),
    direction:
      `RoPE 分得清前后：m − n = ${minus(r)} 时打分 ${f2(scoreByOffset(q, k, r, theta))}，` +
      `m − n = ${minus(-r)} 时 ${f2(scoreByOffset(q, k, -r, theta))}；旋转不改长度：|q_m| = |q| = ${f2(norm(q))}，|k_n| = |k| = ${f2(norm(k))}`,
    spectrum:
      `d_head = ${d}、base = ${fmtBase(base)}：${d / 2} 组频率里有 ${slow} 组波长超过 L = ${fmtInt(L)}（训练中没转满一圈）；` +
      `最快一组波长 2π ≈ 6.3，最慢一组约 ${fmtInt(wavelength(d / 2 - 1, d, base))} 个位置`,
  };
}
