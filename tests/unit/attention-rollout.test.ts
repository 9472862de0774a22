import { describe, expect, it } from "vitest";
import {
  EMBEDDINGS,
  HEAD,
  LAYERS,
  matmul,
  params,
  type RolloutState,
  readouts,
  rollout,
  saliency,
  TOKENS,
  withResidual,
} from "../../components/demos/attention-rollout/model";
import { defaultState } from "../../src/lib/url-state";

const BASE: RolloutState = defaultState(params);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe("the article's attention stack", () => {
  it("is the cell's three row-stochastic 4 × 4 matrices", () => {
    expect(TOKENS).toEqual(["[CLS]", "电影", "不", "好看"]);
    expect(LAYERS).toHaveLength(3);
    for (const A of LAYERS) for (const row of A) expect(sum(row)).toBeCloseTo(1, 12);
    expect(LAYERS[2][0]).toEqual([0.6, 0.3, 0.05, 0.05]);
  });
});

describe("attention rollout (Abnar & Zuidema: 0.5·W + 0.5·I, recursive product)", () => {
  it("gives [CLS] ≈ (0.499, 0.167, 0.142, 0.191): 不 and 好看 together about a third", () => {
    const row = rollout(0.5)[0];
    // Hand-multiplied with exact decimals.
    expect(row[0]).toBeCloseTo(0.499125, 12);
    expect(row[1]).toBeCloseTo(0.167125, 12);
    expect(row[2]).toBeCloseTo(0.142375, 12);
    expect(row[3]).toBeCloseTo(0.191375, 12);
    expect(row[2] + row[3]).toBeCloseTo(1 / 3, 2);
    // while the last layer's raw attention gives them 0.05 each
    expect(LAYERS[2][0][2] + LAYERS[2][0][3]).toBeCloseTo(0.1, 12);
  });

  it("equals the cell's recursion Ã(l) = A(l)·Ã(l−1), and every row still sums to 1", () => {
    const A = LAYERS.map((W) => withResidual(W, 0.5));
    expect(rollout(0.5)).toEqual(matmul(A[2], matmul(A[1], A[0])));
    for (const r of [0, 0.1, 0.5, 0.9, 1]) {
      for (const row of rollout(r)) expect(sum(row)).toBeCloseTo(1, 12);
    }
  });

  it("r = 0 is the plain product (the cell's 直接连乘), r = 1 the identity; layer 1 alone is A(1)", () => {
    const plain = rollout(0)[0];
    [0.243, 0.207, 0.314, 0.236].forEach((v, j) => {
      expect(plain[j]).toBeCloseTo(v, 3);
    });
    expect(rollout(1)).toEqual(TOKENS.map((_, i) => TOKENS.map((__, j) => (i === j ? 1 : 0))));
    expect(rollout(0.5, 1)).toEqual(withResidual(LAYERS[0], 0.5));
  });

  it("more residual weight keeps [CLS] on itself (r = 0.9: 0.876)", () => {
    expect(rollout(0.9)[0][0]).toBeCloseTo(0.8764, 4);
    expect(rollout(0.1)[0][0]).toBeCloseTo(0.2785, 4);
  });
});

describe("gradient × input on the toy model", () => {
  it("is complete: the contributions sum to F for both value matrices and every depth", () => {
    for (const values of ["identity", "skewed"]) {
      for (const L of [1, 2, 3]) {
        const s = saliency(values, L);
        expect(sum(s.gradInput)).toBeCloseTo(s.F, 12);
      }
    }
  });

  it("with W_V = I it is 2^L × the r = 0.5 rollout × each token's head score w·x_j", () => {
    for (const L of [1, 2, 3]) {
      const s = saliency("identity", L);
      const roll = rollout(0.5, L)[0];
      EMBEDDINGS.forEach((x, j) => {
        const score = sum(x.map((v, k) => v * HEAD[k]));
        expect(s.gradInput[j]).toBeCloseTo(2 ** L * roll[j] * score, 12);
      });
    }
    expect(saliency("identity").F).toBeCloseTo(0.747, 12);
  });

  it("matches finite differences of F with respect to the embeddings", () => {
    // F is linear in the embeddings (the attention is fixed), so a unit step gives the exact slope.
    const forward = (emb: number[][], values: string) => {
      const diag = values === "identity" ? [1, 1, 1, 1] : [1, 1, 0.5, 1.5];
      let h = emb.map((r) => [...r]);
      for (const P of LAYERS) {
        const mixed = matmul(P, h).map((row) => row.map((v, k) => v * diag[k]));
        h = h.map((row, i) => row.map((v, k) => v + mixed[i][k]));
      }
      return sum(h[0].map((v, k) => v * HEAD[k]));
    };
    for (const values of ["identity", "skewed"]) {
      const s = saliency(values);
      expect(forward(EMBEDDINGS, values)).toBeCloseTo(s.F, 12);
      EMBEDDINGS.forEach((x, j) => {
        const k = x.indexOf(1);
        const bumped = EMBEDDINGS.map((row, i) => row.map((v, kk) => (i === j && kk === k ? v + 1 : v)));
        expect(forward(bumped, values) - s.F).toBeCloseTo(s.gradInput[j], 12);
      });
    }
  });

  it("changing W_V flips the decision although attention and rollout are unchanged", () => {
    expect(saliency("identity").F).toBeGreaterThan(0);
    expect(saliency("skewed").F).toBeLessThan(0);
    expect(readouts({ ...BASE, values: "skewed" }).cls).toBe(readouts(BASE).cls);
  });
});

describe("read-outs", () => {
  it("state the article's numbers by default", () => {
    const r = readouts(BASE);
    expect(r.cls).toContain("第 3 层原始注意力给“不”“好看”共 0.10");
    expect(r.cls).toContain("给 0.33");
    expect(r.cls).toContain("[CLS] 0.499，电影 0.167，不 0.142，好看 0.191");
    expect(r.grad).toContain("F（负面分数）= 0.75，判为负面");
    expect(r.grad).toContain("不 +2.28，好看 −1.53；之和 0.75 = F");
    expect(readouts({ ...BASE, values: "skewed" }).grad).toContain("= −2.68，判为正面");
  });
});
