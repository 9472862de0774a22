/**
 * Cross-attention in a toy translation (ARC-06): decoder queries (target positions) attend over the
 * encoder memory (source positions, padded to a batch length). Two heads with hand-built weights: head 1
 * matches content (it learns the reordering of 昨天 ↔ yesterday), head 2 matches position (a monotone,
 * roughly diagonal head). The source-padding mask sets pad columns to −∞ before the softmax.
 * Real models learn W_Q, W_K; here they are constructed so the alignment is visible. Pure maths, no DOM.
 */
import { gaussian, mulberry32 } from "../../../src/lib/rng";
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

export const SOURCE: readonly string[] = ["I", "saw", "a", "black", "cat", "yesterday"];
/** What each decoder position predicts (its input is the target shifted right: <bos> 我 昨天 …). */
export const TARGET: readonly string[] = ["我", "昨天", "看见", "了", "一只", "黑", "猫"];
/** Source word each target word translates (了 marks the past tense of "saw"). */
export const ALIGN: readonly number[] = [0, 5, 1, 1, 2, 3, 4];
export const PAD = "<pad>";
export const MAX_PAD = 4;

export const D_MODEL = 16;
export const HEADS = 2;
export const D_K = D_MODEL / HEADS;
/** Gains of the constructed W_Q = W_K (per head): how sharp each head is. */
export const GAIN: readonly number[] = [Math.sqrt(9.5), Math.sqrt(3)];
/** Frequencies of the position code in head 2's subspace (4 sin/cos pairs = 8 dims). */
const OMEGA: readonly number[] = [0.3, 0.6, 0.9, 1.2];

export const params = {
  head: {
    type: "choice",
    label: "看哪个头",
    options: ["1", "2", "avg"],
    default: "avg",
    optionLabels: { "1": "头 1：按内容对齐", "2": "头 2：按位置（单调）", avg: "两个头的平均" },
  },
  pad: {
    type: "number",
    label: "源句补到 batch 长度：<pad> 个数",
    min: 0,
    max: MAX_PAD,
    step: 1,
    default: 3,
    integer: true,
  },
  mask: {
    type: "choice",
    label: "源端 padding 掩码（memory_key_padding_mask）",
    options: ["on", "off"],
    default: "on",
    optionLabels: { on: "开：<pad> 列置 −∞", off: "关：<pad> 也参与 softmax" },
  },
  row: {
    type: "number",
    label: "选中的目标位置（下图画这一行）",
    min: 1,
    max: TARGET.length,
    step: 1,
    default: 2,
    integer: true,
  },
} satisfies ParamSpecs;

export type CrossState = StateOf<typeof params>;

type Matrix = number[][];

/** Six orthonormal content vectors in R^8 (Gram–Schmidt on seeded Gaussian draws). */
const CONTENT: Matrix = (() => {
  const normal = gaussian(mulberry32(6));
  const out: Matrix = [];
  for (let w = 0; w < SOURCE.length; w++) {
    let v = Array.from({ length: D_K }, normal);
    for (const u of out) {
      const dot = v.reduce((s, x, i) => s + x * u[i], 0);
      v = v.map((x, i) => x - dot * u[i]);
    }
    const norm = Math.hypot(...v);
    out.push(v.map((x) => x / norm));
  }
  return out;
})();

/** cos/sin pairs of position p: the dot product of two codes is Σ cos(ω(p − q)), largest at p = q. */
export function positionCode(p: number): number[] {
  return OMEGA.flatMap((w) => [Math.cos(w * p), Math.sin(w * p)]);
}

/**
 * Encoder memory M (S × d_model) for the sentence padded with `pad` pads. A pad's encoder output
 * is not zero: its own self-attention mixes the real tokens, so its content part is their mean.
 */
export function memory(pad: number): Matrix {
  const mean = Array.from({ length: D_K }, (_, i) => CONTENT.reduce((s, c) => s + c[i], 0) / CONTENT.length);
  const rows: Matrix = [];
  for (let j = 0; j < SOURCE.length + pad; j++) {
    const content = j < SOURCE.length ? CONTENT[j] : mean;
    rows.push([...content, ...positionCode(j)]);
  }
  return rows;
}

/**
 * Decoder-side input X (T × d_model): target i carries the content of the word it translates and
 * the position code of where a monotone alignment would put it, i·(S₀ − 1)/(T − 1).
 */
export function decoderStates(): Matrix {
  const scale = (SOURCE.length - 1) / (TARGET.length - 1);
  return TARGET.map((_, i) => [...CONTENT[ALIGN[i]], ...positionCode(i * scale)]);
}

/** Value and output projections: fixed seeded Gaussian matrices (scaled 1/√d). */
const W_V: Matrix = seededMatrix(11);
const W_O: Matrix = seededMatrix(12);
function seededMatrix(seed: number): Matrix {
  const normal = gaussian(mulberry32(seed));
  return Array.from({ length: D_MODEL }, () => Array.from({ length: D_MODEL }, () => normal() / Math.sqrt(D_MODEL)));
}

