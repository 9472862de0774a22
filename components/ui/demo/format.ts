import type { ParamSpec } from "../../../src/lib/url-state";

/** Width (CSS px) of the first frame drawn at build time; the browser redraws at the real width. */
export const FIRST_FRAME_WIDTH = 440;

/** How a control shows its current value: up to 3 significant digits for numbers. */
export function formatValue(spec: ParamSpec, value: number | string): string {
  if (spec.type === "choice") return spec.optionLabels?.[String(value)] ?? String(value);
  const n = Number(value);
  if (spec.integer) return String(Math.round(n));
  return Math.abs(n) >= 100 ? n.toFixed(0) : String(Number(n.toPrecision(3)));
}
