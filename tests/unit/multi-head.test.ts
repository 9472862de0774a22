import { describe, expect, it } from "vitest";
import {
  BLOCK,
  D_MODEL,
  heads,
  headTitle,
  MATCH,
  N,
  QK,
  RELATIONS,
  readouts,
  softmax,
  TOKENS,
  topKeys,
} from "../../components/demos/multi-head/model";

const SLEEP = TOKENS.indexOf("睡");
const CAT = TOKENS.indexOf("猫");
const ALWAYS = TOKENS.indexOf("总是");

describe("the hand-built queries and keys", () => {
  it("score exactly MATCH for a related pair inside its block and 0 otherwise", () => {
    RELATIONS.forEach((relation, b) => {
      if (!relation) return;
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < N; j++) {
          let s = 0;
          for (let c = b * BLOCK; c < (b + 1) * BLOCK; c++) s += QK.Q[i][c] * QK.K[j][c];
          const related = relation.pairs.some(([qi, kj]) => qi === i && kj === j);
          expect(s).toBe(related ? MATCH : 0);
        }
      }
    });
  });
});

describe("splitting into heads", () => {
  it("gives h heads of d_k = 64/h over consecutive blocks", () => {
    for (const h of [1, 2, 4, 8]) {
      const hs = heads(h);
      expect(hs).toHaveLength(h);
      expect(hs.every((head) => head.dk === D_MODEL / h)).toBe(true);
      expect(hs.flatMap((head) => head.blocks)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      for (const head of hs) for (const row of head.weights) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(headTitle(heads(4)[0])).toBe("头 1：前词+主语");
    expect(headTitle(heads(2)[1])).toBe("头 2：自己+中心词+随机");
  });

  it("one head's unscaled scores are the sum of the narrower heads' (the split only regroups dimensions)", () => {
    const one = heads(1)[0];
    const eight = heads(8);
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < N; j++) {
        const sum = eight.reduce((acc, head) => acc + head.scores[i][j] * Math.sqrt(head.dk), 0);
        expect(one.scores[i][j] * Math.sqrt(one.dk)).toBeCloseTo(sum, 10);
      }
    }
  });

  it("with 8 heads “睡” looks almost only at “总是” in head 1 and at “猫” in head 2 (12/√8 against 7 zeros)", () => {
    const [prev, subject] = heads(8);
    const sharp = Math.exp(MATCH / Math.sqrt(8)) / (Math.exp(MATCH / Math.sqrt(8)) + 7);
    expect(prev.weights[SLEEP][ALWAYS]).toBeCloseTo(sharp, 12);
    expect(subject.weights[SLEEP][CAT]).toBeCloseTo(sharp, 12);
    expect(sharp).toBeGreaterThan(0.9);
  });

  it("with 4 heads the two relations share head 1; with 1 head the row is spread thin", () => {
    const head1 = heads(4)[0].weights[SLEEP];
    expect(head1[CAT]).toBeCloseTo(head1[ALWAYS], 12);
    expect(head1[CAT]).toBeGreaterThan(0.4);
    expect(head1[CAT]).toBeLessThan(0.5);
    const single = heads(1)[0].weights[SLEEP];
    expect(Math.max(...single)).toBeLessThan(0.3);
    // the four related keys (总是, 猫, 在, 睡) carry most of the weight between them
    const related = [ALWAYS, CAT, TOKENS.indexOf("在"), SLEEP].reduce((acc, j) => acc + single[j], 0);
    expect(related).toBeGreaterThan(0.85);
  });

  it("softmax and topKeys work on a hand case", () => {
    expect(softmax([0, 0])).toEqual([0.5, 0.5]);
    expect(topKeys([0.1, 0.6, 0.3], 2)).toEqual([
      { token: TOKENS[1], w: 0.6 },
      { token: TOKENS[2], w: 0.3 },
    ]);
  });
});

describe("read-outs", () => {
  it("show d_k, constant parameters and each head's target for the chosen row", () => {
    const four = readouts({ h: 4, q: 5 });
    expect(four.dims).toBe(
      "h = 4：每头 d_k = 64/4 = 16，共 4 个 8×8 的注意力分布；Q、K、V、O 投影参数始终是 4·d_model² = 16,384 个，与 h 无关",
    );
    expect(four.row).toMatch(
      /^“睡”这一行：头 1 → (猫|总是) 0\.44、(猫|总是) 0\.44；头 2 → 在 0\.74；头 3 → 睡 0\.74；头 4/,
    );
    const eight = readouts({ h: 8, q: 5 });
    expect(eight.row).toContain("头 1 → 总是 0.91；头 2 → 猫 0.91");
    expect(eight.row).toContain("头 4 均匀分布");
    const one = readouts({ h: 1, q: 5 });
    expect(one.peak).toMatch(/^各头里“睡”给出的最大单个权重：0\.2\d（只有一个分布/);
    expect(readouts({ h: 8, q: 1 }).row).toContain("头 6 → 猫 0.91"); // 那只 → 猫 (modifier → head noun)
  });
});
