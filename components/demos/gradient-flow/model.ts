/**
 * Gradient flow through a deep MLP at initialisation (DL-01). The article's setting: no biases,
 * z_k = W_k h_{k−1}, h_k = f(z_k), weights i.i.d. N(0, v/n) with v = n·Var(w); the top receives a
 * fixed random gradient g_L = ∂L/∂h_L of length 1 and an explicit backward pass
 *   g_{k−1} = W_kᵀ (f′(z_k) ⊙ g_k),   ∂L/∂W_k = (f′(z_k) ⊙ g_k) h_{k−1}ᵀ
 * gives ‖∂L/∂h_l‖ at every layer and ‖∂L/∂W_k‖_F = ‖f′(z_k) ⊙ g_k‖·‖h_{k−1}‖ for every weight matrix.
 *
 * Beside the measurement, the mean-field prediction (Schoenholz et al. 2017): with q_k the variance of
 * the pre-activations of layer k (q_1 = v for an input of unit second moment, q_{k+1} = v·E[f(z)²]),
 * one backward step multiplies E‖g‖² by χ_k = v·E[f′(z)²], z ~ N(0, q_k). Gradient clipping by the
 * global norm (Pascanu et al. 2013, Algorithm 1) multiplies every gradient by min(1, c/‖∇_W L‖).
 * Pure maths, no DOM; deterministic for a given seed.
 */
import { gaussian, mulberry32 } from "../../../src/lib/rng";
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";
import { fmt } from "../../ui/demo/log-axis";
import { lruCache, type Matrix, matTVec, matVec, norm, randomVector } from "../residual-gradient/backprop";

/** Width of every layer: 64 keeps a 50-layer forward and backward pass well under a millisecond. */
export const WIDTH = 64;
export const MAX_DEPTH = 50;

export const ACTIVATIONS = ["sigmoid", "tanh", "relu"] as const;
export type Activation = (typeof ACTIVATIONS)[number];
export const ACTIVATION_LABELS: Readonly<Record<Activation, string>> = {
  sigmoid: "sigmoid",
  tanh: "tanh",
  relu: "ReLU",
};

export const params = {
  act: {
    type: "choice",
    label: "激活函数 f",
    options: ACTIVATIONS,
    default: "relu",
    optionLabels: ACTIVATION_LABELS,
  },
  L: { type: "number", label: "层数 L", min: 2, max: MAX_DEPTH, step: 1, default: 30, integer: true },
  v: {
    type: "number",
    label: `权重方差 n·Var(w)：W 的元素取 N(0, v/n)，n = ${WIDTH}（1 即方阵的 Xavier，2 即 Kaiming）`,
    min: 0.1,
    max: 6,
    step: 0.1,
    default: 1,
  },
  clip: {
    type: "choice",
    label: "梯度裁剪",
    options: ["off", "on"],
    default: "off",
    optionLabels: { off: "不裁剪", on: "按全局范数裁剪" },
  },
  c: { type: "number", label: "裁剪阈值 c", min: 0.01, max: 100, step: 0.1, default: 1, log: true },
  seed: { type: "number", label: "随机种子（换一组权重与输入）", min: 1, max: 50, step: 1, default: 1, integer: true },
} satisfies ParamSpecs;

export type GradientFlowState = StateOf<typeof params>;

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** f(z) for the three activations. */
export function activation(a: Activation | string, z: number): number {
  switch (a) {
    case "sigmoid":
      return sigmoid(z);
    case "tanh":
      return Math.tanh(z);
    default:
      return z > 0 ? z : 0;
  }
}

/** f′(z): σ(1 − σ), 1 − tanh², and ReLU's 0/1 (0 at z = 0, PyTorch's convention). */
export function slope(a: Activation | string, z: number): number {
  switch (a) {
    case "sigmoid": {
      const s = sigmoid(z);
      return s * (1 - s);
    }
    case "tanh": {
      const t = Math.tanh(z);
      return 1 - t * t;
    }
    default:
      return z > 0 ? 1 : 0;
  }
}

// --- mean field ----------------------------------------------------------------------------------

