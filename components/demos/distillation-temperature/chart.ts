/** Distillation temperature: model output → Observable Plot options (build time and browser). */
import { barY, dot, line, type PlotOptions, ruleX, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { CLASSES, HARD_NORM, type KdState, numbers, params, softShare, TS, tText } from "./model";

export const TEACHER_COLOR = COLORS.primary;
export const STUDENT_COLOR = COLORS.secondary;
const WITH_T2 = COLORS.primary;
const WITHOUT_T2 = COLORS.secondary;
const HARD = COLORS.tertiary;
const WHO = ["教师 p", "学生 q"];
const PADDING = 0.2;
/** Width in px of one class's band in the distribution chart (margins 36 + 8), as Plot's band scale sizes it. */
const bandWidth = (width: number) => ((width - 44) / (CLASSES.length + PADDING)) * (1 - PADDING);

const tAxis = {
  type: "log",
  base: 2, // (Plot filters a log axis's labels by mantissa: base 10 drops the 8)
  domain: [params.T.min, params.T.max],
  ticks: [0.5, 1, 2, 4, 8, 20],
  tickFormat: String,
  label: "温度 T（对数轴）",
  labelAnchor: "center",
} as const;

const CURVES = TS.map((T) => numbers(T));

export function figures(state: KdState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const { T, alpha } = state;
  const now = numbers(T);
  const bars = CLASSES.flatMap((cls, i) => [
    { cls, who: WHO[0], p: now.p[i] },
    { cls, who: WHO[1], p: now.q[i] },
  ]);

  const grads = [
    ...CURVES.map((c) => ({ k: "without", T: c.T, y: c.grad })),
    ...CURVES.map((c) => ({ k: "with", T: c.T, y: c.gradT2 })),
  ];
  const approx = CURVES.map((c) => ({ T: c.T, y: c.approx }));
  const gradNow = [
    { k: "without", T, y: now.grad },
    { k: "with", T, y: now.gradT2 },
  ];
  const shares = [
    ...TS.map((t) => ({ k: "with", T: t, y: 100 * softShare(t, alpha, true) })),
    ...TS.map((t) => ({ k: "without", T: t, y: 100 * softShare(t, alpha, false) })),
  ];
  const shareNow = [
    { k: "with", T, y: 100 * softShare(T, alpha, true) },
    { k: "without", T, y: 100 * softShare(T, alpha, false) },
  ];
  const color = (k: string) => (k === "with" ? WITH_T2 : WITHOUT_T2);
  const last = TS.length - 1;

  return {
    dists: {
      ...FIGURE,
      width: WIDTH,
      height: 200,
      marginLeft: 36,
      marginRight: 8,
      ariaLabel: `T = ${tText(T)} 时教师与学生的 softmax(logits/T)，类 1 是正确类别`,
      ariaDescription:
        `教师：${now.p.map((p) => p.toFixed(2)).join("、")}；学生：${now.q.map((q) => q.toFixed(2)).join("、")}；` +
        `KL(p‖q) = ${now.kl.toFixed(4)}`,
      x: { domain: CLASSES, label: null, padding: PADDING },
      y: { domain: [0, 1], label: "概率", grid: true, ticks: 5 },
      marks: WHO.flatMap((who, w) => {
        const rows = bars.filter((b) => b.who === who);
        // Two bars side by side in one band: teacher on the left half, student on the right.
        const half = bandWidth(WIDTH) / 2;
        return [
          barY(rows, {
            x: "cls",
            y: "p",
            fill: w === 0 ? TEACHER_COLOR : STUDENT_COLOR,
            insetLeft: w === 0 ? 0 : half + 1,
            insetRight: w === 0 ? half + 1 : 0,
            className: "kd-bar",
          }),
          text(rows, {
            x: "cls",
            y: "p",
            text: (b) => (b.p >= 0.005 ? b.p.toFixed(2).replace(/^0/, "") : "0"),
            dx: (w === 0 ? -1 : 1) * (half / 2),
            dy: -6,
            fontSize: 9.5,
            fill: "currentColor",
          }),
        ];
      }).concat([ruleY([0])]),
    },
    grad: {
      ...FIGURE,
      width: WIDTH,
      height: 240,
      marginLeft: 44,
      marginRight: 14,
      marginBottom: 36,
      ariaLabel: "软目标梯度范数随温度变化（双对数轴）：不乘 T²、乘 T²、高温近似，以及硬目标梯度",
      ariaDescription:
        `T = ${tText(T)}：不乘 T² 时 ${now.grad.toPrecision(3)}，乘 T² 后 ${now.gradT2.toPrecision(3)}，` +
        `硬目标梯度 ${HARD_NORM.toFixed(3)}；不乘 T² 的梯度从 T = 1 到 T = 20 缩小约 ${(numbers(1).grad / numbers(20).grad).toFixed(0)} 倍`,
      x: tAxis,
      y: {
        type: "log",
        domain: [1e-3, 3],
        ticks: [0.001, 0.01, 0.1, 1],
        tickFormat: String,
        label: "软目标梯度范数 ‖∂/∂z‖",
        grid: true,
      },
      marks: [
        ruleY([HARD_NORM], { stroke: HARD, strokeWidth: 2, strokeDasharray: "6,3" }),
        // At the right end the orange curve is far below: room under the green line.
        text([{ T: params.T.max, y: HARD_NORM }], {
          x: "T",
          y: "y",
          text: () => "硬目标 ‖q₁ − y‖",
          dy: 11,
          textAnchor: "end",
          fill: HARD,
          fontSize: 10.5,
        }),
        ruleX([T], { strokeDasharray: "4,3" }),
        line(approx, { x: "T", y: "y", stroke: COLORS.muted, strokeDasharray: "2,3", clip: true }),
        line(grads, { x: "T", y: "y", z: "k", stroke: (g) => color(g.k), strokeWidth: 2.5, curve: "monotone-x" }),
        text([{ T: TS[last], y: CURVES[last].gradT2 }], {
          x: "T",
          y: "y",
          text: () => "乘 T²",
          dy: -9,
          textAnchor: "end",
          fill: WITH_T2,
          fontWeight: 600,
        }),
        // The lower left is empty (every curve is high at low T): the other two labels go there.
        text([{ T: params.T.min, y: 0.02 }], {
          x: "T",
          y: "y",
          text: () => "不乘 T²：(q − p)/T",
          dx: 4,
          textAnchor: "start",
          fill: WITHOUT_T2,
          fontWeight: 600,
        }),
        text([{ T: params.T.min, y: 0.0065 }], {
          x: "T",
          y: "y",
          text: () => "虚线：高温近似 (z̄ − v̄)/(NT²)",
          dx: 4,
          textAnchor: "start",
          fill: "currentColor",
          fontSize: 10,
        }),
        dot(gradNow, {
          x: "T",
          y: "y",
          r: 4.5,
          fill: (g) => color(g.k),
          stroke: "var(--bg, white)",
          className: "kd-now",
        }),
      ],
    },
    mix: {
      ...FIGURE,
      width: WIDTH,
      height: 200,
      marginLeft: 44,
      marginRight: 14,
      marginBottom: 36,
      ariaLabel: `α = ${alpha} 时软目标在总梯度中的占比随温度变化：乘 T² 与不乘 T²`,
      ariaDescription: `T = ${tText(T)}：乘 T² 时 ${shareNow[0].y.toFixed(0)}%，不乘时 ${shareNow[1].y.toFixed(0)}%`,
      x: tAxis,
      y: { domain: [0, 100], label: "软目标占梯度（%）", grid: true, ticks: [0, 25, 50, 75, 100] },
      marks: [
        ruleX([T], { strokeDasharray: "4,3" }),
        line(shares, { x: "T", y: "y", z: "k", stroke: (s) => color(s.k), strokeWidth: 2.5, curve: "monotone-x" }),
        text(
          [
            { k: "with", T: TS[last], y: 100 * softShare(TS[last], alpha, true) },
            { k: "without", T: TS[last], y: 100 * softShare(TS[last], alpha, false) },
          ],
          {
            x: "T",
            y: "y",
            text: (s) => (s.k === "with" ? "乘 T²" : "不乘 T²"),
            dy: -9,
            textAnchor: "end",
            fill: (s) => color(s.k),
            fontWeight: 600,
          },
        ),
        dot(shareNow, {
          x: "T",
          y: "y",
          r: 4.5,
          fill: (s) => color(s.k),
          stroke: "var(--bg, white)",
          className: "kd-now",
        }),
      ],
    },
  };
}
