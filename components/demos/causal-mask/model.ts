/**
 * Causal mask (ATT-08) and decoder parallelism (ARC-08): which keys each query sees under the
 * lower-triangular mask, what one teacher-forced training pass computes versus each step of
 * autoregressive generation with or without a KV cache, and what a step costs.
 * Pure maths, no DOM, no randomness.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

/** The article's 6-token sentence, continued so longer sequences have tokens too. */
export const TOKENS: readonly string[] = ["<s>", "我", "喜欢", "吃", "苹果", "。", "你", "呢", "？"];
export const MAX_N = TOKENS.length;

export const params = {
  mode: {
    type: "choice",
    label: "场景",
    options: ["train", "gen"] as const,
    default: "train" as const,
    optionLabels: { train: "训练：teacher forcing，整句一次前向", gen: "生成：逐 token，一步一个" },
  },
  i: {
    type: "number",
    label: "query 位置 i（生成时就是正在处理的新 token；超出序列时取最后一个）",
    min: 0,
    max: MAX_N - 1,
    step: 1,
    default: 3,
    integer: true,
  },
  cache: {
    type: "choice",
    label: "KV cache（生成时）",
    options: ["on", "off"] as const,
    default: "on" as const,
    optionLabels: { on: "有 KV cache：每步只算新 token", off: "无 KV cache：每步重算整个前缀" },
  },
  n: { type: "number", label: "序列长度 n", min: 2, max: MAX_N, step: 1, default: 6, integer: true },
} satisfies ParamSpecs;

export type CausalState = StateOf<typeof params>;

/** Causal rule: query i may attend to key j iff j ≤ i (Hugging Face's causal_mask_function). */
export const visible = (i: number, j: number) => j <= i;

/** The selected query position, clamped into the sequence. */
export const position = (state: CausalState) => Math.min(state.i, state.n - 1);

/**
 * What happens to one score q_i·k_j in the current view.
 * - visible / masked: training pass (masked = strictly upper triangle, set to −∞);
 * - cached: generation step, the new query against a key read from the KV cache;
 * - fresh: generation step, a score computed now whose key and value are computed now as well;
 * - done: generation step with a cache, computed in an earlier step and not touched now;
 * - future: generation step, the token does not exist yet.
 */
export type CellStatus = "visible" | "masked" | "cached" | "fresh" | "done" | "future";

export interface GridCell {
  q: number;
  k: number;
  status: CellStatus;
  /** The row of the selected query / the step's new token. */
  selected: boolean;
}

export function grid(state: CausalState): GridCell[] {
  const n = state.n;
  const p = position(state);
  const cells: GridCell[] = [];
  for (let q = 0; q < n; q++) {
    for (let k = 0; k < n; k++) {
      let status: CellStatus;
      if (state.mode === "train") status = visible(q, k) ? "visible" : "masked";
      else if (q > p || k > p) status = "future";
      // Inside a prefix recomputed without a cache the causal mask is still needed.
      else if (!visible(q, k)) status = "masked";
      else if (state.cache === "on") status = q < p ? "done" : k < p ? "cached" : "fresh";
      else status = "fresh";
      cells.push({ q, k, status, selected: q === p });
    }
  }
  return cells;
}

/** Visible and masked counts of an n × n causal mask: n(n+1)/2 and n(n−1)/2. */
export function maskCounts(n: number): { visible: number; masked: number; total: number } {
  return { visible: (n * (n + 1)) / 2, masked: (n * (n - 1)) / 2, total: n * n };
}

/** Work of one forward pass, in query rows pushed through every layer and q·k products in attention. */
export interface Work {
  rows: number;
  dots: number;
}

/** Generation step that processes the token at context length t (t = position + 1). */
export function stepWork(t: number, cache: "on" | "off"): Work {
  return cache === "on" ? { rows: 1, dots: t } : { rows: t, dots: (t * (t + 1)) / 2 };
}

export interface Schedule {
  /** Sequential forward passes. */
  passes: number;
  rows: number;
  dots: number;
}

/** Producing/learning n tokens: one teacher-forced pass, or n generation steps. */
export function schedule(n: number, mode: "train" | "gen", cache: "on" | "off"): Schedule {
  if (mode === "train") return { passes: 1, rows: n, dots: (n * (n + 1)) / 2 };
  let rows = 0;
  let dots = 0;
  for (let t = 1; t <= n; t++) {
    const w = stepWork(t, cache);
    rows += w.rows;
    dots += w.dots;
  }
  return { passes: n, rows, dots };
}

