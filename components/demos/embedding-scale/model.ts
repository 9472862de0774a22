/**
 * Why the original Transformer multiplies embeddings by √d_model (ARC-04): the entries of a token
 * embedding initialised with std σ (the reference code: σ = d^−½), with and without ×√d, next to the
 * entries of the sinusoidal position encoding, and PE's share of the energy ‖x‖² of x = s·e + p.
 * For any position ‖p‖² = d/2 exactly (sin² + cos² = 1 per pair); E‖e‖² = d·σ², so the share is
 * (d/2) / (d/2 + s²·d·σ²) = 1 / (1 + 2s²σ²). Pure maths, no DOM; samples are seeded.
 */
import { gaussian, mulberry32 } from "../../../src/lib/rng";
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

/** Vocabulary of the article's Xavier row (the WMT En–De shared BPE vocabulary, ≈ 37000). */
export const VOCAB = 37000;
/** Embedding entries drawn for the histogram. */
export const SAMPLES = 6000;
/** Histogram window and bins (entries outside are counted, not drawn). */
export const RANGE = 3;
export const BINS = 48;

export const INITS = ["invD", "xavier", "gpt2", "torch"] as const;
export type Init = (typeof INITS)[number];
export const INIT_LABELS: Readonly<Record<Init, string>> = {
  invD: "N(0, 1/d)（参考实现）",
  xavier: `Xavier（V = ${VOCAB}）`,
  gpt2: "N(0, 0.02²)（GPT-2、BERT）",
  torch: "N(0, 1)（PyTorch nn.Embedding 默认）",
};

export const params = {
  d: { type: "choice", label: "d_model", options: [64, 128, 256, 512, 1024, 2048, 4096], default: 512 },
  init: {
    type: "choice",
    label: "embedding 初始化",
    options: INITS,
    default: "invD",
    optionLabels: INIT_LABELS,
  },
  positions: {
    type: "choice",
    label: "位置编码取前多少个位置",
    options: [16, 128, 512],
    default: 128,
  },
} satisfies ParamSpecs;

export type EmbeddingState = StateOf<typeof params>;

/** Standard deviation of the embedding entries at initialisation. */
export function initStd(init: Init | string, d: number): number {
  switch (init) {
    case "xavier":
      return Math.sqrt(2 / (VOCAB + d)); // Glorot: 2 / (fan_in + fan_out)
    case "gpt2":
      return 0.02;
    case "torch":
      return 1;
    default:
      return 1 / Math.sqrt(d);
  }
}

/** PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(same). */
export function positionEncoding(p: number, d: number): number[] {
  const out = new Array<number>(d);
  for (let i = 0; i < d; i += 2) {
    const angle = p / 10000 ** (i / d);
    out[i] = Math.sin(angle);
    if (i + 1 < d) out[i + 1] = Math.cos(angle);
  }
  return out;
}

export interface Energy {
  sigma: number;
  /** Entry std after the optional ×√d. */
  std: { plain: number; scaled: number };
  /** Expected ‖e‖ = σ√d (×√d when scaled). */
  norm: { plain: number; scaled: number };
  /** ‖p‖ = √(d/2), for every position. */
  peNorm: number;
  /** PE's share of E‖x‖² with x = e + p (plain) or √d·e + p (scaled). */
  share: { plain: number; scaled: number };
}

export function energy(init: Init | string, d: number): Energy {
  const sigma = initStd(init, d);
  const pe2 = d / 2;
  const e2 = d * sigma * sigma;
  return {
    sigma,
    std: { plain: sigma, scaled: sigma * Math.sqrt(d) },
    norm: { plain: Math.sqrt(e2), scaled: Math.sqrt(e2 * d) },
    peNorm: Math.sqrt(pe2),
    share: { plain: pe2 / (pe2 + e2), scaled: pe2 / (pe2 + d * e2) },
  };
}

