/**
 * Build-time rendering of a demo's first frame: the same Plot options the browser uses, drawn into a
 * small server-side DOM, so the page shows a real chart with JavaScript off and no layout shift.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { tidyPlotAria } from "./plot-a11y";

const { document } = parseHTML("<!doctype html><html><body></body></html>");

export function renderSvg(options: Plot.PlotOptions): string {
  return tidyPlotAria(Plot.plot({ ...options, document } as Plot.PlotOptions) as unknown as Element).outerHTML;
}
