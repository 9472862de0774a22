/** Post-LN vs Pre-LN: model output → Observable Plot options (used at build time and in the browser). */
import { dot, lineY, type PlotOptions, ruleX, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import {
  type Analysis,
  type Arrangement,
  analyse,
  type LnState,
  MAX_DEPTH,
  meanField,
  preRmsPrediction,
} from "./model";

export const LINE_COLORS = { post: COLORS.secondary, pre: COLORS.primary } as const;
const REF = COLORS.muted;

interface Point {
  x: number;
  y: number;
}

const series = (values: readonly number[], offset = 1): Point[] => values.map((y, i) => ({ x: i + offset, y }));

/** A log-scale domain shared by both gradient figures: fixed per width, widened only if the data leave it. */
function gradDomain(a: Analysis): [number, number] {
  const all = [...a.perLayer.post, ...a.perLayer.pre, ...a.topByDepth.post, ...a.topByDepth.pre];
  const lo = Math.min(meanField.pre(a.d, MAX_DEPTH) / 2, ...all.map((v) => v / 1.2));
  const hi = Math.max(a.d * 1.2, ...all.map((v) => v * 1.2));
  return [lo, hi];
}

const f1 = (x: number) => x.toFixed(1);

/** 1-2-5 ticks inside a log domain: Plot's default log ticks label too few of them here. */
function logTicks([lo, hi]: [number, number]): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) out.push(v);
    }
  }
  return out;
}

/** Integer ticks for a layer axis, fewer on a narrow figure. */
function layerTicks(from: number, to: number, width: number): number[] {
  const count = width < 420 ? 5 : 9;
  const step = Math.max(1, Math.ceil((to - from) / (count - 1)));
  const nice = [1, 2, 4, 5, 6, 8, 10, 12, 16, 20, 24].find((s) => s >= step) ?? step;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / nice) * nice; t <= to; t += nice) if (t >= from) ticks.push(t);
  if (!ticks.includes(from) && (ticks[0] ?? to) - from >= nice / 2) ticks.unshift(from);
  return ticks;
}

