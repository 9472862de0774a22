/**
 * Dot-product vs additive attention scoring (ATT-03): how the spread of each score grows with the
 * vector dimension (unscaled q·k ≈ √d, q·k/√d ≈ 1, additive vᵀtanh(a + b) ≈ 0.72 whatever d is), and
 * what scoring n queries against n keys costs: one GEMM against a broadcast add, a tanh and a
 * d_a-times larger intermediate tensor.
 * Pure maths, no DOM; deterministic for a given seed.
 */
import { gaussian, mulberry32 } from "../../../src/lib/rng";
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

/** Dimensions on the std curve (and the d_k choices): 4 … 1024. */
export const DIMS: readonly number[] = [4, 8, 16, 32, 64, 128, 256, 512, 1024];
export const LENGTHS: readonly number[] = [128, 256, 512, 1024, 2048, 4096, 8192];
/** Independent (q, k, v, a + b) draws per seed; every dimension is estimated from all of them. */
export const TRIALS = 300;
/** Scores drawn per scorer in the strip of individual samples. */
export const STRIP = 40;

export const params = {
  dk: {
    type: "choice",
    label: "向量维度 d_k（加性打分的隐层宽 d_a 取同样大小）",
    options: [...DIMS],
    default: 64,
  },
  n: { type: "choice", label: "序列长度 n（n 个 query 对 n 个 key）", options: [...LENGTHS], default: 1024 },
  seed: { type: "number", label: "随机种子（换一组向量）", min: 1, max: 100, step: 1, default: 1, integer: true },
} satisfies ParamSpecs;

export type ScoringState = StateOf<typeof params>;

export type Scorer = "dot" | "scaled" | "additive";
export const SCORERS: readonly Scorer[] = ["dot", "scaled", "additive"];
export const SCORER_LABELS: Readonly<Record<Scorer, string>> = {
  dot: "点积 q·k（不缩放）",
  scaled: "缩放点积 q·k/√d_k",
  additive: "加性 vᵀtanh(a + b)",
};

/**
 * √E[tanh²(z)] for z ~ N(0, 2): the spread of an additive score vᵀtanh(a + b) when a and b have
 * unit-variance components and v's components have variance 1/d_a. Midpoint rule over ±8σ.
 */
export const ADDITIVE_STD: number = (() => {
  const sigma = Math.SQRT2;
  const steps = 4000;
  const lo = -8 * sigma;
  const width = (16 * sigma) / steps;
  let sum = 0;
  for (let i = 0; i < steps; i++) {
    const z = lo + (i + 0.5) * width;
    sum += Math.tanh(z) ** 2 * Math.exp(-(z * z) / (2 * sigma * sigma));
  }
  return Math.sqrt((sum * width) / (sigma * Math.sqrt(2 * Math.PI)));
})();

/** The spread each scorer has in theory for i.i.d. N(0, 1) inputs. */
export function theoryStd(scorer: Scorer, d: number): number {
  if (scorer === "dot") return Math.sqrt(d);
  if (scorer === "scaled") return 1;
  return ADDITIVE_STD;
}

export interface ScoreSamples {
  /** samples[scorer][dimension index][trial] */
  samples: Record<Scorer, Float64Array[]>;
  /** Standard deviation over the trials, per scorer and dimension index. */
  std: Record<Scorer, number[]>;
}

const cache = new Map<string, ScoreSamples>();

/**
 * TRIALS draws of q, k ~ N(0, I), a + b ~ N(0, 2I) and v ~ N(0, I/d), evaluated for every d in DIMS
 * through their first d components (one draw serves the whole curve). Exact shortcuts keep a seed
 * change cheap: between consecutive dimensions the new block of components adds
 * - to q·k: a term that, given q, is N(0, ‖q_block‖²), with ‖q_block‖² ~ χ²(block size);
 * - to uᵀtanh(z) (v = u/√d, u ~ N(0, I)): a term that, given z, is N(0, Σ_block tanh²(z_i)), where
 *   each tanh²(z_i) is drawn by inverse CDF from one uniform (see TANH_SQ_QUANTILES).
 * v is drawn afresh in every trial: the spread is over the initialisation, not one particular v.
 */
