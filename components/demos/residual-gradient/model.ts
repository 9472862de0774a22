/**
 * Residual connections and gradient flow (NRM-01): the same deep tanh MLP wired three ways, and the
 * norm of ∂ℓ/∂h_l at every layer l, computed with an explicit backward pass.
 *   plain:             h_{l+1} = tanh(W_l h_l)
 *   residual (α = 1):  h_{l+1} = h_l + tanh(W_l h_l)
 *   residual, scaled:  h_{l+1} = h_l + tanh(W_l h_l)/√L
 * Weights N(0, σ²/n); the top layer receives a random unit gradient, as in the article's code cell.
 * Pure maths, no DOM; deterministic for a given seed.
 */

import { gaussian, mulberry32 } from "../../../src/lib/rng";
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";
import { superscript } from "../../ui/demo/superscript";
import { lruCache, type Matrix, matTVecBatch, matVecBatch, norm, randomVector, rms, type Vector } from "./backprop";

/** Width of every layer (the article's n). */
export const WIDTH = 64;
export const MAX_DEPTH = 100;

export const params = {
  L: { type: "number", label: "层数 L", min: 2, max: MAX_DEPTH, step: 1, default: 50, integer: true },
  sigma: {
    type: "number",
    label: "权重尺度 σ：W 的元素取 N(0, σ²/n)，n = 64",
    min: 0.3,
    max: 2,
    step: 0.05,
    default: 0.8,
  },
  seed: { type: "number", label: "随机种子（换一组权重与输入）", min: 1, max: 50, step: 1, default: 1, integer: true },
} satisfies ParamSpecs;

export type ResidualState = StateOf<typeof params>;

export const VARIANTS = ["plain", "residual", "scaled"] as const;
export type Variant = (typeof VARIANTS)[number];
export const VARIANT_LABELS: Record<Variant, string> = {
  plain: "plain（无 shortcut）",
  residual: "残差 α = 1",
  scaled: "残差 α = 1/√L",
};

export interface Network {
  /** Standard-normal matrices; layer l uses (σ/√n)·raw[l]. Drawn on demand, in order (see `layers`). */
  raw: Matrix[];
  x0: Vector;
  /** ∂ℓ/∂h_L: a random direction of unit length. */
  g0: Vector;
  n: number;
  /** The generator, positioned after the last matrix drawn. */
  normal: () => number;
}

/**
 * The seeded network: input and top gradient first, then one standard-normal matrix per layer, so a
 * depth-L network is the first L layers of the same draw (moving L keeps the lower layers) and σ only
 * rescales them.
 */
export function network(seed: number, n = WIDTH): Network {
  const normal = gaussian(mulberry32(seed * 2654435761 + 12345));
  const x0 = randomVector(normal, n);
  const g = randomVector(normal, n);
  const g0 = g.map((v) => v / norm(g));
  return { raw: [], x0, g0, n, normal };
}

/** The first L matrices of the network, drawing the ones not drawn yet. */
export function layers(net: Network, L: number): Matrix[] {
  while (net.raw.length < L) net.raw.push(randomVector(net.normal, net.n * net.n));
  return net.raw.slice(0, L);
}

export interface Pass {
  /** ‖∂ℓ/∂h_l‖ for l = 0 (input) … L (top, = ‖g0‖). */
  grad: number[];
  /** RMS of h_l for l = 0 … L: how large the forward signal is. */
  size: number[];
}

/**
 * Forward then backward through layers 0 … L−1 with weights scale·W_l, for several wirings of the same
 * weights at once (they share every matrix product's weights). An alpha of null is the plain network;
 * otherwise the residual branch is multiplied by alpha.
 */
