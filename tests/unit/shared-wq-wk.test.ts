import { describe, expect, it } from "vitest";
import {
  attention,
  averageStats,
  draw,
  matmul,
  readouts,
  scores,
  softmaxRows,
  stats,
} from "../../components/demos/shared-wq-wk/model";

const DEFAULTS = { mode: "indep", n: 8, dModel: 128, dk: 32, seed: 1 } as const;

describe("building blocks", () => {
  it("multiply, score and softmax hand-computed cases", () => {
    const A = [Float64Array.from([1, 2]), Float64Array.from([3, 4])];
    const B = [Float64Array.from([5, 6]), Float64Array.from([7, 8])];
    expect(matmul(A, B).map((r) => Array.from(r))).toEqual([
      [19, 22],
      [43, 50],
    ]);
    expect(scores(A, A, 1)).toEqual([
      [5, 11],
      [11, 25],
    ]);
    const [row] = softmaxRows([[0, Math.log(3)]]);
    expect(row[0]).toBeCloseTo(0.25, 12);
    expect(row[1]).toBeCloseTo(0.75, 12);
  });

  it("draws deterministically; more tokens keep the earlier ones, a larger d_k appends columns", () => {
    const a = draw(8, 64, 16, 3);
    expect(draw(8, 64, 16, 3)).toEqual(a);
    const more = draw(12, 64, 32, 3);
    for (let i = 0; i < 8; i++) expect(Array.from(more.X[i])).toEqual(Array.from(a.X[i]));
    for (let r = 0; r < 64; r++) expect(Array.from(more.WQ[r].subarray(0, 16))).toEqual(Array.from(a.WQ[r]));
    expect(draw(8, 64, 16, 4).X[0]).not.toEqual(a.X[0]);
    // W entries ~ N(0, 1/d_model)
    const w = draw(4, 512, 64, 1).WK.flatMap((r) => Array.from(r));
    const variance = w.reduce((acc, x) => acc + x * x, 0) / w.length;
    expect(variance * 512).toBeGreaterThan(0.95);
    expect(variance * 512).toBeLessThan(1.05);
  });
});

describe("shared vs separate projections", () => {
  it("sharing W makes the scores exactly symmetric with the largest entry of each row on the diagonal (Cauchy–Schwarz for equal norms)", () => {
    const all = attention(DEFAULTS);
    const { S } = all.shared;
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) {
        expect(S[i][j]).toBe(S[j][i]);
        expect(S[i][j]).toBeLessThanOrEqual(Math.sqrt(S[i][i] * S[j][j]) + 1e-12);
      }
    }
    expect(stats(all.shared).scoreAsymmetry).toBe(0);
    expect(stats(all.none).scoreAsymmetry).toBe(0);
    expect(stats(all.indep).scoreAsymmetry).toBeGreaterThan(1);
    // Weights are not symmetric even when scores are: A_ij / A_ji = Z_j / Z_i.
    expect(stats(all.shared).weightAsymmetry).toBeGreaterThan(0.01);
    all.shared.A.forEach((row) => {
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    });
  });

  it("reproduces the article's table: d_model = 512, d_k = 64, 16 tokens", () => {
    const avg = averageStats(16, 512, 64, 120);
    expect(avg.indep.diagonalMean).toBeGreaterThan(0.05); // article: 0.063 ≈ 1/16
    expect(avg.indep.diagonalMean).toBeLessThan(0.08);
    expect(avg.indep.selfTopShare).toBeGreaterThan(0.03); // article: 6.4%
    expect(avg.indep.selfTopShare).toBeLessThan(0.1);
    expect(avg.shared.diagonalMean).toBeCloseTo(0.98, 2);
    expect(avg.shared.selfTopShare).toBe(1);
    expect(avg.none.diagonalMean).toBeCloseTo(1, 3);
    expect(avg.none.selfTopShare).toBe(1);
  });

  it("matches the article's smaller cell: 8 tokens, d_model = 128, d_k = 32", () => {
    const avg = averageStats(8, 128, 32, 150);
    expect(avg.indep.diagonalMean).toBeGreaterThan(0.09); // article's single draw: 0.16; 1/n = 0.125
    expect(avg.indep.diagonalMean).toBeLessThan(0.17);
    expect(avg.shared.diagonalMean).toBeCloseTo(0.92, 1);
    expect(avg.none.diagonalMean).toBeGreaterThan(0.99);
  });

  it("a narrower d_k weakens the shared diagonal bias", () => {
    const narrow = averageStats(8, 128, 2, 100);
    const wide = averageStats(8, 128, 32, 100);
    expect(narrow.shared.diagonalMean).toBeLessThan(wide.shared.diagonalMean - 0.3);
  });
});

describe("read-outs", () => {
  it("report symmetry and diagonal dominance for the chosen mode and compare all three", () => {
    const indep = readouts(DEFAULTS);
    expect(indep.sym).toMatch(/^打分 S：max \|s_ij − s_ji\| = \d+\.\d\d，不对称；权重 A：/);
    expect(indep.diag).toMatch(/是均匀分配 1\/n = 0\.125 的 \d\.\d 倍；8 行中有 \d 行/);
    const shared = readouts({ ...DEFAULTS, mode: "shared" });
    expect(shared.sym).toContain("max |s_ij − s_ji| = 0.00，关于对角线对称");
    expect(shared.sym).toContain("按行 softmax 之后不再对称");
    expect(shared.diag).toMatch(/^对角线平均权重 0\.9\d，是均匀分配 1\/n = 0\.125 的 7\.\d 倍；8 行中有 8 行/);
    expect(shared.compare).toBe(indep.compare);
    expect(shared.compare).toMatch(
      /^同一组 token 与权重，对角线平均权重：独立 0\.\d\d · 共享 W 0\.9\d · Q = K = X 1\.00$/,
    );
    expect(readouts({ ...DEFAULTS, mode: "none" }).sym).not.toContain("不再对称"); // A ≈ identity
  });
});
