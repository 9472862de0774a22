import { describe, expect, it } from "vitest";
import { figures, TOP_PAIRS } from "../../components/demos/bpe-merges/chart";
import {
  applyMerge,
  type BpeState,
  CORPUS,
  encode,
  encodeBpe,
  encodeWordPiece,
  initial,
  join,
  learn,
  MAX_MERGES,
  nextPairs,
  params,
  readouts,
} from "../../components/demos/bpe-merges/model";
import { defaultState, parseValue } from "../../src/lib/url-state";

const BASE: BpeState = defaultState(params);
const symbolsOf = (mode: string) => learn(mode, MAX_MERGES).words.map((w) => w.symbols);

describe("symbols and merges", () => {
  it("BPE ends words with </w>; WordPiece marks non-initial characters with ##", () => {
    expect(initial("low", "bpe")).toEqual(["l", "o", "w", "</w>"]);
    expect(initial("low", "wordpiece")).toEqual(["l", "##o", "##w"]);
    expect(join("w", "##i")).toBe("wi");
    expect(join("##s", "##t")).toBe("##st");
  });

  it("merges left to right without overlap (a a a → aa a)", () => {
    expect(applyMerge(["a", "a", "a"], "a", "a")).toEqual(["aa", "a"]);
    expect(applyMerge(["n", "e", "w", "e", "s", "t"], "e", "s")).toEqual(["n", "e", "w", "es", "t"]);
  });
});

describe("BPE by count (the article's cell)", () => {
  it("first merges e + s, seen 9 times (newest 6 + widest 3)", () => {
    const [first] = nextPairs("bpe", 0);
    expect([first.a, first.b, first.count]).toEqual(["e", "s", 9]);
  });

  it("learns es, est, est</w>, lo, low, ne, new, newest</w> in 8 merges", () => {
    expect(learn("bpe", 8).merges.map((m) => join(m.a, m.b))).toEqual([
      "es",
      "est",
      "est</w>",
      "lo",
      "low",
      "ne",
      "new",
      "newest</w>",
    ]);
  });

  it("encodes the article's new words by replaying the merges in order", () => {
    const { merges } = learn("bpe", 8);
    expect(encodeBpe("lowest", merges)).toEqual(["low", "est</w>"]);
    expect(encodeBpe("slow", merges)).toEqual(["s", "low", "</w>"]);
    expect(encodeBpe("newer", merges)).toEqual(["new", "e", "r", "</w>"]);
    expect(encodeBpe("lowest", [])).toEqual(initial("lowest", "bpe"));
  });

  it("pair counts are weighted by word frequency and sum to the number of adjacent positions", () => {
    const total = Object.entries(CORPUS).reduce((s, [w, n]) => s + n * w.length, 0); // |w| + 1 symbols, |w| pairs
    expect(nextPairs("bpe", 0).reduce((s, p) => s + p.count, 0)).toBe(total);
  });
});

describe("WordPiece by count(ab)/(count(a)·count(b))", () => {
  it("first merges w + ##i with 5/(5·5) = 0.2, not the most frequent pair", () => {
    const [first] = nextPairs("wordpiece", 0);
    expect([first.a, first.b, first.count, first.countA, first.countB]).toEqual(["w", "##i", 5, 5, 5]);
    expect(first.score).toBeCloseTo(0.2, 12);
    const es = nextPairs("wordpiece", 0).find((p) => p.a === "##e" && p.b === "##s");
    expect(es?.count).toBe(9); // the BPE choice: ##e occurs 19 times, so 9 / (19 · 9) ≈ 0.053
    expect([es?.countA, es?.countB]).toEqual([19, 9]);
    expect(es?.score).toBeCloseTo(1 / 19, 12);
  });

  it("greedy longest match: lowest → low ##e ##st, slow → [UNK] (no word-initial s)", () => {
    const { vocab } = learn("wordpiece", 8);
    expect(encodeWordPiece("lowest", vocab)).toEqual(["low", "##e", "##st"]);
    expect(encodeWordPiece("slow", vocab)).toEqual(["[UNK]"]);
    expect(vocab.has("##s")).toBe(true);
    expect(vocab.has("s")).toBe(false);
    expect(encodeWordPiece("wide", learn("wordpiece", 12).vocab)).toEqual(["wide"]);
  });
});