export function backpropMany(
  Ws: readonly Matrix[],
  x0: ArrayLike<number>,
  g0: ArrayLike<number>,
  alphas: readonly (number | null)[],
  scale = 1,
): Pass[] {
  const n = x0.length;
  const L = Ws.length;
  const derivs: Vector[][] = []; // per layer, per wiring: tanh′(z_l) = 1 − tanh²(z_l)
  const sizes = alphas.map(() => [rmsOf(x0)]);
  let hs: Vector[] = alphas.map(() => Float64Array.from(x0));
  for (let l = 0; l < L; l++) {
    const zs = matVecBatch(Ws[l], hs, n);
    const ds: Vector[] = [];
    hs = hs.map((h, k) => {
      const alpha = alphas[k];
      const d = new Float64Array(n);
      const next = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const t = Math.tanh(scale * zs[k][i]);
        d[i] = 1 - t * t;
        next[i] = alpha === null ? t : h[i] + alpha * t;
      }
      ds.push(d);
      sizes[k].push(rms(next));
      return next;
    });
    derivs.push(ds);
  }
  let gs: Vector[] = alphas.map(() => Float64Array.from(g0));
  const grads = gs.map((g) => [norm(g)]);
  for (let l = L - 1; l >= 0; l--) {
    // ∂ℓ/∂z = g ⊙ tanh′(z) (times α on the residual branch); ∂ℓ/∂h = scale·Wᵀ(∂ℓ/∂z) (+ g on the shortcut)
    const gzs = gs.map((g, k) => {
      const alpha = alphas[k];
      const branch = alpha === null ? scale : alpha * scale;
      const gz = new Float64Array(n);
      for (let i = 0; i < n; i++) gz[i] = g[i] * derivs[l][k][i] * branch;
      return gz;
    });
    const backs = matTVecBatch(Ws[l], gzs, n);
    gs = backs.map((back, k) => {
      if (alphas[k] !== null) for (let j = 0; j < n; j++) back[j] += gs[k][j];
      grads[k].push(norm(back));
      return back;
    });
  }
  return alphas.map((_, k) => ({ grad: grads[k].reverse(), size: sizes[k] }));
}

/** backpropMany for a single wiring. */
export const backprop = (
  Ws: readonly Matrix[],
  x0: ArrayLike<number>,
  g0: ArrayLike<number>,
  alpha: number | null,
  scale = 1,
): Pass => backpropMany(Ws, x0, g0, [alpha], scale)[0];

const rmsOf = (v: ArrayLike<number>) => rms(Float64Array.from(v));

export const alphaOf = (variant: Variant, L: number): number | null =>
  variant === "plain" ? null : variant === "residual" ? 1 : 1 / Math.sqrt(L);

const networks = lruCache<Network>(4);
const passes = lruCache<Record<Variant, Pass>>(24);

/** The three variants for one state (cached: readouts and charts both ask for it). */
export function analyse(state: ResidualState): Record<Variant, Pass> {
  return passes(`${state.L}:${state.sigma}:${state.seed}`, () => {
    const net = networks(String(state.seed), () => network(state.seed));
    const Ws = layers(net, state.L);
    const scale = state.sigma / Math.sqrt(net.n);
    const [plain, residual, scaled] = backpropMany(
      Ws,
      net.x0,
      net.g0,
      VARIANTS.map((v) => alphaOf(v, state.L)),
      scale,
    );
    return { plain, residual, scaled };
  });
}

/** 3 significant digits; below 0.01 or from 10 000 up as a × 10ⁿ. */
export function fmt(x: number): string {
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 0.01 && a < 10_000) return String(Number(x.toPrecision(3)));
  const [mantissa, exponent] = x.toExponential(1).split("e");
  return `${mantissa}×10${superscript(Number(exponent))}`;
}

export function readouts(state: ResidualState): Record<string, string> {
  const a = analyse(state);
  const L = state.L;
  const scaled = a.scaled.grad;
  const lo = Math.min(...scaled);
  const hi = Math.max(...scaled);
  const plainFactor = a.plain.grad[0] ** (1 / L);
  return {
    input:
      `顶层梯度范数取 1，传到输入（第 0 层）时：plain 为 ${fmt(a.plain.grad[0])}，` +
      `残差（α = 1）为 ${fmt(a.residual.grad[0])}，残差（α = 1/√L）为 ${fmt(a.scaled.grad[0])}`,
    layers:
      `plain 平均每层把梯度乘 ${fmt(plainFactor)}（${L} 层连乘）；α = 1/√L 时各层都在 ${fmt(lo)} 到 ${fmt(hi)} 之间；` +
      `顶层激活 RMS：plain 为 ${fmt(a.plain.size[L])}，α = 1 为 ${fmt(a.residual.size[L])}，α = 1/√L 为 ${fmt(a.scaled.size[L])}`,
  };
}
