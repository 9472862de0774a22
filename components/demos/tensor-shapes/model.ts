/**
 * Tensor shapes and parameter counts in the original encoder–decoder Transformer (ARC-01), for a
 * chosen batch B, source length n, target length m, d_model, h, d_ff, vocabulary V and N layers.
 * Counts include biases and LayerNorm γ/β and count the shared embedding once (Vaswani et al.,
 * 2017, §3.4), exactly as the article's code cell does. Pure maths, no DOM.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

export const BLOCK_IDS = [
  "srcIds",
  "srcEmb",
  "qkv",
  "heads",
  "scores",
  "context",
  "proj",
  "ffnHidden",
  "encOut",
  "tgtIds",
  "tgtEmb",
  "selfScores",
  "crossScores",
  "decFfn",
  "decOut",
  "logits",
] as const;
export type BlockId = (typeof BLOCK_IDS)[number];

export const BLOCK_LABELS: Readonly<Record<BlockId, string>> = {
  srcIds: "源句 token id",
  srcEmb: "embedding ×√d + 位置编码",
  qkv: "Q、K、V 投影",
  heads: "拆成 h 个头",
  scores: "注意力打分 QKᵀ/√d_k",
  context: "加权求和 V",
  proj: "拼接 + W_O（残差、LN）",
  ffnHidden: "FFN 中间层",
  encOut: "编码器层输出（残差、LN）",
  tgtIds: "目标 token id（右移一位）",
  tgtEmb: "embedding ×√d + 位置编码",
  selfScores: "因果自注意力打分",
  crossScores: "交叉注意力打分",
  decFfn: "FFN 中间层",
  decOut: "解码器层输出",
  logits: "线性层 → logits",
};

/** Which stack a block belongs to, for the diagram's two columns. */
export const ENCODER_BLOCKS: readonly BlockId[] = BLOCK_IDS.slice(0, 9);
export const DECODER_BLOCKS: readonly BlockId[] = BLOCK_IDS.slice(9);
/** Blocks repeated in each of the N layers (the rest run once). */
export const LAYER_BLOCKS: ReadonlySet<BlockId> = new Set([
  "qkv",
  "heads",
  "scores",
  "context",
  "proj",
  "ffnHidden",
  "encOut",
  "selfScores",
  "crossScores",
  "decFfn",
  "decOut",
]);

export const params = {
  block: {
    type: "choice",
    label: "选中的模块（也可以直接点结构图）",
    options: BLOCK_IDS,
    default: "scores",
    optionLabels: Object.fromEntries(
      BLOCK_IDS.map((id) => [id, `${ENCODER_BLOCKS.includes(id) ? "编码器" : "解码器"}：${BLOCK_LABELS[id]}`]),
    ),
  },
  B: { type: "number", label: "batch 大小 B", min: 1, max: 64, step: 1, default: 2, integer: true },
  n: {
    type: "number",
    label: "源句长度 n（对数刻度）",
    min: 1,
    max: 4096,
    step: 0.01,
    default: 10,
    log: true,
    integer: true,
  },
  m: {
    type: "number",
    label: "目标句长度 m（对数刻度）",
    min: 1,
    max: 4096,
    step: 0.01,
    default: 9,
    log: true,
    integer: true,
  },
  d: { type: "choice", label: "d_model", options: [64, 128, 256, 512, 768, 1024, 2048, 4096], default: 512 },
  h: { type: "choice", label: "头数 h（d_k = d_model / h）", options: [1, 2, 4, 8, 16, 32], default: 8 },
  dff: {
    type: "choice",
    label: "FFN 中间维度 d_ff",
    options: [256, 512, 1024, 2048, 3072, 4096, 8192],
    default: 2048,
  },
  N: { type: "number", label: "层数 N（编码器、解码器各 N 层）", min: 1, max: 24, step: 1, default: 6, integer: true },
  V: {
    type: "choice",
    label: "词表大小 V（共享源–目标词表）",
    options: [32000, 37000, 41000],
    default: 37000,
  },
} satisfies ParamSpecs;

export type ShapeState = StateOf<typeof params>;

/** Multi-head attention sublayer: W_Q, W_K, W_V, W_O with biases: 4d² + 4d. */
export const attentionParams = (d: number) => 4 * d * d + 4 * d;
/** Position-wise FFN: W_1 (d×d_ff), W_2 (d_ff×d) with biases: 2·d·d_ff + d_ff + d. */
export const ffnParams = (d: number, dff: number) => 2 * d * dff + dff + d;
/** LayerNorm γ and β. */
export const layerNormParams = (d: number) => 2 * d;
export const encoderLayerParams = (d: number, dff: number) =>
  attentionParams(d) + ffnParams(d, dff) + 2 * layerNormParams(d);
export const decoderLayerParams = (d: number, dff: number) =>
  2 * attentionParams(d) + ffnParams(d, dff) + 3 * layerNormParams(d);

export interface Totals {
  attention: number;
  ffn: number;
  encoderLayer: number;
  decoderLayer: number;
  /** The one V × d_model matrix shared by both embeddings and the pre-softmax linear layer. */
  embedding: number;
  total: number;
  /** FFN's share of one encoder layer. */
  ffnShare: number;
}

export function totals(s: Pick<ShapeState, "d" | "dff" | "V" | "N">): Totals {
  const attention = attentionParams(s.d);
  const ffn = ffnParams(s.d, s.dff);
  const encoderLayer = encoderLayerParams(s.d, s.dff);
  const decoderLayer = decoderLayerParams(s.d, s.dff);
  const embedding = s.V * s.d;
  return {
    attention,
    ffn,
    encoderLayer,
    decoderLayer,
    embedding,
    total: embedding + s.N * (encoderLayer + decoderLayer),
    ffnShare: ffn / encoderLayer,
  };
}

