import { describe, expect, it } from "vitest";
import { figures } from "../../components/demos/beam-search/chart";
import {
  type BeamState,
  beamSearch,
  EOS,
  exactBest,
  greedy,
  lp,
  MODELS,
  next,
  params,
  readouts,
  score,
  sentences,
  show,
  tree,
} from "../../components/demos/beam-search/model";
import { defaultState, parseValue } from "../../src/lib/url-state";

const BASE: BeamState = defaultState(params);
const A = MODELS.article;
const E = MODELS.empty;
const best = (table: typeof A, k: number, alpha: number) => show(beamSearch(table, k, alpha).best ?? { tokens: [] });

describe("the hand-written models", () => {
  it("every listed distribution sums to 1; unlisted prefixes end with </s>", () => {
    for (const table of [A, E]) {
      for (const dist of Object.values(table)) {
        expect(Object.values(dist).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      }
    }
    expect(next(A, ["我", "在"])).toEqual({ [EOS]: 1 });
  });

  it("the probabilities of all complete outputs sum to 1 (13 outputs and 9 outputs)", () => {
    for (const [table, n] of [
      [A, 13],
      [E, 9],
    ] as const) {
      const all = sentences(table);
      expect(all).toHaveLength(n);
      expect(all.reduce((s, h) => s + Math.exp(h.logp), 0)).toBeCloseTo(1, 12);
    }
  });
});

describe("greedy vs beam search on the article's model (its cell and prose)", () => {
  it("greedy takes 我 (0.5 > 0.4) and ends with 我 想 at 0.5·0.35·0.6 = 0.105", () => {
    const g = greedy(A);
    expect(g.tokens).toEqual(["我", "想", EOS]);
    expect(Math.exp(g.logp)).toBeCloseTo(0.105, 12);
  });

  it("beam 2 without a length penalty keeps 他 and picks the short 他 喜欢 (0.144 > 0.136)", () => {
    const r = beamSearch(A, 2, 0);
    expect(show(r.best ?? { tokens: [] })).toBe("他 喜欢");
    expect(Math.exp(r.best?.logp ?? 0)).toBeCloseTo(0.144, 12);
    expect(r.status.get("他")).toBe("live");
    expect(r.status.get(EOS)).toBe("pruned"); // the empty output ranks third at step 1
    const long = r.done.find((h) => show(h) === "他 喜欢 读 书");
    expect(Math.exp(long?.logp ?? 0)).toBeCloseTo(0.1361, 4);
  });

  it("α = 0.6 makes the long sentence win: −1.468 against −1.631", () => {
    const r = beamSearch(A, 2, 0.6);
    expect(show(r.best ?? { tokens: [] })).toBe("他 喜欢 读 书");
    expect(score(r.best as NonNullable<typeof r.best>, 0.6)).toBeCloseTo(-1.468, 3);
    const short = r.done.find((h) => show(h) === "他 喜欢");
    expect(score(short as NonNullable<typeof short>, 0.6)).toBeCloseTo(-1.631, 3);
  });

  it("beam 3 collects the empty output (P = 0.1) but it does not win here", () => {
    const r = beamSearch(A, 3, 0);
    expect(r.status.get(EOS)).toBe("done");
    expect(show(r.best ?? { tokens: [] })).toBe("他 喜欢");
  });

  it("beam 1 is greedy for every α on the slider", () => {
    for (let a = 0; a <= params.alpha.max + 1e-9; a += 0.05) {
      expect(beamSearch(A, 1, a).best?.tokens).toEqual(greedy(A).tokens);
      expect(beamSearch(E, 1, a).best?.tokens).toEqual(greedy(E).tokens);
    }
  });
});

describe("the model whose best output is empty (Stahlberg & Byrne 2019)", () => {
  it("exact search at α = 0 finds the empty output, P = 0.25", () => {
    expect(show(exactBest(E, 0))).toBe("（空）");
    expect(Math.exp(exactBest(E, 0).logp)).toBeCloseTo(0.25, 12);
  });

  it("a small beam misses it; beam 3 and up find it: a wider beam gives a worse output", () => {
    expect(best(E, 1, 0)).toBe("非常 感谢");
    expect(best(E, 2, 0)).toBe("非常 感谢");
    for (const k of [3, 4, 5]) expect(best(E, k, 0)).toBe("（空）");
  });

  it("α = 0.6 rescues the translation: −1.496 / ((5+3)/6)^0.6 = −1.259 beats −1.386", () => {
    expect(lp(3, 0.6)).toBeCloseTo((8 / 6) ** 0.6, 12);
    expect(lp(1, 0.6)).toBe(1); // the empty output has |Y| = 1 (just </s>): no normalisation
    for (const k of [3, 4, 5]) expect(best(E, k, 0.6)).toBe("非常 感谢");
  });
});

describe("search tree", () => {
  it("has one row per complete output; a parent sits between its first and last child", () => {
    const nodes = tree(A);
    expect(nodes).toHaveLength(26);
    const leaves = nodes.filter((n) => n.token === EOS);
    expect(leaves.map((n) => n.row)).toEqual(leaves.map((_, i) => i));
    const root = nodes[0];
    expect(root.key).toBe("");
    const row = (k: string) => nodes.find((n) => n.key === k)?.row;
    // 我 想 spans rows 0–1, 我 </s> is row 5: 我 sits at (0.5 + 5)/2; the root between 我 and </s> (row 12).
    expect(row("我 想")).toBe(0.5);
    expect(row("我")).toBe(2.75);
    expect(root.row).toBe((2.75 + 12) / 2);
    expect(nodes.find((n) => n.key === "他 喜欢 读")?.depth).toBe(3);
  });

  it("the figure's SVG coordinates are whole pixels and the chosen path reaches the chosen leaf", () => {
    const fig = figures(BASE, { width: 440 }).tree;
    expect(fig.height).toBe(30 + 13 * 20);
    const chosen = fig.marks?.find((m) => (m as { className?: string }).className === "beam-chosen") as unknown as {
      data: { x2: number; y2: number }[];
    };
    expect(chosen.data).toHaveLength(3); // 他 → 喜欢 → </s>
    for (const e of chosen.data) {
      expect(Number.isInteger(e.x2)).toBe(true);
      expect(Number.isInteger(e.y2)).toBe(true);
    }
  });
});

describe("parameters and read-outs", () => {
  it("validate URL values at the edges", () => {
    expect(parseValue(params.beam, "5")).toBe(5);
    expect(parseValue(params.beam, "6")).toBeUndefined();
    expect(parseValue(params.beam, "2.5")).toBeUndefined();
    expect(parseValue(params.alpha, "1")).toBe(1);
    expect(parseValue(params.alpha, "-0.1")).toBeUndefined();
    expect(parseValue(params.model, "gpt")).toBeUndefined();
  });

  it("state the article's numbers by default", () => {
    const r = readouts(BASE);
    expect(r.greedy).toBe("贪心：“我 想”，P = 0.105，log P = −2.254");
    expect(r.beam).toBe(
      "beam = 2、α = 0：选中“他 喜欢”，P = 0.144，log P = −1.938，|Y| = 3（含 </s>），打分 log P / lp = −1.938（概率比贪心高）",
    );
    expect(r.done).toContain("束搜索收下 5 个完成假设，打分前 4：他 喜欢 −1.938，他 喜欢 读 书 −1.995");
    expect(r.done).toContain("穷举全部 13 个输出，α = 0 下最优的是“他 喜欢”，束搜索找到了它");
  });

  it("flag the empty output and a missed optimum", () => {
    expect(readouts({ model: "empty", beam: 3, alpha: 0 }).beam).toContain("选中“（空）”，P = 0.250");
    expect(readouts({ model: "empty", beam: 3, alpha: 0 }).beam).toContain("空输出：长度偏置的极端情形");
    expect(readouts({ model: "empty", beam: 2, alpha: 0 }).done).toContain("最优的是“（空）”，束搜索没有找到它");
    expect(readouts({ model: "article", beam: 1, alpha: 0.6 }).done).toContain("束搜索没有找到它");
  });
});
