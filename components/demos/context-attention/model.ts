/**
 * Same token, different attention (ATT-09): one toy attention head (random embeddings, sinusoidal
 * positions, random W_Q and W_K, untrained) computes the attention row of the same word in two
 * contexts. Head 1 is exactly the article's code cell (same generator, seed 2024, same draw order),
 * so the demo reproduces the article's numbers; heads 2 and 3 continue the same random stream.
 * Pure maths, no DOM; deterministic.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

export const D = 8;
export const VOCAB = ["我", "吃", "苹果", "发布", "了", "手机", "爱", "的", "家"] as const;
export type Word = (typeof VOCAB)[number];
export const SEED = 2024;
export const HEADS = 3;

/**
 * The article's linear congruential generator, kept as written there (including JavaScript's
 * double-precision arithmetic) so both produce the same numbers. Uniform on (−1, 1).
 */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state / 2147483648) * 2 - 1;
  };
}

interface Toy {
  emb: Record<Word, number[]>;
  heads: { wq: number[][]; wk: number[][] }[];
}

let toy: Toy | undefined;
/** Embeddings first, then W_Q and W_K of head 1 (the article's order), then further heads. */
function model(): Toy {
  if (toy) return toy;
  const rand = lcg(SEED);
  const emb = {} as Record<Word, number[]>;
  for (const w of VOCAB) emb[w] = Array.from({ length: D }, rand);
  const matrix = () => Array.from({ length: D }, () => Array.from({ length: D }, rand));
  const heads = Array.from({ length: HEADS }, () => {
    const wq = matrix();
    const wk = matrix();
    return { wq, wk };
  });
  toy = { emb, heads };
  return toy;
}

/** Sinusoidal position encoding (Vaswani et al. §3.5) for d = 8. */
export function positionEncoding(pos: number): number[] {
  return Array.from({ length: D }, (_, i) => {
    const angle = pos / 10000 ** ((2 * Math.floor(i / 2)) / D);
    return i % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
  });
}

/** x · W (row vector times matrix). */
function project(x: readonly number[], W: readonly number[][]): number[] {
  return W[0].map((_, c) => x.reduce((s, v, k) => s + v * W[k][c], 0));
}

export interface AttentionRow {
  query: number[];
  scores: number[];
  weights: number[];
}

/** Attention row of token `i` in `sentence`: scores q·k/√d and their softmax over all keys. */
export function attentionRow(sentence: readonly Word[], i: number, usePE: boolean, head = 1): AttentionRow {
  const { emb, heads } = model();
  const { wq, wk } = heads[head - 1];
  const X = sentence.map((w, p) => (usePE ? emb[w].map((v, k) => v + positionEncoding(p)[k]) : emb[w]));
  const query = project(X[i], wq);
  const scores = X.map((x) => project(x, wk).reduce((a, v, k) => a + v * query[k], 0) / Math.sqrt(D));
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - max));
  const z = e.reduce((a, b) => a + b, 0);
  return { query, scores, weights: e.map((v) => v / z) };
}

export interface Context {
  sentence: readonly Word[];
  /** Position of the word whose row is shown. */
  at: number;
}

export interface Pair {
  word: Word;
  a: Context;
  b: Context;
}

const A: Word[] = ["我", "吃", "了", "苹果"];
const B: Word[] = ["苹果", "发布", "了", "手机"];
const C: Word[] = ["我", "爱", "我", "的", "家"];

/** The article's two sentences and its "two 我" sentence, plus two variations. */
export const PAIRS = {
  apple: { word: "苹果", a: { sentence: A, at: 3 }, b: { sentence: B, at: 0 } },
  le: { word: "了", a: { sentence: A, at: 2 }, b: { sentence: B, at: 2 } },
  wo: { word: "我", a: { sentence: C, at: 0 }, b: { sentence: C, at: 2 } },
  swap: { word: "苹果", a: { sentence: ["我", "吃", "苹果"], at: 2 }, b: { sentence: ["我", "爱", "苹果"], at: 2 } },
} as const satisfies Record<string, Pair>;
export type PairKey = keyof typeof PAIRS;