export interface BlockInfo {
  id: BlockId;
  label: string;
  /** Tensor shape of the block's output. */
  shape: number[];
  /** How many such tensors the block produces (Q, K and V: 3). */
  copies: number;
  /** Parameters that produce this tensor, in one layer (for layer blocks). */
  params: number;
  /** How those parameters are counted. */
  formula: string;
}

/** Output shape and parameters of every block, in diagram order. */
export function blocks(s: ShapeState): BlockInfo[] {
  const { B, n, m, d, h, dff, V } = s;
  const dk = d / h;
  const make = (id: BlockId, shape: number[], params: number, formula: string, copies = 1): BlockInfo => ({
    id,
    label: BLOCK_LABELS[id],
    shape,
    copies,
    params,
    formula,
  });
  return [
    make("srcIds", [B, n], 0, "整数索引，没有参数"),
    make("srcEmb", [B, n, d], V * d, "V × d_model 的共享矩阵（与解码器 embedding、输出层共用，只算一次）"),
    make("qkv", [B, n, d], 3 * (d * d + d), "W_Q、W_K、W_V 各 d² + d", 3),
    make("heads", [B, h, n, dk], 0, "reshape + 转置，没有参数"),
    make("scores", [B, h, n, n], 0, "QKᵀ/√d_k 与 softmax，没有参数；唯一随 n² 增长的张量"),
    make("context", [B, h, n, dk], 0, "权重乘 V，没有参数"),
    make("proj", [B, n, d], d * d + d + layerNormParams(d), "W_O 的 d² + d，加 LayerNorm 的 2d"),
    make("ffnHidden", [B, n, dff], d * dff + dff, "W_1 的 d·d_ff + d_ff"),
    make("encOut", [B, n, d], dff * d + d + layerNormParams(d), "W_2 的 d_ff·d + d，加 LayerNorm 的 2d"),
    make("tgtIds", [B, m], 0, "整数索引，没有参数"),
    make("tgtEmb", [B, m, d], 0, "与源端共用同一张 embedding 表，不新增参数"),
    make(
      "selfScores",
      [B, h, m, m],
      attentionParams(d) + layerNormParams(d),
      "整个因果自注意力子层：4d² + 4d，加 LayerNorm 的 2d",
    ),
    make(
      "crossScores",
      [B, h, m, n],
      attentionParams(d) + layerNormParams(d),
      "整个交叉注意力子层：4d² + 4d，加 LayerNorm 的 2d",
    ),
    make("decFfn", [B, m, dff], d * dff + dff, "W_1 的 d·d_ff + d_ff"),
    make("decOut", [B, m, d], dff * d + d + layerNormParams(d), "W_2 的 d_ff·d + d，加 LayerNorm 的 2d"),
    make("logits", [B, m, V], 0, "与 embedding 共享权重（§3.4），不新增参数"),
  ];
}

export const elements = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** 1234567 → "1,234,567" (the same on the server and in every browser). */
export const grouped = (x: number) => String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** Parameter or element counts the way the article writes them: 63.08M, 2.10M, 18.9K. */
export function compact(x: number): string {
  if (x >= 1e9) return `${(x / 1e9).toFixed(2)}B`;
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (x >= 1e4) return `${(x / 1e3).toFixed(1)}K`;
  return grouped(x);
}

/** Axis ticks: 3 significant digits, no trailing zeros (5M, 12.5M, 100K). */
export function tickCompact(x: number): string {
  const short = (v: number) => String(Number(v.toPrecision(3)));
  if (x >= 1e9) return `${short(x / 1e9)}B`;
  if (x >= 1e6) return `${short(x / 1e6)}M`;
  if (x >= 1e3) return `${short(x / 1e3)}K`;
  return short(x);
}

export const shapeText = (shape: readonly number[]) => `(${shape.join(", ")})`;

/** Key of the per-block shape read-out inside the diagram. */
export const shapeKey = (id: BlockId) => `shape-${id}`;

export function readouts(state: ShapeState): Record<string, string> {
  const all = blocks(state);
  const t = totals(state);
  const sel = all.find((b) => b.id === state.block) ?? all[0];
  const side = ENCODER_BLOCKS.includes(sel.id) ? "编码器" : "解码器";
  const count = elements(sel.shape) * sel.copies;
  const perLayer =
    LAYER_BLOCKS.has(sel.id) && sel.params > 0 ? `（每层；${state.N} 层共 ${grouped(sel.params * state.N)}）` : "";
  const out: Record<string, string> = {
    block:
      `${side}·${sel.label}：形状 ${shapeText(sel.shape)}${sel.copies > 1 ? ` × ${sel.copies}` : ""}，` +
      `${grouped(count)} 个元素；参数 ${grouped(sel.params)}${perLayer}。${sel.formula}`,
    totals:
      `每层编码器 ${grouped(t.encoderLayer)} 个参数（FFN 占 ${(t.ffnShare * 100).toFixed(1)}%），` +
      `每层解码器 ${grouped(t.decoderLayer)}；共享 embedding ${grouped(t.embedding)}；` +
      `合计 ${(t.total / 1e6).toFixed(2)}M（编码器、解码器各 ${state.N} 层）`,
    encLayers: `编码器层 ×${state.N}`,
    decLayers: `解码器层 ×${state.N}`,
  };
  for (const b of all) out[shapeKey(b.id)] = shapeText(b.shape);
  return out;
}
