/** Multi-head attention on a toy sentence: model output → Observable Plot options (build time and browser). */
import { cell, frame, type PlotOptions, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { D_MODEL, heads, headTitle, type MultiHeadState, N, TOKENS, topKeys } from "./model";

/** Cell shade for a weight in [0, 1], on top of the panel's faint background; 2 decimals keep the SVG small. */
const opacity = (w: number) => Math.round((0.04 + 0.96 * w) * 100) / 100;
/** Weights below this are not drawn (the background shows through): sharp heads stay a few KB. */
const FLOOR = 0.03;

interface CellDatum {
  col: number;
  row: number;
  q: string;
  k: string;
  w: number;
}

export function figures(state: MultiHeadState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const hs = heads(state.h);
  const h = state.h;
  const cols = h === 1 ? 1 : Math.min(h, WIDTH >= 560 ? 4 : 2);
  const rows = Math.ceil(h / cols);
  const marginLeft = 40;
  const gapX = 12;
  const gapY = 40;
  const titleHeight = 34;
  const panel = Math.min((WIDTH - marginLeft - 4 - (cols - 1) * gapX) / cols, 260);
  // Narrow panels label the keys with their first character (all 8 differ); the rows keep full words.
  const narrow = panel / N < 26;
  const marginBottom = 24;
  const marginRight = WIDTH - marginLeft - cols * panel - (cols - 1) * gapX;

  const cells: CellDatum[] = [];
  const selected: CellDatum[] = [];
  for (const head of hs) {
    const col = head.index % cols;
    const row = Math.floor(head.index / cols);
    head.weights.forEach((weights, i) => {
      weights.forEach((w, j) => {
        const d = { col, row, q: TOKENS[i], k: TOKENS[j], w };
        if (w >= FLOOR) cells.push(d);
        if (i === state.q - 1) selected.push(d);
      });
    });
  }
  const titles = hs.map((head) => ({
    col: head.index % cols,
    row: Math.floor(head.index / cols),
    label: `${headTitle(head).replace("：", `（d_k = ${head.dk}）\n`)}`,
  }));
  const query = TOKENS[state.q - 1];
  return {
    heads: {
      ...FIGURE,
      width: WIDTH,
      height: Math.round(titleHeight + rows * panel + (rows - 1) * gapY + marginBottom),
      marginTop: titleHeight,
      marginLeft,
      marginRight,
      marginBottom,
      ariaLabel: `${h} 个头各自的注意力权重热图（d_model = ${D_MODEL}，每头 d_k = ${D_MODEL / h}）`,
      ariaDescription: `“${query}”这一行在各头里权重最大的词：${hs
        .map((head) => {
          const [top] = topKeys(head.weights[state.q - 1], 1);
          return `头 ${head.index + 1} ${top.token} ${top.w.toFixed(2)}`;
        })
        .join("，")}`,
      fx: {
        domain: Array.from({ length: cols }, (_, i) => i),
        axis: null,
        paddingInner: gapX / (panel + gapX),
        paddingOuter: 0,
      },
      fy: {
        domain: Array.from({ length: rows }, (_, i) => i),
        axis: null,
        paddingInner: rows > 1 ? gapY / (panel + gapY) : 0,
        paddingOuter: 0,
      },
      x: {
        domain: [...TOKENS],
        label: null,
        tickSize: 0,
        padding: 0,
        tickFormat: narrow ? (t: string) => t.slice(0, 1) : undefined,
      },
      y: { domain: [...TOKENS], label: null, tickSize: 0, padding: 0 },
      marks: [
        frame({ fill: COLORS.primary, fillOpacity: 0.04 }),
        cell(cells, {
          x: "k",
          y: "q",
          fx: "col",
          fy: "row",
          fill: COLORS.primary,
          fillOpacity: (d: CellDatum) => opacity(d.w),
          inset: 0.5,
          className: "mh-cell",
        }),
        cell(selected, {
          x: "k",
          y: "q",
          fx: "col",
          fy: "row",
          fill: "none",
          stroke: COLORS.secondary,
          strokeWidth: 1.5,
          className: "mh-selected",
        }),
        text(titles, {
          fx: "col",
          fy: "row",
          text: "label",
          frameAnchor: "top-left",
          textAnchor: "start",
          lineAnchor: "bottom",
          lineHeight: 1.3,
          dy: -4,
          fill: "currentColor",
          className: "mh-title",
        }),
      ],
    },
  };
}
