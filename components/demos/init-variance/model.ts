/**
 * Activation size per layer under three initialisations (DL-06): a stack of L square layers of width n
 * without biases, h_l = f(W_l h_{l−1}), one input x ~ N(0, I_n), weights i.i.d. N(0, σ²) with
 *   N(0, 1):  σ² = 1      Xavier:  σ² = 2/(fan_in + fan_out) = 1/n      Kaiming:  σ² = 2/fan_in = 2/n
 * and f = tanh or ReLU. The size of layer l is its root mean square √(‖h_l‖²/n): for tanh that is the
 * standard deviation (the mean is 0), for ReLU the second moment E[h²] that Kaiming's derivation keeps
 * constant (the article's code cell computes the same number).
 *
 * Sampling: given h_{l−1}, the pre-activation W_l h_{l−1} of a Gaussian matrix independent of h_{l−1}
 * is exactly N(0, σ²‖h_{l−1}‖² I_n). So z_l = σ·‖h_{l−1}‖·ξ_l with a fresh ξ_l ~ N(0, I_n) has exactly
 * the distribution of a real network's, at n random numbers a layer instead of n²: width 512 is cheap.
 * The three schemes share ξ_l; for ReLU, whose
 * activation pattern ignores the scale, their curves are then exactly parallel, (σ₁/σ₂)^l apart.
 *
 * Finite width (Hanin & Rolnick 2018): under Kaiming, ReLU multiplies ‖h‖² a layer by
 * (2/n)·Σ ReLU(ξ_i)², mean 1 and variance 5/n; the log performs a random walk whose steps average about
 * −5/(2n), so the typical RMS sinks like e^(−5l/(4n)) although the mean second moment stays 1.
 * Pure maths, no DOM; deterministic for a given seed.
 */
import { gaussian, mulberry32 } from "../../../src/lib/rng";
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";
import { fmt } from "../../ui/demo/log-axis";
import { lruCache } from "../residual-gradient/backprop";

export const MAX_DEPTH = 50;
/**
 * Networks behind the spread of the Kaiming curve (10th–90th percentile per layer): ReLU's are cheap
 * to simulate exactly (see reluKaimingBand), tanh's are full runs; tanh's spread is narrow anyway.
 */
export const RELU_PATHS = 1000;
/** tanh runs cost n numbers a layer: fewer of them at large widths (100 at n = 128, 25 at 512). */
export const tanhSeeds = (n: number): number => Math.min(100, Math.max(25, Math.round(12_800 / n)));

export const ACTIVATIONS = ["relu", "tanh"] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const params = {
  act: {
    type: "choice",
    label: "激活函数",
    options: ACTIVATIONS,
    default: "relu",
    optionLabels: { relu: "ReLU", tanh: "tanh" },
  },
  L: { type: "number", label: "层数 L", min: 2, max: MAX_DEPTH, step: 1, default: 50, integer: true },
  n: {
    type: "number",
    label: "宽度 n（每层 fan_in = fan_out = n）",
    min: 16,
    max: 512,
    step: 16,
    default: 128,
    integer: true,
  },
  seed: { type: "number", label: "随机种子（换一组权重与输入）", min: 1, max: 50, step: 1, default: 1, integer: true },
} satisfies ParamSpecs;

export type InitVarianceState = StateOf<typeof params>;

export const SCHEMES = ["normal", "xavier", "kaiming"] as const;
export type Scheme = (typeof SCHEMES)[number];
export const SCHEME_LABELS: Readonly<Record<Scheme, string>> = {
  normal: "N(0, 1)",
  xavier: "Xavier 2/(fan_in+fan_out)",
  kaiming: "Kaiming 2/fan_in",
};
export const SCHEME_SHORT: Readonly<Record<Scheme, string>> = {
  normal: "N(0,1)",
  xavier: "Xavier",
  kaiming: "Kaiming",
};

/** Var(w) of each scheme for a square layer of width n. */
export function variance(scheme: Scheme, n: number): number {
  if (scheme === "normal") return 1;
  if (scheme === "xavier") return 2 / (n + n);
  return 2 / n;
}

const f = (a: Activation | string, z: number) => (a === "tanh" ? Math.tanh(z) : z > 0 ? z : 0);

export interface Run {
  /** RMS of h_l for l = 0 (the input) … MAX_DEPTH, per scheme. */
  rms: Record<Scheme, number[]>;
  /** tanh only: mean tanh′(z_l) over the units of layer l (index l − 1), per scheme. */
  slope: Record<Scheme, number[]>;
}

