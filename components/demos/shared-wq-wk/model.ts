/**
 * Separate W_Q, W_K vs one shared W (ATT-04): random tokens x_i ~ N(0, I) (as after LayerNorm),
 * projection entries ~ N(0, 1/d_model), scores divided by √d_k. With W_Q = W_K the score matrix
 * S = (XW)(XW)ᵀ/√d_k is a symmetric Gram matrix whose diagonal ‖q_i‖²/√d_k towers over the rest, so
 * the softmax weights pile onto the diagonal; with Q = K = X it is worse still.
 * Pure maths, no DOM; deterministic for a given seed.
 */
import { gaussian, mulberry32 } from "../../../src/lib/rng";
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

export type Mode = "indep" | "shared" | "none";
export const MODES: readonly Mode[] = ["indep", "shared", "none"];
export const MODE_LABELS: Readonly<Record<Mode, string>> = {
  indep: "独立的 W_Q、W_K",
  shared: "共享 W（W_Q = W_K）",
  none: "不投影（Q = K = X）",
};
/** Short names for the comparison read-out. */
const MODE_SHORT: Readonly<Record<Mode, string>> = { indep: "独立", shared: "共享 W", none: "Q = K = X" };

export const params = {
  mode: {
    type: "choice",
    label: "Q、K 从哪里来",
    options: [...MODES],
    default: "indep" as Mode,
    optionLabels: MODE_LABELS,
  },
  n: { type: "number", label: "token 个数 n", min: 4, max: 16, step: 1, default: 8, integer: true },
  dModel: { type: "choice", label: "模型宽度 d_model", options: [16, 32, 64, 128, 256, 512], default: 128 },
  dk: { type: "choice", label: "投影维度 d_k", options: [2, 4, 8, 16, 32, 64], default: 32 },
  seed: {
    type: "number",
    label: "随机种子（换一组 token 和权重）",
    min: 1,
    max: 50,
    step: 1,
    default: 1,
    integer: true,
  },
} satisfies ParamSpecs;

export type QkState = StateOf<typeof params>;

type Matrix = Float64Array[];

export interface Draw {
  /** n × d_model tokens */
  X: Matrix;
  /** d_model × d_k projections */
  WQ: Matrix;
  WK: Matrix;
}

/**
 * Tokens and projections for one seed. Each comes from its own stream, drawn row by row (tokens) and
 * column by column (projections), so adding a token keeps the others and a larger d_k only appends
 * columns; a new d_model redraws everything.
 */
export function draw(n: number, dModel: number, dk: number, seed: number): Draw {
  const stream = (tag: number) => gaussian(mulberry32(seed * 1_000_003 + dModel * 1009 + tag));
  const tokens = stream(1);
  const X = Array.from({ length: n }, () => Float64Array.from({ length: dModel }, tokens));
  const project = (tag: number): Matrix => {
    const normal = stream(tag);
    const W = Array.from({ length: dModel }, () => new Float64Array(dk));
    const scale = 1 / Math.sqrt(dModel);
    for (let c = 0; c < dk; c++) for (let r = 0; r < dModel; r++) W[r][c] = normal() * scale;
    return W;
  };
  return { X, WQ: project(2), WK: project(3) };
}

export function matmul(A: Matrix, B: Matrix): Matrix {
  const cols = B[0].length;
  return A.map((row) => {
    const out = new Float64Array(cols);
    for (let k = 0; k < row.length; k++) {
      const a = row[k];
      const bk = B[k];
      for (let j = 0; j < cols; j++) out[j] += a * bk[j];
    }
    return out;
  });
}

/** S = Q Kᵀ / scale */
export function scores(Q: Matrix, K: Matrix, scale: number): number[][] {
  return Q.map((q) =>
    K.map((k) => {
      let s = 0;
      for (let i = 0; i < q.length; i++) s += q[i] * k[i];
      return s / scale;
    }),
  );
}

export function softmaxRows(S: readonly number[][]): number[][] {
  return S.map((row) => {
    const max = Math.max(...row);
    const e = row.map((v) => Math.exp(v - max));
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / z);
  });
}

export interface Attention {
  S: number[][];
  A: number[][];
}

export interface AttentionStats {
  /** max |s_ij − s_ji| and max |a_ij − a_ji| */
  scoreAsymmetry: number;
  weightAsymmetry: number;
  /** mean of a_ii, and that mean times n (1 = no preference for oneself) */
  diagonalMean: number;
  diagonalRatio: number;
  /** rows whose largest weight is their own */
  selfTop: number;
}

