/** Gradient flow (DL-01): model output → Observable Plot options (used at build time and in the browser). */
import { dot, lineY, type PlotOptions, ruleY, text } from "@observablehq/plot";
import { decadeLabel, decadeTicks, fmt, layerTicks, logDomain } from "../../ui/demo/log-axis";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { ACTIVATION_LABELS, type Activation, analyse, type GradientFlowState } from "./model";

export const LINE_COLORS = {
  measured: COLORS.primary,
  meanField: COLORS.muted,
  clipped: COLORS.secondary,
} as const;

interface Point {
  layer: number;
  value: number;
}

const points = (values: readonly number[], from = 0): Point[] => values.map((value, i) => ({ layer: i + from, value }));

export function figures(state: GradientFlowState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const { L } = state;
  const { pass, meanField, clip } = analyse(state);
  const clipped = clip < 1;
  const act = ACTIVATION_LABELS[state.act as Activation];

  const measured = points(pass.grad);
  const predicted = points(meanField.grad);
  const afterClip = clipped ? points(pass.grad.map((g) => g * clip)) : [];
  const gradDomain = logDomain([...pass.grad, ...meanField.grad, ...afterClip.map((p) => p.value)], 0.1, 10);

  const weights = points(pass.weight, 1);
  const weightsClipped = clipped
    ? points(
        pass.weight.map((w) => w * clip),
        1,
      )
    : [];
  const rules = [
    // The global norm is labelled at the right end, the threshold at the left: they may be close.
    { value: pass.global, label: "全局范数 ‖∇_W L‖", stroke: LINE_COLORS.measured, x: L, anchor: "end" },
    ...(state.clip === "on"
      ? [{ value: state.c, label: `阈值 c = ${fmt(state.c)}`, stroke: LINE_COLORS.clipped, x: 1, anchor: "start" }]
      : []),
  ];
  const weightDomain = logDomain(
    [...pass.weight, ...weightsClipped.map((p) => p.value), ...rules.map((r) => r.value)],
    Math.min(...pass.weight),
    Math.max(...pass.weight),
    3,
  );

  const layerAxis = (from: number) => ({
    domain: [from, L],
    ticks: layerTicks(L, WIDTH, from),
    tickFormat: String,
    label: from === 0 ? "层号 l（0 = 输入，L = 顶层）" : "权重矩阵 W_l 的层号 l",
    labelOffset: 34,
  });
  const logAxis = (domain: [number, number], label: string) => ({
    type: "log" as const,
    domain,
    ticks: decadeTicks(domain),
    tickFormat: decadeLabel,
    label,
    grid: true,
  });

  return {
    grad: {
      ...FIGURE,
      width: WIDTH,
      height: 260,
      marginLeft: 56,
      marginRight: 14,
      marginBottom: 42,
      ariaLabel: `${L} 层 ${act} MLP 初始化时每层梯度范数 ‖∂L/∂h_l‖ 的对数图，附平均场预测`,
      ariaDescription:
        `n·Var(w) = ${state.v}。顶层梯度长度为 1，传到输入时实测 ${fmt(pass.grad[0])}，` +
        `平均场预测 ${fmt(meanField.grad[0])}（χ = ${fmt(meanField.chi[L - 1])}）` +
        (clipped ? `；裁剪后整体乘 ${fmt(clip)}，输入端为 ${fmt(pass.grad[0] * clip)}。` : "。"),
      x: layerAxis(0),
      y: logAxis(gradDomain, "‖∂L/∂h_l‖（对数轴）"),
      marks: [
        ruleY([1], { stroke: "currentColor", strokeOpacity: 0.35 }),
        lineY(predicted, {
          x: "layer",
          y: "value",
          stroke: LINE_COLORS.meanField,
          strokeWidth: 1.8,
          strokeDasharray: "5,4",
          className: "gradflow-meanfield",
        }),
        lineY(measured, {
          x: "layer",
          y: "value",
          stroke: LINE_COLORS.measured,
          strokeWidth: 2.4,
          className: "gradflow-measured",
        }),
        ...(clipped
          ? [
              lineY(afterClip, {
                x: "layer",
                y: "value",
                stroke: LINE_COLORS.clipped,
                strokeWidth: 2.2,
                className: "gradflow-clipped",
              }),
            ]
          : []),
        dot([measured[0], ...(clipped ? [afterClip[0]] : [])], {
          x: "layer",
          y: "value",
          r: 4,
          fill: (_: Point, i: number) => (i === 0 ? LINE_COLORS.measured : LINE_COLORS.clipped),
          className: "gradflow-input",
        }),
      ],
    },
    weights: {
      ...FIGURE,
      width: WIDTH,
      height: 200,
      marginLeft: 56,
      marginRight: 14,
      marginBottom: 42,
      ariaLabel: `每个权重矩阵的梯度范数 ‖∂L/∂W_l‖ 的对数图`,
      ariaDescription:
        `第 1 层 ${fmt(pass.weight[0])}，第 ${L} 层 ${fmt(pass.weight[L - 1])}，全局范数 ${fmt(pass.global)}` +
        (state.clip === "on"
          ? `，裁剪阈值 ${fmt(state.c)}${clipped ? `，裁剪后整体乘 ${fmt(clip)}` : "，未触发"}。`
          : "。"),
      x: layerAxis(1),
      y: logAxis(weightDomain, "‖∂L/∂W_l‖（对数轴）"),
      marks: [
        ruleY(rules, {
          y: "value",
          stroke: "stroke",
          strokeOpacity: 0.7,
          strokeDasharray: "3,3",
          className: "gradflow-rule",
        }),
        ...(["end", "start"] as const).map((anchor) =>
          text(
            rules.filter((r) => r.anchor === anchor),
            { x: "x", y: "value", text: "label", textAnchor: anchor, dy: -6, fill: "currentColor", fontSize: 10 },
          ),
        ),
        lineY(weights, {
          x: "layer",
          y: "value",
          stroke: LINE_COLORS.measured,
          strokeWidth: 2,
          className: "gradflow-w",
        }),
        ...(clipped
          ? [
              lineY(weightsClipped, {
                x: "layer",
                y: "value",
                stroke: LINE_COLORS.clipped,
                strokeWidth: 2,
                className: "gradflow-w-clipped",
              }),
            ]
          : []),
      ],
    },
  };
}
