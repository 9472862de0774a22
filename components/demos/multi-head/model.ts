/**
 * Multi-head attention on a toy sentence (ATT-05): one fixed set of 64-dimensional queries and keys,
 * split into h heads of d_k = 64/h dimensions each. The 64 dimensions are built by hand in 8 blocks
 * of 8; each block encodes one relation between the 8 tokens (previous word, predicate → subject, …)
 * or is random. With h = 8 each head gets one block and can put almost all its weight on one target;
 * with fewer heads a head's scores are the sum of several blocks', and with h = 1 the one softmax
 * has to spread its weight over every relation at once — "averaging inhibits this".
 * Pure maths, no DOM, deterministic (the random blocks use a fixed seed).
 */
import { gaussian, mulberry32 } from "../../../src/lib/rng";
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

export const TOKENS: readonly string[] = ["那只", "黑", "猫", "总是", "睡", "在", "窗台", "上"];
export const N = TOKENS.length;
export const D_MODEL = 64;
/** Dimensions per hand-built block; D_MODEL / BLOCK = 8 blocks = the largest number of heads. */
export const BLOCK = 8;
export const BLOCKS = D_MODEL / BLOCK;
/**
 * Raw score of a matching (query, key) pair inside its block. With h = 8 (d_k = 8) it becomes
 * 12/√8 ≈ 4.2 after scaling: ~0.9 of the row's weight against 7 unrelated keys.
 */
export const MATCH = 12;
/** Spread of the random blocks' entries: raw scores with std 8·0.7² ≈ 1.4, i.e. diffuse heads. */
export const RANDOM_SCALE = 0.7;

export interface Relation {
  /** Long name (legend) and short name (panel titles). */
  name: string;
  short: string;
  /** (query, key) token indices; a query with no pair spreads its weight evenly in that block. */
  pairs: readonly (readonly [number, number])[];
}

const shift = (by: number) =>
  Array.from({ length: N }, (_, i) => [i, i + by] as const).filter(([, j]) => j >= 0 && j < N);

/** The 8 blocks in order; heads take consecutive blocks (head i of h gets blocks i·8/h … (i+1)·8/h − 1). */
export const RELATIONS: readonly (Relation | null)[] = [
  { name: "看前一个词", short: "前词", pairs: shift(-1) },
  {
    name: "谓语看主语",
    short: "主语",
    pairs: [
      [3, 2],
      [4, 2],
    ],
  },
  { name: "看后一个词", short: "后词", pairs: shift(1) },
  {
    name: "介词、方位词看宾语",
    short: "宾语",
    pairs: [
      [5, 6],
      [7, 6],
    ],
  },
  { name: "看自己", short: "自己", pairs: shift(0) },
  {
    name: "修饰语看中心词",
    short: "中心词",
    pairs: [
      [0, 2],
      [1, 2],
      [3, 4],
    ],
  },
  null, // random: a block that encodes nothing in particular
  null,
];

export const params = {
  h: {
    type: "choice",
    label: `头数 h（d_model = ${D_MODEL} 固定，每头 d_k = ${D_MODEL}/h）`,
    options: [1, 2, 4, 8],
    default: 4,
  },
  q: {
    type: "choice",
    label: "看哪个词的那一行（query）",
    options: TOKENS.map((_, i) => i + 1),
    default: 5,
    optionLabels: Object.fromEntries(TOKENS.map((t, i) => [String(i + 1), t])),
  },
} satisfies ParamSpecs;

export type MultiHeadState = StateOf<typeof params>;

/**
 * Queries and keys (N × D_MODEL). In a relation block, q_i is the one-hot of position i and k_j holds
 * MATCH at every position i with (i, j) in the relation, so q_i·k_j = MATCH exactly for related
 * pairs and 0 otherwise. Random blocks have i.i.d. N(0, RANDOM_SCALE²) entries.
 */
