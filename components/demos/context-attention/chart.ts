/** Same token, different attention: model output → Observable Plot options (build time and browser). */
import { barY, type PlotOptions, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { type AttentionRow, type Context, type ContextState, compare } from "./model";

interface Bar {
  j: number;
  w: number;
  self: boolean;
}

function rowFigure(context: Context, row: AttentionRow, width: number, side: string): PlotOptions {
  const bars: Bar[] = row.weights.map((w, j) => ({ j, w, self: j === context.at }));
  const title = context.sentence.map((w, j) => (j === context.at ? `[${w}]` : w)).join(" ");
  const score = (s: number) => s.toFixed(2).replace(/^-/, "−");
  return {
    ...FIGURE,
    width,
    height: 210,
    marginTop: 30,
    marginLeft: 34,
    marginRight: 4,
    marginBottom: 40,
    ariaLabel: `${side}：“${context.sentence.join("")}”中“${context.sentence[context.at]}”的注意力行`,
    ariaDescription: context.sentence
      .map((w, j) => `${w} 权重 ${row.weights[j].toFixed(3)}（打分 ${score(row.scores[j])}）`)
      .join("，"),
    x: {
      domain: bars.map((b) => b.j),
      tickFormat: (j: number) => `${context.sentence[j]}\n${score(row.scores[j])}`,
      tickSize: 0,
      label: null,
      padding: 0.2,
    },
    y: { domain: [0, 1], ticks: 4, grid: true, label: null },
    marks: [
      barY(bars, {
        x: "j",
        y: "w",
        fill: (d: Bar) => (d.self ? COLORS.secondary : COLORS.primary),
        className: "ctx-bar",
      }),
      text(bars, { x: "j", y: "w", text: (d: Bar) => d.w.toFixed(3), dy: -8, fill: "currentColor", fontSize: 11 }),
      ruleY([0]),
      text([title], {
        text: (d: string) => d,
        frameAnchor: "top-left",
        textAnchor: "start",
        dy: -22,
        fontWeight: 700,
        fill: "currentColor",
        className: "ctx-title",
      }),
    ],
  };
}

export function figures(state: ContextState, options: { width: number }): Record<string, PlotOptions> {
  const cmp = compare(state);
  return {
    a: rowFigure(cmp.pair.a, cmp.a, options.width, "上下文一"),
    b: rowFigure(cmp.pair.b, cmp.b, options.width, "上下文二"),
  };
}