export const params = {
  pair: {
    type: "choice",
    label: "同一个词，两个上下文",
    options: ["apple", "le", "wo", "swap"] as const,
    default: "apple" as const,
    optionLabels: {
      apple: "苹果：我吃了苹果／苹果发布了手机",
      le: "了：同在位置 2，上下文不同",
      wo: "我：我爱我的家里的两个我",
      swap: "苹果：我吃苹果／我爱苹果",
    },
  },
  pe: {
    type: "choice",
    label: "位置信息",
    options: ["on", "off"] as const,
    default: "on" as const,
    optionLabels: { on: "加正弦位置编码", off: "不加位置编码" },
  },
  head: {
    type: "choice",
    label: "注意力头（同一组词向量，换一套 W_Q、W_K）",
    options: [1, 2, 3] as const,
    default: 1 as const,
    optionLabels: { "1": "头 1（正文的例子）", "2": "头 2", "3": "头 3" },
  },
} satisfies ParamSpecs;

export type ContextState = StateOf<typeof params>;

export interface Comparison {
  pair: Pair;
  a: AttentionRow;
  b: AttentionRow;
  /** The two query vectors are identical (same word, same position information, first layer). */
  sameQuery: boolean;
  /** Max |difference| of the two rows when both contexts have the same keys in the same order. */
  maxDiff: number | undefined;
  /** A key present in both contexts with exactly the same score (shown with its two weights). */
  sharedKey: { word: Word; score: number; weightA: number; weightB: number } | undefined;
}

export function compare(state: ContextState): Comparison {
  const pair: Pair = PAIRS[state.pair];
  const usePE = state.pe === "on";
  const a = attentionRow(pair.a.sentence, pair.a.at, usePE, state.head);
  const b = attentionRow(pair.b.sentence, pair.b.at, usePE, state.head);
  const sameQuery = a.query.every((v, k) => v === b.query[k]);
  const sameKeys =
    pair.a.sentence.length === pair.b.sentence.length && pair.a.sentence.every((w, j) => w === pair.b.sentence[j]);
  const maxDiff = sameKeys ? Math.max(...a.weights.map((w, j) => Math.abs(w - b.weights[j]))) : undefined;
  let sharedKey: Comparison["sharedKey"];
  if (!sameKeys) {
    pair.a.sentence.forEach((w, j) => {
      if (sharedKey) return;
      const k = pair.b.sentence.indexOf(w);
      if (k >= 0 && a.scores[j] === b.scores[k]) {
        sharedKey = { word: w, score: a.scores[j], weightA: a.weights[j], weightB: b.weights[k] };
      }
    });
  }
  return { pair, a, b, sameQuery, maxDiff, sharedKey };
}

export const f3 = (x: number) => x.toFixed(3).replace(/^-/, "−");
const sentenceText = (c: Context) => c.sentence.join("");

function rowText(c: Context, row: AttentionRow): string {
  return (
    `“${sentenceText(c)}”中位置 ${c.at} 的“${c.sentence[c.at]}”：` +
    c.sentence.map((w, j) => `${w} ${row.weights[j].toFixed(3)}`).join("，")
  );
}

export function readouts(state: ContextState): Record<string, string> {
  const cmp = compare(state);
  const { pair } = cmp;
  const word = `“${pair.word}”`;
  let why: string;
  if (cmp.maxDiff !== undefined) {
    why =
      cmp.maxDiff === 0
        ? `两个${word}的注意力行完全相同（最大差 0）：没有位置信息时，相同的词 query 相同、面对的 key 也相同`
        : `两个${word}的注意力行最大差 ${f3(cmp.maxDiff)}：${state.pe === "on" ? "位置编码让它们的 query 不同" : "query 不同"}`;
  } else {
    why = cmp.sameQuery
      ? `两处${word}的 query 完全相同（同一个词、${state.pe === "on" ? "同一个位置" : "没有位置编码"}，第一层）；分布不同只因为 key 的集合不同，softmax 的分母也就不同`
      : `两处${word}连 query 都不同：${state.pe === "on" ? `位置 ${pair.a.at} 与位置 ${pair.b.at} 的位置编码不同` : "位置不同"}；key 的集合也不同`;
    if (cmp.sharedKey) {
      const s = cmp.sharedKey;
      why += `。“${s.word}”的打分两边都是 ${f3(s.score)}，权重却是 ${f3(s.weightA)} 与 ${f3(s.weightB)}`;
    }
  }
  return { a: rowText(pair.a, cmp.a), b: rowText(pair.b, cmp.b), why };
}
