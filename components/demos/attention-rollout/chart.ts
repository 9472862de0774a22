/** Attention rollout: model output → Observable Plot options (used at build time and in the browser). */
import { barY, cell, type PlotOptions, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { LAYERS, type RolloutState, rollout, saliency, TOKENS } from "./model";

export function figures(state: RolloutState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const L = state.layer;
  const raw = LAYERS[L - 1];
  const roll = rollout(state.r, L);
  const methods = [`第 ${L} 层原始注意力`, `rollout（第 1–${L} 层）`];
  const pairs = TOKENS.flatMap((token, j) => [
    { token, method: methods[0], w: raw[0][j] },
    { token, method: methods[1], w: roll[0][j] },
  ]);
  const s = saliency(state.values, L);
  const total = s.gradInput.reduce((a, g) => a + Math.abs(g), 0) || 1;
  const sal = TOKENS.map((token, j) => ({ token, g: s.gradInput[j], share: s.gradInput[j] / total }));
  const maps = [
    ...raw.flatMap((row, i) => row.map((w, j) => ({ m: methods[0], q: TOKENS[i], k: TOKENS[j], w }))),
    ...roll.flatMap((row, i) => row.map((w, j) => ({ m: methods[1], q: TOKENS[i], k: TOKENS[j], w }))),
  ];
  const narrow = WIDTH < 520;
  const methodColor = (m: string) => (m === methods[0] ? COLORS.muted : COLORS.primary);

  return {
    cls: {
      ...FIGURE,
      width: WIDTH,
      height: 210,
      marginLeft: 40,
      marginRight: 4,
      marginBottom: 26,
      ariaLabel: `[CLS] 归到各输入 token 的权重：第 ${L} 层原始注意力与 rollout 对比`,
      ariaDescription: TOKENS.map(
        (t, j) => `${t}：原始 ${raw[0][j].toFixed(2)}，rollout ${roll[0][j].toFixed(3)}`,
      ).join("；"),
      x: { axis: null, domain: methods, padding: 0.1 },
      fx: { domain: [...TOKENS], label: null, padding: 0.12 },
      y: { domain: [0, 1], grid: true, label: "[CLS] 的权重", ticks: 5 },
      marks: [
        barY(pairs, { fx: "token", x: "method", y: "w", fill: (d) => methodColor(d.method), className: "ro-bar" }),
        text(pairs, {
          fx: "token",
          x: "method",
          y: "w",
          text: (d) => d.w.toFixed(2),
          dy: -7,
          fill: "currentColor",
          fontSize: narrow ? 9 : 11,
        }),
        ruleY([0]),
      ],
    },
    grad: {
      ...FIGURE,
      width: WIDTH,
      height: 190,
      marginLeft: 40,
      marginRight: 4,
      marginBottom: 26,
      ariaLabel: `梯度 × 输入：各 token 对负面分数 F 的贡献（第 ${L} 层后读出）`,
      ariaDescription: `F = ${s.F.toFixed(2)}；${sal.map((d) => `${d.token} ${d.g >= 0 ? "+" : ""}${d.g.toFixed(2)}`).join("，")}`,
      x: { domain: [...TOKENS], label: null, padding: 0.3 },
      y: { domain: [-1, 1], grid: true, label: "占 Σ|贡献| 的比例（正：推向负面）", ticks: 5 },
      marks: [
        barY(sal, {
          x: "token",
          y: "share",
          fill: (d) => (d.g >= 0 ? COLORS.secondary : COLORS.tertiary),
          className: "ro-grad",
        }),
        ...[true, false].map((up) =>
          text(
            sal.filter((d) => d.g >= 0 === up),
            {
              x: "token",
              y: "share",
              text: (d) => `${d.g > 0.005 ? "+" : d.g < -0.005 ? "−" : ""}${Math.abs(d.g).toFixed(2)}`,
              dy: up ? -7 : 9,
              fill: "currentColor",
            },
          ),
        ),
        ruleY([0]),
      ],
    },
    maps: {
      ...FIGURE,
      width: WIDTH,
      height: 200,
      marginLeft: 44,
      marginRight: 4,
      marginTop: 22,
      marginBottom: narrow ? 40 : 26,
      ariaLabel: `第 ${L} 层原始注意力矩阵与第 1–${L} 层 rollout 矩阵（行 = query，列 = key）`,
      ariaDescription: `rollout 每行之和为 1；[CLS] 一行：${roll[0].map((w, j) => `${TOKENS[j]} ${w.toFixed(2)}`).join("，")}`,
      fx: { domain: methods, label: null, padding: 0.08 },
      x: { domain: [...TOKENS], label: null, tickRotate: narrow ? -35 : 0 },
      y: { domain: [...TOKENS], label: null },
      color: { type: "linear", scheme: "blues", domain: [0, 1] },
      marks: [
        cell(maps, { fx: "m", x: "k", y: "q", fill: "w", inset: 0.5, className: "ro-cell" }),
        text(maps, {
          fx: "m",
          x: "k",
          y: "q",
          text: (d) => d.w.toFixed(2),
          fill: (d) => (d.w > 0.5 ? "white" : "black"),
          fontSize: narrow ? 9 : 11,
        }),
      ],
    },
  };
}
