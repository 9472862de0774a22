/** Tensor shapes: model output → Observable Plot options (used at build time and in the browser). */
import { barX, type PlotOptions, ruleX, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { type BlockId, blocks, compact, ENCODER_BLOCKS, elements, type ShapeState, tickCompact, totals } from "./model";

/** Short row names for the charts (the diagram carries the full ones). */
const SHORT: Readonly<Record<BlockId, string>> = {
  srcIds: "源 token id",
  srcEmb: "源 embedding",
  qkv: "Q、K、V",
  heads: "拆头",
  scores: "自注意力打分",
  context: "加权求和",
  proj: "拼接 + W_O",
  ffnHidden: "FFN 中间层",
  encOut: "编码器层输出",
  tgtIds: "目标 token id",
  tgtEmb: "目标 embedding",
  selfScores: "因果打分",
  crossScores: "交叉打分",
  decFfn: "FFN 中间层",
  decOut: "解码器层输出",
  logits: "logits",
};

type Part = "emb" | "encAttn" | "encFfn" | "decSelf" | "decCross" | "decFfn" | "ln";
const PART_OF: Readonly<Partial<Record<BlockId, Part>>> = {
  srcEmb: "emb",
  tgtEmb: "emb",
  logits: "emb",
  qkv: "encAttn",
  heads: "encAttn",
  scores: "encAttn",
  context: "encAttn",
  proj: "encAttn",
  ffnHidden: "encFfn",
  encOut: "encFfn",
  selfScores: "decSelf",
  crossScores: "decCross",
  decFfn: "decFfn",
  decOut: "decFfn",
};

export function figures(state: ShapeState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const t = totals(state);
  const N = state.N;
  const ln = (2 + 3) * N * 2 * state.d;
  const selPart = PART_OF[state.block as BlockId];
  const parts: { key: Part; label: string; value: number }[] = [
    { key: "emb", label: "共享 embedding", value: t.embedding },
    { key: "encAttn", label: `编码器自注意力 ×${N}`, value: N * t.attention },
    { key: "encFfn", label: `编码器 FFN ×${N}`, value: N * t.ffn },
    { key: "decSelf", label: `解码器自注意力 ×${N}`, value: N * t.attention },
    { key: "decCross", label: `解码器交叉注意力 ×${N}`, value: N * t.attention },
    { key: "decFfn", label: `解码器 FFN ×${N}`, value: N * t.ffn },
    { key: "ln", label: `LayerNorm ×${5 * N}`, value: ln },
  ];
  const partRows = parts.map((p) => ({ ...p, sel: p.key === selPart, text: compact(p.value) }));

  const all = blocks(state);
  const sizeRows = all.map((b) => ({
    id: b.id,
    label: `${ENCODER_BLOCKS.includes(b.id) ? "编" : "解"}·${SHORT[b.id]}`,
    value: elements(b.shape) * b.copies,
    sel: b.id === state.block,
    text: compact(elements(b.shape) * b.copies),
  }));
  const largest = sizeRows.reduce((a, b) => (b.value > a.value ? b : a));
  const maxSize = largest.value;

  return {
    params: {
      ...FIGURE,
      width: WIDTH,
      height: 30 + parts.length * 24,
      marginLeft: 128,
      marginRight: 58,
      ariaLabel: "各部分参数量的横向柱状图",
      ariaDescription: `合计 ${compact(t.total)} 个参数：${partRows.map((p) => `${p.label} ${p.text}`).join("，")}`,
      x: { label: null, grid: true, tickFormat: tickCompact, ticks: 4 },
      y: { domain: parts.map((p) => p.label), label: null },
      marks: [
        barX(partRows, {
          y: "label",
          x: "value",
          fill: (d) => (d.sel ? COLORS.secondary : COLORS.primary),
          className: "ts-part",
        }),
        text(partRows, { y: "label", x: "value", text: "text", dx: 4, textAnchor: "start", fill: "currentColor" }),
        ruleX([0]),
      ],
    },
    sizes: {
      ...FIGURE,
      width: WIDTH,
      height: 30 + sizeRows.length * 19,
      marginLeft: 112,
      marginRight: 58,
      ariaLabel: "每一步输出张量的元素个数（对数轴）",
      ariaDescription:
        `最大的张量是 ${largest.label}，${compact(maxSize)} 个元素；` +
        sizeRows.map((r) => `${r.label} ${r.text}`).join("，"),
      x: {
        type: "log",
        label: null,
        domain: [1, Math.max(10, maxSize * 1.2)],
        grid: true,
        ticks: 4,
        tickFormat: tickCompact,
      },
      y: { domain: sizeRows.map((r) => r.label), label: null },
      marks: [
        barX(sizeRows, {
          y: "label",
          x1: 1,
          x2: "value",
          fill: (d) => (d.sel ? COLORS.secondary : COLORS.primary),
          fillOpacity: (d) => (d.sel ? 1 : 0.75),
          className: "ts-size",
        }),
        text(sizeRows, { y: "label", x: "value", text: "text", dx: 4, textAnchor: "start", fill: "currentColor" }),
      ],
    },
  };
}
