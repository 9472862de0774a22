/** Chinchilla iso-FLOP explorer: model output → Observable Plot options (build time and browser). */
import { dot, line, type PlotOptions, ruleX, text } from "@observablehq/plot";
import { decadeLabel } from "../../ui/demo/log-axis";
import { scientific } from "../../ui/demo/superscript";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { C_RANGE, type ChinState, count, FIT_NAMES, FITS, isoLoss, logGrid, N_RANGE, optimum, summary } from "./model";

export const CURVE_COLORS = {
  budget: COLORS.primary,
  neighbour: COLORS.muted,
  probe: COLORS.secondary,
  N: COLORS.primary,
  D: COLORS.tertiary,
} as const;

/** Points per curve: enough for a smooth log-log line, few enough to keep the first frame small. */
const POINTS = 32;
const halo = { stroke: "var(--bg, white)", strokeWidth: 3, paintOrder: "stroke" } as const;
const N_TICKS = [1e8, 1e9, 1e10, 1e11, 1e12, 1e13];
const C_TICKS = [1e19, 1e21, 1e23, 1e25];

/** Loss to 3 decimals on the axis: the valley is shallow, so two would hide it. */
const lossTick = (v: number) => v.toFixed(2);

export function figures(state: ChinState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const narrow = WIDTH < 420;
  const m = summary(state);
  const fit = FITS[state.fit];
  const budgets = [
    { k: "÷10", C: state.C / 10 },
    { k: "×10", C: state.C * 10 },
  ];
  const Ns = logGrid(N_RANGE[0], N_RANGE[1], POINTS);
  const round = (v: number) => Number(v.toPrecision(5));
  const lo = optimum(fit, state.C * 10).L;
  const hi = optimum(fit, state.C / 10).L;
  const span = hi - lo;
  // Room above the valleys, stretched (within reason) so the probe stays on the chart.
  const yMax = Math.max(hi + 0.6 * span, Math.min(m.probe.L + 0.1 * span, hi + 3 * span));
  // Room below the lowest valley for its label.
  const yDomain: [number, number] = [lo - 0.3 * span, yMax];
  // Points far above the chart are clipped anyway: keep only the visible run plus one point beyond
  // each end, so the line still leaves the frame at the right angle.
  const curve = (C: number) => {
    const pts = Ns.map((N) => ({ N: round(N), L: round(isoLoss(fit, C, N)) }));
    const inside = pts.map((p) => p.L <= yDomain[1]);
    const first = Math.max(0, inside.indexOf(true) - 1);
    const last = Math.min(pts.length - 1, inside.lastIndexOf(true) + 1);
    return inside.includes(true) ? pts.slice(first, last + 1) : [];
  };
  const neighbourMinima = budgets.map((b) => ({ ...optimum(fit, b.C), k: `C${b.k}` }));

  // Both frontiers are power laws of C, straight on log-log axes: their ends are all a line needs.
  const other = state.fit === "rounded" ? FITS.refit : FITS.rounded;
  const frontierOf = (f: typeof fit, set: string) =>
    [...C_RANGE].flatMap((C) => {
      const o = optimum(f, C);
      return [
        { k: `${set}N`, C, v: round(o.N) },
        { k: `${set}D`, C, v: round(o.D) },
      ];
    });
  const frontier = [...frontierOf(fit, ""), ...frontierOf(other, "other")];
  const now = [
    { k: "N", C: state.C, v: m.opt.N, label: `N_opt ${count(m.opt.N)}` },
    { k: "D", C: state.C, v: m.opt.D, label: `D_opt ${count(m.opt.D)}` },
  ];
  // Keep the optimum's label inside the frame when the valley sits near either end of the N axis.
  const optAt = Math.log(m.opt.N / N_RANGE[0]) / Math.log(N_RANGE[1] / N_RANGE[0]);
  const optAnchor = optAt < 0.15 ? "start" : optAt > 0.85 ? "end" : "middle";
  const leftSide = Math.log(state.C / C_RANGE[0]) / Math.log(C_RANGE[1] / C_RANGE[0]) > 0.6;

  return {
    isoflop: {
      ...FIGURE,
      width: WIDTH,
      height: 260,
      marginLeft: 44,
      marginRight: 14,
      marginTop: 24,
      marginBottom: 36,
      clip: true,
      ariaLabel: `iso-FLOP 曲线：C = ${scientific(state.C)} 时预测 loss 随模型规模 N 的变化（${FIT_NAMES[state.fit]}）`,
      ariaDescription:
        `最低点 N_opt ≈ ${count(m.opt.N)}，loss ${m.opt.L.toFixed(4)}；` +
        `查看的 N = ${count(m.probe.N)} 处 loss ${m.probe.L.toFixed(4)}；灰线是 C÷10 与 C×10 的曲线`,
      x: {
        type: "log",
        domain: [...N_RANGE],
        ticks: narrow ? [1e8, 1e10, 1e12] : N_TICKS,
        tickFormat: count,
        label: "参数量 N（D = C/6N）",
      },
      y: { domain: yDomain, label: "预测 loss（nats/token）", grid: true, ticks: 4, tickFormat: lossTick },
      marks: [
        ruleX([state.N], { stroke: CURVE_COLORS.probe, strokeDasharray: "4,3", strokeOpacity: 0.8 }),
        ...budgets.map((b) =>
          line(curve(b.C), {
            x: "N",
            y: "L",
            stroke: CURVE_COLORS.neighbour,
            strokeWidth: 1.3,
            strokeOpacity: 0.7,
            className: "chin-neighbour",
          }),
        ),
        line(curve(state.C), {
          x: "N",
          y: "L",
          stroke: CURVE_COLORS.budget,
          strokeWidth: 2.5,
          className: "chin-curve",
        }),
        text(neighbourMinima, { x: "N", y: "L", text: "k", dy: 12, fill: "currentColor", fontSize: 11, ...halo }),
        dot([m.twenty], { x: "N", y: "L", r: 4, stroke: CURVE_COLORS.budget, fill: "none", className: "chin-twenty" }),
        dot([m.opt], { x: "N", y: "L", r: 5, fill: CURVE_COLORS.budget, className: "chin-opt" }),
        dot([m.probe], {
          x: "N",
          y: "L",
          r: 4.5,
          fill: CURVE_COLORS.probe,
          stroke: "var(--bg, white)",
          className: "chin-probe",
        }),
        text([{ ...m.opt, label: `最优 ${count(m.opt.N)}` }], {
          x: "N",
          y: "L",
          text: "label",
          dy: -12,
          dx: optAnchor === "start" ? -6 : optAnchor === "end" ? 6 : 0,
          textAnchor: optAnchor,
          fill: CURVE_COLORS.budget,
          fontWeight: 600,
          className: "chin-opt-label",
          ...halo,
        }),
      ],
    },
    frontier: {
      ...FIGURE,
      width: WIDTH,
      height: 220,
      marginLeft: 44,
      marginRight: 14,
      marginTop: 26,
      marginBottom: 36,
      ariaLabel: `算力最优的 N_opt 与 D_opt 随训练算力 C 的变化（${FIT_NAMES[state.fit]}）`,
      ariaDescription: `C = ${scientific(state.C)} 时 N_opt ≈ ${count(m.opt.N)}，D_opt ≈ ${count(m.opt.D)}，D/N ≈ ${Number(m.ratio.toPrecision(3))}`,
      x: {
        type: "log",
        domain: [...C_RANGE],
        ticks: C_TICKS,
        tickFormat: decadeLabel,
        label: "训练算力 C（FLOPs）",
      },
      y: {
        type: "log",
        domain: [1e8, 1e14],
        ticks: [1e8, 1e10, 1e12],
        tickFormat: count,
        label: "参数 / token",
        grid: true,
      },
      marks: [
        ruleX([state.C], { strokeDasharray: "4,3", strokeOpacity: 0.6 }),
        ...(["otherN", "otherD"] as const).map((k) =>
          line(
            frontier.filter((d) => d.k === k),
            {
              x: "C",
              y: "v",
              stroke: CURVE_COLORS.neighbour,
              strokeWidth: 1.3,
              strokeDasharray: "5,3",
              className: "chin-other",
            },
          ),
        ),
        line(
          frontier.filter((d) => d.k === "N"),
          { x: "C", y: "v", stroke: CURVE_COLORS.N, strokeWidth: 2.2, className: "chin-nopt" },
        ),
        line(
          frontier.filter((d) => d.k === "D"),
          { x: "C", y: "v", stroke: CURVE_COLORS.D, strokeWidth: 2.2, className: "chin-dopt" },
        ),
        dot(now, {
          x: "C",
          y: "v",
          r: 4.5,
          fill: (d) => CURVE_COLORS[d.k as "N" | "D"],
          stroke: "var(--bg, white)",
          className: "chin-now",
        }),
        ...(["N", "D"] as const).map((k) =>
          text(
            now.filter((d) => d.k === k),
            {
              x: "C",
              y: "v",
              text: "label",
              dx: leftSide ? -8 : 8,
              dy: k === "D" ? -9 : 9,
              textAnchor: leftSide ? "end" : "start",
              fill: "currentColor",
              className: `chin-now-${k}`,
              ...halo,
            },
          ),
        ),
      ],
    },
  };
}