export interface Histogram {
  /** Bin centres. */
  x: number[];
  /** Density (count / (total · bin width)), so histograms of different sizes compare. */
  density: number[];
  /** Share of the values outside [−RANGE, RANGE]. */
  outside: number;
  /** Root mean square of all values (inside or not). */
  rms: number;
}

const WIDTH = (2 * RANGE) / BINS;
export const BIN_CENTRES: readonly number[] = Array.from({ length: BINS }, (_, i) => -RANGE + (i + 0.5) * WIDTH);

/** Counts values into the fixed bins. */
class Binner {
  counts = new Array<number>(BINS).fill(0);
  total = 0;
  outside = 0;
  sumSq = 0;
  add(v: number) {
    this.total += 1;
    this.sumSq += v * v;
    const bin = Math.floor((v + RANGE) / WIDTH);
    if (bin < 0 || bin >= BINS) this.outside += 1;
    else this.counts[bin] += 1;
  }
  result(): Histogram {
    return {
      x: [...BIN_CENTRES],
      density: this.counts.map((c) => c / (this.total * WIDTH)),
      outside: this.outside / this.total,
      rms: Math.sqrt(this.sumSq / this.total),
    };
  }
}

export function histogram(values: Iterable<number>): Histogram {
  const binner = new Binner();
  for (const v of values) binner.add(v);
  return binner.result();
}

/** SAMPLES standard-normal draws, fixed once: every init and scale is this sample times its std. */
const STANDARD: readonly number[] = (() => {
  const normal = gaussian(mulberry32(2017));
  return Array.from({ length: SAMPLES }, normal);
})();

export function embeddingHistogram(std: number): Histogram {
  return histogram(STANDARD.map((z) => z * std));
}

/**
 * Position-encoding entries for positions 0…P−1 are a pure function of (d, P): cache them. Each
 * frequency's (sin, cos) pair is advanced by a rotation instead of P calls to sin and cos (d = 4096,
 * P = 512 is 2M entries); the rounding error after 512 rotations is ~1e-13.
 */
const peCache = new Map<string, Histogram>();
export function peHistogram(d: number, positions: number): Histogram {
  const key = `${d}:${positions}`;
  const cached = peCache.get(key);
  if (cached) return cached;
  const binner = new Binner();
  for (let i = 0; i < d; i += 2) {
    const omega = 1 / 10000 ** (i / d);
    const cw = Math.cos(omega);
    const sw = Math.sin(omega);
    let sin = 0; // position 0
    let cos = 1;
    for (let p = 0; p < positions; p++) {
      binner.add(sin);
      if (i + 1 < d) binner.add(cos);
      const next = sin * cw + cos * sw;
      cos = cos * cw - sin * sw;
      sin = next;
    }
  }
  const h = binner.result();
  peCache.set(key, h);
  return h;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
/** 22.6, 1.00, 0.165, 0.044, 0.0073: about three significant digits, two below 0.1. */
const f3 = (x: number) => (x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x >= 0.1 ? x.toFixed(3) : x.toPrecision(2));

export function readouts(state: EmbeddingState): Record<string, string> {
  const e = energy(state.init, state.d);
  const pe = peHistogram(state.d, state.positions);
  return {
    std:
      `d = ${state.d}：embedding 元素标准差 ${f3(e.std.plain)}，乘 √d 后 ${f3(e.std.scaled)}；` +
      `位置编码元素均方根 ${pe.rms.toFixed(3)}（前 ${state.positions} 个位置）`,
    norm: `‖e‖ ≈ ${f3(e.norm.plain)}，乘 √d 后 ≈ ${f3(e.norm.scaled)}；任意位置 ‖p‖ = √(d/2) = ${f3(e.peNorm)}`,
    share: `位置编码占输入能量 ‖x‖² 的比例：不乘 ${pct(e.share.plain)}，乘 √d ${pct(e.share.scaled)}`,
  };
}