/** One seeded run through MAX_DEPTH layers (a shallower net is a prefix of it). */
export function run(a: Activation | string, n: number, seed: number, schemes: readonly Scheme[] = SCHEMES): Run {
  const normal = gaussian(mulberry32(seed * 2654435761 + 31337));
  const x0 = Float64Array.from({ length: n }, normal);
  const rms = {} as Record<Scheme, number[]>;
  const slope = {} as Record<Scheme, number[]>;
  const hs = new Map<Scheme, Float64Array>();
  let sq0 = 0;
  for (const v of x0) sq0 += v * v;
  for (const s of schemes) {
    rms[s] = [Math.sqrt(sq0 / n)];
    slope[s] = [];
    hs.set(s, Float64Array.from(x0));
  }
  const xi = new Float64Array(n);
  for (let l = 1; l <= MAX_DEPTH; l++) {
    for (let i = 0; i < n; i++) xi[i] = normal();
    for (const s of schemes) {
      const h = hs.get(s) as Float64Array;
      const scale = Math.sqrt(variance(s, n)) * rms[s][l - 1] * Math.sqrt(n); // σ·‖h_{l−1}‖
      let sq = 0;
      let d = 0;
      for (let i = 0; i < n; i++) {
        const z = scale * xi[i];
        const y = f(a, z);
        h[i] = y;
        sq += y * y;
        if (a === "tanh") d += 1 - y * y;
      }
      rms[s].push(Math.sqrt(sq / n));
      slope[s].push(d / n);
    }
  }
  return { rms, slope };
}

/** The p-quantile of sorted values (linear interpolation). */
export function quantile(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export interface Band {
  /** Per layer l = 0 … MAX_DEPTH: 10th, 50th and 90th percentile of the Kaiming RMS. */
  p10: number[];
  median: number[];
  p90: number[];
  /** How many networks the percentiles are taken over. */
  count: number;
}

function percentiles(perLayer: number[][]): Band {
  const band: Band = { p10: [], median: [], p90: [], count: perLayer[0].length };
  for (const values of perLayer) {
    values.sort((x, y) => x - y);
    band.p10.push(quantile(values, 0.1));
    band.median.push(quantile(values, 0.5));
    band.p90.push(quantile(values, 0.9));
  }
  return band;
}

/** Gamma(a, 1) by Marsaglia & Tsang (2000); a below 1 through Gamma(a + 1)·U^(1/a). */
export function gammaSample(a: number, normal: () => number, uniform: () => number): number {
  if (a < 1) return gammaSample(a + 1, normal, uniform) * (1 - uniform()) ** (1 / a);
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal();
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = 1 - uniform();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** The CDF of Binomial(n, ½), for sampling by inversion. */
function binomialHalfCdf(n: number): Float64Array {
  const cdf = new Float64Array(n + 1);
  let p = 2 ** -n;
  let acc = 0;
  for (let k = 0; k <= n; k++) {
    acc += p;
    cdf[k] = acc;
    p = (p * (n - k)) / (k + 1);
  }
  return cdf;
}

/**
 * ReLU + Kaiming: each layer multiplies ‖h‖² by F = (2/n)·Σ ReLU(ξ_i)² = (2/n)·χ²_K, where K ~
 * Binomial(n, ½) units are active and χ²_K = 2·Gamma(K/2) — the same law at every layer, whatever h
 * is. So a network is a product of independent F's, two random numbers a layer instead of n, and the
 * spread can be taken over many networks: `paths` of them, starting from ‖x‖² ~ χ²_n.
 */
export function reluKaimingBand(n: number, paths = RELU_PATHS, seed = 7): Band {
  const uniform = mulberry32(seed * 40503 + n);
  const normal = gaussian(uniform);
  const cdf = binomialHalfCdf(n);
  const perLayer: number[][] = Array.from({ length: MAX_DEPTH + 1 }, () => []);
  for (let p = 0; p < paths; p++) {
    let sq = (2 * gammaSample(n / 2, normal, uniform)) / n; // ‖x‖²/n
    perLayer[0].push(Math.sqrt(sq));
    for (let l = 1; l <= MAX_DEPTH; l++) {
      const u = uniform();
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid] < u) lo = mid + 1;
        else hi = mid;
      }
      sq *= lo === 0 ? 0 : (2 / n) * 2 * gammaSample(lo / 2, normal, uniform);
      perLayer[l].push(Math.sqrt(sq));
    }
  }
  return percentiles(perLayer);
}

