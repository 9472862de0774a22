/** Per-head dimension cost: model output → Observable Plot options (build time and browser). */
import { barY, dot, line, type PlotOptions, ruleX, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { bytes, byteTicks, fullCost, HEADS, type HeadCostState, kvHeads, kvPerToken, reducedCost, si } from "./model";

/** The two ways to size heads, with their line colours (also used by the legend in the .astro file). */
export const SCHEMES = [
  { label: "降维：每头 d_k = d_model/h", color: COLORS.primary },
  { label: "不降维：每头都是 d_model 维", color: COLORS.secondary },
] as const;
const SCHEME_COLORS = [SCHEMES[0].color, SCHEMES[1].color] as const;
const LABEL = { stroke: "var(--plot-background)", strokeWidth: 3 } as const;

interface Point {
  scheme: 0 | 1;
  h: number;
  y: number;
}

/** A log-log line per scheme over h, the current h marked; `value` picks params or FLOPs. */
function curveFigure(
  state: HeadCostState,
  width: number,
  value: (cost: ReturnType<typeof reducedCost>) => number,
  options: { label: string; name: string; className: string },
): PlotOptions {
  const points: Point[] = HEADS.flatMap((h) => [
    { scheme: 0 as const, h, y: value(reducedCost(state.dModel, h, state.n)) },
    { scheme: 1 as const, h, y: value(fullCost(state.dModel, h, state.n)) },
  ]);
  const current = points.filter((p) => p.h === state.h);
  const base = points[0].y;
  return {
    ...FIGURE,
    width,
    height: 200,
    marginLeft: 56,
    marginRight: 16,
    marginTop: 24,
    marginBottom: 36,
    ariaLabel: `${options.name}随头数 h 的变化：降维与不降维两种做法（对数坐标）`,
    ariaDescription:
      `h = ${state.h} 时降维 ${si(current[0].y)}，不降维 ${si(current[1].y)}；` +
      "降维时与 h 无关，不降维时与 h 成正比。",
    x: { type: "log", base: 2, domain: [1, 64], ticks: [...HEADS], tickFormat: "d", label: "头数 h" },
    // Base 2 and a format string: Plot keeps a log scale's own tick filter, which would hide 8× and 64×.
    y: {
      type: "log",
      base: 2,
      domain: [base / 1.6, base * 64 * 1.6],
      label: options.label,
      grid: true,
      ticks: [base, base * 8, base * 64],
      tickFormat: ".3~s",
    },
    marks: [
      ruleX([state.h], { strokeDasharray: "4,3", strokeOpacity: 0.7 }),
      line(points, { x: "h", y: "y", z: "scheme", stroke: (d: Point) => SCHEME_COLORS[d.scheme], strokeWidth: 2 }),
      dot(points, { x: "h", y: "y", r: 2.5, fill: (d: Point) => SCHEME_COLORS[d.scheme] }),
      dot(current, {
        x: "h",
        y: "y",
        r: 6,
        fill: (d: Point) => SCHEME_COLORS[d.scheme],
        stroke: "var(--plot-background)",
        strokeWidth: 1.5,
        className: options.className,
      }),
      // Reduced: below its flat line. Full: above-left, clear of its rising line (at h = 1 they coincide).
      text([current[0]], {
        x: "h",
        y: "y",
        text: (d: Point) => (state.h === 1 ? `两者都是 ${si(d.y)}` : si(d.y)),
        dy: 15,
        dx: state.h >= 16 ? -4 : 4,
        textAnchor: state.h >= 16 ? "end" : "start",
        fill: SCHEME_COLORS[0],
        fontWeight: 700,
        ...LABEL,
      }),
      text(state.h === 1 ? [] : [current[1]], {
        x: "h",
        y: "y",
        text: (d: Point) => si(d.y),
        dx: -9,
        dy: -6,
        textAnchor: "end",
        fill: SCHEME_COLORS[1],
        fontWeight: 700,
        ...LABEL,
      }),
    ],
  };
}

export function figures(state: HeadCostState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const params = curveFigure(state, WIDTH, (c) => c.params, {
    label: "参数量（一层）",
    name: "参数量",
    className: "hc-params-now",
  });
  const flops = curveFigure(state, WIDTH, (c) => c.flops, {
    label: "FLOPs（一层、一条序列）",
    name: "FLOPs",
    className: "hc-flops-now",
  });

  const g = kvHeads(state);
  const groups = HEADS.filter((k) => k <= state.h);
  const bars = groups.map((k) => {
    const per = kvPerToken(state.dModel, state.h, k);
    return {
      g: k,
      bytes: per.bytes * state.n * state.layers,
      current: k === g,
      tag: k === state.h ? "MHA" : k === 1 ? "MQA" : "GQA",
    };
  });
  const kv: PlotOptions = {
    ...FIGURE,
    width: WIDTH,
    height: 200,
    marginLeft: 56,
    marginRight: 12,
    marginTop: 30,
    marginBottom: 36,
    ariaLabel: `KV cache 随 KV 头数 g 的变化（h = ${state.h}，n = ${state.n}，${state.layers} 层，fp16）`,
    ariaDescription: `g = ${g} 时 ${bytes(bars.find((b) => b.current)?.bytes ?? 0)}；标准多头（g = ${state.h}）时 ${bytes(bars[bars.length - 1].bytes)}。`,
    x: { domain: groups, label: "KV 头数 g", padding: 0.25 },
    y: {
      label: "KV cache（fp16）",
      grid: true,
      ticks: byteTicks(Math.max(...bars.map((b) => b.bytes))),
      tickFormat: (b: number) => bytes(b),
    },
    marks: [
      barY(bars, {
        x: "g",
        y: "bytes",
        fill: (d) => (d.current ? COLORS.secondary : COLORS.primary),
        fillOpacity: (d) => (d.current ? 1 : 0.45),
        className: "hc-kv",
      }),
      text(bars, {
        x: "g",
        y: "bytes",
        text: (d) => (d.current || d.g === state.h || d.g === 1 ? `${d.tag} ${bytes(d.bytes)}` : ""),
        dy: -8,
        lineAnchor: "bottom",
        fill: "currentColor",
        fontSize: 11,
      }),
    ],
  };
  return { params, flops, kv };
}
