/** BatchNorm noise and train/eval mismatch: model output → Observable Plot options (build time and browser). */
import { dot, lineY, type PlotOptions, ruleX, ruleY } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { analyse, BATCH_GRID, type BnState, meanStd, noiseRows, PROBE, SIGMA, TRIALS, varianceRelStd } from "./model";

export const SERIES_COLORS = {
  mean: COLORS.primary,
  variance: COLORS.secondary,
  probe: COLORS.tertiary,
  train: COLORS.primary,
  eval: COLORS.secondary,
} as const;

const f2 = (x: number) => x.toFixed(2);

/** m from 2 to 256 on a fine log grid, for the theory curves. */
const THEORY_M = Array.from({ length: 41 }, (_, i) => 2 * 128 ** (i / 40));

export function figures(state: BnState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const { m, steps } = state;
  const rows = noiseRows(state.seed, m);
  const current = rows.find((r) => r.m === m) ?? rows[0];
  const a = analyse(state);
  type Pt = { m: number; y: number; kind: "mean" | "variance" | "probe" };
  const empirical: Pt[] = rows.flatMap((r) => [
    { m: r.m, y: r.meanStd, kind: "mean" as const },
    { m: r.m, y: r.varStd, kind: "variance" as const },
    { m: r.m, y: r.probeStd, kind: "probe" as const },
  ]);
  const here = empirical.filter((p) => p.m === m);
  const theoryMean = THEORY_M.map((x) => ({ m: x, y: meanStd(x) / SIGMA }));
  const theoryVar = THEORY_M.map((x) => ({ m: x, y: varianceRelStd(x) }));
  const colour = (p: Pt) => SERIES_COLORS[p.kind];

  const out: Record<string, PlotOptions> = {
    noise: {
      ...FIGURE,
      width: WIDTH,
      height: 240,
      marginLeft: 46,
      marginRight: 14,
      marginBottom: 42,
      ariaLabel: "batch 统计量的抖动随 batch 大小 m 的变化（双对数轴）",
      ariaDescription:
        `每个 m 抽 ${TRIALS} 个 batch。m = ${m} 时：batch 均值的标准差 ÷ σ 为 ${f2(current.meanStd)}（理论 ${f2(meanStd(m) / SIGMA)}），` +
        `有偏方差的相对标准差 ${f2(current.varStd)}（理论 ${f2(varianceRelStd(m))}），样本 x 归一化后的标准差 ${f2(current.probeStd)}。` +
        "三者都大约按 1/√m 缩小。",
      x: {
        type: "log",
        // Base 2: d3's log tick labels skip mantissas above 5 in base 10 (8, 64), never powers of 2 here.
        base: 2,
        domain: [1.8, 290],
        ticks: [...BATCH_GRID],
        tickFormat: String,
        label: "batch 大小 m（对数轴）",
        labelOffset: 34,
      },
      y: {
        type: "log",
        domain: [0.04, 1.3],
        ticks: [0.05, 0.1, 0.2, 0.5, 1],
        tickFormat: String,
        label: "相对标准差",
        grid: true,
      },
      marks: [
        ruleX([m], { stroke: "currentColor", strokeOpacity: 0.5, strokeDasharray: "3,3", className: "bn-here" }),
        lineY(theoryMean, { x: "m", y: "y", stroke: SERIES_COLORS.mean, strokeWidth: 1.5, strokeOpacity: 0.8 }),
        lineY(theoryVar, { x: "m", y: "y", stroke: SERIES_COLORS.variance, strokeWidth: 1.5, strokeOpacity: 0.8 }),
        lineY(
          empirical.filter((p) => p.kind === "probe"),
          { x: "m", y: "y", stroke: SERIES_COLORS.probe, strokeWidth: 1, strokeDasharray: "2,2" },
        ),
        dot(empirical, { x: "m", y: "y", fill: colour, r: 3, className: "bn-emp" }),
        dot(here, { x: "m", y: "y", stroke: colour, fill: "none", r: 7, strokeWidth: 2, className: "bn-emp-here" }),
      ],
    },
  };

  const train = a.train.map((y, i) => ({ step: i + 1, y }));
  const evalLine = a.running.map((p) => ({ step: p.step, y: p.evalOut }));
  const ys = [...train.map((p) => p.y), ...evalLine.map((p) => p.y)];
  out.modes = {
    ...FIGURE,
    width: WIDTH,
    height: 240,
    marginLeft: 46,
    marginRight: 14,
    marginBottom: 42,
    ariaLabel: `训练 ${steps} 步中，样本 x = ${PROBE} 在 train 模式与 eval 模式下的 BN 输出`,
    ariaDescription:
      `train 模式每步用当前 batch 的统计量，输出围绕 1 抖动；eval 模式用 running 统计，从初值 ${f2(evalLine[0].y)} ` +
      `收敛到 ${f2(a.last.evalOut)}。最后 ${a.window} 步两者之差的 RMS 为 ${f2(a.mismatch)}。`,
    x: { domain: [0, steps], label: "训练步数", labelOffset: 34, ticks: WIDTH < 420 ? 4 : 8 },
    y: {
      domain: [Math.min(-1.2, ...ys) - 0.1, Math.max(5.2, ...ys) + 0.1],
      label: "BN 输出（γ = 1，β = 0）",
      grid: true,
    },
    marks: [
      ruleY([1], { stroke: COLORS.tertiary, strokeWidth: 2, strokeDasharray: "5,3" }),
      lineY(train, {
        x: "step",
        y: "y",
        stroke: SERIES_COLORS.train,
        strokeWidth: 1,
        strokeOpacity: 0.7,
        className: "bn-train",
      }),
      lineY(evalLine, { x: "step", y: "y", stroke: SERIES_COLORS.eval, strokeWidth: 2.5, className: "bn-eval" }),
      dot([{ step: steps, y: a.last.evalOut }], { x: "step", y: "y", r: 4.5, fill: SERIES_COLORS.eval }),
    ],
  };
  return out;
}
