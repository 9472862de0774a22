/**
 * BPE vs WordPiece merge learning (TOK-01) on the article's toy corpus, step by step. BPE (Sennrich et
 * al., 2016) splits words into characters plus </w> and merges the most frequent adjacent pair;
 * the WordPiece variant marks non-initial characters with ## (BERT's convention) and scores a pair by
 * count(ab) / (count(a)·count(b)), the formula of Hugging Face's course (Google never published its
 * trainer). New words are encoded as the article's cell does: BPE replays the merges in order,
 * WordPiece does BERT's greedy longest match over the vocabulary, a word with an unmatched piece
 * becoming [UNK]. Pure maths, no DOM.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

/** The article's corpus: word → count. */
export const CORPUS: Readonly<Record<string, number>> = { low: 5, lower: 2, newest: 6, widest: 3, wider: 2 };
export const NEW_WORDS = ["lowest", "newer", "wide", "slow"] as const;
export const MODES = ["bpe", "wordpiece"] as const;
export type Mode = (typeof MODES)[number];
export const EOW = "</w>";

/** Merges until every corpus word is one symbol, in either mode (computed below, checked in tests). */
export const MAX_MERGES = 16;

export const params = {
  mode: {
    type: "choice",
    label: "挑哪一对来合并",
    options: MODES,
    default: "bpe",
    optionLabels: {
      bpe: "BPE：出现次数最多的一对",
      wordpiece: "WordPiece（Hugging Face 的打分）：count(ab)/(count(a)·count(b))",
    },
  },
  merges: { type: "number", label: "合并次数", min: 0, max: MAX_MERGES, step: 1, default: 8, integer: true },
  word: {
    type: "choice",
    label: "切分的新词",
    options: NEW_WORDS,
    default: "lowest",
  },
} satisfies ParamSpecs;

export type BpeState = StateOf<typeof params>;

/** BPE ends a word with </w>; WordPiece prefixes every non-initial character with ##. */
export const initial = (w: string, mode: Mode | string): string[] =>
  mode === "bpe" ? [...w, EOW] : [...w].map((c, i) => (i ? `##${c}` : c));
export const join = (a: string, b: string) => a + b.replace(/^##/, "");

export function applyMerge(s: readonly string[], a: string, b: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === a && s[i + 1] === b) {
      out.push(join(a, b));
      i++;
    } else out.push(s[i]);
  }
  return out;
}

export interface Pair {
  a: string;
  b: string;
  /** Occurrences of the adjacent pair, weighted by word count. */
  count: number;
  countA: number;
  countB: number;
  /** What the mode ranks by: the count (BPE) or count / (countA · countB) (WordPiece). */
  score: number;
}

export interface Step {
  /** Segmentation of each corpus word before this merge. */
  words: { word: string; n: number; symbols: string[] }[];
  /** Every adjacent pair, best first (ties keep first-seen order, as the cell's `>` does). */
  pairs: Pair[];
  /** The pair merged at this step, if any pair is left. */
  merged: Pair | undefined;
  vocabSize: number;
}

export interface Learned {
  steps: Step[];
  merges: Pair[];
  vocab: Set<string>;
  /** Segmentation after all merges. */
  words: Step["words"];
  initialSize: number;
}

function pairsOf(words: Step["words"], mode: Mode | string): Pair[] {
  const pair = new Map<string, { a: string; b: string; count: number }>();
  const unit = new Map<string, number>();
  for (const { symbols: s, n } of words) {
    s.forEach((t, i) => {
      unit.set(t, (unit.get(t) ?? 0) + n);
      if (i + 1 < s.length) {
        const k = `${t} ${s[i + 1]}`;
        const entry = pair.get(k) ?? { a: t, b: s[i + 1], count: 0 };
        entry.count += n;
        pair.set(k, entry);
      }
    });
  }
  const out = [...pair.values()].map((p) => {
    const countA = unit.get(p.a) ?? 0;
    const countB = unit.get(p.b) ?? 0;
    return { ...p, countA, countB, score: mode === "bpe" ? p.count : p.count / (countA * countB) };
  });
  return out.sort((x, y) => y.score - x.score); // stable
}

