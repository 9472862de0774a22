/** FFN calculator: model output → Observable Plot options (used at build time and in the browser). */
import { barX, dot, line, type PlotOptions, ruleX, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import {
  ACTIVATION_LABELS,
  ACTIVATIONS,
  type Activation,
  activation,
  activationOf,
  type FfnState,
  llamaHidden,
  params,
  slope,
  table,
  type Variant,
  XS,
} from "./model";

export const ACT_COLORS: Readonly<Record<Activation, string>> = {
  relu: COLORS.secondary,
  gelu: COLORS.tertiary,
  silu: COLORS.primary,
};
const SHORT: Readonly<Record<Variant, string>> = {
  relu: "ReLU 4d",
  gelu: "GELU 4d",
  swigluPalm: "SwiGLU 4d",
  swiglu: "SwiGLU ⅔·4d",
};
const M = (x: number) => (x >= 1e9 ? `${(x / 1e9).toFixed(2)}B` : `${(x / 1e6).toFixed(x >= 1e8 ? 1 : 2)}M`);
const G = (x: number) => `${(x / 1e9).toPrecision(3)} GFLOPs`;

/** Curves depend only on which function: compute them once. */
const CURVES: Readonly<Record<"value" | "slope", { a: Activation; x: number; y: number }[]>> = {
  value: ACTIVATIONS.flatMap((a) => XS.map((x) => ({ a, x, y: activation(a, x) }))),
  slope: ACTIVATIONS.flatMap((a) => XS.map((x) => ({ a, x, y: slope(a, x) }))),
};

export function figures(state: FfnState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const rows = table(state).map((r) => ({
    ...r,
    label: SHORT[r.variant],
    sel: r.variant === state.variant,
    text: `${M(r.params)} · ${G(r.flops)}`,
  }));

  const ds = params.d.options;
  const multiples = params.multiple.options;
  const rounding = multiples.flatMap((multiple) =>
    ds.map((d) => ({ d, multiple, y: ((3 * d * llamaHidden(d, multiple)) / (8 * d * d) - 1) * 100 })),
  );
  const roundNow = rounding.filter((r) => r.multiple === state.multiple && r.d === state.d);
  const roundY = rounding.map((r) => r.y);
  // Multiples that give the same width at d = 512 share one label ("×64、×128").
  const at512 = rounding.filter((r) => r.d === 512);
  const roundLabels = [...new Set(at512.map((r) => r.y))].map((y) => ({
    d: 512,
    y,
    text: at512
      .filter((r) => r.y === y)
      .map((r) => `×${r.multiple}`)
      .join("、"),
  }));

  const kind = state.curve === "slope" ? "slope" : "value";
  const act = activationOf(state.variant);
  const f = kind === "slope" ? slope : activation;
  const probe = ACTIVATIONS.map((a) => ({ a, x: state.x, y: f(a, state.x) }));

  return {
    sizes: {
      ...FIGURE,
      width: WIDTH,
      height: 30 + rows.length * 30,
      marginLeft: 96,
      marginRight: 12,
      ariaLabel: `d = ${state.d} 时四种 FFN 的参数量`,
      ariaDescription: rows.map((r) => `${r.label}：${r.text}，隐藏维度 ${r.hidden}`).join("；"),
      x: {
        label: null,
        grid: true,
        ticks: 3,
        tickFormat: (v: number) => `${Number((v / 1e6).toPrecision(3))}M`,
        domain: [0, Math.max(...rows.map((r) => r.params)) * 1.02],
      },
      y: { domain: rows.map((r) => r.label), label: null },
      marks: [
        barX(rows, {
          y: "label",
          x: "params",
          fill: (r) => (r.sel ? COLORS.secondary : COLORS.primary),
          fillOpacity: (r) => (r.sel ? 1 : 0.7),
          className: "ffn-bar",
        }),
        text(rows, {
          y: "label",
          x: 0,
          text: "text",
          dx: 6,
          textAnchor: "start",
          fill: "white",
          stroke: "black",
          strokeOpacity: 0.35,
          strokeWidth: 2.5,
          paintOrder: "stroke",
        }),
        ruleX([0]),
      ],
    },
    rounding: {
      ...FIGURE,
      width: WIDTH,
      height: 190,
      marginLeft: 44,
      marginRight: 14,
      marginBottom: 36,
      ariaLabel: "SwiGLU（⅔·4d 取整）比 ReLU 4d 多出的参数比例随 d_model 变化，按取整倍数分线",
      ariaDescription:
        `取整到 ${state.multiple} 的倍数、d = ${state.d} 时多 ${roundNow[0].y.toFixed(2)}%；` +
        multiples
          .map((m) => `倍数 ${m}：d = 512 时 ${rounding.find((r) => r.multiple === m && r.d === 512)?.y.toFixed(2)}%`)
          .join("，"),
      x: {
        type: "log",
        base: 2,
        domain: [512, 8192],
        ticks: [512, 1024, 2048, 4096, 8192],
        tickFormat: String,
        label: "d_model",
      },
      y: {
        label: "比 ReLU 4d 多的参数（%）",
        grid: true,
        domain: [Math.min(0, ...roundY) - 0.2, Math.max(...roundY) + 0.5],
      },
      marks: [
        ruleY([0]),
        line(rounding, {
          x: "d",
          y: "y",
          z: "multiple",
          stroke: (r) => (r.multiple === state.multiple ? COLORS.secondary : COLORS.muted),
          strokeWidth: (r) => (r.multiple === state.multiple ? 2.5 : 1.2),
        }),
        text(roundLabels, {
          x: "d",
          y: "y",
          text: "text",
          dx: 4,
          dy: -6,
          textAnchor: "start",
          fill: "currentColor",
          fontSize: 10,
        }),
        dot(roundNow, { x: "d", y: "y", r: 4.5, fill: COLORS.secondary, className: "ffn-round-now" }),
      ],
    },
    acts: {
      ...FIGURE,
      width: WIDTH,
      height: 240,
      marginLeft: 40,
      marginRight: 12,
      marginBottom: 34,
      ariaLabel: `ReLU、GELU、SiLU 的${kind === "slope" ? "导数" : "函数值"}曲线，竖线是 x = ${state.x}`,
      ariaDescription: probe.map((p) => `${ACTIVATION_LABELS[p.a]} ${p.y.toFixed(3)}`).join("，"),
      x: { domain: [-4, 4], label: "x", labelAnchor: "center" },
      y: { label: kind === "slope" ? "f′(x)" : "f(x)", grid: true, domain: kind === "slope" ? [-0.2, 1.2] : [-0.5, 4] },
      marks: [
        ruleY([0]),
        ruleX([state.x], { strokeDasharray: "4,3" }),
        line(CURVES[kind], {
          x: "x",
          y: "y",
          z: "a",
          stroke: (p) => ACT_COLORS[p.a as Activation],
          strokeWidth: (p) => (p.a === act ? 3 : 1.5),
          className: "ffn-curve",
        }),
        dot(probe, {
          x: "x",
          y: "y",
          r: 4,
          fill: (p) => ACT_COLORS[p.a as Activation],
          stroke: "var(--bg, white)",
          className: "ffn-probe",
        }),
      ],
    },
  };
}
