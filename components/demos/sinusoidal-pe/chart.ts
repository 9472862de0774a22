/** Sinusoidal PE: model output → Observable Plot options (used at build time and in the browser). */
import { dot, line, type PlotOptions, rect, ruleX, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import {
  dotByOffset,
  fmt1,
  fmtInt,
  heatmapValues,
  OTHER_STARTS,
  offsetCurve,
  type PeState,
  pairTerms,
  startSamples,
  WINDOW,
  wavelength,
  windowStart,
} from "./model";
import { rasterHref, rasterLegend, rasterMark } from "./raster";

const hrefCache = new Map<string, string>();

/** The heatmap image for a window: cached, since most controls leave the window unchanged. */
function heatmapHref(start: number, d: number, base: number): string {
  const key = `${start}:${d}:${base}`;
  let href = hrefCache.get(key);
  if (!href) {
    href = rasterHref(d, WINDOW, heatmapValues(start, d, base));
    if (hrefCache.size > 32) hrefCache.clear();
    hrefCache.set(key, href);
  }
  return href;
}

/** In-plot labels get a halo in the page background so lines do not run through them. */
const HALO = { stroke: "var(--plot-background)", strokeWidth: 3 } as const;
/** Marker style per start: the reader's p, then the two fixed starts. */
const START_STYLES = [
  { fill: COLORS.primary, stroke: "none", symbol: "circle", r: 3.6 },
  { fill: "none", stroke: COLORS.secondary, symbol: "circle", r: 5 },
  { fill: "none", stroke: COLORS.tertiary, symbol: "times", r: 4.2 },
] as const;

export function figures(state: PeState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const { d, base, p, k, span } = state;
  const start = windowStart(p);
  const closed = dotByOffset(k, d, base);
  const slowest = wavelength(d / 2 - 1, d, base);
  const narrow = WIDTH < 480;
  const dimTicks = Array.from({ length: narrow ? 4 : 8 }, (_, i) => (i * d) / (narrow ? 4 : 8));

  const rows = [
    { y: p, label: `p=${p}` },
    { y: p + k, label: `p+k=${p + k}` },
  ];
  const heatmap: PlotOptions = {
    ...FIGURE,
    width: WIDTH,
    height: 300,
    marginTop: 46,
    marginLeft: 44,
    marginRight: 60,
    marginBottom: 36,
    ariaLabel: `正弦位置编码热力图：位置 ${start}–${start + WINDOW - 1}（行）× ${d} 个维度（列）`,
    ariaDescription:
      `左侧维度频率高，沿位置快速交替正负；右侧维度频率低，整列几乎不变（最慢一对波长约 ${fmtInt(slowest)} 个位置）。` +
      `框出的两行是 p = ${p} 与 p+k = ${p + k}，它们的点积为 ${fmt1(closed)}。`,
    x: {
      domain: [-0.5, d - 0.5],
      ticks: dimTicks,
      tickFormat: String,
      label: "维度 j（偶数列 sin，奇数列 cos）",
      labelAnchor: "center",
      labelOffset: 30,
    },
    y: { domain: [start - 0.5, start + WINDOW - 0.5], reverse: true, label: null, tickFormat: String },
    marks: [
      rasterMark({
        href: heatmapHref(start, d, base),
        x1: -0.5,
        x2: d - 0.5,
        y1: start - 0.5,
        y2: start + WINDOW - 0.5,
        className: "pe-heatmap",
      }),
      rect(rows, {
        x1: -0.5,
        x2: d - 0.5,
        y1: (r) => r.y - 0.5,
        y2: (r) => r.y + 0.5,
        fill: "none",
        stroke: "currentColor",
        strokeWidth: 2,
        className: "pe-row",
      }),
      // Row labels; for k ≤ 1 the two rows touch, so the labels move apart.
      ...rows.map((row, i) =>
        text([row], {
          x: d - 0.5,
          y: "y",
          text: "label",
          textAnchor: "start",
          dx: 6,
          dy: k <= 1 ? (i === 0 ? -5 : 5) : 0,
          fill: "currentColor",
          className: "pe-row-label",
        }),
      ),
      text([narrow ? "← 高频" : "← 高频（波长 2π ≈ 6.3）"], {
        frameAnchor: "top-left",
        textAnchor: "start",
        dy: -32,
        fill: "currentColor",
      }),
      text([narrow ? "低频 →" : `低频（波长 ≈ ${fmtInt(slowest)}）→`], {
        frameAnchor: "top-right",
        textAnchor: "end",
        dy: -32,
        fill: "currentColor",
      }),
      rasterLegend({ dy: -12 }),
      text(["位置 ↓"], { frameAnchor: "top-left", textAnchor: "end", dx: -6, dy: -12, fill: "currentColor" }),
    ],
  };

  const curve = offsetCurve(d, base, span);
  const starts = [p, ...OTHER_STARTS];
  const samples = startSamples(starts, d, base, span);
  const lo = Math.min(...curve.map((c) => c.dot));
  const yDomain: [number, number] = [Math.min(0, lo) - d / 40, (d / 2) * 1.4];
  const selected = [
    { k, dot: closed },
    { k: -k, dot: closed },
  ];
  // Legend: the three starts in one row, the curve in a second one. Widths are estimated from the text
  // (CJK characters are about one em wide) so the entries never overlap.
  const legend = [
    { label: `p = ${p}（可调）`, style: 0 },
    { label: `p = ${OTHER_STARTS[0]}`, style: 1 },
    { label: `p = ${OTHER_STARTS[1]}`, style: 2 },
  ];
  const textWidth = (t: string) => [...t].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 12 : 7), 0);
  const legendX = legend.map(
    (_, i) => 10 + legend.slice(0, i).reduce((x, row) => x + 12 + textWidth(row.label) + 16, 0),
  );
  const dots: PlotOptions = {
    ...FIGURE,
    width: WIDTH,
    height: 250,
    marginTop: 12,
    marginLeft: 44,
    marginRight: 16,
    marginBottom: 36,
    ariaLabel: `PE(p)·PE(p+k) 随偏移 k 的变化，k 从 −${span} 到 ${span}，三个起点 p = ${starts.join("、")}`,
    ariaDescription:
      `三个起点的实测点积都落在同一条曲线 Σcos(k·ω_i) 上：只依赖 k。曲线左右对称，k 与 −k 的点积相同。` +
      `k = 0 时为 ${d / 2}，k = ${k} 时为 ${fmt1(closed)}。`,
    x: { domain: [-span, span], label: "偏移 k", labelAnchor: "center", labelOffset: 30 },
    y: { domain: yDomain, grid: true, label: null, ticks: 5 },
    marks: [
      ruleY([0]),
      ruleX(selected, { x: "k", stroke: "currentColor", strokeOpacity: 0.45, strokeDasharray: "3,3" }),
      line(curve, {
        x: "k",
        y: "dot",
        stroke: COLORS.muted,
        strokeWidth: 5,
        strokeOpacity: 0.45,
        className: "pe-curve",
      }),
      ...START_STYLES.map((style, s) =>
        dot(
          samples.filter((x) => x.start === starts[s]),
          { x: "k", y: "dot", ...style, strokeWidth: 1.8, className: `pe-start pe-start-${s}` },
        ),
      ),
      dot(selected, { x: "k", y: "dot", r: 7, stroke: "currentColor", strokeWidth: 1.5, className: "pe-selected" }),
      text([selected[0]], {
        x: "k",
        y: "dot",
        text: () => `k = ${k}：${fmt1(closed)}`,
        dx: 10,
        dy: -12,
        textAnchor: "start",
        fill: "currentColor",
        ...HALO,
      }),
      // Legend in the top-left corner.
      ...legend.flatMap((row, i) => [
        dot([row], { frameAnchor: "top-left", dx: legendX[i], dy: 8, ...START_STYLES[row.style], strokeWidth: 1.8 }),
        text([row.label], {
          frameAnchor: "top-left",
          textAnchor: "start",
          dx: legendX[i] + 10,
          dy: 8,
          lineAnchor: "middle",
          fill: "currentColor",
          ...HALO,
        }),
      ]),
      text(["━━"], {
        frameAnchor: "top-left",
        textAnchor: "start",
        lineAnchor: "middle",
        dx: 2,
        dy: 26,
        fill: COLORS.muted,
      }),
      text(["Σcos(k·ω_i)，与 p 无关"], {
        frameAnchor: "top-left",
        textAnchor: "start",
        dx: 22,
        dy: 26,
        lineAnchor: "middle",
        fill: "currentColor",
        ...HALO,
      }),
    ],
  };

  const terms = pairTerms(k, d, base);
  const plotWidth = WIDTH - 44 - 16;
  const terms_: PlotOptions = {
    ...FIGURE,
    width: WIDTH,
    height: 170,
    marginTop: 22,
    marginLeft: 44,
    marginRight: 16,
    marginBottom: 36,
    ariaLabel: `偏移 k = ${k} 时每对维度的贡献 cos(k·ω_i)，i = 0 … ${d / 2 - 1}`,
    ariaDescription: `高频对的 cos(k·ω_i) 正负交替，低频对接近 1；${d / 2} 项之和 ${fmt1(closed)} 就是 PE(p)·PE(p+k)。`,
    x: {
      domain: [-0.5, d / 2 - 0.5],
      label: "频率对 i（越往右越慢）",
      labelAnchor: "center",
      labelOffset: 30,
      tickFormat: String,
    },
    y: { domain: [-1.05, 1.05], ticks: [-1, 0, 1], grid: true, label: null },
    marks: [
      ruleY([0]),
      ruleX(terms, {
        x: "i",
        y1: 0,
        y2: "term",
        stroke: (t) => (t.term >= 0 ? COLORS.primary : COLORS.secondary),
        strokeWidth: Math.max(1, Math.min(8, (0.6 * plotWidth) / (d / 2))),
        className: "pe-term",
      }),
      text([`cos(${k}·ω_i) 求和 = ${fmt1(closed)} = PE(p)·PE(p+k)`], {
        frameAnchor: "top-right",
        textAnchor: "end",
        dy: -14,
        fill: "currentColor",
      }),
    ],
  };
  return { heatmap, dots, terms: terms_ };
}
