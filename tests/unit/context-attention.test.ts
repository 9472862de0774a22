import { describe, expect, it } from "vitest";
import {
  attentionRow,
  type ContextState,
  compare,
  PAIRS,
  readouts,
  type Word,
} from "../../components/demos/context-attention/model";

const DEFAULTS: ContextState = { pair: "apple", pe: "on", head: 1 };
const f3 = (xs: number[]) => xs.map((x) => Number(x.toFixed(3)));

describe("the article's toy head (seed 2024)", () => {
  it("reproduces the table: 苹果 in 我吃了苹果 and in 苹果发布了手机", () => {
    const cmp = compare(DEFAULTS);
    expect(f3(cmp.a.weights)).toEqual([0.272, 0.235, 0.261, 0.232]);
    expect(f3(cmp.b.weights)).toEqual([0.161, 0.022, 0.211, 0.606]);
    expect(cmp.sameQuery).toBe(false); // positions 3 and 0 have different encodings
  });

  it("without positions: the same score −1.111 for 了 gets weights 0.092 and 0.156", () => {
    const cmp = compare({ ...DEFAULTS, pe: "off" });
    expect(cmp.sameQuery).toBe(true);
    expect(cmp.sharedKey?.word).toBe("了");
    expect(Number(cmp.sharedKey?.score.toFixed(3))).toBe(-1.111);
    expect(Number(cmp.sharedKey?.weightA.toFixed(3))).toBe(0.092);
    expect(Number(cmp.sharedKey?.weightB.toFixed(3))).toBe(0.156);
  });

  it("gives the two 我 in 我爱我的家 identical rows without positions and differing by 0.204 with them", () => {
    expect(compare({ ...DEFAULTS, pair: "wo", pe: "off" }).maxDiff).toBe(0);
    expect(Number(compare({ ...DEFAULTS, pair: "wo" }).maxDiff?.toFixed(3))).toBe(0.204);
  });
});

describe("attention rows", () => {
  it("are probability distributions, deterministic, and differ between heads", () => {
    for (const key of Object.keys(PAIRS) as (keyof typeof PAIRS)[]) {
      for (const pe of ["on", "off"] as const) {
        for (const head of [1, 2, 3] as const) {
          const cmp = compare({ pair: key, pe, head });
          for (const r of [cmp.a, cmp.b]) {
            expect(r.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
            for (const w of r.weights) expect(w).toBeGreaterThan(0);
          }
        }
      }
    }
    expect(compare(DEFAULTS)).toEqual(compare(DEFAULTS));
    expect(compare({ ...DEFAULTS, head: 2 }).a.weights).not.toEqual(compare(DEFAULTS).a.weights);
  });

  it("are permutation-equivariant without positional encoding (self-attention sees a set)", () => {
    const sentence: Word[] = ["苹果", "发布", "了", "手机"];
    const order = [2, 0, 3, 1];
    const shuffled = order.map((j) => sentence[j]);
    const row = attentionRow(sentence, 0, false);
    const moved = attentionRow(shuffled, order.indexOf(0), false);
    order.forEach((j, k) => {
      expect(moved.weights[k]).toBeCloseTo(row.weights[j], 12);
    });
    // With positions the shuffled sentence gives a different row.
    const withPE = attentionRow(shuffled, order.indexOf(0), true);
    expect(Math.abs(withPE.weights[1] - attentionRow(sentence, 0, true).weights[0])).toBeGreaterThan(1e-3);
  });

  it("in the first layer, the same word at the same position has the same query in any sentence", () => {
    const le = compare({ ...DEFAULTS, pair: "le" });
    expect(le.sameQuery).toBe(true);
    expect(le.sharedKey?.word).toBe("了"); // its own key: same score, different weight
    expect(le.sharedKey?.weightA).not.toBeCloseTo(le.sharedKey?.weightB ?? 0, 2);
  });
});

describe("read-outs", () => {
  it("list both rows and explain the difference", () => {
    const text = readouts(DEFAULTS);
    expect(text.a).toBe("“我吃了苹果”中位置 3 的“苹果”：我 0.272，吃 0.235，了 0.261，苹果 0.232");
    expect(text.b).toBe("“苹果发布了手机”中位置 0 的“苹果”：苹果 0.161，发布 0.022，了 0.211，手机 0.606");
    expect(text.why).toContain("位置 3 与位置 0 的位置编码不同");
    expect(readouts({ ...DEFAULTS, pe: "off" }).why).toContain("“了”的打分两边都是 −1.111，权重却是 0.092 与 0.156");
    expect(readouts({ ...DEFAULTS, pair: "wo", pe: "off" }).why).toContain("完全相同（最大差 0）");
    expect(readouts({ ...DEFAULTS, pair: "wo" }).why).toContain("最大差 0.204");
  });
});