const matmul = (A: Matrix, B: Matrix): Matrix =>
  A.map((row) => B[0].map((_, j) => row.reduce((s, a, k) => s + a * B[k][j], 0)));

/** Softmax of one row; −∞ entries get exactly 0. */
export function softmax(z: readonly number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => (v === -Infinity ? 0 : Math.exp(v - max)));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

export interface CrossResult {
  source: string[];
  /** weights[head][i][j]: head 0, head 1; T × S each. */
  weights: Matrix[];
  /** Output concat(heads)·W_O, T × d_model. */
  output: Matrix;
}

const cache = new Map<string, CrossResult>();

/**
 * head_r = softmax((X W_Q^r)(M W_K^r)ᵀ/√d_k + B_pad) · M W_V^r, output = concat(heads) · W_O.
 * Head r's W_Q = W_K reads its own d_k-dim slice of the model dimension, times GAIN[r].
 */
export function crossAttention(pad: number, masked: boolean): CrossResult {
  const key = `${pad}:${masked}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const M = memory(pad);
  const X = decoderStates();
  const S = M.length;
  const V = matmul(M, W_V);
  const isPad = (j: number) => j >= SOURCE.length;
  const weights: Matrix[] = [];
  const heads: Matrix[] = [];
  for (let r = 0; r < HEADS; r++) {
    const lo = r * D_K;
    const g2 = GAIN[r] * GAIN[r];
    const w = X.map((x) =>
      softmax(
        M.map((m, j) => {
          if (masked && isPad(j)) return -Infinity;
          let dot = 0;
          for (let t = lo; t < lo + D_K; t++) dot += x[t] * m[t];
          return (g2 * dot) / Math.sqrt(D_K);
        }),
      ),
    );
    weights.push(w);
    heads.push(w.map((row) => Array.from({ length: D_K }, (_, t) => row.reduce((s, a, j) => s + a * V[j][lo + t], 0))));
  }
  const concat = X.map((_, i) => heads.flatMap((h) => h[i]));
  const result = {
    source: [...SOURCE, ...Array.from({ length: S - SOURCE.length }, () => PAD)],
    weights,
    output: matmul(concat, W_O),
  };
  cache.set(key, result);
  return result;
}

/** The weights shown for a head choice: one head, or the mean of both. */
export function shownWeights(result: CrossResult, head: string): Matrix {
  if (head === "1") return result.weights[0];
  if (head === "2") return result.weights[1];
  return result.weights[0].map((row, i) => row.map((w, j) => (w + result.weights[1][i][j]) / 2));
}

/** Largest absolute difference between the outputs with `pad` pads and with none. */
export function outputShift(pad: number, masked: boolean): number {
  const base = crossAttention(0, masked).output;
  const out = crossAttention(pad, masked).output;
  let max = 0;
  out.forEach((row, i) => {
    row.forEach((v, k) => {
      max = Math.max(max, Math.abs(v - base[i][k]));
    });
  });
  return max;
}

const quote = (s: string) => `“${s}”`;

export function readouts(state: CrossState): Record<string, string> {
  const masked = state.mask === "on";
  const result = crossAttention(state.pad, masked);
  const W = shownWeights(result, state.head);
  const i = state.row - 1;
  const row = W[i];
  const best = row.indexOf(Math.max(...row));
  const padMass = (r: readonly number[]) => r.slice(SOURCE.length).reduce((a, b) => a + b, 0);
  const sum = row.reduce((a, b) => a + b, 0);
  const masses = W.map(padMass);
  const worst = masses.indexOf(Math.max(...masses));
  const mean = masses.reduce((a, b) => a + b, 0) / masses.length;
  const shift = outputShift(state.pad, masked);
  let pad: string;
  if (state.pad === 0) pad = "这一句没有 padding，掩码开不开结果都一样";
  else if (masked)
    pad =
      `${state.pad} 个 <pad> 列被屏蔽，权重恰为 0；每个目标位置的输出与不补 padding 时完全相同` +
      `（最大差 ${shift === 0 ? "0" : shift.toExponential(1)}）`;
  else
    pad =
      `${state.pad} 个 <pad> 列平均分走 ${(mean * 100).toFixed(1)}% 的权重，最多的是 ${quote(TARGET[worst])} 一行` +
      `（${(masses[worst] * 100).toFixed(1)}%）；输出与不补 padding 时的最大差 ${shift.toFixed(3)}`;
  return {
    row:
      `目标 ${quote(TARGET[i])} 最关注源端 ${quote(result.source[best])}（${row[best].toFixed(2)}），` +
      `<pad> 合计 ${padMass(row).toFixed(2)}，整行之和 ${sum.toFixed(3)}；` +
      `权重矩阵是 T × S = ${TARGET.length} × ${result.source.length}`,
    pad,
  };
}
