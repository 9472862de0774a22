/** Attention FLOPs: model output → Observable Plot options (used at build time and in the browser). */
import { barX, dot, line, type PlotOptions, ruleX, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import {
  crossover,
  crossoverMultiple,
  type FlopsState,
  flopsText,
  isQuadratic,
  linearFlops,
  MARKS,
  N_MAX,
  N_MIN,
  PARTS,
  type Part,
  parts,
  pct,
  quadFlops,
  quadShare,
} from "./model";

export const LINEAR = COLORS.primary;
export const QUAD = COLORS.secondary;

/** Powers of ten as axis ticks: 1e12 → "10¹²". */
const SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const pow10 = (v: number) => `10${[...String(Math.round(Math.log10(v)))].map((c) => SUP[Number(c)]).join("")}`;
const decades = (lo: number, hi: number) =>
  Array.from(
    { length: Math.floor(Math.log10(hi)) - Math.ceil(Math.log10(lo)) + 1 },
    (_, i) => 10 ** (Math.ceil(Math.log10(lo)) + i),
  );
/** n axis ticks: 128, 1K, 8K, 64K, 512K. */
const N_TICKS = [128, 1024, 8192, 65536, 524288];
const nTick = (v: number) => (v >= 1024 ? `${v / 1024}K` : String(v));
/** Two points per doubling across the slider's range: the share curves are smooth on a log axis. */
const SHARE_NS = Array.from({ length: 13 * 2 + 1 }, (_, i) => N_MIN * 2 ** (i / 2));

function formula(p: Part, causal: boolean): string {
  switch (p) {
    case "qkv":
      return "Q/K/V 6nd²";
    case "out":
      return "W_O 2nd²";
    case "ffn":
      return "FFN 16nd²";
    case "qk":
      return causal ? "QKᵀ n²d" : "QKᵀ 2n²d";
    case "pv":
      return causal ? "PV n²d" : "PV 2n²d";
  }
}

export function figures(state: FlopsState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const { n, d, mask } = state;
  const causal = mask === "causal";
  const k = crossoverMultiple(mask);
  const cross = crossover(d, mask);
  const xAxis = {
    type: "log",
    base: 2,
    domain: [N_MIN, N_MAX],
    ticks: N_TICKS,
    tickFormat: nTick,
    label: "序列长度 n",
    labelAnchor: "center",
  } as const;

  // Both terms are power laws: straight lines on log–log axes, so their two ends draw them exactly.
  const terms = [
    { term: "linear", n: N_MIN, y: linearFlops(N_MIN, d) },
    { term: "linear", n: N_MAX, y: linearFlops(N_MAX, d) },
    { term: "quad", n: N_MIN, y: quadFlops(N_MIN, d, mask) },
    { term: "quad", n: N_MAX, y: quadFlops(N_MAX, d, mask) },
  ];
  const now = [
    { term: "linear", n, y: linearFlops(n, d) },
    { term: "quad", n, y: quadFlops(n, d, mask) },
  ];
  const ys = terms.map((t) => t.y);
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);

  const curves = (["full", "causal"] as const).flatMap((m) =>
    SHARE_NS.map((x) => ({ mask: m, n: x, y: 100 * quadShare(x, d, m) })),
  );
  const multiples = [...new Set([...MARKS, k])].sort((a, b) => a - b);
  const marks = multiples
    .map((m) => ({ m, n: m * d, y: 100 * quadShare(m * d, d, mask) }))
    .filter((r) => r.n >= N_MIN && r.n <= N_MAX);
  const shareNow = 100 * quadShare(n, d, mask);

  const split = parts(n, d, mask);
  const total = PARTS.reduce((s, p) => s + split[p], 0);
  const rows = PARTS.map((p) => ({ part: p, label: formula(p, causal), share: (100 * split[p]) / total }));

  return {
    cost: {
      ...FIGURE,
      width: WIDTH,
      height: 250,
      marginLeft: 44,
      marginRight: 14,
      marginBottom: 36,
      ariaLabel: `一层前向 FLOPs 随序列长度 n 变化（双对数轴，d = ${d}）：线性项 24nd² 与 n² 项`,
      ariaDescription:
        `n = ${n} 时线性项 ${flopsText(now[0].y)}，n² 项 ${flopsText(now[1].y)}；` +
        `两条线在 n = ${k}d = ${cross} 处相交，之后 n² 项占主导`,
      x: xAxis,
      y: {
        type: "log",
        label: "一层前向 FLOPs",
        grid: true,
        domain: [lo, hi],
        ticks: decades(lo, hi).filter((_, i, all) => all.length <= 8 || i % 2 === 0),
        tickFormat: pow10,
      },
      marks: [
        ruleX([cross], { stroke: COLORS.muted, strokeDasharray: "2,3" }),
        text([cross], {
          x: (v: number) => v,
          // Bottom right of the crossover: both lines are high there.
          frameAnchor: "bottom",
          text: () => `n = ${k}d`,
          dy: -4,
          dx: 4,
          textAnchor: "start",
          fill: "currentColor",
        }),
        ruleX([n], { strokeDasharray: "4,3" }),
        line(terms, {
          x: "n",
          y: "y",
          z: "term",
          stroke: (t) => (t.term === "quad" ? QUAD : LINEAR),
          strokeWidth: 2.5,
        }),
        dot(now, {
          x: "n",
          y: "y",
          r: 4.5,
          fill: (t) => (t.term === "quad" ? QUAD : LINEAR),
          stroke: "var(--bg, white)",
          className: "af-now",
        }),
      ],
    },
    share: {
      ...FIGURE,
      width: WIDTH,
      height: 210,
      marginLeft: 44,
      marginRight: 14,
      marginBottom: 36,
      ariaLabel: `n² 项占整层 FLOPs 的比例随 n 变化（d = ${d}），粗线是${causal ? "因果跳过后" : "不跳过时"}`,
      ariaDescription:
        `n/(n + ${k}d)：` +
        marks.map((r) => `n = ${r.m === 1 ? "" : r.m}d 时 ${r.y.toFixed(0)}%`).join("，") +
        `；当前 n = ${n} 时 ${shareNow.toFixed(1)}%`,
      x: xAxis,
      y: { label: "n² 项占比（%）", domain: [0, 100], ticks: [0, 25, 50, 75, 100], grid: true },
      marks: [
        ruleY([50], { stroke: COLORS.muted, strokeDasharray: "2,3" }),
        ruleX([n], { strokeDasharray: "4,3" }),
        line(curves, {
          x: "n",
          y: "y",
          z: "mask",
          curve: "monotone-x",
          stroke: (c) => (c.mask === mask ? QUAD : COLORS.muted),
          strokeWidth: (c) => (c.mask === mask ? 2.5 : 1.2),
        }),
        dot(marks, { x: "n", y: "y", r: 3, fill: "currentColor" }),
        // Causal, 12d sits next to 16d: its label goes below right of the curve, the others above left.
        ...[false, true].map((right) =>
          text(
            marks.filter((r) => (r.m === k && causal) === right),
            {
              x: "n",
              y: "y",
              text: (r) => `${r.m === 1 ? "" : r.m}d ${r.y.toFixed(0)}%`,
              textAnchor: right ? "start" : "end",
              dx: right ? 6 : -5,
              dy: right ? 9 : -8,
              fill: "currentColor",
              fontSize: 10.5,
            },
          ),
        ),
        dot([{ n, y: shareNow }], {
          x: "n",
          y: "y",
          r: 5,
          fill: QUAD,
          stroke: "var(--bg, white)",
          className: "af-now",
        }),
      ],
    },
    split: {
      ...FIGURE,
      width: WIDTH,
      height: 44 + rows.length * 24,
      marginTop: 8,
      marginBottom: 36,
      marginLeft: 82,
      marginRight: 12,
      ariaLabel: `n = ${n}、d = ${d} 时一层 FLOPs 的组成`,
      ariaDescription: rows.map((r) => `${r.label} ${r.share.toFixed(1)}%`).join("，"),
      x: { domain: [0, 80], ticks: [0, 20, 40, 60], label: "占整层 FLOPs（%）", grid: true },
      y: { domain: rows.map((r) => r.label), label: null },
      marks: [
        barX(rows, {
          y: "label",
          x: "share",
          fill: (r) => (isQuadratic(r.part) ? QUAD : LINEAR),
          className: "af-bar",
        }),
        text(rows, {
          y: "label",
          x: "share",
          text: (r) => pct(r.share / 100),
          dx: 4,
          textAnchor: "start",
          fill: "currentColor",
        }),
        ruleX([0]),
      ],
    },
  };
}
