/** Threshold metrics: model output → Observable Plot options (used at build time and in the browser). */
import { areaY, dot, line, type PlotOptions, ruleX, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { fmt, NEG_MEAN, params, summary, type ThrState } from "./model";

export const CLASS_COLORS = { pos: COLORS.primary, neg: COLORS.secondary, point: COLORS.danger } as const;

/** Histogram bins: fixed, so the threshold line moves over a still axis. */
const BIN = 0.25;
const X_MIN = -4.5;
const X_MAX = NEG_MEAN + params.d.max + 4;
/** The ROC and PR figures sit side by side from this figure width on (the CSS container query matches). */
export const PAIR_FROM = 560;
const PAIR_GAP = 16;

/**
 * Step outline of a weighted histogram: one point per bin's left edge, then the right edge of the last
 * bin. Only the occupied bins (and an empty one each side) are kept: the rest is baseline, and bytes.
 */
export function histogram(scores: readonly number[], weight: number): { x: number; n: number }[] {
  const bins = Math.round((X_MAX - X_MIN) / BIN);
  const counts = new Array<number>(bins).fill(0);
  for (const s of scores) counts[Math.min(bins - 1, Math.max(0, Math.floor((s - X_MIN) / BIN)))] += weight;
  const first = Math.max(0, counts.findIndex((n) => n > 0) - 1);
  const last = Math.min(bins - 1, counts.findLastIndex((n) => n > 0) + 1);
  const kept = counts.slice(first, last + 1).map((n, i) => ({ x: X_MIN + (first + i) * BIN, n }));
  return [...kept, { x: X_MIN + (last + 1) * BIN, n: counts[last] }];
}

const halo = { stroke: "var(--bg, white)", strokeWidth: 3, paintOrder: "stroke" } as const;

export function figures(state: ThrState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const half = WIDTH >= PAIR_FROM ? Math.floor((WIDTH - PAIR_GAP) / 2) : WIDTH;
  const square = Math.min(half, 300);
  const { t, d, share } = state;
  const m = summary(state);
  const x = m.metrics;
  const fpr = x.fpr ?? 0;
  const tpr = x.recall ?? 0;
  const here = `t = ${t}`;

  return {
    scores: {
      ...FIGURE,
      width: WIDTH,
      height: 190,
      marginLeft: 44,
      marginRight: 12,
      marginTop: 18,
      marginBottom: 36,
      ariaLabel: `正例与负例的得分分布（d′ = ${d}，正例占 ${share}%），竖线是阈值 ${here}`,
      ariaDescription:
        `正例 ${m.nPos} 个、负例 ${m.nNeg} 个；阈值右侧的正例是 TP（${m.confusion.tp}），` +
        `右侧的负例是 FP（${m.confusion.fp}）`,
      x: { domain: [X_MIN, X_MAX], label: "得分", labelAnchor: "center", ticks: 6, round: true },
      y: { type: "sqrt", label: "样本数（平方根刻度）", ticks: 3, tickSize: 0, round: true },
      marks: [
        areaY(histogram(m.neg, m.weight), {
          x: "x",
          y: "n",
          curve: "step-after",
          fill: CLASS_COLORS.neg,
          fillOpacity: 0.45,
          className: "thr-neg",
        }),
        areaY(histogram(m.pos, 1), {
          x: "x",
          y: "n",
          curve: "step-after",
          fill: CLASS_COLORS.pos,
          fillOpacity: 0.55,
          className: "thr-pos",
        }),
        ruleY([0]),
        ruleX([t], { stroke: "currentColor", strokeWidth: 2, className: "thr-threshold" }),
        text([{ t, label: `${here}，右侧判为正` }], {
          x: "t",
          frameAnchor: "top",
          text: "label",
          dy: -14,
          textAnchor: t > (X_MIN + X_MAX) / 2 ? "end" : "start",
          dx: t > (X_MIN + X_MAX) / 2 ? -4 : 4,
          fill: "currentColor",
          className: "thr-threshold-label",
          ...halo,
        }),
      ],
    },
    roc: {
      ...FIGURE,
      width: half,
      height: square,
      marginLeft: 40,
      marginRight: 14,
      marginTop: 26,
      marginBottom: 36,
      ariaLabel: `ROC 曲线，AUC = ${fmt(m.auc)}，圆点是阈值 ${here} 的工作点`,
      ariaDescription: `工作点 FPR ${fmt(x.fpr)}、TPR ${fmt(x.recall)}；虚线是随机排序（AUC = 0.5）`,
      x: { domain: [0, 1], label: "FPR（假阳性率）", labelAnchor: "center", ticks: [0, 0.5, 1], round: true },
      y: { domain: [0, 1], label: "TPR（recall）", ticks: [0, 0.5, 1], tickSize: 0, round: true, grid: true },
      marks: [
        line(
          [
            [0, 0],
            [1, 1],
          ],
          { strokeDasharray: "4,3", strokeOpacity: 0.5 },
        ),
        line(m.roc, { x: "fpr", y: "tpr", stroke: CLASS_COLORS.pos, strokeWidth: 2, className: "thr-roc" }),
        text([`AUC = ${fmt(m.auc)}`], {
          frameAnchor: "bottom-right",
          dx: -6,
          dy: -6,
          fill: "currentColor",
          fontWeight: 600,
          className: "thr-auc",
          ...halo,
        }),
        dot([{ fpr, tpr }], {
          x: "fpr",
          y: "tpr",
          r: 5,
          fill: CLASS_COLORS.point,
          stroke: "var(--bg, white)",
          className: "thr-roc-now",
        }),
      ],
    },
    pr: {
      ...FIGURE,
      width: half,
      height: square,
      marginLeft: 40,
      marginRight: 14,
      marginTop: 26,
      marginBottom: 36,
      ariaLabel: `precision–recall 曲线，average precision = ${fmt(m.ap)}，正例占 ${share}%`,
      ariaDescription:
        x.precision === null
          ? `阈值 ${here} 时没有样本被判为正，precision 无定义，不画工作点；虚线是随机排序的 precision ${share / 100}`
          : `工作点 recall ${fmt(x.recall)}、precision ${fmt(x.precision)}；虚线是随机排序的 precision ${share / 100}`,
      x: { domain: [0, 1], label: "recall（TPR）", labelAnchor: "center", ticks: [0, 0.5, 1], round: true },
      y: { domain: [0, 1], label: "precision", ticks: [0, 0.5, 1], tickSize: 0, round: true, grid: true },
      marks: [
        ruleY([share / 100], { strokeDasharray: "4,3", strokeOpacity: 0.6, className: "thr-baseline" }),
        line(m.pr, { x: "recall", y: "precision", stroke: CLASS_COLORS.pos, strokeWidth: 2, className: "thr-pr" }),
        text([`AP = ${fmt(m.ap)}`], {
          frameAnchor: "top-right",
          dx: -6,
          dy: 6,
          fill: "currentColor",
          fontWeight: 600,
          className: "thr-ap",
          ...halo,
        }),
        x.precision === null
          ? text(["工作点 precision 无定义"], {
              // Under the AP label: the curve's top-left corner is where it sits at precision 1.
              frameAnchor: "top-right",
              dx: -6,
              dy: 24,
              fill: CLASS_COLORS.point,
              className: "thr-pr-undefined",
              ...halo,
            })
          : dot([{ recall: tpr, precision: x.precision }], {
              x: "recall",
              y: "precision",
              r: 5,
              fill: CLASS_COLORS.point,
              stroke: "var(--bg, white)",
              className: "thr-pr-now",
            }),
      ],
    },
  };
}
