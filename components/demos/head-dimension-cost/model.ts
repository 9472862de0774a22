/**
 * What per-head dimension reduction buys (ATT-06): parameters and FLOPs of one multi-head attention
 * layer on one sequence, with d_k = d_v = d_model/h (constant in h) against every head keeping
 * d_model dimensions (h times more), plus the KV cache, which only shrinks by sharing K and V across
 * query heads (MQA / GQA). No biases; one multiply-add = 2 FLOPs.
 * Pure maths, no DOM.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

export const HEADS: readonly number[] = [1, 2, 4, 8, 16, 32, 64];

export const params = {
  h: { type: "choice", label: "头数 h（query 头）", options: [...HEADS], default: 8 },
  dModel: { type: "choice", label: "模型宽度 d_model", options: [512, 768, 1024, 2048, 4096, 8192], default: 512 },
  n: { type: "choice", label: "序列长度 n", options: [128, 512, 2048, 4096, 8192, 32768], default: 512 },
  kv: {
    type: "choice",
    label: "KV 头数 g（几组 K、V 被 query 头共享；大于 h 时按 h 算）",
    options: ["h", 1, 2, 4, 8, 16, 32],
    default: "h",
    optionLabels: {
      h: "g = h（标准多头 MHA）",
      1: "1（MQA）",
      2: "2（GQA）",
      4: "4（GQA）",
      8: "8（GQA）",
      16: "16（GQA）",
      32: "32（GQA）",
    },
  },
  layers: { type: "choice", label: "层数 L（只影响 KV cache 合计）", options: [1, 12, 32, 80], default: 1 },
} satisfies ParamSpecs;

export type HeadCostState = StateOf<typeof params>;

export interface Cost {
  /** W_Q, W_K, W_V and W_O */
  params: number;
  /** Q, K, V, O projections: 2n·d_model·(3h·d_k) + 2n·(h·d_v)·d_model */
  projectionFlops: number;
  /** QKᵀ and AV: 2·(2n²·h·d_k) */
  attentionFlops: number;
  flops: number;
}

/** One layer, one sequence of n tokens, h heads of width d_k = d_v = headDim. */
export function layerCost(dModel: number, h: number, headDim: number, n: number): Cost {
  const inner = h * headDim;
  const params = 3 * dModel * inner + inner * dModel;
  const projectionFlops = 2 * n * dModel * 3 * inner + 2 * n * inner * dModel;
  const attentionFlops = 2 * (2 * n * n * inner);
  return { params, projectionFlops, attentionFlops, flops: projectionFlops + attentionFlops };
}

/** d_k = d_model/h: the table's "降维" column. */
export const reducedCost = (dModel: number, h: number, n: number) => layerCost(dModel, h, dModel / h, n);
/** Every head keeps d_model dimensions: the "不降维" column. */
export const fullCost = (dModel: number, h: number, n: number) => layerCost(dModel, h, dModel, n);

/** KV heads actually used: g = h for "h", otherwise the choice, at most h. */
export const kvHeads = (state: Pick<HeadCostState, "h" | "kv">): number =>
  state.kv === "h" ? state.h : Math.min(Number(state.kv), state.h);

/** Numbers kept per token per layer for K and V (2·g·d_k), and their fp16 bytes. */
export function kvPerToken(dModel: number, h: number, g: number): { values: number; bytes: number } {
  const values = 2 * g * (dModel / h);
  return { values, bytes: 2 * values };
}

/** Attention weights a naive kernel materialises: h matrices of n × n. */
export const attentionWeights = (h: number, n: number) => h * n * n;

export function bytes(b: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = b;
  let u = 0;
  while (value >= 1024 && u < units.length - 1) {
    value /= 1024;
    u++;
  }
  return `${Number(value.toPrecision(3))} ${units[u]}`;
}

/** Ticks at round multiples of one binary unit (e.g. 0, 2, 4, 6 GiB) for a byte axis from 0 to max. */
export function byteTicks(max: number, count = 3): number[] {
  let unit = 1;
  while (max / unit >= 1024) unit *= 1024;
  const raw = max / unit / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag * unit;
  return Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
}

/** SI prefix with 3 significant digits, as d3-format's ".3~s": 1048576 → "1.05M". */
export function si(x: number): string {
  const prefixes = ["", "k", "M", "G", "T", "P"];
  let value = x;
  let p = 0;
  while (Math.abs(value) >= 999.5 && p < prefixes.length - 1) {
    value /= 1000;
    p++;
  }
  return `${Number(value.toPrecision(3))}${prefixes[p]}`;
}

export const int = (x: number) => x.toLocaleString("en-US");
export const gflops = (x: number) => {
  const g = x / 1e9;
  return g >= 100 ? g.toFixed(0) : g >= 1 ? g.toFixed(2) : g.toPrecision(2);
};

export function readouts(state: HeadCostState): Record<string, string> {
  const { h, dModel, n } = state;
  const dk = dModel / h;
  const reduced = reducedCost(dModel, h, n);
  const full = fullCost(dModel, h, n);
  const g = kvHeads(state);
  const kv = kvPerToken(dModel, h, g);
  const mha = kvPerToken(dModel, h, h);
  const total = kv.bytes * n * state.layers;
  const kind = g === h ? "标准多头" : g === 1 ? "MQA" : "GQA";
  return {
    params:
      `h = ${h}，每头 d_k = ${dModel}/${h} = ${dk}：参数 ${int(reduced.params)} = 4·d_model²，与 h 无关；` +
      `若每头都保留 d_model 维则是 ${int(full.params)}，${h} 倍`,
    flops:
      `n = ${n}：投影 ${gflops(reduced.projectionFlops)} + 注意力 ${gflops(reduced.attentionFlops)} = ${gflops(reduced.flops)} GFLOPs（一层、一条序列），与 h 无关；` +
      `不降维 ${gflops(full.flops)} GFLOPs；随 h 增长的是注意力权重：${int(attentionWeights(h, n))} 个（fp32 ${bytes(4 * attentionWeights(h, n))}）`,
    kv:
      `KV cache（${kind}，g = ${g}）：每 token 每层 2·g·d_k = ${int(kv.values)} 个数（fp16 ${bytes(kv.bytes)}），` +
      `${n} 个 token × ${state.layers} 层共 ${bytes(total)}` +
      (g < h ? `；标准多头时是 ${bytes(mha.bytes * n * state.layers)}，省到 1/${h / g}` : ""),
  };
}
