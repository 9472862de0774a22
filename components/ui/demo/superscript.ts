/**
 * Superscript digits for powers of ten (10⁻⁶, 5.76×10²³). Its own module because the control read-out
 * (format.ts, in every demo's first-load script) needs it, and it must not pull the log-axis helpers
 * of the chart modules into that script.
 */

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

/** An integer exponent in superscript digits: −6 → ⁻⁶. */
export const superscript = (n: number): string =>
  String(n)
    .split("")
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join("");

/** 3 significant digits as a×10ⁿ, for FLOPs and other huge counts: 5.76×10²³, 1×10¹⁹. */
export function scientific(x: number): string {
  const [mantissa, exponent] = x.toExponential(2).split("e");
  return `${Number(mantissa)}×10${superscript(Number(exponent))}`;
}
