/** Receptive field vs depth: model output → Observable Plot options (build time and browser). */
import { barX, dot, line, type PlotOptions, ruleX, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import {
  growth,
  layersToCover,
  params,
  type RfState,
  receptiveField,
  SHORT_NAMES,
  STRUCTURES,
  type Structure,
  structureLabel,
} from "./model";

export const STRUCTURE_COLORS: Readonly<Record<Structure, string>> = {
  conv: COLORS.primary,
  dilated: COLORS.tertiary,
  swa: COLORS.secondary,
  full: COLORS.danger,
};

const color = (d: { s: Structure }) => STRUCTURE_COLORS[d.s];

export function figures(state: RfState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const { L, n } = state;
  const points = growth(state);
  const current = STRUCTURES.map((s) => ({ s, L, rf: Math.min(n, receptiveField(s, L, state)) }));
  const needed = STRUCTURES.map((s) => ({
    s,
    label: structureLabel(s, state),
    layers: layersToCover(s, state),
  }));
  const maxLayers = Math.max(...needed.map((d) => d.layers));
  const yTicks = [1, 10, 100, 1000, 10000, 100000].filter((t) => t <= n);
  return {
    growth: {
      ...FIGURE,
      width: WIDTH,
      height: 260,
      marginLeft: 52,
      marginRight: 12,
      marginTop: 20,
      marginBottom: 36,
      ariaLabel: `感受野随层数的增长（对数纵轴，序列长度 n = ${n}）`,
      ariaDescription: `L = ${L} 层时：${current.map((d) => `${structureLabel(d.s, state)} ${d.rf}`).join("，")}`,
      x: { domain: [1, params.L.max], label: "层数 L", ticks: [1, 8, 16, 24, 32, 40, 48, 56, 64] },
      y: {
        type: "log",
        domain: [1, n * 1.6],
        label: "感受野（位置数，对数轴）",
        ticks: yTicks,
        tickFormat: (t: number) => (t >= 10000 ? `${t / 1000}k` : String(t)),
        grid: true,
      },
      marks: [
        ruleY([n], { stroke: "currentColor", strokeDasharray: "5,3", strokeOpacity: 0.7 }),
        text([n], {
          y: (d: number) => d,
          text: () => `n = ${n}`,
          frameAnchor: "right",
          dy: -9,
          textAnchor: "end",
          fill: "currentColor",
          stroke: "var(--plot-background)",
          strokeWidth: 3,
        }),
        ruleX([L], { stroke: "currentColor", strokeOpacity: 0.5, className: "rf-depth" }),
        line(points, { x: "L", y: "rf", z: "s", stroke: color, strokeWidth: 2.2, className: "rf-line" }),
        dot(current, { x: "L", y: "rf", fill: color, r: 4.5, stroke: "var(--plot-background)", className: "rf-now" }),
      ],
    },
    layers: {
      ...FIGURE,
      width: WIDTH,
      height: 150,
      marginLeft: 92,
      marginRight: 44,
      marginTop: 6,
      marginBottom: 34,
      ariaLabel: `覆盖 n = ${n} 个位置需要的层数（对数横轴）`,
      ariaDescription: needed.map((d) => `${d.label} ${d.layers} 层`).join("，"),
      x: {
        type: "log",
        domain: [0.8, Math.max(100, maxLayers * 1.5)],
        label: "需要的层数（对数轴）",
        grid: true,
        ticks: [1, 10, 100, 1000, 10000, 100000].filter((t) => t <= Math.max(100, maxLayers * 1.5)),
        tickFormat: (t: number) => (t >= 10000 ? `${t / 1000}k` : String(t)),
      },
      y: { domain: STRUCTURES, tickFormat: (s: Structure) => SHORT_NAMES[s], tickSize: 0, label: null, padding: 0.2 },
      marks: [
        barX(needed, {
          x1: 0.8,
          x2: "layers",
          y: "s",
          fill: color,
          fillOpacity: (d: { layers: number }) => (d.layers <= L ? 0.85 : 0.35),
          className: "rf-bar",
        }),
        text(needed, {
          x: "layers",
          y: "s",
          text: (d: { layers: number }) => String(d.layers),
          dx: 6,
          textAnchor: "start",
          fill: "currentColor",
          fontWeight: 700,
          className: "rf-layers",
        }),
        ruleX([L], { stroke: "currentColor", strokeDasharray: "4,3", strokeOpacity: 0.7 }),
      ],
    },
  };
}
