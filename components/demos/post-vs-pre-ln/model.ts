/**
 * Post-LN vs Pre-LN at initialisation (NRM-04), on the article's toy Transformer: L sublayers that are
 * all FFNs, F(z) = W2·ReLU(W1·z), with Xavier-uniform weights (variance 1/d), no attention, no training.
 *   Post-LN: x_{l+1} = LN(x_l + F(x_l))
 *   Pre-LN:  x_{l+1} = x_l + F(LN(x_l)),  output LN_final(x_L)
 * The loss is r·output for a fixed random r. An explicit backward pass gives ‖∂ℓ/∂W2_l‖ for every layer
 * (averaged over a few random inputs), and the forward pass the size of the residual stream.
 * LN has no γ, β (they are 1 and 0 at initialisation) and ε = 1e-6 inside the square root, as in the
 * article's code cell. Pure maths, no DOM; deterministic for a given seed.
 */
import { gaussian, mulberry32 } from "../../../src/lib/rng";
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";
import {
  dot,
  lruCache,
  type Matrix,
  matTVecBatch,
  matVec,
  matVecBatch,
  norm,
  randomVector,
  rms,
  type Vector,
  xavierMatrix,
} from "../residual-gradient/backprop";

export const MAX_DEPTH = 96;
/** Random inputs averaged over (the article's cell uses 6 per weight draw). */
export const SAMPLES = 2;
export const EPS = 1e-6;
export const WIDTHS = [16, 32, 64, 128] as const;

export const params = {
  L: { type: "number", label: "层数 L（FFN 子层个数）", min: 1, max: MAX_DEPTH, step: 1, default: 48, integer: true },
  d: { type: "choice", label: "宽度 d", options: WIDTHS, default: 64 },
  seed: { type: "number", label: "随机种子（换一组权重与输入）", min: 1, max: 50, step: 1, default: 1, integer: true },
} satisfies ParamSpecs;

export type LnState = StateOf<typeof params>;
export type Arrangement = "post" | "pre";
export const ARRANGEMENTS: readonly Arrangement[] = ["post", "pre"];
export const ARRANGEMENT_LABELS: Record<Arrangement, string> = { post: "Post-LN", pre: "Pre-LN" };

export interface Network {
  d: number;
  W1: Matrix[];
  W2: Matrix[];
  inputs: Vector[];
  r: Vector;
}

/**
 * The seeded network: r and the inputs first, then W1, W2 layer by layer, so a depth-L network is the
 * first L layers of the same draw (moving L keeps every lower layer). Inputs are N(0, I), RMS ≈ 1.
 */
export function network(d: number, seed: number, depth = MAX_DEPTH, samples = SAMPLES): Network {
  const uniform = mulberry32(seed * 7919 + d * 104_729 + 1);
  const normal = gaussian(uniform);
  const r = randomVector(normal, d);
  const inputs = Array.from({ length: samples }, () => randomVector(normal, d));
  const W1: Matrix[] = [];
  const W2: Matrix[] = [];
  for (let l = 0; l < depth; l++) {
    W1.push(xavierMatrix(uniform, d));
    W2.push(xavierMatrix(uniform, d));
  }
  return { d, W1, W2, inputs, r };
}

export interface LayerNormOut {
  y: Vector;
  /** √(var + ε): what LN divides by. */
  s: number;
}

/** LN(u) = (u − mean) / √(var + ε), biased variance, no γ/β. */
export function layerNorm(u: ArrayLike<number>, eps = EPS): LayerNormOut {
  const n = u.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += u[i];
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (u[i] - mean) ** 2;
  const s = Math.sqrt(v / n + eps);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = (u[i] - mean) / s;
  return { y, s };
}

/** Backward of LN: ∂ℓ/∂u = (g − mean(g) − y·mean(g ⊙ y)) / s. */
export function layerNormBack(g: ArrayLike<number>, { y, s }: LayerNormOut): Vector {
  const n = g.length;
  let gm = 0;
  for (let i = 0; i < n; i++) gm += g[i];
  gm /= n;
  const gy = dot(g, y) / n;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (g[i] - gm - y[i] * gy) / s;
  return out;
}

/** What the backward pass needs from one layer of one sample. */
interface LayerCache {
  /** Pre-LN: LN of the layer input (the branch sees LN(x_l)). */
  lnIn?: LayerNormOut;
  /** W1·(input of the FFN), for ReLU's mask. */
  z: Vector;
  h: Vector;
  hNorm: number;
  /** Post-LN: LN of x_l + F(x_l). */
  lnOut?: LayerNormOut;
}

export interface Forward {
  /** Per sample, per layer. */
  layers: LayerCache[][];
  /** Pre-LN: final LN of x_k per sample and depth k = 1 … depth (index k − 1). */
  finals: LayerNormOut[][];
  /**
   * Size of the residual stream, averaged over samples: Pre-LN RMS(x_l) for l = 0 … depth; Post-LN
   * RMS(x_{l−1} + F(x_{l−1})) before the LN for l = 1 … depth (index 0 holds RMS(x_0)).
   */
  streamRms: number[];
  /**
   * ‖∂ℓ/∂W2‖ of the top layer of a network cut at depth k (k = 1 … depth, index k − 1): the same
   * forward pass serves every depth, because a depth-k network is the first k layers.
   */
  topGrad: number[];
}

