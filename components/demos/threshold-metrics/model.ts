/**
 * Threshold metrics (EVAL-01): a toy binary classifier whose scores are N(−0.5, 1) for negatives and
 * N(−0.5 + d′, 1) for positives, as in the article's code cell (d′ = 1.5 there); a score ≥ t is
 * predicted positive. From the confusion matrix at t: precision, recall (TPR), F1, FPR, accuracy; over
 * every threshold: the ROC curve with its AUC and the precision–recall curve with its average precision.
 *
 * The class balance is changed by weight, not by new draws: 200 seeded positive scores and 200 seeded
 * negative scores, each negative standing for k = (1 − π)/π negatives when positives are a share π.
 * So moving π changes only the class ratio: TPR and FPR at a threshold, the ROC curve and its AUC stay
 * exactly the same, and what moves (precision, the PR curve, accuracy) moves because of the ratio
 * alone, not because of sampling noise. Pure maths, no DOM.
 */
import { gaussian, mulberry32 } from "../../../src/lib/rng";
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

export const params = {
  t: {
    type: "number",
    label: "决策阈值 t（得分 ≥ t 判为正）",
    min: -3,
    max: 5,
    step: 0.05,
    default: 0.5,
  },
  d: {
    type: "number",
    label: "类别间距 d′（两类均值之差，方差都是 1）",
    min: 0,
    max: 4,
    step: 0.1,
    default: 1.5,
  },
  share: {
    type: "choice",
    label: "正例占比（类别不平衡）",
    options: [50, 20, 10, 5, 2, 1],
    default: 20,
    optionLabels: {
      "50": "50%（平衡）",
      "20": "20%（同正文代码）",
      "10": "10%",
      "5": "5%",
      "2": "2%",
      "1": "1%（极度不平衡）",
    },
  },
} satisfies ParamSpecs;

export type ThrState = StateOf<typeof params>;

/** Mean of the negative scores, as in the article's code cell; positives sit d′ higher. */
export const NEG_MEAN = -0.5;
/** Distinct seeded scores drawn per class. */
export const N_PER_CLASS = 200;
const SEED = 7;

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** Counts at threshold t (score ≥ t → positive); every negative counts `negWeight` times. */
export function confusion(pos: readonly number[], neg: readonly number[], t: number, negWeight = 1): Confusion {
  let tp = 0;
  let fp = 0;
  for (const s of pos) if (s >= t) tp++;
  for (const s of neg) if (s >= t) fp++;
  return { tp, fp: fp * negWeight, fn: pos.length - tp, tn: (neg.length - fp) * negWeight };
}

