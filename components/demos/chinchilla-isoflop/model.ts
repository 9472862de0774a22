/**
 * Chinchilla's parametric loss (LLM-10), Hoffmann et al. (2022) eq. 2: L(N, D) = E + A/N^α + B/D^β,
 * under the article's compute approximation C ≈ 6ND. Along one budget (an iso-FLOP curve) D = C/(6N);
 * the minimum has the closed form N_opt = G·(C/6)^(β/(α+β)), G = (αA/(βB))^(1/(α+β)), D_opt = (C/6)/N_opt.
 * The two constant sets are the article's: the rounded appendix D.2 values and the Besiroglu et al.
 * (2024) refit. Pure maths, no DOM.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";
import { scientific } from "../../ui/demo/superscript";

export interface Fit {
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
}

/** Exactly the constants of the article's code cell. */
export const FITS = {
  rounded: { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 },
  refit: { E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 },
} as const satisfies Record<string, Fit>;
export type FitName = keyof typeof FITS;

export const FIT_NAMES: Record<FitName, string> = {
  rounded: "附录 D.2 舍入常数",
  refit: "Besiroglu 重拟合",
};

/** Gopher's (and Chinchilla's) training budget, FLOPs. */
export const GOPHER_BUDGET = 5.76e23;
/** The range of the model-size axis and of the probe. */
export const N_RANGE = [1e8, 1e13] as const;
/** The range of the compute axis and slider. */
export const C_RANGE = [1e19, 1e26] as const;

export const params = {
  C: {
    type: "number",
    label: "训练算力 C（FLOPs，默认为 Gopher / Chinchilla 的 5.76×10²³）",
    min: C_RANGE[0],
    max: C_RANGE[1],
    step: 0.05,
    default: GOPHER_BUDGET,
    log: true,
  },
  fit: {
    type: "choice",
    label: "拟合常数",
    options: ["rounded", "refit"] as readonly FitName[],
    default: "rounded" as FitName,
    optionLabels: {
      rounded: "附录 D.2 舍入常数（E 1.69，A 406.4，B 410.7，α 0.34，β 0.28）",
      refit: "Besiroglu 重拟合（E 1.8172，A 482.01，B 2085.43，α 0.3478，β 0.3658）",
    },
  },
  N: {
    type: "number",
    label: "查看的模型规模 N（参数，默认为 Chinchilla 的 70B）",
    min: N_RANGE[0],
    max: N_RANGE[1],
    step: 0.05,
    default: 7e10,
    log: true,
  },
} satisfies ParamSpecs;

export type ChinState = StateOf<typeof params>;

/** Predicted loss (nats/token) of N parameters trained on D tokens. */
export const loss = (f: Fit, N: number, D: number): number => f.E + f.A / N ** f.alpha + f.B / D ** f.beta;

/** Tokens that a budget C buys for N parameters: D = C/(6N). */
export const tokensFor = (C: number, N: number): number => C / (6 * N);

/** Loss along the iso-FLOP curve of budget C. */
export const isoLoss = (f: Fit, C: number, N: number): number => loss(f, N, tokensFor(C, N));

/** N_opt ∝ C^a, D_opt ∝ C^b: a = β/(α+β), b = α/(α+β). */
export const exponents = (f: Fit) => ({ a: f.beta / (f.alpha + f.beta), b: f.alpha / (f.alpha + f.beta) });

export const gFactor = (f: Fit): number => ((f.alpha * f.A) / (f.beta * f.B)) ** (1 / (f.alpha + f.beta));

export interface Optimum {
  N: number;
  D: number;
  L: number;
}

/** The compute-optimal point of budget C, from the closed form. */
export function optimum(f: Fit, C: number): Optimum {
  const N = gFactor(f) * (C / 6) ** exponents(f).a;
  const D = tokensFor(C, N);
  return { N, D, L: loss(f, N, D) };
}

/**
 * The budget at which the compute-optimal model reaches loss L. At the optimum αA/N^α = βB/D^β, so
 * L_opt = E + (1 + α/β)·A/N_opt^α; inverted for N_opt, then for C. Infinite when L ≤ E.
 */
export function budgetForLoss(f: Fit, L: number): number {
  if (L <= f.E) return Number.POSITIVE_INFINITY;
  const N = ((L - f.E) / (f.A * (1 + f.alpha / f.beta))) ** (-1 / f.alpha);
  return 6 * (N / gFactor(f)) ** (1 / exponents(f).a);
}

