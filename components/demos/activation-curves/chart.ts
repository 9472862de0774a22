/** Activation curves (DL-03): model output → Observable Plot options (used at build time and in the browser). */
import { dot, line, type PlotOptions, ruleX, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import {
  type ActivationCurvesState,
  CURVES,
  type Curve,
  curveValue,
  grid,
  LABELS,
  SILU_SLOPE_EXTREME_U,
  SILU_SLOPE_MAX,
  SILU_SLOPE_MIN,
  signed,
  swishMinimum,
  swishSlope,
  X_MAX,
  X_MIN,
} from "./model";

export const CURVE_COLORS: Readonly<Record<Curve, string>> = {
  relu: COLORS.secondary,
  gelu: COLORS.tertiary,
  swish: COLORS.primary,
};

interface Point {
  curve: Curve;
  x: number;
  y: number;
}

/** ReLU and its derivative are piecewise linear: their corners are enough. */
const RELU: Readonly<Record<"value" | "slope", Point[]>> = {
  value: [
    { curve: "relu", x: X_MIN, y: 0 },
    { curve: "relu", x: 0, y: 0 },
    { curve: "relu", x: X_MAX, y: X_MAX },
  ],
  slope: [
    { curve: "relu", x: X_MIN, y: 0 },
    { curve: "relu", x: 0, y: 0 },
    { curve: "relu", x: 0, y: 1 },
    { curve: "relu", x: X_MAX, y: 1 },
  ],
};

/** GELU does not depend on β: sample it once. */
const GELU_XS = grid(1);
const GELU: Readonly<Record<"value" | "slope", Point[]>> = {
  value: GELU_XS.map((x) => ({ curve: "gelu", x, y: curveValue("gelu", 1, x, "value") })),
  slope: GELU_XS.map((x) => ({ curve: "gelu", x, y: curveValue("gelu", 1, x, "slope") })),
};

const DOMAINS = { value: [-1, 3], slope: [-0.2, 1.2] } as const;

export function figures(state: ActivationCurvesState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const { beta, x } = state;
  const xs = grid(beta);
  const min = swishMinimum(beta);
  const minInView = min.x >= X_MIN && min.y >= DOMAINS.value[0];
  const extremes = [SILU_SLOPE_EXTREME_U / beta, -SILU_SLOPE_EXTREME_U / beta]
    .map((at) => ({ x: at, y: swishSlope(beta, at) }))
    .filter((p) => p.x >= X_MIN && p.x <= X_MAX);

  const panel = (kind: "value" | "slope"): PlotOptions => {
    const swishPoints: Point[] = xs.map((v) => ({ curve: "swish", x: v, y: curveValue("swish", beta, v, kind) }));
    const probe = CURVES.map((curve) => ({ curve, x, y: curveValue(curve, beta, x, kind) }));
    const marks = [
      ruleY([0]),
      ruleX([x], { strokeDasharray: "4,3", strokeOpacity: 0.7 }),
      ...(kind === "value"
        ? [
            // β → 0: Swish_β → x/2
            line(
              [
                { x: X_MIN, y: X_MIN / 2 },
                { x: X_MAX, y: X_MAX / 2 },
              ],
              { x: "x", y: "y", stroke: COLORS.muted, strokeDasharray: "2,4", strokeWidth: 1.2, clip: true },
            ),
            text([{ x: 2.2, y: 1.1 }], { x: "x", y: "y", text: () => "x/2", fill: COLORS.muted, dy: 12, fontSize: 11 }),
          ]
        : [
            // Swish_β′ = SiLU′(βx): the same extremes for every β
            ruleY([SILU_SLOPE_MAX, SILU_SLOPE_MIN], {
              stroke: COLORS.primary,
              strokeOpacity: 0.5,
              strokeDasharray: "2,3",
            }),
          ]),
      line([...RELU[kind], ...GELU[kind]], {
        x: "x",
        y: "y",
        z: "curve",
        stroke: (p: Point) => CURVE_COLORS[p.curve],
        strokeWidth: 1.6,
        clip: true,
        className: "actcurve-fixed",
      }),
      line(swishPoints, {
        x: "x",
        y: "y",
        stroke: CURVE_COLORS.swish,
        strokeWidth: 2.8,
        clip: true,
        className: "actcurve-swish",
      }),
      ...(kind === "value" && minInView
        ? [
            dot([min], {
              x: "x",
              y: "y",
              r: 5,
              stroke: CURVE_COLORS.swish,
              strokeWidth: 2,
              fill: "none",
              className: "actcurve-min",
            }),
            text([min], {
              x: "x",
              y: "y",
              text: (p: { x: number; y: number }) => `最小值（${signed(p.x)}, ${signed(p.y)}）`,
              dy: 16,
              textAnchor: min.x < X_MIN + 1.5 ? "start" : "middle",
              fill: "currentColor",
              fontSize: 11,
            }),
          ]
        : []),
      ...(kind === "slope"
        ? [
            dot(extremes, { x: "x", y: "y", r: 3.5, fill: CURVE_COLORS.swish, className: "actcurve-extreme" }),
            ...(min.x >= X_MIN
              ? [
                  dot([{ x: min.x, y: 0 }], {
                    x: "x",
                    y: "y",
                    r: 5,
                    stroke: CURVE_COLORS.swish,
                    strokeWidth: 2,
                    fill: "none",
                  }),
                ]
              : []),
          ]
        : []),
      dot(probe, {
        x: "x",
        y: "y",
        r: 4,
        fill: (p: Point) => CURVE_COLORS[p.curve],
        stroke: "var(--bg, white)",
        className: "actcurve-probe",
      }),
    ];
    const probeText = probe.map((p) => `${LABELS[p.curve]} ${signed(p.y)}`).join("，");
    return {
      ...FIGURE,
      width: WIDTH,
      height: kind === "value" ? 250 : 200,
      marginLeft: 40,
      marginRight: 14,
      marginBottom: 34,
      ariaLabel:
        kind === "value"
          ? `ReLU、GELU 与 Swish（β = ${Number(beta.toPrecision(3))}）的函数值曲线`
          : `ReLU、GELU 与 Swish（β = ${Number(beta.toPrecision(3))}）的导数曲线`,
      ariaDescription:
        kind === "value"
          ? `x = ${signed(x)} 处：${probeText}。Swish 的最小值在 x = ${signed(min.x)}，值为 ${signed(min.y)}。`
          : `x = ${signed(x)} 处的导数：${probeText}。Swish 的导数在 ${signed(SILU_SLOPE_MIN)} 与 ${signed(SILU_SLOPE_MAX)} 之间，与 β 无关。`,
      x: { domain: [X_MIN, X_MAX], label: "x", labelAnchor: "center" },
      y: { domain: DOMAINS[kind], label: kind === "value" ? "f(x)" : "f′(x)", grid: true },
      marks,
    };
  };

  return { values: panel("value"), slopes: panel("slope") };
}