export const QK: { Q: number[][]; K: number[][] } = (() => {
  const Q = Array.from({ length: N }, () => new Array<number>(D_MODEL).fill(0));
  const K = Array.from({ length: N }, () => new Array<number>(D_MODEL).fill(0));
  const normal = gaussian(mulberry32(20170612));
  RELATIONS.forEach((relation, b) => {
    const offset = b * BLOCK;
    if (relation) {
      for (let i = 0; i < N; i++) Q[i][offset + i] = 1;
      for (const [i, j] of relation.pairs) K[j][offset + i] = MATCH;
    } else {
      for (let i = 0; i < N; i++) for (let c = 0; c < BLOCK; c++) Q[i][offset + c] = RANDOM_SCALE * normal();
      for (let j = 0; j < N; j++) for (let c = 0; c < BLOCK; c++) K[j][offset + c] = RANDOM_SCALE * normal();
    }
  });
  return { Q, K };
})();

export interface Head {
  /** 0-based head index */
  index: number;
  dk: number;
  /** The blocks (relations) this head's dimensions cover. */
  blocks: number[];
  scores: number[][];
  weights: number[][];
}

export function softmax(row: readonly number[]): number[] {
  const max = Math.max(...row);
  const e = row.map((v) => Math.exp(v - max));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / z);
}

const cache = new Map<number, Head[]>();

/** Split Q and K into h heads of D_MODEL/h columns; each head: scaled dot-product scores and softmax. */
export function heads(h: number): Head[] {
  const hit = cache.get(h);
  if (hit) return hit;
  const dk = D_MODEL / h;
  const out = Array.from({ length: h }, (_, index) => {
    const lo = index * dk;
    const scores = QK.Q.map((q) =>
      QK.K.map((k) => {
        let s = 0;
        for (let c = lo; c < lo + dk; c++) s += q[c] * k[c];
        return s / Math.sqrt(dk);
      }),
    );
    const blocks = Array.from({ length: dk / BLOCK }, (_, i) => lo / BLOCK + i);
    return { index, dk, blocks, scores, weights: scores.map(softmax) };
  });
  cache.set(h, out);
  return out;
}

/** "①②" for blocks 0 and 1. */
export const blockMarks = (blocks: readonly number[]): string => blocks.map((b) => "①②③④⑤⑥⑦⑧"[b]).join("");

export function headTitle(head: Head): string {
  const names = head.blocks.map((b) => RELATIONS[b]?.short ?? "随机");
  // Adjacent random blocks read as one.
  const merged = names.filter((name, i) => !(name === "随机" && names[i - 1] === "随机"));
  return `头 ${head.index + 1}：${merged.join("+")}`;
}

/** Keys of one row sorted by weight, heaviest first. */
export function topKeys(weights: readonly number[], count = 2): { token: string; w: number }[] {
  return weights
    .map((w, j) => ({ token: TOKENS[j], w }))
    .sort((a, b) => b.w - a.w)
    .slice(0, count);
}

export function readouts(state: MultiHeadState): Record<string, string> {
  const hs = heads(state.h);
  const q = state.q - 1;
  const dk = D_MODEL / state.h;
  const perHead = hs.map((head) => {
    // One head: list every clear target, to show how the weight is shared out.
    const [first, ...rest] = topKeys(head.weights[q], state.h === 1 ? 4 : 2);
    if (first.w - 1 / N < 0.02) return `头 ${head.index + 1} 均匀分布`;
    const others = rest.filter((k) => k.w >= 0.15).map((k) => `、${k.token} ${k.w.toFixed(2)}`);
    return `头 ${head.index + 1} → ${first.token} ${first.w.toFixed(2)}${others.join("")}`;
  });
  const best = Math.max(...hs.map((head) => Math.max(...head.weights[q])));
  return {
    dims:
      `h = ${state.h}：每头 d_k = ${D_MODEL}/${state.h} = ${dk}，共 ${state.h} 个 ${N}×${N} 的注意力分布；` +
      `Q、K、V、O 投影参数始终是 4·d_model² = ${(4 * D_MODEL * D_MODEL).toLocaleString("en-US")} 个，与 h 无关`,
    row: `“${TOKENS[q]}”这一行：${perHead.join("；")}`,
    peak: `各头里“${TOKENS[q]}”给出的最大单个权重：${best.toFixed(2)}${state.h === 1 ? "（只有一个分布，几种关系只能在一个加权平均里折中）" : ""}`,
  };
}