/**
 * FLOPs per generation step for the article's 7B-class decoder (ARC-08): d = 4096, L = 32 layers,
 * FFN 4d, no embeddings. Each token costs 2 · 12d²L for the weight matmuls plus 4dL·t for attention
 * over t keys; without a cache the whole prefix of t tokens is recomputed.
 */
export const MODEL = { d: 4096, L: 32 } as const;
export const PARAMS_7B = 12 * MODEL.d * MODEL.d * MODEL.L;
export function flopsWithCache(t: number): number {
  return 2 * PARAMS_7B + 4 * MODEL.d * MODEL.L * t;
}
export function flopsWithoutCache(t: number): number {
  return 2 * PARAMS_7B * t + 2 * MODEL.d * MODEL.L * t * (t + 1);
}

/** Timeline of the parallel variant: which positions each sequential pass computes. */
export interface PassCell {
  lane: "train" | "gen";
  pass: number;
  pos: number;
}

export function timeline(state: CausalState): PassCell[] {
  const cells: PassCell[] = [];
  for (let pos = 0; pos < state.n; pos++) cells.push({ lane: "train", pass: 1, pos });
  for (let t = 1; t <= state.n; t++) {
    const first = state.cache === "on" ? t - 1 : 0;
    for (let pos = first; pos < t; pos++) cells.push({ lane: "gen", pass: t, pos });
  }
  return cells;
}

const tokenText = (j: number) => TOKENS[j];
const list = (from: number, to: number) => Array.from({ length: to - from }, (_, j) => tokenText(from + j)).join(" ");
const giga = (flops: number) => `${(flops / 1e9).toFixed(2)} GFLOPs`;

export function readouts(state: CausalState): Record<string, string> {
  const n = state.n;
  const p = position(state);
  const t = p + 1;
  const counts = maskCounts(n);

  let row: string;
  if (state.mode === "train") {
    row =
      p + 1 < n
        ? `训练：位置 ${p}（${tokenText(p)}）的 query 看到 ${list(0, t)}（${t} 个 key），看不到后面 ${n - t} 个；` +
          `它的输出用来预测 “${tokenText(p + 1)}”，而“${tokenText(p + 1)}”就是位置 ${p + 1} 的输入，正被 mask 挡住`
        : `训练：位置 ${p}（${tokenText(p)}）的 query 看到全部 ${t} 个 key，输出用来预测序列之后的下一个 token`;
  } else if (state.cache === "on") {
    row =
      `生成第 ${t} 步：新 token “${tokenText(p)}”（位置 ${p}）的 query 对 ${t} 个 key 做注意力，` +
      (p > 0 ? `其中 ${p} 个的 K、V 来自缓存，` : "") +
      "只有它自己的 k、v 是新算的；本步只算 1 行，也不需要因果 mask（后面的 token 还不存在）";
  } else {
    row =
      `生成第 ${t} 步（无 KV cache）：把前缀 ${list(0, t)} 整个重算一遍，${t} 行、${stepWork(t, "off").dots} 个 q·k，` +
      (p > 0 ? "前缀内部仍要用因果 mask；前面各行的结果与上一步完全相同，是重复计算" : "第一步只有 1 个 token");
  }

  const mask = `因果 mask（n = ${n}）：可见 ${counts.visible} / ${counts.total} 个位置（含对角线的下三角），屏蔽 ${counts.masked} 个（严格上三角，置为 −∞）`;

  const train = schedule(n, "train", state.cache);
  const gen = schedule(n, "gen", state.cache);
  const other = schedule(n, "gen", state.cache === "on" ? "off" : "on");
  const cacheName = state.cache === "on" ? "有 KV cache" : "无 KV cache";
  const otherName = state.cache === "on" ? "无 KV cache" : "有 KV cache";
  const work =
    `训练：1 次前向算完 ${n} 个位置（${train.dots} 个 q·k），${n} 个 loss 同时得到；` +
    `生成 ${n} 个 token：${n} 次串行前向，${cacheName} 共算 ${gen.rows} 行、${gen.dots} 个 q·k（${otherName} 时为 ${other.rows} 行、${other.dots} 个）`;

  const withC = flopsWithCache(t);
  const without = flopsWithoutCache(t);
  const flops =
    `7B 量级配置（d = 4096，L = 32）生成第 ${t} 个 token：有 KV cache ${giga(withC)}，` +
    `无 KV cache ${giga(without)}（${(without / withC).toFixed(1)} 倍）`;
  return { row, mask, work, flops };
}
