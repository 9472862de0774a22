/** Residual gradient flow: model output → Observable Plot options (used at build time and in the browser). */
import { dot, lineY, type PlotOptions, ruleY } from "@observablehq/plot";
import { superscript } from "../../ui/demo/superscript";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { analyse, fmt, type ResidualState, VARIANT_LABELS, VARIANTS, type Variant } from "./model";

export const VARIANT_COLORS: Record<Variant, string> = {
  plain: COLORS.danger,
  residual: COLORS.primary,
  scaled: COLORS.tertiary,
};

/** Smallest value drawn on the log axis: a plain net with small σ reaches 10⁻⁵⁰ and beyond. */
export const FLOOR = 1e-30;

interface Row {
  layer: number;
  value: number;
  variant: Variant;
}

/** Powers of ten across a log domain, at most ~7 of them. */
function decadeTicks([lo, hi]: [number, number]): number[] {
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const step = Math.max(1, Math.ceil((b - a) / 6));
  const out: number[] = [];
  for (let e = Math.ceil(a / step) * step; e <= b; e += step) {
    const v = 10 ** e;
    if (v >= lo && v <= hi) out.push(v);
  }
  // Keep one labelled tick above 1 when the residual curve climbs there but the step skipped it.
  if (!out.some((v) => v > 1) && hi >= 10) out.push(10);
  return out;
}

/** A decade tick: 0.01 … 1000 as plain numbers, beyond that as 10ⁿ. */
export function decadeLabel(v: number): string {
  const e = Math.round(Math.log10(v));
  if (e >= -2 && e <= 3) return String(10 ** e >= 1 ? 10 ** e : Number((10 ** e).toFixed(-e)));
  return `10${superscript(e)}`;
}

/** Integer ticks for the layer axis, fewer on a narrow figure. */
function layerTicks(L: number, width: number): number[] {
  const step = [5, 10, 20, 25].find((s) => L / s <= (width < 420 ? 5 : 10)) ?? 25;
  const out: number[] = [];
  for (let t = 0; t <= L; t += step) out.push(t);
  if (L - out[out.length - 1] >= step / 2) out.push(L);
  return out;
}

export function figures(state: ResidualState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const a = analyse(state);
  const { L } = state;
  const rows: Row[] = VARIANTS.flatMap((variant) =>
    a[variant].grad.map((g, layer) => ({ layer, value: Math.max(g, FLOOR), variant })),
  );
  const values = rows.map((r) => r.value);
  const lo = Math.min(0.1, ...values) / 2;
  const hi = Math.max(10, ...values) * 2;
  const domain: [number, number] = [lo, hi];
  const ends = VARIANTS.map((variant) => ({ layer: 0, value: Math.max(a[variant].grad[0], FLOOR), variant }));
  const xAxis = { domain: [0, L], label: "层号 l（0 = 输入，L = 顶层）", ticks: layerTicks(L, WIDTH), labelOffset: 34 };
  const out: Record<string, PlotOptions> = {
    grad: {
      ...FIGURE,
      width: WIDTH,
      height: 260,
      marginLeft: 56,
      marginRight: 14,
      marginBottom: 42,
      ariaLabel: `${L} 层 tanh MLP 中每层梯度范数 ‖∂ℓ/∂h_l‖ 的对数图：plain、残差 α = 1、残差 α = 1/√L`,
      ariaDescription:
        `σ = ${state.sigma}。顶层梯度范数为 1，传到输入层时：` +
        VARIANTS.map((v) => `${VARIANT_LABELS[v]} ${fmt(a[v].grad[0])}`).join(",") +
        "。",
      x: xAxis,
      y: {
        type: "log",
        domain,
        ticks: decadeTicks(domain),
        tickFormat: decadeLabel,
        label: "‖∂ℓ/∂h_l‖（对数轴）",
        grid: true,
      },
      marks: [
        ruleY([1], { stroke: "currentColor", strokeOpacity: 0.45, strokeDasharray: "4,3" }),
        ...VARIANTS.map((variant) =>
          lineY(
            rows.filter((r) => r.variant === variant),
            {
              x: "layer",
              y: "value",
              stroke: VARIANT_COLORS[variant],
              strokeWidth: 2.2,
              className: `resgrad-${variant}`,
            },
          ),
        ),
        dot(ends, {
          x: "layer",
          y: "value",
          r: 4.5,
          fill: (d: Row) => VARIANT_COLORS[d.variant],
          className: "resgrad-end",
        }),
      ],
    },
  };
  const sizes: Row[] = VARIANTS.flatMap((variant) =>
    a[variant].size.map((value, layer) => ({ layer, value, variant })),
  );
  out.size = {
    ...FIGURE,
    width: WIDTH,
    height: 180,
    marginLeft: 56,
    marginRight: 14,
    marginBottom: 42,
    ariaLabel: "前向激活 h_l 的 RMS 随层号的变化",
    ariaDescription: `顶层 RMS：${VARIANTS.map((v) => `${VARIANT_LABELS[v]} ${fmt(a[v].size[L])}`).join("，")}。`,
    x: xAxis,
    y: { label: "h_l 的 RMS", grid: true, domain: [0, Math.max(1.5, ...sizes.map((s) => s.value)) * 1.08] },
    marks: [
      ...VARIANTS.map((variant) =>
        lineY(
          sizes.filter((r) => r.variant === variant),
          {
            x: "layer",
            y: "value",
            stroke: VARIANT_COLORS[variant],
            strokeWidth: 2,
            className: `resgrad-size-${variant}`,
          },
        ),
      ),
      ruleY([0]),
    ],
  };
  return out;
}