export interface Metrics {
  /** TP/(TP+FP); null when nothing is predicted positive (0/0). */
  precision: number | null;
  /** TPR = TP/(TP+FN); null without positives. */
  recall: number | null;
  /** 2TP/(2TP+FP+FN): the harmonic mean of P and R, and still defined (0) when TP = 0. */
  f1: number | null;
  /** FP/(FP+TN); null without negatives. */
  fpr: number | null;
  accuracy: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function metrics(c: Confusion): Metrics {
  return {
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
    fpr: ratio(c.fp, c.fp + c.tn),
    accuracy: (c.tp + c.tn) / (c.tp + c.fp + c.fn + c.tn),
  };
}

/** Mann–Whitney: P(s⁺ > s⁻) + ½·P(s⁺ = s⁻) over every (positive, negative) pair. */
export function aucRank(pos: readonly number[], neg: readonly number[]): number {
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

/** Every distinct score from high to low, preceded by +∞ (nothing predicted positive). */
export function sweepThresholds(pos: readonly number[], neg: readonly number[]): number[] {
  return [Number.POSITIVE_INFINITY, ...[...new Set([...pos, ...neg])].sort((a, b) => b - a)];
}

export interface RocPoint {
  t: number;
  fpr: number;
  tpr: number;
}

/** ROC points at the given thresholds (high to low gives a walk from (0, 0) to (1, 1)). */
export function rocCurve(pos: readonly number[], neg: readonly number[], thresholds: readonly number[]): RocPoint[] {
  return thresholds.map((t) => {
    const c = confusion(pos, neg, t);
    return { t, fpr: c.fp / neg.length, tpr: c.tp / pos.length };
  });
}

/** Area under the exact ROC staircase by the trapezoid rule (ties give the diagonal steps). */
export function aucTrapezoid(pos: readonly number[], neg: readonly number[]): number {
  const roc = rocCurve(pos, neg, [...sweepThresholds(pos, neg), Number.NEGATIVE_INFINITY]);
  let area = 0;
  for (let i = 1; i < roc.length; i++) area += ((roc[i].fpr - roc[i - 1].fpr) * (roc[i].tpr + roc[i - 1].tpr)) / 2;
  return area;
}

/**
 * Average precision Σ (Rₙ − Rₙ₋₁)·Pₙ over the distinct thresholds (the step-wise PR-AUC; no linear
 * interpolation, which is wrong in PR space).
 */
export function averagePrecision(pos: readonly number[], neg: readonly number[], negWeight = 1): number {
  let ap = 0;
  let prevRecall = 0;
  for (const t of sweepThresholds(pos, neg).slice(1)) {
    const m = metrics(confusion(pos, neg, t, negWeight));
    const recall = m.recall ?? 0;
    ap += (recall - prevRecall) * (m.precision ?? 0);
    prevRecall = recall;
  }
  return ap;
}

/** Weight of each drawn negative when positives are `share` % of the data. */
export const negWeight = (share: number) => (100 - share) / share;

/** The seeded standard-normal draws, shared by every d′ (only the shift changes). */
const Z = (() => {
  const normal = gaussian(mulberry32(SEED));
  const pos = Array.from({ length: N_PER_CLASS }, normal);
  const neg = Array.from({ length: N_PER_CLASS }, normal);
  return { pos, neg };
})();

export function scores(d: number): { pos: number[]; neg: number[] } {
  return { pos: Z.pos.map((z) => NEG_MEAN + d + z), neg: Z.neg.map((z) => NEG_MEAN + z) };
}

/** Curves keep at most this many thresholds, so each drawn line has ≤ ~100 points. */
const CURVE_POINTS = 50;

/** Drops points equal to the one before: thresholds between two scores add nothing to a curve but bytes. */
function dedupe<T>(points: T[], key: (p: T) => string): T[] {
  return points.filter((p, i) => i === 0 || key(p) !== key(points[i - 1]));
}

export interface ThrSummary {
  pos: number[];
  neg: number[];
  weight: number;
  nPos: number;
  nNeg: number;
  confusion: Confusion;
  metrics: Metrics;
  auc: number;
  ap: number;
  /** Accuracy of predicting every sample negative. */
  allNegativeAccuracy: number;
  /** ROC points from (0, 0) to (1, 1) on an even grid of thresholds. */
  roc: RocPoint[];
  /** (recall, precision) on the same grid, where precision is defined. */
  pr: { t: number; recall: number; precision: number }[];
}

export function summary(s: ThrState): ThrSummary {
  const { pos, neg } = scores(s.d);
  const weight = negWeight(s.share);
  const distinct = sweepThresholds(pos, neg).slice(1);
  // Every few distinct scores (so the curves' vertices are exact points of the empirical curves, dense
  // where the scores are), the lowest one (so the ROC reaches (1, 1)), and t itself (so the operating
  // point is a vertex, not a point off a chord).
  const picked = Array.from(
    { length: CURVE_POINTS },
    (_, i) => distinct[Math.round((i * (distinct.length - 1)) / (CURVE_POINTS - 1))],
  );
  const thresholds = [Number.POSITIVE_INFINITY, ...[...new Set([...picked, s.t])].sort((a, b) => b - a)];
  const roc = dedupe(rocCurve(pos, neg, thresholds), (p) => `${p.fpr},${p.tpr}`);
  const pr = dedupe(
    thresholds.flatMap((t) => {
      const m = metrics(confusion(pos, neg, t, weight));
      return m.precision === null || m.recall === null ? [] : [{ t, recall: m.recall, precision: m.precision }];
    }),
    (p) => `${p.recall},${p.precision}`,
  );
  const c = confusion(pos, neg, s.t, weight);
  const nNeg = neg.length * weight;
  return {
    pos,
    neg,
    weight,
    nPos: pos.length,
    nNeg,
    confusion: c,
    metrics: metrics(c),
    auc: aucRank(pos, neg),
    ap: averagePrecision(pos, neg, weight),
    allNegativeAccuracy: nNeg / (pos.length + nNeg),
    roc,
    pr,
  };
}

/** 0.7412 → "0.741"; null → "无定义". */
export const fmt = (x: number | null, digits = 3) => (x === null ? "无定义" : x.toFixed(digits));
/** Counts are whole (the weights are whole for every offered share); written like the article's 1960. */
export const count = (n: number) => String(Math.round(n));

export function readouts(s: ThrState): Record<string, string> {
  const m = summary(s);
  const c = m.confusion;
  const x = m.metrics;
  const pr =
    x.precision === null
      ? `precision 无定义（没有样本被判为正，TP + FP = 0）；recall（TPR）${fmt(x.recall)}，F1 ${fmt(x.f1)}`
      : `precision ${fmt(x.precision)}，recall（TPR）${fmt(x.recall)}，F1 ${fmt(x.f1)}`;
  return {
    matrix:
      `正例 ${count(m.nPos)}、负例 ${count(m.nNeg)}，阈值 t = ${s.t}：` +
      `TP ${count(c.tp)}，FP ${count(c.fp)}，FN ${count(c.fn)}，TN ${count(c.tn)}`,
    pr,
    rates:
      `FPR ${fmt(x.fpr)}；accuracy ${fmt(x.accuracy)}，` + `而全部判负的 accuracy 就有 ${fmt(m.allNegativeAccuracy)}`,
    auc: `ROC-AUC ${fmt(m.auc)}（与正例占比无关）；PR-AUC（average precision）${fmt(m.ap)}，随机排序约为 ${fmt(s.share / 100, 2)}`,
  };
}
