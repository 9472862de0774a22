/**
 * Raw attention vs attention rollout vs gradient × input (ARC-10), on the article's toy model: 3
 * layers over 4 tokens whose head-averaged attention matrices are the ones in the article's code cell.
 *
 * - Rollout (Abnar & Zuidema, 2020): A = (1 − r)·W_att + r·I (r = 0.5 in the paper), Ã(1) = A(1),
 *   Ã(l) = A(l)·Ã(l−1).
 * - The toy model: one-hot token features x_j ∈ R⁴ ([CLS], 话题, 否定, 褒义), layers
 *   h ← h + W_att·h·W_V (the attention weights fixed, not recomputed from h), and a linear head
 *   F = w·h_[CLS] read after layer L (F > 0: 负面). Everything but the fixed attention is linear, so
 *   gradient × input is exact and sums to F (completeness for the zero baseline).
 * Pure maths, no DOM.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

export const TOKENS: readonly string[] = ["[CLS]", "电影", "不", "好看"];

type Matrix = number[][];

/** The article's matrices (rows = queries, columns = keys; every row sums to 1). */
export const LAYERS: readonly Matrix[] = [
  [
    [0.7, 0.1, 0.1, 0.1],
    [0.1, 0.7, 0.1, 0.1],
    [0.05, 0.05, 0.3, 0.6],
    [0.05, 0.05, 0.6, 0.3],
  ],
  [
    [0.4, 0.1, 0.1, 0.4],
    [0.1, 0.5, 0.1, 0.3],
    [0.1, 0.1, 0.4, 0.4],
    [0.1, 0.1, 0.2, 0.6],
  ],
  [
    [0.6, 0.3, 0.05, 0.05],
    [0.3, 0.5, 0.1, 0.1],
    [0.1, 0.1, 0.4, 0.4],
    [0.1, 0.1, 0.4, 0.4],
  ],
];

/** Feature names of the one-hot token embeddings. */
export const FEATURES: readonly string[] = ["句首", "话题", "否定", "褒义"];
/** Token embeddings: token j is feature j (one-hot). */
export const EMBEDDINGS: Matrix = TOKENS.map((_, j) => FEATURES.map((_, k) => (j === k ? 1 : 0)));
/** Classifier head on h_[CLS]: F = 2·否定 − 1·褒义 (a "负面" score). */
export const HEAD: readonly number[] = [0, 0, 2, -1];
/** Value matrices: identity, or a diagonal that halves 否定 and amplifies 褒义 ×1.5 in every layer. */
export const VALUE_DIAG: Readonly<Record<string, readonly number[]>> = {
  identity: [1, 1, 1, 1],
  skewed: [1, 1, 0.5, 1.5],
};

export const params = {
  layer: {
    type: "number",
    label: "看到第几层（原始注意力取这一层，rollout 乘到这一层）",
    min: 1,
    max: 3,
    step: 1,
    default: 3,
    integer: true,
  },
  r: {
    type: "number",
    label: "rollout 里残差的权重 r：A = (1 − r)·W_att + r·I",
    min: 0,
    max: 1,
    step: 0.05,
    default: 0.5,
  },
  values: {
    type: "choice",
    label: "模型每层的 value 矩阵 W_V（注意力图不变）",
    options: ["identity", "skewed"],
    default: "identity",
    optionLabels: { identity: "W_V = I", skewed: "否定特征 ×0.5、褒义特征 ×1.5" },
  },
} satisfies ParamSpecs;

export type RolloutState = StateOf<typeof params>;

const identity = (n: number): Matrix =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
export const matmul = (A: Matrix, B: Matrix): Matrix =>
  A.map((row) => B[0].map((_, j) => row.reduce((s, a, k) => s + a * B[k][j], 0)));
const transpose = (A: Matrix): Matrix => A[0].map((_, j) => A.map((row) => row[j]));

/** A = (1 − r)·W + r·I. */
export function withResidual(W: Matrix, r: number): Matrix {
  return W.map((row, i) => row.map((a, j) => (1 - r) * a + r * (i === j ? 1 : 0)));
}

/** Ã(L) = A(L)·…·A(1): row i is output position i's estimated mix of the input tokens. */
export function rollout(r: number, upTo: number = LAYERS.length): Matrix {
  let out = withResidual(LAYERS[0], r);
  for (const W of LAYERS.slice(1, upTo)) out = matmul(withResidual(W, r), out);
  return out;
}

export interface Saliency {
  /** F = w·h_[CLS] after layer L. */
  F: number;
  /** Σ_k x_jk ∂F/∂x_jk per token. */
  gradInput: number[];
}

/**
 * Forward h⁽ˡ⁾ = h⁽ˡ⁻¹⁾ + P⁽ˡ⁾ h⁽ˡ⁻¹⁾ W_V, then F = w·h⁽ᴸ⁾_[CLS]; backward
 * G⁽ˡ⁻¹⁾ = G⁽ˡ⁾ + P⁽ˡ⁾ᵀ G⁽ˡ⁾ W_Vᵀ with G⁽ᴸ⁾ = w on the [CLS] row.
 */
export function saliency(values: string, upTo: number = LAYERS.length): Saliency {
  const diag = VALUE_DIAG[values] ?? VALUE_DIAG.identity;
  const WV = identity(FEATURES.length).map((row, i) => row.map((v) => v * diag[i]));
  let h = EMBEDDINGS.map((row) => [...row]);
  for (const P of LAYERS.slice(0, upTo)) {
    const mixed = matmul(matmul(P, h), WV);
    h = h.map((row, i) => row.map((v, k) => v + mixed[i][k]));
  }
  const F = HEAD.reduce((s, w, k) => s + w * h[0][k], 0);
  let G: Matrix = TOKENS.map((_, i) => (i === 0 ? [...HEAD] : HEAD.map(() => 0)));
  for (const P of LAYERS.slice(0, upTo).reverse()) {
    const back = matmul(matmul(transpose(P), G), transpose(WV));
    G = G.map((row, i) => row.map((g, k) => g + back[i][k]));
  }
  const gradInput = EMBEDDINGS.map((x, j) => x.reduce((s, v, k) => s + v * G[j][k], 0));
  return { F, gradInput };
}

const f2 = (x: number) => (x < -0.005 ? `−${(-x).toFixed(2)}` : Math.abs(x).toFixed(2));
const signed = (x: number) => (Math.abs(x) < 0.005 ? "0.00" : `${x > 0 ? "+" : "−"}${Math.abs(x).toFixed(2)}`);

export function readouts(state: RolloutState): Record<string, string> {
  const L = state.layer;
  const raw = LAYERS[L - 1][0];
  const roll = rollout(state.r, L)[0];
  const s = saliency(state.values, L);
  const sum = s.gradInput.reduce((a, b) => a + b, 0);
  return {
    cls:
      `[CLS] 一行：第 ${L} 层原始注意力给“不”“好看”共 ${f2(raw[2] + raw[3])}，` +
      `rollout（r = ${state.r}，第 1–${L} 层）给 ${f2(roll[2] + roll[3])}；` +
      `rollout：${TOKENS.map((t, j) => `${t} ${roll[j].toFixed(3)}`).join("，")}`,
    grad:
      `F（负面分数）= ${f2(s.F)}，${s.F > 0 ? "判为负面" : "判为正面"}；梯度 × 输入：` +
      `${TOKENS.map((t, j) => `${t} ${signed(s.gradInput[j])}`).join("，")}；之和 ${f2(sum)} = F`,
  };
}