export function figures(state: LnState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const a = analyse(state);
  const { L, d } = state;
  const domain = gradDomain(a);
  const post = series(a.perLayer.post);
  const pre = series(a.perLayer.pre);
  const preRef = Array.from({ length: L }, (_, i) => ({ x: i + 1, y: meanField.pre(d, i + 1) }));
  const postRef = meanField.post(d);
  const tops = [
    { x: L, y: a.perLayer.post[L - 1], key: "post" as const },
    { x: L, y: a.perLayer.pre[L - 1], key: "pre" as const },
  ];
  const xLayers = {
    domain: [1, Math.max(L, 2)],
    label: "层号 k（1 = 最靠近输入，L = 最靠近输出）",
    ticks: layerTicks(1, Math.max(L, 2), WIDTH),
    labelOffset: 34,
  };
  const yTicks = logTicks(domain);

  const out: Record<string, PlotOptions> = {
    layers: {
      ...FIGURE,
      width: WIDTH,
      height: 250,
      marginLeft: 44,
      marginRight: 16,
      marginBottom: 42,
      ariaLabel: `初始化时 ${L} 层玩具模型里每层 W2 的梯度范数，Post-LN 与 Pre-LN 对比（对数纵轴）`,
      ariaDescription:
        `d = ${d}。最后一层：Post-LN ${f1(tops[0].y)}，Pre-LN ${f1(tops[1].y)}；` +
        `第 1 层：Post-LN ${f1(post[0].y)}，Pre-LN ${f1(pre[0].y)}。` +
        `虚线是均场估计：Post-LN 各层 d/√3 = ${f1(postRef)}，Pre-LN 第 k 层 d/√(k+2)。`,
      x: xLayers,
      y: { type: "log", domain, label: "‖∂ℓ/∂W2‖（对数轴）", grid: true, ticks: yTicks, tickFormat: String },
      marks: [
        ruleY([postRef], { stroke: LINE_COLORS.post, strokeDasharray: "5,4", strokeOpacity: 0.8 }),
        lineY(preRef, { x: "x", y: "y", stroke: LINE_COLORS.pre, strokeDasharray: "5,4", strokeOpacity: 0.8 }),
        lineY(post, { x: "x", y: "y", stroke: LINE_COLORS.post, strokeWidth: 2.2, className: "preln-post" }),
        lineY(pre, { x: "x", y: "y", stroke: LINE_COLORS.pre, strokeWidth: 2.2, className: "preln-pre" }),
        dot(tops, {
          x: "x",
          y: "y",
          r: 4.5,
          fill: (p: { key: Arrangement }) => LINE_COLORS[p.key],
          className: "preln-top",
        }),
      ],
    },
  };

  const depths = series(a.topByDepth.post);
  const depthsPre = series(a.topByDepth.pre);
  const preCurve = Array.from({ length: MAX_DEPTH }, (_, i) => ({ x: i + 1, y: meanField.pre(d, i + 1) }));
  const here = [
    { x: L, y: a.topByDepth.post[L - 1], key: "post" as const },
    { x: L, y: a.topByDepth.pre[L - 1], key: "pre" as const },
  ];
  out.depth = {
    ...FIGURE,
    width: WIDTH,
    height: 210,
    marginLeft: 44,
    marginRight: 16,
    marginBottom: 42,
    ariaLabel: `最后一层 W2 的梯度范数随层数 L（1 到 ${MAX_DEPTH}）的变化，Post-LN 与 Pre-LN 对比`,
    ariaDescription:
      `d = ${d}：Post-LN 在 ${f1(Math.min(...a.topByDepth.post))} 到 ${f1(Math.max(...a.topByDepth.post))} 之间不随 L 变小；` +
      `Pre-LN 从 L = 1 的 ${f1(a.topByDepth.pre[0])} 降到 L = ${MAX_DEPTH} 的 ${f1(a.topByDepth.pre[MAX_DEPTH - 1])}，` +
      `接近 d/√(L+2)。当前 L = ${L}。`,
    x: {
      domain: [1, MAX_DEPTH],
      label: "层数 L",
      ticks: WIDTH < 420 ? [1, 24, 48, 72, 96] : [1, 12, 24, 36, 48, 60, 72, 84, 96],
      labelOffset: 34,
    },
    y: { type: "log", domain, label: "最后一层 ‖∂ℓ/∂W2‖（对数轴）", grid: true, ticks: yTicks, tickFormat: String },
    marks: [
      ruleX([L], { stroke: "currentColor", strokeDasharray: "3,3", strokeOpacity: 0.6, className: "preln-here" }),
      ruleY([postRef], { stroke: LINE_COLORS.post, strokeDasharray: "5,4", strokeOpacity: 0.8 }),
      lineY(preCurve, { x: "x", y: "y", stroke: LINE_COLORS.pre, strokeDasharray: "5,4", strokeOpacity: 0.8 }),
      lineY(depths, { x: "x", y: "y", stroke: LINE_COLORS.post, strokeWidth: 1.8, className: "preln-depth-post" }),
      lineY(depthsPre, { x: "x", y: "y", stroke: LINE_COLORS.pre, strokeWidth: 1.8, className: "preln-depth-pre" }),
      dot(here, { x: "x", y: "y", r: 4.5, fill: (p: { key: Arrangement }) => LINE_COLORS[p.key] }),
    ],
  };

  const preStream = a.stream.pre.slice(0, L + 1).map((y, l) => ({ x: l, y }));
  const postStream = a.stream.post.slice(1, L + 1).map((y, i) => ({ x: i + 1, y }));
  const prediction = Array.from({ length: L + 1 }, (_, l) => ({ x: l, y: preRmsPrediction(l) }));
  const yMax = Math.max(2, ...preStream.map((p) => p.y), preRmsPrediction(L)) * 1.12;
  out.stream = {
    ...FIGURE,
    width: WIDTH,
    height: 190,
    marginLeft: 44,
    marginRight: 16,
    marginBottom: 42,
    ariaLabel: `残差主干的 RMS 随层号的变化：Pre-LN 的 x_l 与 Post-LN 每层 LN 之前的 x + F(x)`,
    ariaDescription:
      `Pre-LN 的主干 RMS 从 ${preStream[0].y.toFixed(2)} 长到第 ${L} 层的 ${preStream[L].y.toFixed(2)}，` +
      `虚线 √(1 + l/2) 在第 ${L} 层为 ${preRmsPrediction(L).toFixed(2)}；Post-LN 每层 LN 之前约 ${a.stream.post[L].toFixed(2)}。`,
    x: {
      domain: [0, Math.max(L, 1)],
      label: "层号 l（0 = 输入）",
      ticks: layerTicks(0, Math.max(L, 1), WIDTH),
      labelOffset: 34,
    },
    y: { domain: [0, yMax], label: "主干 RMS", grid: true },
    marks: [
      ruleY([1], { stroke: REF, strokeOpacity: 0.5 }),
      lineY(prediction, { x: "x", y: "y", stroke: LINE_COLORS.pre, strokeDasharray: "5,4", strokeOpacity: 0.8 }),
      lineY(preStream, { x: "x", y: "y", stroke: LINE_COLORS.pre, strokeWidth: 2.2, className: "preln-stream-pre" }),
      lineY(postStream, { x: "x", y: "y", stroke: LINE_COLORS.post, strokeWidth: 2.2, className: "preln-stream-post" }),
      text(L >= 4 ? [{ x: L, y: preStream[L].y }] : [], {
        x: "x",
        y: "y",
        text: () => `Pre-LN ${preStream[L].y.toFixed(2)}`,
        dy: -10,
        textAnchor: "end",
        fill: LINE_COLORS.pre,
        fontWeight: 600,
      }),
      text(L >= 4 ? [{ x: L, y: a.stream.post[L] }] : [], {
        x: "x",
        y: "y",
        text: () => `Post-LN（LN 前）${a.stream.post[L].toFixed(2)}`,
        dy: 12,
        textAnchor: "end",
        fill: LINE_COLORS.post,
        fontWeight: 600,
      }),
    ],
  };
  return out;
}
