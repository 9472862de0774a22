/** Noam schedule: model output → Observable Plot options (used at build time and in the browser). */
import { dot, line, type PlotOptions, ruleX, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { BASE, cosine, horizon, LOG_START, type NoamState, noam, noamPeak, sampleSteps, sci, summary } from "./model";

export const CURVE_COLORS = { noam: COLORS.primary, base: COLORS.muted, cosine: COLORS.secondary } as const;

/** 7e-4 → "7e-4"; tick labels stay short. */
const tick = (v: number) => (v === 0 ? "0" : v.toExponential(0).replace(/e-0*/, "e-"));
const LOG_TICKS = [100, 300, 1000, 3000, 10000, 30000, 100000, 300000];
/** Rough width in px of a 12px label: CJK characters are square, the rest about half as wide. */
const labelWidth = (t: string) => [...t].reduce((w, c) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 12 : 7), 0);
const steps = (v: number) => (v >= 1000 ? `${Number((v / 1000).toPrecision(3))}k` : String(v));

export function figures(state: NoamState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const m = summary(state);
  const xs = sampleSteps(state);
  const isBase = state.dModel === BASE.dModel && state.warmup === BASE.warmup;
  const cos = state.compare === "cosine";
  const curves = [
    ...(isBase ? [] : xs.map((x) => ({ k: "base", x, y: noam(x, BASE.dModel, BASE.warmup) }))),
    ...(cos ? xs.map((x) => ({ k: "cosine", x, y: cosine(x, state.peak, state.warmup, state.total) })) : []),
    ...xs.map((x) => ({ k: "noam", x, y: noam(x, state.dModel, state.warmup) })),
  ];
  const yMax = Math.max(m.peak, cos ? state.peak : 0, isBase ? 0 : noamPeak(BASE.dModel, BASE.warmup)) * 1.15;
  const probes = [
    { k: "noam", x: state.probe, y: m.atProbe },
    ...(cos ? [{ k: "cosine", x: state.probe, y: m.cosineAtProbe }] : []),
  ];
  const log = state.axis === "log";
  const end = horizon(state);
  // Keep the peak label inside the chart: centred above the peak when it fits, else pushed to one side.
  const MARGIN_LEFT = 44;
  const MARGIN_RIGHT = 14;
  const peakAt = log ? Math.log(state.warmup / LOG_START) / Math.log(end / LOG_START) : state.warmup / end;
  const peakPx = MARGIN_LEFT + peakAt * (WIDTH - MARGIN_LEFT - MARGIN_RIGHT);
  const half = labelWidth(`峰值 ${sci(m.peak)}，第 ${state.warmup} 步`) / 2;
  const anchor = peakPx - half < 4 ? "start" : peakPx + half > WIDTH - 2 ? "end" : "middle";
  const peakLabel = [{ x: state.warmup, y: m.peak, text: `峰值 ${sci(m.peak)}，第 ${state.warmup} 步` }];
  const baseLabel = isBase ? [] : [{ x: end, y: noam(end, BASE.dModel, BASE.warmup), text: "base（512，4000）" }];
  const halo = { stroke: "var(--bg, white)", strokeWidth: 3, paintOrder: "stroke" } as const;
  return {
    schedule: {
      ...FIGURE,
      width: WIDTH,
      height: 250,
      marginLeft: MARGIN_LEFT,
      marginRight: MARGIN_RIGHT,
      marginTop: 22,
      marginBottom: 36,
      ariaLabel: `Noam 学习率调度，d_model = ${state.dModel}，warm-up ${state.warmup} 步${cos ? "，叠加余弦调度" : ""}`,
      ariaDescription:
        `峰值 ${sci(m.peak)} 在第 ${state.warmup} 步；第 ${state.probe} 步为 ${sci(m.atProbe)}，是峰值的 ${m.probeRatio.toFixed(2)}` +
        (cos ? `；余弦调度在第 ${state.probe} 步为 ${sci(m.cosineAtProbe)}` : "") +
        (isBase ? "" : "；灰线是 base 设置（d_model 512，warm-up 4000）"),
      x: log
        ? {
            type: "log",
            domain: [LOG_START, end],
            label: "step（对数轴）",
            tickFormat: steps,
            ticks: LOG_TICKS.filter((t) => t <= end),
          }
        : { domain: [0, end], label: "step", tickFormat: steps, ticks: 5 },
      y: { domain: [0, yMax], label: "学习率", grid: true, ticks: 4, tickFormat: tick },
      marks: [
        ruleY([0]),
        ruleX([state.probe], { strokeDasharray: "4,3", strokeOpacity: 0.7 }),
        line(
          curves.filter((d) => d.k === "base"),
          {
            x: "x",
            y: "y",
            stroke: CURVE_COLORS.base,
            strokeWidth: 1.6,
            strokeDasharray: "5,3",
            className: "noam-base",
          },
        ),
        line(
          curves.filter((d) => d.k === "cosine"),
          { x: "x", y: "y", stroke: CURVE_COLORS.cosine, strokeWidth: 2, className: "noam-cosine" },
        ),
        line(
          curves.filter((d) => d.k === "noam"),
          { x: "x", y: "y", stroke: CURVE_COLORS.noam, strokeWidth: 2.5, className: "noam-curve" },
        ),
        dot([{ x: state.warmup, y: m.peak }], {
          x: "x",
          y: "y",
          r: 4.5,
          fill: CURVE_COLORS.noam,
          className: "noam-peak",
        }),
        dot(probes, {
          x: "x",
          y: "y",
          r: 4,
          fill: (d) => CURVE_COLORS[d.k as keyof typeof CURVE_COLORS],
          stroke: "var(--bg, white)",
          className: "noam-probe",
        }),
        text(peakLabel, {
          x: "x",
          y: "y",
          text: "text",
          dy: -11,
          textAnchor: anchor,
          fill: CURVE_COLORS.noam,
          fontWeight: 600,
          className: "noam-peak-label",
          ...halo,
        }),
        text(baseLabel, { x: "x", y: "y", text: "text", dy: -9, textAnchor: "end", fill: "currentColor", ...halo }),
      ],
    },
  };
}
