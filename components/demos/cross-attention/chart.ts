/** Cross-attention heatmap: model output → Observable Plot options (used at build time and in the browser). */
import { barY, cell, type PlotOptions, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { type CrossState, crossAttention, SOURCE, shownWeights, TARGET } from "./model";

const HEAD_NAMES: Readonly<Record<string, string>> = { "1": "头 1", "2": "头 2", avg: "两个头平均" };

export function figures(state: CrossState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const masked = state.mask === "on";
  const result = crossAttention(state.pad, masked);
  const W = shownWeights(result, state.head);
  const S = result.source.length;
  const cols = Array.from({ length: S }, (_, j) => j);
  const rows = TARGET.map((_, i) => i);
  const isPad = (j: number) => j >= SOURCE.length;
  const cells = W.flatMap((row, i) =>
    row.map((w, j) => ({ i, j, w, pad: isPad(j), blocked: masked && isPad(j), label: w.toFixed(2) })),
  );
  const sel = state.row - 1;
  const tokenAt = (j: number) => result.source[j];
  const narrow = WIDTH < 520;
  const bars = W[sel].map((w, j) => ({ j, w, pad: isPad(j) }));
  const head = HEAD_NAMES[state.head] ?? state.head;

  return {
    map: {
      ...FIGURE,
      width: WIDTH,
      height: 40 + TARGET.length * 30 + 40,
      marginLeft: 44,
      marginRight: 4,
      marginTop: 8,
      marginBottom: narrow ? 50 : 48,
      ariaLabel: `交叉注意力权重热图（${head}）：行是 ${TARGET.length} 个目标位置，列是 ${S} 个源端位置`,
      ariaDescription: TARGET.map((t, i) => {
        const row = W[i];
        const best = row.indexOf(Math.max(...row));
        return `${t} → ${tokenAt(best)} ${row[best].toFixed(2)}`;
      }).join("，"),
      x: {
        domain: cols,
        tickFormat: (j: number) => tokenAt(j),
        tickRotate: narrow ? -40 : 0,
        label: narrow ? null : "源端位置（key/value 来自 encoder memory）",
        labelAnchor: "center",
        labelOffset: 44,
      },
      y: { domain: rows, tickFormat: (i: number) => TARGET[i], label: null },
      color: { type: "linear", scheme: "blues", domain: [0, 1] },
      marks: [
        cell(
          cells.filter((c) => !c.blocked),
          { x: "j", y: "i", fill: "w", inset: 0.5, className: "xa-cell" },
        ),
        cell(
          cells.filter((c) => c.blocked),
          { x: "j", y: "i", fill: COLORS.muted, fillOpacity: 0.25, inset: 0.5, className: "xa-blocked" },
        ),
        text(cells, {
          x: "j",
          y: "i",
          text: (c) => (c.blocked ? "−∞" : c.label),
          fill: (c) => (c.w > 0.5 ? "white" : c.blocked ? "currentColor" : "black"),
          fontSize: narrow ? 9 : 11,
        }),
        cell(
          cols.map((j) => ({ i: sel, j })),
          { x: "j", y: "i", fill: "none", stroke: COLORS.secondary, strokeWidth: 2.5, className: "xa-row" },
        ),
      ],
    },
    row: {
      ...FIGURE,
      width: WIDTH,
      height: 170,
      marginLeft: 40,
      marginRight: 4,
      marginBottom: narrow ? 44 : 30,
      ariaLabel: `目标“${TARGET[sel]}”一行在各源端位置上的权重（${head}）`,
      ariaDescription: bars.map((b) => `${tokenAt(b.j)} ${b.w.toFixed(2)}`).join("，"),
      x: {
        domain: cols,
        tickFormat: (j: number) => tokenAt(j),
        tickRotate: narrow ? -40 : 0,
        label: null,
        padding: 0.15,
      },
      y: { domain: [0, 1], grid: true, label: `“${TARGET[sel]}”的权重`, ticks: 5 },
      marks: [
        barY(bars, {
          x: "j",
          y: "w",
          fill: (b) => (b.pad ? COLORS.danger : COLORS.primary),
          className: "xa-bar",
        }),
        text(bars, { x: "j", y: "w", text: (b) => b.w.toFixed(2), dy: -7, fill: "currentColor", fontSize: 10 }),
        ruleY([0]),
      ],
    },
  };
}
