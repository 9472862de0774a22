/**
 * Fixed vs learned absolute positions beyond the training length (POS-02). A learned table has
 * exactly L_max rows: position L_max has no vector. The sinusoidal PE is defined everywhere, but
 * the pairs that do not complete a turn within the training length, (L − 1)·ω_i < 2π, reach
 * (sin, cos) values past L that training never showed (d = 512, L = 512: 133 of 256 pairs).
 * Pure maths, no DOM.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";
import { fmtInt, frequencies, wavelength } from "../sinusoidal-pe/model";

/** The original Transformer's base. */
export const BASE = 10_000;

export const params = {
  L: {
    type: "choice",
    label: "训练长度 = 可学习表的行数 L_max",
    options: [128, 256, 512, 1024, 2048, 4096],
    default: 512,
  },
  range: {
    type: "choice",
    label: "横轴范围（L_max 的倍数）",
    options: [1.25, 1.5, 2, 4, 8, 16],
    default: 2,
    optionLabels: { "1.25": "1.25 倍", "1.5": "1.5 倍", "2": "2 倍", "4": "4 倍", "8": "8 倍", "16": "16 倍" },
  },
  d: {
    type: "choice",
    label: "d_model",
    options: [64, 128, 256, 512, 768, 1024, 1600],
    default: 512,
  },
} satisfies ParamSpecs;

export type PexState = StateOf<typeof params>;

/** Last position shown: range × L_max. */
export const rangeEnd = (state: PexState): number => Math.round(state.range * state.L);

/** Turns pair i makes over the training positions 0 … L − 1: (L − 1)·ω_i / 2π. */
export const turnsInTraining = (w: number, L: number): number => ((L - 1) * w) / (2 * Math.PI);

/** How many of the d/2 pairs do not complete a turn within the training length. */
export function unseenPairs(d: number, L: number, base = BASE): number {
  return frequencies(d, base).filter((w) => turnsInTraining(w, L) < 1).length;
}

/** The pair whose wavelength is closest (in log) to `lambda`. */
export function pairForWavelength(lambda: number, d: number, base = BASE): number {
  const i = Math.round((d / 2) * (Math.log(lambda / (2 * Math.PI)) / Math.log(base)));
  return Math.max(0, Math.min(d / 2 - 1, i));
}

/** Wavelengths of the three example pairs, relative to L: fully turned, just over L, far over L. */
export const EXAMPLE_RATIOS: readonly number[] = [1 / 4, 1.5, 8];

/** Three distinct, increasing example pairs for d and L. */
export function examplePairs(d: number, L: number, base = BASE): number[] {
  const out: number[] = [];
  for (const ratio of EXAMPLE_RATIOS) {
    let i = pairForWavelength(ratio * L, d, base);
    if (out.length > 0 && i <= out[out.length - 1]) i = Math.min(d / 2 - 1, out[out.length - 1] + 1);
    out.push(i);
  }
  return out;
}

/** Angle (radians, in [0, 2π)) that pair ω reaches at pos, measured like a clock hand from pos 0. */
const angleAt = (pos: number, w: number): number => (pos * w) % (2 * Math.PI);

/**
 * True when position pos gives pair ω a (sin, cos) that no training position 0 … L − 1 gave:
 * the pair has not completed a turn in training, and pos·ω mod 2π lies past the arc training covered.
 */
export function isNewValue(pos: number, w: number, L: number): boolean {
  if (pos < L || turnsInTraining(w, L) >= 1) return false;
  return angleAt(pos, w) > (L - 1) * w + 1e-12;
}

export interface TracePoint {
  pair: number;
  pos: number;
  value: number;
  /** The value again where it is new (else NaN: a gap in the highlighted line). */
  fresh: number;
}

