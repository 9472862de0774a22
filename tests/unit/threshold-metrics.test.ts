import { describe, expect, it } from "vitest";
import { figures, histogram } from "../../components/demos/threshold-metrics/chart";
import {
  aucRank,
  aucTrapezoid,
  averagePrecision,
  confusion,
  metrics,
  negWeight,
  params,
  readouts,
  rocCurve,
  scores,
  summary,
  sweepThresholds,
  type ThrState,
} from "../../components/demos/threshold-metrics/model";
import { defaultState, parseValue } from "../../src/lib/url-state";

const BASE: ThrState = defaultState(params);
const SHARES = params.share.options;

/** Four positives and four negatives, with one tie across the classes (0.4). */
const POS = [0.9, 0.8, 0.4, 0.3];
const NEG = [0.7, 0.4, 0.2, 0.1];

describe("confusion matrix and metrics on a tiny score list (hand-computed)", () => {
  it("t = 0.5: TP 2, FP 1, FN 2, TN 3", () => {
    const c = confusion(POS, NEG, 0.5);
    expect(c).toEqual({ tp: 2, fp: 1, fn: 2, tn: 3 });
    const m = metrics(c);
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(1 / 2, 12);
    // Harmonic mean 2PR/(P+R) = (2/3)/(7/6) = 4/7, the same as 2TP/(2TP+FP+FN).
    expect(m.f1).toBeCloseTo(4 / 7, 12);
    expect(m.f1).toBeCloseTo((2 * (2 / 3) * (1 / 2)) / (2 / 3 + 1 / 2), 12);
    expect(m.fpr).toBeCloseTo(1 / 4, 12);
    expect(m.accuracy).toBeCloseTo(5 / 8, 12);
  });

  it("a score equal to the threshold is predicted positive (score ≥ t), on both sides of a tie", () => {
    const c = confusion(POS, NEG, 0.4);
    expect(c).toEqual({ tp: 3, fp: 2, fn: 1, tn: 2 });
    const m = metrics(c);
    expect(m.precision).toBeCloseTo(3 / 5, 12);
    expect(m.recall).toBeCloseTo(3 / 4, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
  });

  it("threshold above every score: precision is 0/0 (null, not 0 or 1), recall and F1 are 0", () => {
    const c = confusion(POS, NEG, 1);
    expect(c).toEqual({ tp: 0, fp: 0, fn: 4, tn: 4 });
    const m = metrics(c);
    expect(m.precision).toBeNull();
    expect(m.recall).toBe(0);
    expect(m.f1).toBe(0);
    expect(m.fpr).toBe(0);
    expect(m.accuracy).toBe(0.5);
  });

  it("threshold below every score: everything positive, recall 1, precision = the positive share", () => {
    const m = metrics(confusion(POS, NEG, 0));
    expect(m.recall).toBe(1);
    expect(m.fpr).toBe(1);
    expect(m.precision).toBe(0.5);
  });

  it("a negative weight multiplies FP and TN only", () => {
    expect(confusion(POS, NEG, 0.5, 3)).toEqual({ tp: 2, fp: 3, fn: 2, tn: 9 });
    const m = metrics(confusion(POS, NEG, 0.5, 3));
    expect(m.precision).toBeCloseTo(2 / 5, 12);
    expect(m.recall).toBeCloseTo(1 / 2, 12);
    expect(m.fpr).toBeCloseTo(1 / 4, 12);
  });
});

describe("AUC, ROC and average precision", () => {
  it("AUC is the Mann–Whitney statistic: 12.5 of 16 pairs ranked right (the tie counts ½)", () => {
    expect(aucRank(POS, NEG)).toBe(12.5 / 16);
    expect(aucTrapezoid(POS, NEG)).toBeCloseTo(12.5 / 16, 12);
  });

  it("the exact ROC walk of the tiny list, from (0, 0) to (1, 1)", () => {
    const roc = rocCurve(POS, NEG, sweepThresholds(POS, NEG)).map((p) => [p.fpr, p.tpr]);
    expect(roc).toEqual([
      [0, 0],
      [0, 0.25],
      [0, 0.5],
      [0.25, 0.5],
      [0.5, 0.75], // the tie at 0.4 moves both at once: a diagonal step
      [0.5, 1],
      [0.75, 1],
      [1, 1],
    ]);
  });

  it("average precision Σ (Rₙ − Rₙ₋₁)·Pₙ: 49/60, and 41/60 with every negative counted 3 times", () => {
    expect(averagePrecision(POS, NEG)).toBeCloseTo(49 / 60, 12);
    expect(averagePrecision(POS, NEG, 3)).toBeCloseTo(41 / 60, 12);
  });

  it("the trapezoid area equals the rank statistic on the demo's own samples", () => {
    for (const d of [0, 0.7, 1.5, 4]) {
      const { pos, neg } = scores(d);
      expect(aucTrapezoid(pos, neg)).toBeCloseTo(aucRank(pos, neg), 12);
    }
  });

  it("AUC grows with the class separation: ~0.5 at d′ = 0, near 1 at d′ = 4", () => {
    const auc = (d: number) => summary({ ...BASE, d }).auc;
    expect(Math.abs(auc(0) - 0.5)).toBeLessThan(0.05);
    expect(auc(1.5)).toBeCloseTo(0.848, 3);
    expect(auc(4)).toBeGreaterThan(0.99);
    for (let d = 0.1; d <= 4; d += 0.1) expect(auc(d)).toBeGreaterThanOrEqual(auc(d - 0.1));
  });

  it("the operating point is a vertex of both drawn curves, whatever the threshold", () => {
    for (const t of [-3, -0.37, 0.5, 1.23, 2, 5]) {
      for (const share of [20, 1]) {
        const m = summary({ ...BASE, t, share });
        const fpr = m.metrics.fpr;
        const tpr = m.metrics.recall;
        expect(m.roc.some((p) => p.fpr === fpr && p.tpr === tpr)).toBe(true);
        if (m.metrics.precision !== null) {
          expect(m.pr.some((p) => p.recall === tpr && p.precision === m.metrics.precision)).toBe(true);
        }
      }
    }
  });

  it("the drawn ROC curve is monotone from (0, 0) to (1, 1) with at most 100 points", () => {
    for (const d of [0, 1.5, 4]) {
      const roc = summary({ ...BASE, d }).roc;
      expect(roc.length).toBeLessThanOrEqual(100);
      expect([roc[0].fpr, roc[0].tpr]).toEqual([0, 0]);
      expect([roc.at(-1)?.fpr, roc.at(-1)?.tpr]).toEqual([1, 1]);
      for (let i = 1; i < roc.length; i++) {
        expect(roc[i].fpr).toBeGreaterThanOrEqual(roc[i - 1].fpr);
        expect(roc[i].tpr).toBeGreaterThanOrEqual(roc[i - 1].tpr);
      }
    }
  });
});

describe("threshold and class imbalance on the demo's data", () => {
  it("raising the threshold never raises recall or FPR, and moves the operating point towards (0, 0)", () => {
    let prev = summary({ ...BASE, t: params.t.min }).metrics;
    for (let t = params.t.min + 0.25; t <= params.t.max; t += 0.25) {
      const m = summary({ ...BASE, t }).metrics;
      expect(m.recall ?? 0).toBeLessThanOrEqual(prev.recall ?? 0);
      expect(m.fpr ?? 0).toBeLessThanOrEqual(prev.fpr ?? 0);
      prev = m;
    }
    const at = (t: number) => summary({ ...BASE, t }).metrics;
    expect(at(1.5).precision ?? 0).toBeGreaterThan(at(0.5).precision ?? 1);
    expect(at(1.5).recall ?? 1).toBeLessThan(at(0.5).recall ?? 0);
  });

  it("imbalance leaves TPR, FPR, the ROC curve and AUC unchanged, and lowers precision and AP", () => {
    const runs = SHARES.map((share) => summary({ ...BASE, share }));
    for (const [i, r] of runs.entries()) {
      expect(r.nPos / (r.nPos + r.nNeg)).toBeCloseTo(SHARES[i] / 100, 12);
      expect(r.metrics.recall).toBe(runs[0].metrics.recall);
      expect(r.metrics.fpr).toBe(runs[0].metrics.fpr);
      expect(r.auc).toBe(runs[0].auc);
      expect(r.roc).toEqual(runs[0].roc);
    }
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i].metrics.precision ?? 1).toBeLessThan(runs[i - 1].metrics.precision ?? 0);
      expect(runs[i].ap).toBeLessThan(runs[i - 1].ap);
      expect(runs[i].allNegativeAccuracy).toBeGreaterThan(runs[i - 1].allNegativeAccuracy);
    }
    // At 1 % the operating point's precision is P = πTPR / (πTPR + (1 − π)FPR).
    const one = runs.at(-1);
    const tpr = one?.metrics.recall ?? 0;
    const fpr = one?.metrics.fpr ?? 0;
    expect(one?.metrics.precision).toBeCloseTo((0.01 * tpr) / (0.01 * tpr + 0.99 * fpr), 12);
  });

  it("every offered share gives whole counts", () => {
    for (const share of SHARES) expect(Number.isInteger(negWeight(share))).toBe(true);
    expect(negWeight(20)).toBe(4);
    expect(negWeight(1)).toBe(99);
  });
});

