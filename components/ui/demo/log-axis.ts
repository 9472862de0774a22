/**
 * Numbers that span tens of decades (gradient norms of deep nets, activation sizes): short text for
 * read-outs and the tick positions and labels of a log axis, for any demo with a log axis (first
 * used by gradient-flow in DL-01 and init-variance in DL-06). Pure, no DOM.
 */

import { superscript } from "./superscript";

/** 3 significant digits; below 0.01 or from 10 000 up as a × 10ⁿ (one decimal). Minus signs are U+2212. */
export function fmt(x: number): string {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  const a = Math.abs(x);
  const sign = x < 0 ? "−" : "";
  if (a >= 0.01 && a < 10_000) return sign + String(Number(a.toPrecision(3)));
  const [mantissa, exponent] = a.toExponential(1).split("e");
  return `${sign}${mantissa}×10${superscript(Number(exponent))}`;
}

/**
 * Powers of ten inside [lo, hi], at most about `most` of them (every k-th decade on a wide range), plus
 * the lowest and highest whole decade inside when the step would leave a long unlabelled stretch there.
 */
export function decadeTicks([lo, hi]: readonly [number, number], most = 6): number[] {
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const step = Math.max(1, Math.ceil((b - a) / most));
  const exponents: number[] = [];
  for (let e = Math.ceil(a / step) * step; e <= b; e += step) {
    if (10 ** e >= lo && 10 ** e <= hi) exponents.push(e);
  }
  if (exponents.length > 0 && step > 1) {
    const bottom = Math.ceil(Math.log10(lo) - 1e-12);
    const top = Math.floor(Math.log10(hi) + 1e-12);
    if (exponents[0] - bottom >= 0.6 * step) exponents.unshift(bottom);
    if (top - exponents[exponents.length - 1] >= 0.6 * step) exponents.push(top);
  }
  return exponents.map((e) => Number(`1e${e}`)); // the double nearest 10^e, as a literal would be
}

/** A decade tick: 0.01 … 1000 as plain numbers, beyond that as 10ⁿ. */
export function decadeLabel(v: number): string {
  const e = Math.round(Math.log10(v));
  if (e >= -2 && e <= 3) return e >= 0 ? String(10 ** e) : (10 ** e).toFixed(-e);
  return `10${superscript(e)}`;
}

/** A log domain around the values with some room: at least [lo, hi], padded by a factor `pad`. */
export function logDomain(values: readonly number[], lo: number, hi: number, pad = 2): [number, number] {
  let min = lo;
  let max = hi;
  for (const v of values) {
    if (v > 0 && v < min) min = v;
    if (v > max) max = v;
  }
  return [min / pad, max * pad];
}

/**
 * Integer ticks for a layer axis from `from` to L: both ends plus the multiples of a round step
 * between them (fewer on a narrow figure), dropping a multiple that would crowd an end.
 */
export function layerTicks(L: number, width: number, from = 0): number[] {
  const span = L - from;
  const step = [1, 2, 5, 10, 20, 25].find((s) => span / s <= (width < 420 ? 5 : 10)) ?? 25;
  const out = [from];
  for (let t = Math.ceil((from + 1) / step) * step; t < L; t += step) {
    if (t - from >= step / 2 && L - t >= step / 2) out.push(t);
  }
  if (L > from) out.push(L);
  return out;
}

/**
 * Ticks for a log axis of any span: every k-th decade when it spans a few, else 1-2-5 in each decade,
 * else the mantissas 1 … 8 (a narrow range such as 0.45 … 0.7; 7 and 9 would crowd their neighbours)
 * — the first with at least `least`, else whichever has the most.
 */
export function logTicks(domain: readonly [number, number], least = 3): number[] {
  let best = decadeTicks(domain);
  if (best.length >= least) return best;
  const [lo, hi] = domain;
  for (const mantissas of [
    [1, 2, 5],
    [1, 2, 3, 4, 5, 6, 8],
  ]) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of mantissas) {
        const v = Number((m * 10 ** e).toPrecision(12));
        if (v >= lo && v <= hi) out.push(v);
      }
    }
    if (out.length >= least) return out;
    if (out.length > best.length) best = out;
  }
  return best;
}

/** A log-axis label: decades as in decadeLabel, anything else with two significant digits. */
export function logLabel(v: number): string {
  const e = Math.log10(v);
  return Math.abs(e - Math.round(e)) < 1e-9 ? decadeLabel(v) : String(Number(v.toPrecision(2)));
}
