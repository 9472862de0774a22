/**
 * Rebuilds a cell's plot on the page. The worker can only send data, so marks are named and looked
 * up in this allow-list (named imports keep the bundle to what is listed).
 */
import {
  areaY,
  barX,
  barY,
  cell,
  dot,
  line,
  lineX,
  lineY,
  plot,
  rectY,
  ruleX,
  ruleY,
  text,
  tickX,
  tickY,
} from "@observablehq/plot";
import { tidyPlotAria } from "../ui/demo/plot-a11y";
import type { PlotSpec } from "./protocol";

const MARKS = { areaY, barX, barY, cell, dot, line, lineX, lineY, rectY, ruleX, ruleY, text, tickX, tickY } as const;
export const MARK_NAMES = Object.keys(MARKS);

/** Draws the spec at the available width unless the program asked for one. */
export function drawPlot(spec: PlotSpec, availableWidth: number): Element {
  const { marks, ...options } = spec;
  const built = marks.map(({ mark, data, options: markOptions }) => {
    const factory = MARKS[mark as keyof typeof MARKS];
    if (!factory) throw new TypeError(`Plot.${mark} 不可用；可用的 mark:${MARK_NAMES.join("、")}`);
    return (factory as (data: unknown[], options: Record<string, unknown>) => unknown)(data, markOptions);
  });
  const width = Math.min(640, Math.max(280, Math.round(availableWidth)));
  return tidyPlotAria(
    plot({ width, height: 260, style: { fontSize: "12px" }, ...options, marks: built } as never) as Element,
  );
}
