/** Softmax saturation: model output → Observable Plot options (used at build time and in the browser). */
import { barY, dot, lineY, type PlotOptions, ruleX, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { jacobianNorm, LOGIT_LABELS, LOGITS, type SoftmaxState, sampleScores, saturationCurve, softmax } from "./model";

const ACCENT = COLORS.primary;
const SECOND = COLORS.secondary;
export function figures(state: SoftmaxState, options: { withDk: boolean; width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const p = softmax(LOGITS, state.T);
  const bars = LOGIT_LABELS.map((label, i) => ({ label, logit: LOGITS[i], p: p[i] }));
  const curve = saturationCurve();
  const current = { T: state.T, maxP: Math.max(...p), grad: jacobianNorm(p) };
  const out: Record<string, PlotOptions> = {
    probs: {
      ...FIGURE,
      width: WIDTH,
      height: 220,
      ariaLabel: "6 个 logit 经 softmax 后的概率柱状图",
      ariaDescription: `温度 ${state.T} 时各项概率：${bars.map((b) => `${b.label} ${b.p.toFixed(2)}`).join(",")}`,
      x: { domain: LOGIT_LABELS, label: null },
      y: { domain: [0, 1], grid: true, label: "概率 p" },
      marks: [
        barY(bars, { x: "label", y: "p", fill: ACCENT }),
        text(bars, { x: "label", y: "p", text: (d) => d.p.toFixed(2), dy: -8, fill: "currentColor" }),
        ruleY([0]),
      ],
    },
    curve: {
      ...FIGURE,
      width: WIDTH,
      height: 240,
      ariaLabel: "最大概率与 softmax 梯度范数随温度变化的曲线",
      ariaDescription: `当前温度 ${state.T}：最大概率 ${current.maxP.toFixed(2)}，梯度范数 ${current.grad.toFixed(2)}。温度越低越接近 one-hot，梯度趋于 0。`,
      x: {
        type: "log",
        label: "温度 T(对数轴)",
        domain: [curve[0].T, curve[curve.length - 1].T],
        ticks: [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20],
        tickFormat: String,
      },
      y: { domain: [0, 1], grid: true, label: null },
      marks: [
        lineY(curve, { x: "T", y: "maxP", stroke: ACCENT, strokeWidth: 2 }),
        lineY(curve, { x: "T", y: "grad", stroke: SECOND, strokeWidth: 2 }),
        text([curve[0]], {
          x: "T",
          y: "maxP",
          text: () => "最大概率",
          dx: 6,
          dy: 10,
          textAnchor: "start",
          fill: ACCENT,
        }),
        text([curve[Math.floor(curve.length * 0.8)]], {
          x: "T",
          y: "grad",
          text: () => "梯度范数 ‖J‖",
          dy: -10,
          fill: SECOND,
        }),
        ruleX([current], { x: "T", strokeDasharray: "4,3" }),
        dot([current], { x: "T", y: "maxP", r: 4.5, fill: ACCENT }),
        dot([current], { x: "T", y: "grad", r: 4.5, fill: SECOND }),
      ],
    },
  };
  if (options.withDk) {
    const { raw, scaled } = sampleScores(state.dk, state.seed);
    const rows = ["不缩放 q·k", "除以 √d_k"];
    const logits = [...raw.map((v) => ({ row: rows[0], v })), ...scaled.map((v) => ({ row: rows[1], v }))];
    const probs = [
      ...softmax(raw).map((p, i) => ({ row: rows[0], key: i + 1, p })),
      ...softmax(scaled).map((p, i) => ({ row: rows[1], key: i + 1, p })),
    ];
    out.dkLogits = {
      ...FIGURE,
      width: WIDTH,
      height: 130,
      marginLeft: 90,
      ariaLabel: `d_k = ${state.dk} 时 16 个随机 key 的打分，缩放前后对比`,
      x: { label: "打分（logit）", grid: true },
      y: { domain: rows, label: null },
      marks: [dot(logits, { x: "v", y: "row", fill: ACCENT, fillOpacity: 0.7, r: 4 }), ruleX([0])],
    };
    out.dkProbs = {
      ...FIGURE,
      width: WIDTH,
      height: 240,
      marginLeft: 90,
      ariaLabel: `d_k = ${state.dk} 时两组打分经 softmax 后的权重`,
      x: { label: "key 序号", tickFormat: (d: number) => (d % 5 === 0 || d === 1 ? String(d) : "") },
      y: { label: "softmax 权重", domain: [0, 1], ticks: 2 },
      fy: { domain: rows, label: null },
      marks: [barY(probs, { x: "key", y: "p", fy: "row", fill: SECOND }), ruleY([0])],
    };
  }
  return out;
}