/** tanh + Kaiming: the spread over `seeds` full runs (fixed seeds, independent of the seed slider). */
export function tanhKaimingBand(n: number, seeds = tanhSeeds(n)): Band {
  const perLayer: number[][] = Array.from({ length: MAX_DEPTH + 1 }, () => []);
  for (let k = 0; k < seeds; k++) {
    run("tanh", n, 100_000 + k, ["kaiming"]).rms.kaiming.forEach((v, l) => {
      perLayer[l].push(v);
    });
  }
  return percentiles(perLayer);
}

export const kaimingBand = (a: Activation | string, n: number): Band =>
  a === "tanh" ? tanhKaimingBand(n) : reluKaimingBand(n);

/**
 * E[g(z)] for z ~ N(0, q) by Simpson's rule on [−8, 8] standard deviations, with more nodes for a large
 * q: N(0, 1) weights put tanh's pre-activations at q ≈ n, where tanh switches within 1/√q of 0.
 */
export function gaussianMean(g: (z: number) => number, q: number): number {
  const nodes = 2 * Math.ceil(200 * Math.max(1, Math.sqrt(q)));
  const h = 16 / nodes;
  const s = Math.sqrt(q);
  let sum = 0;
  for (let i = 0; i <= nodes; i++) {
    const z = -8 + i * h;
    const w = i === 0 || i === nodes ? 1 : i % 2 === 1 ? 4 : 2;
    sum += w * Math.exp(-0.5 * z * z) * g(s * z);
  }
  return (sum * h) / 3 / Math.sqrt(2 * Math.PI);
}

/**
 * Infinite-width (mean-field) RMS per layer for an input of unit second moment:
 * q_l = n·σ²·m_{l−1}, m_l = E[f(z)²] with z ~ N(0, q_l); ReLU in closed form, m_l = q_l/2.
 */
export function meanFieldRms(a: Activation | string, scheme: Scheme, n: number, L = MAX_DEPTH): number[] {
  const v = n * variance(scheme, n);
  const out = [1];
  let m = 1;
  for (let l = 1; l <= L; l++) {
    const q = v * m;
    m = a === "tanh" ? gaussianMean((z) => Math.tanh(z) ** 2, q) : q / 2;
    out.push(Math.sqrt(m));
  }
  return out;
}

/** ReLU + Kaiming at width n: the typical RMS after l layers, e^(−5l/(4n)), relative to the input. */
export const reluDrift = (l: number, n: number): number => Math.exp((-5 * l) / (4 * n));

const runs = lruCache<Run>(8);
const bands = lruCache<Band>(16);
const fields = lruCache<Record<Scheme, number[]>>(16);

export interface Analysis {
  run: Run;
  band: Band;
  meanField: Record<Scheme, number[]>;
}

export function analyse(state: InitVarianceState): Analysis {
  return {
    run: runs(`${state.act}:${state.n}:${state.seed}`, () => run(state.act, state.n, state.seed)),
    band: bands(`${state.act}:${state.n}`, () => kaimingBand(state.act, state.n)),
    meanField: fields(
      `${state.act}:${state.n}`,
      () =>
        Object.fromEntries(SCHEMES.map((s) => [s, meanFieldRms(state.act, s, state.n)])) as Record<Scheme, number[]>,
    ),
  };
}

const num = (x: number) => String(Number(x.toPrecision(2)));

export function readouts(state: InitVarianceState): Record<string, string> {
  const { run: r, band, meanField } = analyse(state);
  const { L, n } = state;
  const last = SCHEMES.map((s) => `${SCHEME_SHORT[s]} ${fmt(r.rms[s][L])}`).join("，");
  const slopes =
    state.act === "tanh"
      ? `；第 ${L} 层平均 tanh′(z)：${SCHEMES.map((s) => `${SCHEME_SHORT[s]} ${num(r.slope[s][L - 1])}`).join("，")}`
      : "";
  const theory = state.act === "relu" ? `，e^(−5L/(4n)) = ${num(reluDrift(L, n))}` : "";
  return {
    last: `第 ${L} 层激活的 RMS（种子 ${state.seed}，宽 ${n}）：${last}${slopes}`,
    meanField: `无限宽（平均场）预测第 ${L} 层：${SCHEMES.map((s) => `${SCHEME_SHORT[s]} ${fmt(meanField[s][L])}`).join("，")}`,
    drift:
      `Kaiming 的有限宽度涨落（${band.count} 个随机网络）：第 ${L} 层中位数 ${num(band.median[L])}，` +
      `10%–90% 区间 ${num(band.p10[L])}–${num(band.p90[L])}；无限宽时为 ${num(meanField.kaiming[L])}${theory}`,
  };
}