/** One forward pass through every layer of `net`, all samples together (they share the weights). */
export function forward(net: Network, arrangement: Arrangement, depth = net.W1.length): Forward {
  const { d, W1, W2, inputs, r } = net;
  const m = inputs.length;
  const layers: LayerCache[][] = inputs.map(() => []);
  const finals: LayerNormOut[][] = inputs.map(() => []);
  const streamRms = new Array<number>(depth + 1).fill(0);
  const topGrad = new Array<number>(depth).fill(0);
  let xs: Vector[] = inputs.map((input) => Float64Array.from(input));
  for (const x of xs) streamRms[0] += rms(x) / m;
  for (let l = 0; l < depth; l++) {
    const lnIns = arrangement === "pre" ? xs.map((x) => layerNorm(x)) : undefined;
    const zs = matVecBatch(W1[l], lnIns ? lnIns.map((o) => o.y) : xs, d);
    const hs = zs.map((z) => z.map((v) => (v > 0 ? v : 0)));
    const fs = matVecBatch(W2[l], hs, d);
    xs = xs.map((x, s) => {
      const u = new Float64Array(d);
      for (let i = 0; i < d; i++) u[i] = x[i] + fs[s][i];
      streamRms[l + 1] += rms(u) / m;
      const hNorm = norm(hs[s]);
      // If the network ended here, ∂ℓ/∂W2_l = g_f ⊗ h with g_f the gradient at the branch output,
      // whose Frobenius norm is ‖g_f‖·‖h‖.
      const out = layerNorm(u);
      topGrad[l] += (norm(layerNormBack(r, out)) * hNorm) / m;
      layers[s].push({ lnIn: lnIns?.[s], z: zs[s], h: hs[s], hNorm, lnOut: arrangement === "post" ? out : undefined });
      if (arrangement === "post") return out.y;
      finals[s].push(out);
      return u;
    });
  }
  return { layers, finals, streamRms, topGrad };
}

/**
 * Backward pass of the depth-L network (the first L layers): ‖∂ℓ/∂W2_l‖_F for l = 1 … L (index l − 1),
 * averaged over samples, and ‖∂ℓ/∂x_l‖ (the gradient reaching the residual stream) for l = 0 … L.
 */
export function backward(net: Network, fwd: Forward, arrangement: Arrangement, L: number) {
  const { d, W1, W2, r } = net;
  const m = fwd.layers.length;
  const gradW2 = new Array<number>(L).fill(0);
  const gradX = new Array<number>(L + 1).fill(0);
  // ∂ℓ/∂x_L: Post-LN's last LN is part of layer L; Pre-LN has the final LN on top.
  let gs: Vector[] = fwd.layers.map((_, s) =>
    arrangement === "post" ? Float64Array.from(r) : layerNormBack(r, fwd.finals[s][L - 1]),
  );
  for (const g of gs) gradX[L] += norm(g) / m;
  for (let l = L - 1; l >= 0; l--) {
    const caches = fwd.layers.map((c) => c[l]);
    // Gradient at u = x_l + F(x_l): through this layer's LN (Post-LN) or straight (Pre-LN).
    const gus = gs.map((g, s) => {
      const lnOut = caches[s].lnOut;
      return arrangement === "post" && lnOut ? layerNormBack(g, lnOut) : g;
    });
    gus.forEach((gu, s) => {
      gradW2[l] += (norm(gu) * caches[s].hNorm) / m;
    });
    const ghs = matTVecBatch(W2[l], gus, d);
    ghs.forEach((gh, s) => {
      for (let i = 0; i < d; i++) if (caches[s].z[i] <= 0) gh[i] = 0;
    });
    const branches = matTVecBatch(W1[l], ghs, d);
    gs = gus.map((gu, s) => {
      const lnIn = caches[s].lnIn;
      const gBranch = lnIn ? layerNormBack(branches[s], lnIn) : branches[s];
      const next = new Float64Array(d);
      for (let i = 0; i < d; i++) next[i] = gu[i] + gBranch[i];
      gradX[l] += norm(next) / m;
      return next;
    });
  }
  return { gradW2, gradX };
}

/**
 * The loss r·output of one sample through the first L layers, computed directly (no caches): the
 * reference the backward pass is checked against.
 */
export function loss(net: Network, arrangement: Arrangement, L: number, sample = 0): number {
  const { d, W1, W2, inputs, r } = net;
  let x: Vector = Float64Array.from(inputs[sample]);
  for (let l = 0; l < L; l++) {
    const input = arrangement === "pre" ? layerNorm(x).y : x;
    const h = matVec(W1[l], input, d).map((v) => Math.max(v, 0));
    const f = matVec(W2[l], h, d);
    const u = x.map((v, i) => v + f[i]);
    x = arrangement === "post" ? layerNorm(u).y : u;
  }
  return dot(r, arrangement === "pre" ? layerNorm(x).y : x);
}