describe("controls, read-outs and figures", () => {
  it("accepts only the controls' ranges from a link", () => {
    expect(BASE).toEqual({ t: 0.5, d: 1.5, share: 20 });
    expect(parseValue(params.t, "-3")).toBe(-3);
    expect(parseValue(params.t, "5.5")).toBeUndefined();
    expect(parseValue(params.d, "-0.1")).toBeUndefined();
    expect(parseValue(params.share, "1")).toBe(1);
    expect(parseValue(params.share, "3")).toBeUndefined();
  });

  it("state the numbers of the default (the article's toy classifier at 20 % positives)", () => {
    expect(readouts(BASE)).toEqual({
      matrix: "正例 200、负例 800，阈值 t = 0.5：TP 136，FP 136，FN 64，TN 664",
      pr: "precision 0.500，recall（TPR）0.680，F1 0.576",
      rates: "FPR 0.170；accuracy 0.800，而全部判负的 accuracy 就有 0.800",
      auc: "ROC-AUC 0.848（与正例占比无关）；PR-AUC（average precision）0.599，随机排序约为 0.20",
    });
    const one = readouts({ ...BASE, share: 1 });
    expect(one.matrix).toBe("正例 200、负例 19800，阈值 t = 0.5：TP 136，FP 3366，FN 64，TN 16434");
    expect(one.pr).toBe("precision 0.039，recall（TPR）0.680，F1 0.073");
    expect(one.rates).toBe("FPR 0.170；accuracy 0.829，而全部判负的 accuracy 就有 0.990");
  });

  it("say clearly when precision is undefined", () => {
    const r = readouts({ ...BASE, t: 5 });
    expect(r.matrix).toContain("TP 0，FP 0，FN 200，TN 800");
    expect(r.pr).toBe("precision 无定义（没有样本被判为正，TP + FP = 0）；recall（TPR）0.000，F1 0.000");
  });

  it("histograms hold every sample, weighted", () => {
    const { pos, neg } = scores(4);
    const total = (h: { n: number }[]) => h.slice(0, -1).reduce((a, b) => a + b.n, 0);
    expect(total(histogram(pos, 1))).toBe(200);
    expect(total(histogram(neg, 99))).toBe(19800);
  });

  it("keep every drawn line under 100 points, drop the PR point when precision is undefined", () => {
    const sizes = (s: ThrState) =>
      Object.fromEntries(
        Object.entries(figures(s, { width: 440 })).flatMap(([key, f]) =>
          (f.marks ?? []).map((mark, i) => {
            const m = mark as { className?: string; data?: unknown[] };
            return [`${key}.${m.className ?? i}`, m.data?.length ?? 0];
          }),
        ),
      );
    const base = sizes(BASE);
    for (const [key, n] of Object.entries(base)) expect(n, key).toBeLessThanOrEqual(100);
    expect(base["roc.thr-roc"]).toBe(52); // ≤ 52 thresholds, repeated points dropped
    expect(base["pr.thr-pr-now"]).toBe(1);
    const above = sizes({ ...BASE, t: 5 });
    expect(above["pr.thr-pr-now"]).toBeUndefined();
    expect(above["pr.thr-pr-undefined"]).toBe(1);
  });

  it("draw the same ROC figure for every class balance", () => {
    const roc = (share: number) => JSON.stringify(figures({ ...BASE, share }, { width: 440 }).roc);
    for (const share of SHARES) expect(roc(share)).toBe(roc(20));
    expect(JSON.stringify(figures({ ...BASE, share: 1 }, { width: 440 }).pr)).not.toBe(
      JSON.stringify(figures(BASE, { width: 440 }).pr),
    );
  });
});