describe("the merges slider", () => {
  it("every corpus word is one symbol after MAX_MERGES (BPE needs exactly 16, WordPiece 14)", () => {
    expect(learn("bpe", 40).merges).toHaveLength(16);
    expect(learn("wordpiece", 40).merges).toHaveLength(14);
    expect(MAX_MERGES).toBe(16);
    for (const mode of ["bpe", "wordpiece"]) for (const s of symbolsOf(mode)) expect(s).toHaveLength(1);
    expect(nextPairs("bpe", MAX_MERGES)).toEqual([]);
  });

  it("vocabulary = initial symbols + merges at every step (11 + k in both modes)", () => {
    for (const mode of ["bpe", "wordpiece"]) {
      for (let k = 0; k <= MAX_MERGES; k++) {
        const l = learn(mode, k);
        expect(l.initialSize).toBe(11);
        expect(l.vocab.size).toBe(11 + l.merges.length);
      }
    }
  });

  it("URL values are validated at the edges", () => {
    expect(parseValue(params.merges, "0")).toBe(0);
    expect(parseValue(params.merges, "16")).toBe(16);
    expect(parseValue(params.merges, "17")).toBeUndefined();
    expect(parseValue(params.merges, "3.5")).toBeUndefined();
    expect(parseValue(params.word, "newest")).toBeUndefined();
  });
});

describe("read-outs and figures", () => {
  it("state the article's numbers by default", () => {
    const r = readouts(BASE);
    expect(r.vocab).toBe("词表 19 个 = 初始 11 个符号 + 8 次合并");
    expect(r.next).toBe("下一次（第 9 次）合并：low + </w> → low</w>（5 次）");
    expect(r.word).toBe("新词 lowest → low est</w>（按顺序重放 8 条合并）");
    expect(r.learned).toContain("es、est、est</w>、lo、low、ne、new、newest</w>");
  });

  it("explain [UNK], the WordPiece score, and running out of pairs", () => {
    const wp = readouts({ mode: "wordpiece", merges: 0, word: "slow" });
    expect(wp.next).toBe("下一次（第 1 次）合并：w + ##i → wi（5/(5·5) = 0.2）");
    expect(wp.word).toContain("新词 slow → [UNK]");
    expect(wp.word).toContain("词首的 s 不在词表里，只有 ##s");
    const end = readouts({ mode: "wordpiece", merges: 16, word: "lowest" });
    expect(end.vocab).toBe(
      "词表 25 个 = 初始 11 个符号 + 14 次合并（第 14 次之后已没有可合并的对，每个词都成了一个符号）",
    );
    expect(end.next).toBe("没有可合并的相邻对了");
  });

  it("draw the top pairs with the chosen one first, and one box per token", () => {
    const f = figures(BASE, { width: 440 });
    const bars = f.pairs.marks?.find((m) => (m as { className?: string }).className === "bpe-bar") as unknown as {
      data: { label: string; next: boolean }[];
    };
    expect(bars.data).toHaveLength(TOP_PAIRS);
    expect(bars.data[0]).toMatchObject({ label: "low + </w>", next: true });
    expect(bars.data.filter((b) => b.next)).toHaveLength(1);
    const boxes = f.corpus.marks?.find((m) => (m as { className?: string }).className === "bpe-token") as unknown as {
      data: unknown[];
    };
    const tokens = learn("bpe", 8).words.reduce((s, w) => s + w.symbols.length, 0) + encode(BASE).length;
    expect(boxes.data).toHaveLength(tokens);
  });
});