const networks = lruCache<Network>(5);
const forwards = lruCache<Record<Arrangement, Forward>>(5);
const results = lruCache<Analysis>(32);

export interface Analysis {
  L: number;
  d: number;
  /** ‖∂ℓ/∂W2_l‖ for l = 1 … L. */
  perLayer: Record<Arrangement, number[]>;
  /** ‖∂ℓ/∂W2‖ of the top layer for depths 1 … MAX_DEPTH. */
  topByDepth: Record<Arrangement, number[]>;
  /** Residual stream RMS, l = 0 … MAX_DEPTH (see Forward.streamRms). */
  stream: Record<Arrangement, number[]>;
}

/**
 * Everything the figures and read-outs need. The forward pass to MAX_DEPTH is cached per (d, seed);
 * moving L only reruns the backward pass over L layers.
 */
export function analyse(state: LnState): Analysis {
  const { L, d, seed } = state;
  return results(`${L}:${d}:${seed}`, () => {
    const net = networks(`${d}:${seed}`, () => network(d, seed));
    const fwd = forwards(`${d}:${seed}`, () => ({ post: forward(net, "post"), pre: forward(net, "pre") }));
    const post = backward(net, fwd.post, "post", L);
    const pre = backward(net, fwd.pre, "pre", L);
    return {
      L,
      d,
      perLayer: { post: post.gradW2, pre: pre.gradW2 },
      topByDepth: { post: fwd.post.topGrad, pre: fwd.pre.topGrad },
      stream: { post: fwd.post.streamRms, pre: fwd.pre.streamRms },
    };
  });
}

/** Lemma 2-style prediction for this toy: each FFN adds about d/2 to ‖x‖², so RMS(x_l) ≈ √(1 + l/2). */
export const preRmsPrediction = (l: number): number => Math.sqrt(1 + l / 2);

/**
 * Mean-field estimates of ‖∂ℓ/∂W2‖ in this toy (wide layers, independent weights, the LN's projection
 * ignored). The gradient of W2 in layer k is g ⊗ h with ‖h‖ ≈ √(d/2) (ReLU keeps half of a unit-variance
 * pre-activation) and g the gradient at the branch output.
 * Post-LN: g passes the layer's own LN, whose input has RMS √1.5 (Lemma 2: E‖x + F(x)‖² = 3d/2), so
 *   ‖g‖ ≈ √d/√1.5 at the top and, on average, below it too (each layer's LN Jacobian shrinks ‖g‖² by
 *   1/1.5 and its I + ∂F/∂x grows it by 1.5) → d/√3 at every layer, whatever L is.
 * Pre-LN: the final LN divides by RMS(x_L) = √(1 + L/2), so ‖g‖ ≈ √d/√(1 + L/2) at the top; going
 *   down through layer i multiplies ‖g‖² by 1 + ½/(1 + i/2) = (i + 3)/(i + 2), which telescopes to
 *   (L + 2)/(k + 2) at layer k → d/√(k + 2): independent of L, so the last layer gets d/√(L + 2).
 */
export const meanField = {
  post: (d: number): number => d / Math.sqrt(3),
  pre: (d: number, k: number): number => d / Math.sqrt(k + 2),
};

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

export function readouts(state: LnState): Record<string, string> {
  const a = analyse(state);
  const { L, d } = state;
  const top = (k: Arrangement) => a.perLayer[k][L - 1];
  const bottom = (k: Arrangement) => a.perLayer[k][0];
  const preRms = a.stream.pre[L];
  const postTops = a.topByDepth.post;
  return {
    grad:
      `L = ${L}、d = ${d}：最后一层 W2 的梯度范数 Post-LN ${f1(top("post"))}、Pre-LN ${f1(top("pre"))}` +
      `（均场估计 d/√3 = ${f1(meanField.post(d))}、d/√(L+2) = ${f1(meanField.pre(d, L))}）；` +
      `第 1 层 Post-LN ${f1(bottom("post"))}、Pre-LN ${f1(bottom("pre"))}`,
    depth:
      `层数从 1 加到 ${MAX_DEPTH}：Post-LN 最后一层的梯度在 ${f1(Math.min(...postTops))} 到 ${f1(Math.max(...postTops))} 之间，` +
      `不随 L 变小；Pre-LN 从 ${f1(a.topByDepth.pre[0])} 降到 ${f1(a.topByDepth.pre[MAX_DEPTH - 1])}`,
    stream:
      `Pre-LN 顶层主干 RMS ${f2(preRms)}（√(1 + L/2) = ${f2(preRmsPrediction(L))}），` +
      `乘以最后一层的梯度得 ${f1(preRms * top("pre"))}（d/√2 = ${f1(d / Math.SQRT2)}）：梯度正是被 final LN 按主干幅度缩小的；` +
      `Post-LN 每层 LN 之前的 RMS ${f2(a.stream.post[L])}（√1.5 ≈ 1.22），LN 之后恒为 1`,
  };
}