/** sin(pos·ω_i) for the example pairs over 0 … end, with the never-seen stretches flagged. */
export function traces(pairs: readonly number[], d: number, L: number, end: number, base = BASE): TracePoint[] {
  const w = frequencies(d, base);
  const fastest = Math.min(...pairs.map((i) => wavelength(i, d, base)));
  const samples = Math.min(1600, Math.max(240, Math.ceil((16 * end) / fastest)));
  const out: TracePoint[] = [];
  for (const pair of pairs) {
    for (let s = 0; s <= samples; s++) {
      const pos = (s * end) / samples;
      const value = Math.sin(pos * w[pair]);
      out.push({ pair, pos, value, fresh: isNewValue(pos, w[pair], L) ? value : Number.NaN });
    }
  }
  return out;
}

export interface ArcPoint {
  pair: number;
  part: "seen" | "new";
  x: number;
  y: number;
}

/**
 * The arcs pair i's (sin, cos) point sweeps on the unit circle: over training positions 0 … L − 1
 * ("seen", at most a full turn) and what positions L … end add beyond it ("new").
 */
export function arcs(pairs: readonly number[], d: number, L: number, end: number, base = BASE): ArcPoint[] {
  const w = frequencies(d, base);
  const out: ArcPoint[] = [];
  const sweep = (pair: number, part: ArcPoint["part"], from: number, to: number) => {
    const n = Math.max(2, Math.ceil(((to - from) / (2 * Math.PI)) * 96));
    for (let j = 0; j <= n; j++) {
      const a = from + ((to - from) * j) / n;
      out.push({ pair, part, x: Math.sin(a), y: Math.cos(a) });
    }
  };
  for (const pair of pairs) {
    const seen = Math.min(2 * Math.PI, (L - 1) * w[pair]);
    sweep(pair, "seen", 0, seen);
    const reach = Math.min(2 * Math.PI, end * w[pair]);
    if (reach > seen + 1e-9) sweep(pair, "new", seen, reach);
  }
  return out;
}

export interface CoverageRow {
  i: number;
  turns: number;
}

/** Turns in training for every pair (the article's cell plots the same, capped at 1). */
export const coverage = (d: number, L: number, base = BASE): CoverageRow[] =>
  frequencies(d, base).map((w, i) => ({ i, turns: turnsInTraining(w, L) }));

const fmtTurns = (t: number): string => (t >= 10 ? t.toFixed(0) : t >= 1 ? t.toFixed(1) : t.toFixed(2));

export function readouts(state: PexState): Record<string, string> {
  const { L, d } = state;
  const end = rangeEnd(state);
  const unseen = unseenPairs(d, L);
  const w = frequencies(d, BASE);
  const examples = examplePairs(d, L).map((i) => {
    const trained = turnsInTraining(w[i], L);
    const reach = (end * w[i]) / (2 * Math.PI);
    const tail =
      trained >= 1
        ? "早已转满，之后只是重复见过的值"
        : `到位置 ${fmtInt(end)} 时${reach >= 1 ? "已走完一整圈" : `也只到 ${fmtTurns(reach)} 圈`}`;
    return `第 ${i} 对（波长 ${fmtInt(wavelength(i, d, BASE))}）训练中转了 ${fmtTurns(trained)} 圈，${tail}`;
  });
  return {
    table:
      `可学习表：L_max × d = ${fmtInt(L)} × ${fmtInt(d)} = ${fmtInt(L * d)} 个参数；` +
      `只有位置 0–${fmtInt(L - 1)} 有向量，位置 ${fmtInt(L)} 起直接越界`,
    unseen:
      `正弦：${d / 2} 对频率中有 ${unseen} 对在训练长度内没转满一圈（波长超过 ${fmtInt(L - 1)} 个位置），` +
      `位置 ${fmtInt(L)} 起它们给出训练中从未出现过的 (sin, cos) 组合；其余 ${d / 2 - unseen} 对只是在重复见过的值`,
    range: `横轴到位置 ${fmtInt(end)}：${examples.join("；")}`,
  };
}
