/** Dropout scaling: model output → Observable Plot options (used at build time and in the browser). */
import { dot, line, type PlotOptions, rectY, ruleX, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { type DropState, exact, f2, params, simulate, trainValue, type Variant } from "./model";

export const MEAN_COLOR = COLORS.primary;
export const INFERENCE_COLOR = COLORS.secondary;
export const BAR_COLOR = COLORS.muted;
const EXACT_COLOR = "currentColor";

/** Ratio curves: the two correct variants coincide at 1, so three lines. */
const RATIO_COLORS = { ok: COLORS.tertiary, double: COLORS.secondary, rate: COLORS.danger } as const;
const curveOf = (v: Variant) => (v === "inverted" || v === "standard" ? "ok" : v);
const RATIO_LABELS = { ok: "inverted、经典：1", double: "两次缩放：1 − p", rate: "乘 p：p/q" } as const;
const RATIO_MAX = 1.6;
/** Where p/q reaches the top of the axis: the red curve stops there instead of being clipped. */
const RATE_TOP = RATIO_MAX / (1 + RATIO_MAX);
/** Sample points per curve: two for the straight ones, the hyperbola every 0.05 up to the top. */
const PS = {
  ok: [0, 0.9],
  double: [0, 0.9],
  rate: [...Array.from({ length: 13 }, (_, i) => i * 0.05), RATE_TOP],
} as const;

const halo = { stroke: "var(--bg, white)", strokeWidth: 3, paintOrder: "stroke" } as const;

export function figures(state: DropState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const { p, n, variant } = state;
  const sim = simulate(state);
  const ex = sim.exact;
  const step = trainValue(1, n, ex.train);
  const top = trainValue(n, n, ex.train);
  // Bars are at most 60% of the spacing between outputs, and never wider than a tenth of the axis.
  const half = Math.min(0.3 * step, 0.05 * Math.max(top, ex.inference));
  const xMax = Math.max(top, ex.inference) + half;
  const yTop = Math.max(...sim.bins.map((b) => Math.max(b.share, b.prob)));
  const yMax = yTop * 1.45;
  const rects = sim.bins
    .filter((b) => b.share > 0)
    .map((b) => ({ x1: b.value - half, x2: b.value + half, share: b.share }));
  const side = (x: number) =>
    x > xMax * 0.6 ? { textAnchor: "end" as const, dx: -5 } : { textAnchor: "start" as const, dx: 5 };
  const labels = [
    { x: sim.mcMean, y: yMax, text: `训练期均值 ${f2(sim.mcMean)}`, fill: MEAN_COLOR, ...side(sim.mcMean) },
    {
      x: ex.inference,
      y: yMax * 0.86,
      text: `推理输出 ${f2(ex.inference)}`,
      fill: INFERENCE_COLOR,
      ...side(ex.inference),
    },
  ];

  const ratioRows = (["ok", "double", "rate"] as const).flatMap((k) =>
    PS[k].map((x) => ({ k, p: x, y: exact(k === "ok" ? "inverted" : k, x, n).ratio })),
  );
  const current = curveOf(variant);
  // Each label in a free corner: above the flat line, between the falling line and the hyperbola on
  // the left, beside the hyperbola's top end.
  const ratioLabels = [
    { k: "ok", p: 0.01, y: 1, dx: 0, dy: -10 },
    { k: "double", p: 0.01, y: 0.55, dx: 0, dy: 0 },
    { k: "rate", p: RATE_TOP, y: RATIO_MAX, dx: 6, dy: 6 },
  ] as const;

  return {
    outputs: {
      ...FIGURE,
      width: WIDTH,
      height: 230,
      marginLeft: 40,
      marginRight: 12,
      marginTop: 24,
      marginBottom: 36,
      ariaLabel: `${state.samples} 次前向中训练期单元输出的分布，${params.variant.optionLabels[variant]}，p = ${f2(p)}，n = ${n}`,
      ariaDescription:
        `训练期均值 ${f2(sim.mcMean)}（理论期望 ${f2(ex.mean)}），推理输出 ${f2(ex.inference)}，` +
        `推理 / 期望 = ${f2(ex.ratio)}。柱是蒙特卡洛频率，圆点是精确概率。`,
      x: { domain: [-half, xMax], label: "训练期单元输出 s", ticks: 6 },
      y: { domain: [0, yMax], label: "频率", ticks: 3, tickSize: 0, tickFormat: (v: number) => f2(v) },
      marks: [
        rectY(rects, { x1: "x1", x2: "x2", y: "share", fill: BAR_COLOR, fillOpacity: 0.75, className: "drop-bar" }),
        // One path with dot markers is far smaller in the first frame than a circle per output.
        line(sim.bins, {
          x: "value",
          y: "prob",
          stroke: EXACT_COLOR,
          strokeWidth: 1,
          strokeDasharray: "2,3",
          marker: "dot",
          className: "drop-exact",
        }),
        ruleY([0]),
        ruleX([sim.mcMean], { stroke: MEAN_COLOR, strokeWidth: 2.5, className: "drop-mean" }),
        ruleX([ex.inference], {
          stroke: INFERENCE_COLOR,
          strokeWidth: 2.5,
          strokeDasharray: "6,4",
          className: "drop-inference",
        }),
        ...labels.map(({ text: label, fill, textAnchor, dx, ...at }) =>
          text([at], { x: "x", y: "y", text: () => label, fill, textAnchor, dx, fontWeight: 600, ...halo }),
        ),
      ],
    },
    ratio: {
      ...FIGURE,
      width: WIDTH,
      height: 190,
      marginLeft: 40,
      marginRight: 12,
      marginTop: 20,
      marginBottom: 36,
      ariaLabel: "推理输出 ÷ 训练期期望随丢弃率 p 的变化，三类写法",
      ariaDescription: `正确写法恒为 1；两次缩放为 1 − p；乘丢弃率为 p/(1 − p)。当前 p = ${f2(p)}，比值 ${f2(ex.ratio)}`,
      x: { domain: [0, 0.9], label: "丢弃率 p", ticks: 5, tickSize: 0 },
      y: { domain: [0, RATIO_MAX], label: "推理 / 训练期期望", ticks: [0, 1, 1.5], tickSize: 0 },
      marks: [
        ruleX([p], { strokeDasharray: "4,3", strokeOpacity: 0.6 }),
        ...(["ok", "double", "rate"] as const).map((k) =>
          line(
            ratioRows.filter((d) => d.k === k),
            {
              x: "p",
              y: "y",
              stroke: RATIO_COLORS[k],
              strokeWidth: k === current ? 3 : 1.5,
              className: `drop-ratio-${k}`,
            },
          ),
        ),
        ...ratioLabels.map((d) =>
          text([d], {
            x: "p",
            y: "y",
            text: () => RATIO_LABELS[d.k],
            fill: RATIO_COLORS[d.k],
            textAnchor: "start",
            dx: d.dx,
            dy: d.dy,
            fontSize: 11,
            fontWeight: d.k === current ? 600 : 400,
            ...halo,
          }),
        ),
        dot([{ p, y: Math.min(ex.ratio, RATIO_MAX) }], {
          x: "p",
          y: "y",
          r: 5,
          fill: RATIO_COLORS[current],
          stroke: "var(--bg, white)",
          className: "drop-now",
        }),
      ],
    },
  };
}