/** Simpson's rule for E[g(z)], z ~ N(0, 1), on [−8, 8] (the tails beyond carry < 1e−15). */
const NODES = 400;
const Z_MAX = 8;
const QUAD: readonly { z: number; w: number }[] = Array.from({ length: NODES + 1 }, (_, i) => {
  const h = (2 * Z_MAX) / NODES;
  const z = -Z_MAX + i * h;
  const simpson = i === 0 || i === NODES ? 1 : i % 2 === 1 ? 4 : 2;
  return { z, w: ((simpson * h) / 3) * (Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI)) };
});

/** E[g(z)] for z ~ N(0, q). */
export function gaussianMean(g: (z: number) => number, q: number): number {
  const s = Math.sqrt(q);
  let sum = 0;
  for (const { z, w } of QUAD) sum += w * g(s * z);
  return sum;
}

export interface MeanField {
  /** χ_k for k = 1 … L (index k − 1): the factor on E‖g‖² of the step from g_k to g_{k−1}. */
  chi: number[];
  /** q_k, the pre-activation variance of layer k, for k = 1 … L (index k − 1). */
  q: number[];
  /** Predicted ‖g_l‖ for l = 0 … L with ‖g_L‖ = 1: the product of √χ_k over k = l + 1 … L. */
  grad: number[];
}

/**
 * The mean-field recursion for an input of unit second moment. ReLU is exact in closed form
 * (E[f′²] = ½, E[f²] = q/2, so χ = v/2 at every layer); sigmoid and tanh are integrated numerically.
 */
export function meanField(a: Activation | string, v: number, L: number): MeanField {
  const chi: number[] = [];
  const q: number[] = [];
  let qk = v;
  for (let k = 1; k <= L; k++) {
    q.push(qk);
    if (a === "relu") {
      chi.push(v / 2);
      qk = (v * qk) / 2;
    } else {
      chi.push(v * gaussianMean((z) => slope(a, z) ** 2, qk));
      qk = v * gaussianMean((z) => activation(a, z) ** 2, qk);
    }
  }
  const grad = new Array<number>(L + 1);
  grad[L] = 1;
  for (let l = L - 1; l >= 0; l--) grad[l] = grad[l + 1] * Math.sqrt(chi[l]);
  return { chi, q, grad };
}

// --- the network ---------------------------------------------------------------------------------

export interface Network {
  /** Standard-normal matrices; layer k uses √(v/n)·raw[k − 1]. Drawn on demand, in layer order. */
  raw: Matrix[];
  x0: Float64Array;
  /** ∂L/∂h_L: a random direction of unit length. */
  gTop: Float64Array;
  n: number;
  normal: () => number;
}

/**
 * The seeded network: input and top gradient first, then one standard-normal matrix per layer, so a
 * depth-L network is the first L layers of the same draw (moving L keeps the lower layers) and v only
 * rescales the matrices.
 */
export function network(seed: number, n = WIDTH): Network {
  const normal = gaussian(mulberry32(seed * 2654435761 + 977));
  const x0 = randomVector(normal, n);
  const g = randomVector(normal, n);
  const length = norm(g);
  return { raw: [], x0, gTop: g.map((x) => x / length), n, normal };
}

export function layers(net: Network, L: number): Matrix[] {
  while (net.raw.length < L) net.raw.push(randomVector(net.normal, net.n * net.n));
  return net.raw.slice(0, L);
}

export interface Pass {
  /** ‖∂L/∂h_l‖ for l = 0 (input) … L (top, = 1). */
  grad: number[];
  /** ‖∂L/∂W_k‖_F for k = 1 … L (index k − 1). */
  weight: number[];
  /** RMS of h_l for l = 0 … L (the forward signal). */
  size: number[];
  /** Global gradient norm over all weight matrices, √Σ‖∂L/∂W_k‖². */
  global: number;
}

