/** Table 1 as curves: model output → Observable Plot options (used at build time and in the browser). */
import { dot, line, type PlotOptions, ruleX, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { type ComplexityState, cost, crossover, LAYERS, type Layer, layerLabel, NS, pathLength, wan } from "./model";

export const LAYER_COLORS: Readonly<Record<Layer, string>> = {
  attn: COLORS.primary,
  rnn: COLORS.secondary,
  conv: COLORS.tertiary,
  local: COLORS.danger,
};

/** Powers of ten as axis ticks: 1e7 → "10⁷". */
const SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const pow10 = (v: number) => {
  const e = Math.round(Math.log10(v));
  return Math.abs(Math.log10(v) - e) < 1e-9 ? `10${[...String(e)].map((c) => SUP[Number(c)]).join("")}` : "";
};
/** The powers of ten inside [lo, hi] (explicit, so a log axis draws no unlabelled minor ticks). */
const decades = (lo: number, hi: number) =>
  Array.from(
    { length: Math.floor(Math.log10(hi)) - Math.ceil(Math.log10(lo)) + 1 },
    (_, i) => 10 ** (Math.ceil(Math.log10(lo)) + i),
  );
const N_TICKS = [16, 128, 1024, 8192];
/** 16 · 2^(i/4): four points per doubling. */
const FINE_NS = Array.from({ length: 37 }, (_, i) => Math.round(16 * 2 ** (i / 4)));

export function figures(state: ComplexityState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const { n } = state;
  const ns = [...new Set([...NS, n])].sort((a, b) => a - b);
  const xAxis = {
    type: "log",
    base: 2, // (base 10 drops the labels of 64 and 4096)
    domain: [16, 8192],
    ticks: N_TICKS,
    tickFormat: String,
    label: "序列长度 n",
    labelAnchor: "center",
  } as const;
  const costRows = LAYERS.flatMap((layer) => ns.map((x) => ({ layer, n: x, y: cost(layer, x, state) })));
  const costNow = LAYERS.map((layer) => ({ layer, n, y: cost(layer, n, state) }));
  const cross = crossover(state);
  const costValues = costRows.map((r) => r.y);

  const pathLayers = ["attn", "rnn", "conv", "convPlain", "local"] as const;
  // Path lengths are step functions (⌈·⌉): sample them finely, including every k^j where a step sits.
  const kPowers = Array.from({ length: 15 }, (_, j) => state.k ** (j + 1)).filter((x) => x >= 16 && x <= 8192);
  const fine = [...new Set([...FINE_NS, ...kPowers, ...kPowers.map((x) => x + 1), n])].sort((a, b) => a - b);
  const pathRows = pathLayers.flatMap((layer) => fine.map((x) => ({ layer, n: x, y: pathLength(layer, x, state) })));
  const pathNow = pathLayers.map((layer) => ({ layer, n, y: pathLength(layer, n, state) }));
  const pathColor = (l: (typeof pathLayers)[number]) => (l === "convPlain" ? COLORS.tertiary : LAYER_COLORS[l]);

  const seqRows = ["rnn", "attn"].flatMap((layer) => ns.map((x) => ({ layer, n: x, y: layer === "rnn" ? x : 1 })));
  const labelOf = (l: Layer) => layerLabel(l, state);

  return {
    cost: {
      ...FIGURE,
      width: WIDTH,
      height: 250,
      marginLeft: 48,
      marginRight: 14,
      marginBottom: 36,
      ariaLabel: `每层计算量随序列长度 n 变化（双对数轴，d = ${state.d}）`,
      ariaDescription:
        `n = ${n} 时：` +
        costNow.map((r) => `${labelOf(r.layer)} ${wan(r.y)}`).join("，") +
        `；自注意力与循环层在 n = ${cross} 处相交`,
      x: xAxis,
      y: {
        type: "log",
        label: state.count === "lead" ? "每层计算量（主导项）" : "每层乘加次数",
        grid: true,
        domain: [Math.min(...costValues), Math.max(...costValues)],
        ticks: decades(Math.min(...costValues), Math.max(...costValues)),
        tickFormat: pow10,
      },
      marks: [
        ruleX([cross], { stroke: COLORS.muted, strokeDasharray: "2,3" }),
        text([cross], {
          x: (v: number) => v,
          frameAnchor: "top",
          text: () => (state.count === "lead" ? "n = d" : "n = 2d"),
          dy: 4,
          dx: 4,
          textAnchor: "start",
          fill: "currentColor",
        }),
        ruleX([n], { strokeDasharray: "4,3" }),
        line(costRows, { x: "n", y: "y", z: "layer", stroke: (d) => LAYER_COLORS[d.layer as Layer], strokeWidth: 2 }),
        dot(costNow, { x: "n", y: "y", r: 4, fill: (d) => LAYER_COLORS[d.layer as Layer], className: "cx-now" }),
      ],
    },
    seq: {
      ...FIGURE,
      width: WIDTH,
      height: 170,
      marginLeft: 48,
      marginRight: 14,
      marginBottom: 36,
      ariaLabel: "最少顺序操作数随序列长度 n 变化（双对数轴）",
      ariaDescription: `n = ${n} 时循环层要 ${n} 步顺序操作，自注意力、卷积、受限自注意力都是 1 步`,
      x: xAxis,
      y: { type: "log", label: "顺序操作数", grid: true, domain: [1, 8192], ticks: [1, 10, 100, 1000] },
      marks: [
        ruleX([n], { strokeDasharray: "4,3" }),
        line(seqRows, {
          x: "n",
          y: "y",
          z: "layer",
          stroke: (d) => (d.layer === "rnn" ? LAYER_COLORS.rnn : COLORS.primary),
          strokeWidth: 2,
        }),
        text([{ n: 16, y: 1 }], {
          x: "n",
          y: "y",
          text: () => "自注意力、卷积、受限自注意力：1",
          dy: -9,
          textAnchor: "start",
          fill: "currentColor",
        }),
        dot([{ n, y: n }], { x: "n", y: "y", r: 4, fill: LAYER_COLORS.rnn, className: "cx-now" }),
      ],
    },
    path: {
      ...FIGURE,
      width: WIDTH,
      height: 230,
      marginLeft: 48,
      marginRight: 14,
      marginBottom: 36,
      ariaLabel: "任意两位置之间的最大路径长度随序列长度 n 变化（双对数轴）",
      ariaDescription:
        `n = ${n} 时：自注意力 1，循环层 ${n}，膨胀卷积 ${pathLength("conv", n, state)}，` +
        `连续卷积 ${pathLength("convPlain", n, state)}，受限自注意力 ${pathLength("local", n, state)}`,
      x: xAxis,
      y: { type: "log", label: "最大路径长度", grid: true, domain: [1, 8192], ticks: [1, 10, 100, 1000] },
      marks: [
        ruleX([n], { strokeDasharray: "4,3" }),
        // Only the dilated convolution's ⌈log_k n⌉ has steps worth drawing; the others grow ~linearly.
        line(
          pathRows.filter((d) => d.layer !== "convPlain" && d.layer !== "conv"),
          { x: "n", y: "y", z: "layer", stroke: (d) => pathColor(d.layer), strokeWidth: 2 },
        ),
        line(
          pathRows.filter((d) => d.layer === "conv"),
          { x: "n", y: "y", stroke: COLORS.tertiary, strokeWidth: 2, curve: "step-after" },
        ),
        line(
          pathRows.filter((d) => d.layer === "convPlain"),
          { x: "n", y: "y", stroke: COLORS.tertiary, strokeWidth: 2, strokeDasharray: "5,3" },
        ),
        dot(pathNow, { x: "n", y: "y", r: 4, fill: (d) => pathColor(d.layer), className: "cx-now" }),
      ],
    },
  };
}