export function sampleScores(seed: number, trials = TRIALS): ScoreSamples {
  const key = `${seed}:${trials}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const uniform = mulberry32(seed * 9973 + 17);
  const normal = gaussian(uniform);
  const samples: Record<Scorer, Float64Array[]> = {
    dot: DIMS.map(() => new Float64Array(trials)),
    scaled: DIMS.map(() => new Float64Array(trials)),
    additive: DIMS.map(() => new Float64Array(trials)),
  };
  const table = TANH_SQ_QUANTILES;
  const cells = table.length - 1;
  for (let t = 0; t < trials; t++) {
    let dot = 0;
    let additive = 0;
    let done = 0;
    for (let di = 0; di < DIMS.length; di++) {
      const d = DIMS[di];
      const block = d - done;
      dot += Math.sqrt(chiSquare(block, normal, uniform)) * normal();
      let tanhSq = 0;
      for (let i = 0; i < block; i++) {
        const x = uniform() * cells;
        const j = x | 0;
        tanhSq += table[j] + (x - j) * (table[j + 1] - table[j]);
      }
      additive += Math.sqrt(tanhSq) * normal();
      done = d;
      samples.dot[di][t] = dot;
      samples.scaled[di][t] = dot / Math.sqrt(d);
      samples.additive[di][t] = additive / Math.sqrt(d);
    }
  }
  const std = {
    dot: samples.dot.map(standardDeviation),
    scaled: samples.scaled.map(standardDeviation),
    additive: samples.additive.map(standardDeviation),
  };
  const result = { samples, std };
  if (cache.size > 24) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

/**
 * Quantile function of W = tanh²(z), z ~ N(0, 2), on an even grid of probabilities p = i/4096:
 * W is increasing in |z|, and |z| = √2·Φ⁻¹((1 + p)/2). Linear interpolation between entries is
 * accurate to ~1e-6, far below the sampling noise.
 */
export const TANH_SQ_QUANTILES: Float64Array = (() => {
  const size = 4096;
  const table = new Float64Array(size + 1);
  for (let i = 0; i <= size; i++) {
    const p = Math.min(i / size, 1 - 1e-12);
    table[i] = Math.tanh(Math.SQRT2 * inverseNormalCdf((1 + p) / 2)) ** 2;
  }
  return table;
})();

/** Φ⁻¹(p) by Acklam's rational approximation (relative error < 1.2e-9). */
export function inverseNormalCdf(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - low) return -inverseNormalCdf(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/** χ²(k) = 2·Gamma(k/2, 1), drawn with Marsaglia and Tsang's method (exact; shape k/2 ≥ 1). */
export function chiSquare(k: number, normal: () => number, uniform: () => number): number {
  const d = k / 2 - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal();
    const base = 1 + c * x;
    if (base <= 0) continue;
    const v = base * base * base;
    const u = 1 - uniform(); // (0, 1]
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return 2 * d * v;
  }
}

export function standardDeviation(xs: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < xs.length; i++) mean += xs[i];
  mean /= xs.length;
  let sq = 0;
  for (let i = 0; i < xs.length; i++) sq += (xs[i] - mean) ** 2;
  return Math.sqrt(sq / xs.length);
}

export const dimIndex = (d: number): number => Math.max(0, DIMS.indexOf(d));

export interface OpCounts {
  /** Multiply-adds: QKᵀ for dot, the product with v for additive. */
  dotMacs: number;
  additiveMacs: number;
  /** Broadcast additions plus tanh evaluations (additive only). */
  additiveElementwise: number;
  /** Elements of the intermediate result kept for the backward pass. */
  dotStored: number;
  additiveStored: number;
  /** FLOPs per byte moved for QKᵀ in fp16: 2nmd / (2(nd + md + nm)). */
  dotIntensity: number;
}

/**
 * The scoring step for n queries against m = n keys, head dimension d = d_a (projections excluded:
 * both scorers need them and they cost the same).
 */
export function opCounts(n: number, d: number, m = n): OpCounts {
  const pairs = n * m;
  return {
    dotMacs: pairs * d,
    additiveMacs: pairs * d,
    additiveElementwise: 2 * pairs * d,
    dotStored: pairs,
    additiveStored: pairs * d,
    dotIntensity: (2 * pairs * d) / (2 * (n * d + m * d + pairs)),
  };
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
/** 67108864 → "6.7×10⁷" (2 significant digits). */
export function sci(x: number): string {
  if (x === 0) return "0";
  let exp = Math.floor(Math.log10(Math.abs(x)));
  let mantissa = Number((x / 10 ** exp).toFixed(1));
  if (mantissa >= 10) {
    mantissa /= 10;
    exp += 1;
  }
  const sup = String(exp)
    .split("")
    .map((c) => (c === "-" ? "⁻" : SUPERSCRIPT[Number(c)]))
    .join("");
  return `${mantissa}×10${sup}`;
}

/** Bytes in binary units with up to 3 significant digits: 4194304 → "4 MiB". */
export function bytes(b: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = b;
  let u = 0;
  while (value >= 1024 && u < units.length - 1) {
    value /= 1024;
    u++;
  }
  return `${Number(value.toPrecision(3))} ${units[u]}`;
}

const f2 = (x: number) => x.toFixed(2);

export function readouts(state: ScoringState): Record<string, string> {
  const { std } = sampleScores(state.seed);
  const i = dimIndex(state.dk);
  const ops = opCounts(state.n, state.dk);
  return {
    std:
      `d_k = ${state.dk}：不缩放点积的标准差 ≈ ${std.dot[i].toFixed(1)}（√d_k = ${Math.sqrt(state.dk).toFixed(1)}），` +
      `缩放后 ≈ ${f2(std.scaled[i])}，加性 ≈ ${f2(std.additive[i])}（理论值 ${f2(ADDITIVE_STD)}，与维度无关）；各 ${TRIALS} 次抽样`,
    ops:
      `n = ${state.n}，d_k = d_a = ${state.dk}：点积 ${sci(ops.dotMacs)} 次乘加，是一次矩阵乘法 QKᵀ` +
      `（fp16 下每读写 1 字节约 ${Math.round(ops.dotIntensity)} 次运算）；加性同样 ${sci(ops.additiveMacs)} 次乘加，` +
      `另有 ${sci(ops.additiveElementwise)} 次逐元素的加法与 tanh`,
    mem:
      `要存的中间结果（fp32）：点积是 ${bytes(4 * ops.dotStored)} 的分数矩阵，加性是 ${bytes(4 * ops.additiveStored)} 的 tanh 值，` +
      `是前者的 d_a = ${state.dk} 倍`,
  };
}
