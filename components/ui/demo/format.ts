import type { ParamSpec } from "../../../src/lib/url-state";
import { scientific } from "./superscript";

/** Width (CSS px) of the first frame drawn at build time; the browser redraws at the real width. */
export const FIRST_FRAME_WIDTH = 440;

/**
 * How a control shows its current value: up to 3 significant digits for numbers; from 10⁸ up (FLOPs,
 * parameter counts) as 5.76×10²³, since 24 digits read as nothing.
 */
export function formatValue(spec: ParamSpec, value: number | string): string {
  if (spec.type === "choice") return spec.optionLabels?.[String(value)] ?? String(value);
  const n = Number(value);
  if (Math.abs(n) >= 1e8) return scientific(n);
  if (spec.integer) return String(Math.round(n));
  return Math.abs(n) >= 100 ? n.toFixed(0) : String(Number(n.toPrecision(3)));
}