/** `points` values spaced evenly in log between lo and hi (both included). */
export function logGrid(lo: number, hi: number, points: number): number[] {
  return Array.from({ length: points }, (_, i) => lo * (hi / lo) ** (i / (points - 1)));
}

export interface Summary {
  fit: Fit;
  opt: Optimum;
  /** Tokens per parameter at the optimum. */
  ratio: number;
  probe: { N: number; D: number; L: number; ratio: number; excess: number; extraCompute: number };
  /** The "20 tokens per parameter" point of the same budget: C = 6·N·20N. */
  twenty: { N: number; L: number };
  a: number;
  b: number;
}

export function summary(s: ChinState): Summary {
  const fit = FITS[s.fit];
  const opt = optimum(fit, s.C);
  const D = tokensFor(s.C, s.N);
  const L = loss(fit, s.N, D);
  const n20 = Math.sqrt(s.C / 120);
  const { a, b } = exponents(fit);
  return {
    fit,
    opt,
    ratio: opt.D / opt.N,
    probe: { N: s.N, D, L, ratio: D / s.N, excess: L - opt.L, extraCompute: s.C / budgetForLoss(fit, L) - 1 },
    twenty: { N: n20, L: isoLoss(fit, s.C, n20) },
    a,
    b,
  };
}

/** 3 significant digits, no trailing zeros. */
const sig = (x: number) => String(Number(x.toPrecision(3)));

/** Parameter and token counts as people write them: 70B, 1.4T, 228M. */
export function count(x: number): string {
  if (x >= 1e15) return `${sig(x / 1e15)}P`;
  if (x >= 1e12) return `${sig(x / 1e12)}T`;
  if (x >= 1e9) return `${sig(x / 1e9)}B`;
  if (x >= 1e6) return `${sig(x / 1e6)}M`;
  if (x >= 1e3) return `${sig(x / 1e3)}K`;
  return sig(x);
}

/** A share as a percentage with sensible precision: 0.3%, 12%, 250%. */
function percent(x: number): string {
  const p = x * 100;
  if (p < 0.05) return "不到 0.1%";
  return `${p < 10 ? p.toFixed(1) : p.toFixed(0)}%`;
}

/** How much more compute the probe spends than the optimal model needs for the same loss. */
function waste(extra: number): string {
  return extra < 1 ? `相当于多花 ${percent(extra)} 的算力` : `相当于用了所需算力的 ${sig(1 + extra)} 倍`;
}

export function readouts(s: ChinState): Record<string, string> {
  const m = summary(s);
  const trend = m.b > m.a ? "b > a，D/N 随算力上升" : m.b < m.a ? "b < a，D/N 随算力略降" : "a = b，D/N 与算力无关";
  const p = m.probe;
  const where = p.N < m.opt.N ? "比最优点小" : "比最优点大";
  const probe =
    p.excess < 5e-5
      ? `N = ${count(p.N)}：D = C/(6N) ≈ ${count(p.D)}，D/N ≈ ${p.ratio >= 0.01 ? sig(p.ratio) : p.ratio.toExponential(1)}，loss ${p.L.toFixed(4)}，几乎就在最优点上。`
      : `N = ${count(p.N)}（${where}）：D = C/(6N) ≈ ${count(p.D)}，D/N ≈ ${p.ratio >= 0.01 ? sig(p.ratio) : p.ratio.toExponential(1)}，loss ${p.L.toFixed(4)}，` +
        `比最优点高 ${p.excess.toFixed(4)}，${waste(p.extraCompute)}（最优配置用 ${scientific(s.C / (1 + p.extraCompute))} 就能达到同样的 loss）。`;
  return {
    optimum:
      `${FIT_NAMES[s.fit]}，C = ${scientific(s.C)}：N_opt ≈ ${count(m.opt.N)}，D_opt ≈ ${count(m.opt.D)}，` +
      `D/N ≈ ${sig(m.ratio)} token/参数，最低 loss ${m.opt.L.toFixed(4)}。`,
    probe,
    trend:
      `N_opt ∝ C^${m.a.toFixed(3)}，D_opt ∝ C^${m.b.toFixed(3)}（${trend}）；` +
      `同一算力下 20 倍点（N = ${count(m.twenty.N)}）的 loss 比最低点高 ${(m.twenty.L - m.opt.L).toFixed(4)}。`,
  };
}
