/** Embedding scale: model output → Observable Plot options (used at build time and in the browser). */
import { dot, line, type PlotOptions, rectY, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import {
  BIN_CENTRES,
  BINS,
  type EmbeddingState,
  embeddingHistogram,
  energy,
  INIT_LABELS,
  type Init,
  params,
  peHistogram,
  RANGE,
} from "./model";

const HALF = RANGE / BINS;
const ROWS = ["不乘：e + p", "乘 √d：√d·e + p"] as const;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function figures(state: EmbeddingState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const e = energy(state.init, state.d);
  const emb = [embeddingHistogram(e.std.plain), embeddingHistogram(e.std.scaled)];
  const pe = peHistogram(state.d, state.positions);
  const bars = ROWS.flatMap((row, r) =>
    emb[r].density.map((y, i) => ({ row, x1: BIN_CENTRES[i] - HALF, x2: BIN_CENTRES[i] + HALF, y })),
  ).filter((b) => b.y > 0);
  const peLine = ROWS.flatMap((row) => pe.density.map((y, i) => ({ row, x: BIN_CENTRES[i], y })));
  const notes = ROWS.map((row, r) => ({
    row,
    text: `${row}\nembedding 标准差 ${e.std[r === 0 ? "plain" : "scaled"].toPrecision(2)}${
      emb[r].outside > 0 ? `，${pct(emb[r].outside)} 落在 ±${RANGE} 之外` : ""
    }\nPE 占输入能量 ${pct(r === 0 ? e.share.plain : e.share.scaled)}`,
  }));
  const yMax = Math.max(...bars.map((b) => b.y), ...pe.density, 1);

  const ds = params.d.options;
  const shares = ds.flatMap((d) => {
    const s = energy(state.init, d).share;
    return [
      { d, y: s.plain, row: "不乘" },
      { d, y: s.scaled, row: "乘 √d" },
    ];
  });
  const now = [
    { d: state.d, y: e.share.plain, row: "不乘" },
    { d: state.d, y: e.share.scaled, row: "乘 √d" },
  ];
  const color = (row: string) => (row === "不乘" ? COLORS.muted : COLORS.primary);
  const label = INIT_LABELS[state.init as Init];

  return {
    hist: {
      ...FIGURE,
      width: WIDTH,
      height: 360,
      marginTop: 50,
      marginLeft: 44,
      marginRight: 8,
      marginBottom: 34,
      ariaLabel: `d = ${state.d}、初始化 ${label}：embedding 元素与位置编码元素的分布，不乘与乘 √d 对比`,
      ariaDescription:
        `${notes.map((n) => n.text.replaceAll("\n", "，")).join("。")}。位置编码元素均方根 ${pe.rms.toFixed(3)}，` +
        `取值在 −1 到 1 之间`,
      x: { domain: [-RANGE, RANGE], label: "元素取值", labelAnchor: "center" },
      y: {
        type: "sqrt",
        domain: [0, yMax],
        label: null,
        ticks: 3,
        tickFormat: (v: number) => String(v),
      },
      fy: { domain: ROWS, label: null, padding: 0.42, axis: null },
      marks: [
        rectY(bars, {
          x1: "x1",
          x2: "x2",
          y: "y",
          fy: "row",
          fill: COLORS.primary,
          fillOpacity: 0.55,
          className: "es-emb",
        }),
        line(peLine, { x: "x", y: "y", fy: "row", stroke: COLORS.secondary, strokeWidth: 2, className: "es-pe" }),
        text(notes, {
          fy: "row",
          text: "text",
          frameAnchor: "top-left",
          lineAnchor: "bottom",
          dy: -4,
          fill: "currentColor",
          className: "es-note",
        }),
        ruleY([0]),
      ],
    },
    share: {
      ...FIGURE,
      width: WIDTH,
      height: 200,
      marginLeft: 44,
      marginRight: 12,
      marginBottom: 36,
      ariaLabel: `初始化 ${label} 时，位置编码占输入能量的比例随 d_model 变化`,
      ariaDescription:
        `d = ${state.d}：不乘 ${pct(e.share.plain)}，乘 √d ${pct(e.share.scaled)}；` +
        shares
          .filter((s) => s.row === "乘 √d")
          .map((s) => `d = ${s.d} 乘后 ${pct(s.y)}`)
          .join("，"),
      x: {
        type: "log",
        base: 2,
        domain: [64, 4096],
        ticks: ds,
        tickFormat: String,
        label: "d_model",
        labelAnchor: "center",
      },
      y: {
        domain: [0, 1],
        grid: true,
        label: "PE 占 ‖x‖² 的比例",
        tickFormat: (v: number) => `${Math.round(v * 100)}%`,
      },
      marks: [
        line(shares, { x: "d", y: "y", z: "row", stroke: (s) => color(s.row), strokeWidth: 2 }),
        dot(now, { x: "d", y: "y", r: 4.5, fill: (s) => color(s.row), className: "es-now" }),
        ...now.map((s, i) =>
          text([s], {
            x: "d",
            y: "y",
            text: () => `${s.row} ${pct(s.y)}`,
            dy: i === 0 ? -12 : 14,
            textAnchor: state.d >= 2048 ? "end" : state.d <= 64 ? "start" : "middle",
            fill: "currentColor",
          }),
        ),
      ],
    },
  };
}