const cache = new Map<string, Learned>();

/** Learns `count` merges (fewer if the corpus runs out of pairs), keeping every intermediate step. */
export function learn(mode: Mode | string, count: number): Learned {
  const id = `${mode}:${count}`;
  const hit = cache.get(id);
  if (hit) return hit;
  let words = Object.entries(CORPUS).map(([word, n]) => ({ word, n, symbols: initial(word, mode) }));
  const vocab = new Set(words.flatMap((w) => w.symbols));
  const initialSize = vocab.size;
  const steps: Step[] = [];
  const merges: Pair[] = [];
  for (let k = 0; k < count; k++) {
    const pairs = pairsOf(words, mode);
    const merged = pairs[0];
    steps.push({ words, pairs, merged, vocabSize: vocab.size });
    if (!merged) break;
    merges.push(merged);
    vocab.add(join(merged.a, merged.b));
    words = words.map((w) => ({ ...w, symbols: applyMerge(w.symbols, merged.a, merged.b) }));
  }
  const result = { steps, merges, vocab, words, initialSize };
  cache.set(id, result);
  return result;
}

/** The candidates for the next merge after `count` merges. */
export const nextPairs = (mode: Mode | string, count: number): Pair[] => pairsOf(learn(mode, count).words, mode);

/** BPE inference: replay the merges in the order they were learned. */
export const encodeBpe = (word: string, merges: readonly Pair[]): string[] =>
  merges.reduce((s, m) => applyMerge(s, m.a, m.b), initial(word, "bpe"));

/** BERT's WordPiece inference: greedy longest match in the vocabulary; one unmatched piece → [UNK]. */
export function encodeWordPiece(word: string, vocab: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let start = 0, end = word.length; start < word.length; start = end, end = word.length) {
    while (end > start && !vocab.has((start ? "##" : "") + word.slice(start, end))) end--;
    if (end === start) return ["[UNK]"];
    out.push((start ? "##" : "") + word.slice(start, end));
  }
  return out;
}

export function encode(state: BpeState): string[] {
  const { merges, vocab } = learn(state.mode, state.merges);
  return state.mode === "bpe" ? encodeBpe(state.word, merges) : encodeWordPiece(state.word, vocab);
}

const trim = (x: number) => String(Number(x.toFixed(4)));
/** A pair's score as text: “9 次” or “5/(5·5) = 0.2”. */
export const scoreText = (p: Pair, mode: Mode | string) =>
  mode === "bpe" ? `${p.count} 次` : `${p.count}/(${p.countA}·${p.countB}) = ${trim(p.score)}`;

export function readouts(state: BpeState): Record<string, string> {
  const learned = learn(state.mode, state.merges);
  const done = learned.merges.length;
  const next = nextPairs(state.mode, state.merges)[0];
  const tokens = encode(state);
  const bpe = state.mode === "bpe";
  const unk =
    tokens[0] === "[UNK]"
      ? `：词首的 ${state.word[0]} 不在词表里${learned.vocab.has(`##${state.word[0]}`) ? `，只有 ##${state.word[0]}` : ""}，所以整个词都变成 [UNK]`
      : "";
  return {
    vocab:
      `词表 ${learned.vocab.size} 个 = 初始 ${learned.initialSize} 个符号 + ${done} 次合并` +
      (done < state.merges ? `（第 ${done} 次之后已没有可合并的对，每个词都成了一个符号）` : ""),
    next: next
      ? `下一次（第 ${done + 1} 次）合并：${next.a} + ${next.b} → ${join(next.a, next.b)}（${scoreText(next, state.mode)}）`
      : "没有可合并的相邻对了",
    learned:
      done === 0
        ? "还没有合并：每个词都是单个字符"
        : `已学 ${done} 条合并，依次得到：${learned.merges.map((m) => join(m.a, m.b)).join("、")}`,
    word:
      `新词 ${state.word} → ${tokens.join(" ")}` +
      (bpe ? `（按顺序重放 ${done} 条合并）` : `（只查词表，贪心最长匹配${unk}）`),
  };
}
