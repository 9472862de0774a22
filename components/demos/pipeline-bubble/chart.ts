/** Pipeline bubble: model output → Observable Plot options (used at build time and in the browser). */
import { barX, dot, line, type PlotOptions, ruleX, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { bubbleFormula, type Op, type PipeState, params, pct, SCHEDULE_NAMES, summary } from "./model";

export const KIND_COLORS = { F: COLORS.primary, B: COLORS.secondary, idle: COLORS.muted } as const;
/** Label colours with enough contrast on each fill (white on the blue, near-black on the orange). */
const LABEL_ON = { F: "white", B: "#1b1b1b" } as const;

const MARGIN_LEFT = 56;
const MARGIN_RIGHT = 12;
const ROW = 26;
/** Past this many labels the chart is too dense to read them, and each one adds to the SVG. */
const MAX_LABELS = 96;

/**
 * Bottom-anchored and nudged down by hand: a middle-anchored label carries its own `y="0.32em"`,
 * which over many cells is a real share of the first frame's bytes.
 */
const LABEL = {
  x: "mid",
  y: "y",
  text: "mb",
  fontSize: 11,
  lineAnchor: "bottom",
  dy: 4,
  className: "pipe-label",
} as const;

const stageName = (s: number) => `stage ${s}`;

/** Micro-batch labels for the cells wide enough to hold them (about 7 px per digit plus a margin each side). */
export function cellLabels(ops: readonly Op[], pxPerUnit: number): Op[] {
  const fits = ops.filter((o) => (o.end - o.start) * pxPerUnit >= String(o.mb).length * 7 + 6);
  return fits.length > MAX_LABELS ? [] : fits;
}

export function figures(state: PipeState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const { K, M, ratio, schedule } = state;
  const m = summary(state);
  const pxPerUnit = (WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / m.total;
  const cells = m.ops.map((o) => ({ ...o, y: stageName(o.stage), mid: (o.start + o.end) / 2 }));
  const labels = cellLabels(m.ops, pxPerUnit).map((o) => ({ ...o, y: stageName(o.stage), mid: (o.start + o.end) / 2 }));
  const stages = Array.from({ length: K }, (_, s) => stageName(s));
  const name = SCHEDULE_NAMES[schedule];

  const curve = Array.from({ length: params.M.max }, (_, i) => ({ M: i + 1, b: 100 * bubbleFormula(K, i + 1) }));
  const fourK = 4 * K <= params.M.max ? [4 * K] : [];
  const halo = { stroke: "var(--bg, white)", strokeWidth: 3, paintOrder: "stroke" } as const;

  return {
    gantt: {
      ...FIGURE,
      width: WIDTH,
      height: K * ROW + 52,
      marginLeft: MARGIN_LEFT,
      marginRight: MARGIN_RIGHT,
      marginTop: 8,
      marginBottom: 38,
      ariaLabel: `${name} 流水线调度甘特图，${K} 个 stage、${M} 个 micro-batch，反向耗时为前向的 ${ratio} 倍`,
      ariaDescription:
        `总时长 ${m.total} 个时间单位，气泡占比 ${pct(m.bubble)}；` +
        `stage 0 峰值在存激活 ${m.peaks[0]} 个 micro-batch。蓝色是前向，橙色是反向，灰色是空闲`,
      x: { domain: [0, m.total], label: "时间（前向耗时 = 1）", labelAnchor: "center", ticks: 4, round: true },
      y: { domain: stages, label: null, padding: 0.12, round: true, tickSize: 0 },
      marks: [
        // Idle time is whatever the operations leave uncovered of each row's grey band: one bar per row
        // instead of one per gap keeps the first frame small.
        barX(stages, {
          x1: 0,
          x2: m.total,
          y: (d) => d,
          fill: KIND_COLORS.idle,
          fillOpacity: 0.22,
          className: "pipe-idle",
        }),
        barX(
          cells.filter((c) => c.kind === "F"),
          {
            x1: "start",
            x2: "end",
            y: "y",
            fill: KIND_COLORS.F,
            insetLeft: 0.5,
            insetRight: 0.5,
            className: "pipe-fwd",
          },
        ),
        barX(
          cells.filter((c) => c.kind === "B"),
          {
            x1: "start",
            x2: "end",
            y: "y",
            fill: KIND_COLORS.B,
            insetLeft: 0.5,
            insetRight: 0.5,
            className: "pipe-bwd",
          },
        ),
        text(
          labels.filter((c) => c.kind === "F"),
          { ...LABEL, fill: LABEL_ON.F },
        ),
        text(
          labels.filter((c) => c.kind === "B"),
          { ...LABEL, fill: LABEL_ON.B },
        ),
      ],
    },
    bubble: {
      ...FIGURE,
      width: WIDTH,
      height: 170,
      marginLeft: 40,
      marginRight: 14,
      marginTop: 20,
      marginBottom: 36,
      ariaLabel: `K = ${K} 时气泡占比 (K−1)/(M+K−1) 随 micro-batch 数 M 的变化`,
      ariaDescription: `M = ${M} 时为 ${pct(bubbleFormula(K, M))}；M = 1 时为 ${pct(bubbleFormula(K, 1))}，M = 32 时为 ${pct(bubbleFormula(K, 32))}`,
      x: {
        domain: [1, params.M.max],
        label: "micro-batch 数 M",
        labelAnchor: "center",
        ticks: [1, 8, 16, 24, 32],
        tickSize: 0,
        round: true,
      },
      y: { domain: [0, 100], label: "气泡占比 (%)", ticks: [0, 50, 100], tickSize: 0, round: true },
      marks: [
        ruleY([0]),
        ruleX(fourK, { strokeDasharray: "4,3", strokeOpacity: 0.6 }),
        text(
          fourK.map((x) => ({ x, text: "M = 4K" })),
          {
            x: "x",
            y: 100,
            text: "text",
            // Past the middle the label goes left of its line, or it would run off the chart at M = 32.
            textAnchor: 4 * K > params.M.max / 2 ? "end" : "start",
            dx: 4 * K > params.M.max / 2 ? -4 : 4,
            dy: 4,
            fill: "currentColor",
            ...halo,
          },
        ),
        line(curve, { x: "M", y: "b", stroke: COLORS.primary, strokeWidth: 2, className: "pipe-curve" }),
        dot([{ M, b: 100 * m.bubble }], { x: "M", y: "b", r: 4.5, fill: COLORS.primary, className: "pipe-now" }),
        text([{ M, b: 100 * m.bubble, text: `M = ${M}：${pct(m.bubble)}` }], {
          x: "M",
          y: "b",
          text: "text",
          dy: -10,
          textAnchor: M > 22 ? "end" : "start",
          dx: M > 22 ? -2 : 4,
          fill: COLORS.primary,
          fontWeight: 600,
          className: "pipe-now-label",
          ...halo,
        }),
      ],
    },
  };
}
