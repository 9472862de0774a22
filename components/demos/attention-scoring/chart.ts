/** Dot-product vs additive scoring: model output → Observable Plot options (build time and browser). */
import { barX, dot, line, type PlotOptions, ruleX, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import {
  bytes,
  DIMS,
  dimIndex,
  opCounts,
  SCORER_LABELS,
  SCORERS,
  type Scorer,
  type ScoringState,
  STRIP,
  sampleScores,
  sci,
  theoryStd,
} from "./model";

export const SCORER_COLORS: Readonly<Record<Scorer, string>> = {
  dot: COLORS.primary,
  scaled: COLORS.tertiary,
  additive: COLORS.secondary,
};
/** Short in-plot labels at the right end of each curve. */
const CURVE_LABELS: Readonly<Record<Scorer, string>> = { dot: "点积", scaled: "缩放点积", additive: "加性" };
const LABEL = { stroke: "var(--plot-background)", strokeWidth: 3 } as const;
/**
 * Two thin horizontal bars, each with its label on the line above it: a band is ~36 px tall, the bar
 * fills its lower 19 px.
 */
const BAR_LAYOUT = { height: 96, marginTop: 6, marginBottom: 6, marginLeft: 8, marginRight: 12 } as const;
const BAR_INSET = 17;
const BAR_LABEL = {
  frameAnchor: "left",
  dx: 0,
  dy: -3,
  lineAnchor: "bottom",
  textAnchor: "start",
  fill: "currentColor",
} as const;

export function figures(state: ScoringState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const { samples, std } = sampleScores(state.seed);
  const at = dimIndex(state.dk);

  const measured = SCORERS.flatMap((scorer) =>
    DIMS.map((d, i) => ({ scorer, d, std: std[scorer][i], current: i === at })),
  );
  const theory = SCORERS.flatMap((scorer) => DIMS.map((d) => ({ scorer, d, std: theoryStd(scorer, d) })));
  const ends = SCORERS.map((scorer) => ({ scorer, d: DIMS[DIMS.length - 1], std: std[scorer][DIMS.length - 1] }));

  const stdFigure: PlotOptions = {
    ...FIGURE,
    width: WIDTH,
    height: 250,
    marginLeft: 44,
    marginRight: 62,
    marginBottom: 36,
    ariaLabel: "三种打分的标准差随维度 d 的变化（对数坐标）",
    ariaDescription:
      `d_k = ${state.dk}：不缩放点积 ${std.dot[at].toFixed(1)}，缩放点积 ${std.scaled[at].toFixed(2)}，加性 ${std.additive[at].toFixed(2)}。` +
      "不缩放点积随 √d 增长，另外两种与维度无关。",
    // Base 2 so every power of two gets a label (Plot keeps a log scale's own tick format).
    x: {
      type: "log",
      base: 2,
      domain: [DIMS[0], DIMS[DIMS.length - 1]],
      ticks: [...DIMS],
      tickFormat: "d",
      label: "维度 d（d_k = d_a）",
    },
    y: {
      type: "log",
      domain: [0.4, 50],
      ticks: [0.5, 1, 2, 5, 10, 20, 50],
      tickFormat: String,
      grid: true,
      label: "打分的标准差",
    },
    marks: [
      ruleX([state.dk], { strokeDasharray: "4,3", strokeOpacity: 0.7 }),
      line(theory, {
        x: "d",
        y: "std",
        z: "scorer",
        stroke: (d) => SCORER_COLORS[d.scorer as Scorer],
        strokeDasharray: "3,3",
        strokeOpacity: 0.8,
      }),
      line(measured, {
        x: "d",
        y: "std",
        z: "scorer",
        stroke: (d) => SCORER_COLORS[d.scorer as Scorer],
        strokeWidth: 2,
        className: "score-curve",
      }),
      dot(measured, {
        x: "d",
        y: "std",
        r: 2.5,
        fill: (d) => SCORER_COLORS[d.scorer as Scorer],
        className: "score-point",
      }),
      dot(
        measured.filter((d) => d.current),
        {
          x: "d",
          y: "std",
          r: 5,
          fill: (d) => SCORER_COLORS[d.scorer as Scorer],
          stroke: "var(--plot-background)",
          className: "score-current",
        },
      ),
      text(ends, {
        x: "d",
        y: "std",
        text: (d) => CURVE_LABELS[d.scorer as Scorer],
        dx: 8,
        textAnchor: "start",
        fill: (d) => SCORER_COLORS[d.scorer as Scorer],
        fontWeight: 700,
        ...LABEL,
      }),
    ],
  };

  const rows = SCORERS.map((scorer) => SCORER_LABELS[scorer]);
  const strip = SCORERS.flatMap((scorer) =>
    Array.from(samples[scorer][at].subarray(0, STRIP), (v) => ({ row: SCORER_LABELS[scorer], scorer, v })),
  );
  const extent = Math.max(3, ...strip.map((d) => Math.abs(d.v)));
  const stripFigure: PlotOptions = {
    ...FIGURE,
    width: WIDTH,
    height: 150,
    marginLeft: 128,
    marginRight: 16,
    marginBottom: 36,
    ariaLabel: `d_k = ${state.dk} 时三种打分各 ${STRIP} 个样本`,
    ariaDescription: `不缩放点积的样本落在约 ±${(2 * Math.sqrt(state.dk)).toFixed(0)} 之间，缩放点积与加性都在 ±3 左右以内。`,
    x: { domain: [-extent, extent], grid: true, label: "打分（softmax 之前）", nice: true },
    y: { domain: rows, label: null },
    marks: [
      ruleX([0], { strokeOpacity: 0.5 }),
      dot(strip, {
        x: "v",
        y: "row",
        r: 3,
        fill: (d) => SCORER_COLORS[d.scorer as Scorer],
        fillOpacity: 0.6,
        className: "score-sample",
      }),
    ],
  };

  const ops = opCounts(state.n, state.dk);
  const methods = ["点积", "加性"];
  const opBars = [
    { method: "点积", kind: "乘加（矩阵乘法）", count: ops.dotMacs, color: COLORS.primary },
    { method: "加性", kind: "乘加（与 v 相乘）", count: ops.additiveMacs, color: COLORS.primary },
    { method: "加性", kind: "加法与 tanh（逐元素）", count: ops.additiveElementwise, color: COLORS.secondary },
  ];
  const opTotals = [
    { method: "点积", label: `点积：${sci(ops.dotMacs)} 次乘加（一次矩阵乘法）` },
    {
      method: "加性",
      label: `加性：${sci(ops.additiveMacs)} 次乘加 + ${sci(ops.additiveElementwise)} 次加法与 tanh`,
    },
  ];
  const opsFigure: PlotOptions = {
    ...FIGURE,
    ...BAR_LAYOUT,
    width: WIDTH,
    height: BAR_LAYOUT.height + 26,
    marginBottom: 32,
    ariaLabel: `n = ${state.n}、d = ${state.dk} 时打分这一步的运算次数`,
    ariaDescription: `点积 ${sci(ops.dotMacs)} 次乘加（一次矩阵乘法）；加性 ${sci(ops.additiveMacs)} 次乘加加上 ${sci(ops.additiveElementwise)} 次逐元素运算。`,
    x: { label: "运算次数", grid: true, tickFormat: "s", ticks: 4 },
    y: { domain: methods, axis: null, padding: 0.1 },
    marks: [
      barX(opBars, { x: "count", y: "method", fill: "color", insetTop: BAR_INSET, className: "score-op" }),
      text(opTotals, { y: "method", text: "label", ...BAR_LABEL }),
    ],
  };

  const memBars = [
    { method: "点积", what: "n×n 分数矩阵", bytes: 4 * ops.dotStored },
    { method: "加性", what: "n×n×d_a 个 tanh 值", bytes: 4 * ops.additiveStored },
  ];
  const memFigure: PlotOptions = {
    ...FIGURE,
    ...BAR_LAYOUT,
    width: WIDTH,
    ariaLabel: `n = ${state.n}、d_a = ${state.dk} 时要存的中间结果（fp32）`,
    ariaDescription: `点积 ${bytes(memBars[0].bytes)}，加性 ${bytes(memBars[1].bytes)}，相差 ${state.dk} 倍。`,
    x: { axis: null, domain: [0, memBars[1].bytes] },
    y: { domain: methods, axis: null, padding: 0.1 },
    marks: [
      barX(memBars, {
        x: "bytes",
        y: "method",
        fill: (d) => (d.method === "点积" ? COLORS.primary : COLORS.secondary),
        insetTop: BAR_INSET,
        className: "score-mem",
      }),
      text(memBars, { y: "method", text: (d) => `${d.method}：${d.what}，${bytes(d.bytes)}`, ...BAR_LABEL }),
    ],
  };

  return { std: stdFigure, samples: stripFigure, ops: opsFigure, mem: memFigure };
}