/** Forward then backward through weights scale·W_k for the activation `a`. */
export function backprop(
  Ws: readonly Matrix[],
  x0: Float64Array,
  gTop: Float64Array,
  a: Activation | string,
  scale: number,
): Pass {
  const n = x0.length;
  const L = Ws.length;
  const hs: Float64Array[] = [x0];
  const ds: Float64Array[] = [];
  for (let k = 0; k < L; k++) {
    const z = matVec(Ws[k], hs[k], n);
    const h = new Float64Array(n);
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const zi = scale * z[i];
      h[i] = activation(a, zi);
      d[i] = slope(a, zi);
    }
    hs.push(h);
    ds.push(d);
  }
  const grad = new Array<number>(L + 1);
  const weight = new Array<number>(L);
  let g: Float64Array = gTop;
  grad[L] = norm(g);
  for (let k = L; k >= 1; k--) {
    const u = new Float64Array(n);
    for (let i = 0; i < n; i++) u[i] = ds[k - 1][i] * g[i];
    weight[k - 1] = norm(u) * norm(hs[k - 1]);
    g = matTVec(Ws[k - 1], u, n);
    for (let j = 0; j < n; j++) g[j] *= scale;
    grad[k - 1] = norm(g);
  }
  const global = Math.sqrt(weight.reduce((s, w) => s + w * w, 0));
  return { grad, weight, size: hs.map((h) => norm(h) / Math.sqrt(n)), global };
}

/** The factor clipping by global norm applies to every gradient: min(1, c/‖∇_W L‖). */
export const clipScale = (global: number, c: number): number => (global > c ? c / global : 1);

export interface Analysis {
  pass: Pass;
  meanField: MeanField;
  /** 1 when clipping is off or the global norm is within the threshold. */
  clip: number;
}

const networks = lruCache<Network>(4);
const passes = lruCache<Pass>(32);
const fields = lruCache<MeanField>(32);

export function analyse(state: GradientFlowState): Analysis {
  const pass = passes(`${state.act}:${state.v}:${state.L}:${state.seed}`, () => {
    const net = networks(String(state.seed), () => network(state.seed));
    return backprop(layers(net, state.L), net.x0, net.gTop, state.act, Math.sqrt(state.v / WIDTH));
  });
  const mf = fields(`${state.act}:${state.v}:${state.L}`, () => meanField(state.act, state.v, state.L));
  return { pass, meanField: mf, clip: state.clip === "on" ? clipScale(pass.global, state.c) : 1 };
}

/** Ordered (gradients vanish), critical, or chaotic (they explode), from the gain at the top layers. */
export function phase(chi: number): "vanish" | "critical" | "explode" {
  if (chi < 0.98) return "vanish";
  if (chi > 1.02) return "explode";
  return "critical";
}

const PHASE_TEXT = {
  vanish: "χ 小于 1，有序相：梯度往输入端指数消失",
  critical: "χ ≈ 1，临界：量级基本保持",
  explode: "χ 大于 1，混沌相：梯度往输入端指数爆炸",
} as const;

const num = (x: number) => String(Number(x.toPrecision(3)));

export function readouts(state: GradientFlowState): Record<string, string> {
  const { pass, meanField: mf, clip } = analyse(state);
  const L = state.L;
  const chiTop = mf.chi[L - 1];
  const lo = Math.min(...mf.chi);
  const hi = Math.max(...mf.chi);
  const range = hi - lo < 5e-4 ? "各层相同" : `各层 ${num(lo)}–${num(hi)}`;
  const ratio = pass.grad[0] / pass.grad[L];
  const c = num(state.c);
  let clipText: string;
  if (state.clip === "off") {
    clipText = `未开裁剪：全局梯度范数 ‖∇_W L‖ = ${fmt(pass.global)}（顶层梯度长度取 1）`;
  } else if (clip < 1) {
    clipText =
      `裁剪：‖∇_W L‖ = ${fmt(pass.global)} 超过 c = ${c}，所有梯度整体乘 ${fmt(clip)}；` +
      `裁剪后首末层之比仍是 ${fmt(ratio)}，斜率不变`;
  } else {
    clipText = `‖∇_W L‖ = ${fmt(pass.global)} 不超过 c = ${c}，不裁剪：裁剪只缩小、不放大，对消失无能为力`;
  }
  return {
    chi:
      `平均场增益 χ = n·Var(w)·E[f′(z)²] ≈ ${num(chiTop)}（第 ${L} 层；${range}）：` +
      `${PHASE_TEXT[phase(chiTop)]}，每层约乘 √χ = ${num(Math.sqrt(chiTop))}`,
    grad:
      `实测（宽 ${WIDTH}，种子 ${state.seed}）：‖g_0‖/‖g_${L}‖ = ${fmt(ratio)}，平均每层乘 ${num(ratio ** (1 / L))}；` +
      `平均场预测 ${fmt(mf.grad[0])}`,
    clip: clipText,
  };
}