const cache = new Map<string, { draw: Draw; attention: Record<Mode, Attention> }>();

/** Scores and weights of all three modes for the same tokens and weights (cached per draw). */
export function attention(state: Omit<QkState, "mode">): Record<Mode, Attention> {
  const key = `${state.n}:${state.dModel}:${state.dk}:${state.seed}`;
  const hit = cache.get(key);
  if (hit) return hit.attention;
  const d = draw(state.n, state.dModel, state.dk, state.seed);
  const Q = matmul(d.X, d.WQ);
  const K = matmul(d.X, d.WK);
  const build = (S: number[][]): Attention => ({ S, A: softmaxRows(S) });
  const result = {
    indep: build(scores(Q, K, Math.sqrt(state.dk))),
    shared: build(scores(Q, Q, Math.sqrt(state.dk))),
    none: build(scores(d.X, d.X, Math.sqrt(state.dModel))),
  };
  if (cache.size > 32) cache.delete(cache.keys().next().value as string);
  cache.set(key, { draw: d, attention: result });
  return result;
}

export function stats({ S, A }: Attention): AttentionStats {
  const n = S.length;
  let scoreAsymmetry = 0;
  let weightAsymmetry = 0;
  let diagonal = 0;
  let selfTop = 0;
  for (let i = 0; i < n; i++) {
    diagonal += A[i][i];
    if (A[i].every((w, j) => j === i || w < A[i][i])) selfTop++;
    for (let j = 0; j < n; j++) {
      scoreAsymmetry = Math.max(scoreAsymmetry, Math.abs(S[i][j] - S[j][i]));
      weightAsymmetry = Math.max(weightAsymmetry, Math.abs(A[i][j] - A[j][i]));
    }
  }
  return {
    scoreAsymmetry,
    weightAsymmetry,
    diagonalMean: diagonal / n,
    diagonalRatio: diagonal,
    selfTop,
  };
}

/** Mean of the statistics over `draws` independent seeds (for checking the article's table). */
export function averageStats(n: number, dModel: number, dk: number, draws: number, firstSeed = 1) {
  const sums: Record<Mode, { diagonalMean: number; selfTopShare: number }> = {
    indep: { diagonalMean: 0, selfTopShare: 0 },
    shared: { diagonalMean: 0, selfTopShare: 0 },
    none: { diagonalMean: 0, selfTopShare: 0 },
  };
  for (let s = firstSeed; s < firstSeed + draws; s++) {
    const d = draw(n, dModel, dk, s);
    const Q = matmul(d.X, d.WQ);
    const K = matmul(d.X, d.WK);
    const all: Record<Mode, number[][]> = {
      indep: scores(Q, K, Math.sqrt(dk)),
      shared: scores(Q, Q, Math.sqrt(dk)),
      none: scores(d.X, d.X, Math.sqrt(dModel)),
    };
    for (const mode of MODES) {
      const st = stats({ S: all[mode], A: softmaxRows(all[mode]) });
      sums[mode].diagonalMean += st.diagonalMean;
      sums[mode].selfTopShare += st.selfTop;
    }
  }
  for (const mode of MODES) {
    sums[mode].diagonalMean /= draws;
    sums[mode].selfTopShare /= draws * n; // counts summed first: exactly 1 when every row picks itself
  }
  return sums;
}

const f2 = (x: number) => x.toFixed(2);

export function readouts(state: QkState): Record<string, string> {
  const all = attention(state);
  const st = stats(all[state.mode]);
  const symmetric = st.scoreAsymmetry < 1e-9;
  const n = state.n;
  return {
    sym:
      `打分 S：max |s_ij − s_ji| = ${f2(st.scoreAsymmetry)}，${symmetric ? "关于对角线对称" : "不对称"}；` +
      `权重 A：max |a_ij − a_ji| = ${f2(st.weightAsymmetry)}` +
      (symmetric && st.weightAsymmetry >= 0.005 ? "（按行 softmax 之后不再对称）" : ""),
    diag:
      `对角线平均权重 ${f2(st.diagonalMean)}，是均匀分配 1/n = ${(1 / n).toFixed(3)} 的 ${st.diagonalRatio.toFixed(1)} 倍；` +
      `${n} 行中有 ${st.selfTop} 行的最大权重落在自己身上`,
    compare: `同一组 token 与权重，对角线平均权重：${MODES.map((m) => `${MODE_SHORT[m]} ${f2(stats(all[m]).diagonalMean)}`).join(" · ")}`,
  };
}
