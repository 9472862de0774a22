/** Padding mask under finite precision: model output → Observable Plot options (build time and browser). */
import { barY, cell, type PlotOptions, rect, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import {
  DTYPES,
  type FullVerdict,
  fmtLeak,
  fmtStored,
  fmtWeight,
  fullVerdict,
  type LeakVerdict,
  leakVerdict,
  MASK_LABELS,
  MASKS,
  type MaskState,
  maskedRow,
  overview,
  type RowResult,
  TOKENS,
} from "./model";

const REAL = COLORS.primary;
const PAD = COLORS.secondary;

/** Overview colours: green = safe (weight exactly 0 / finite row), orange = tiny leak, red = visible leak or NaN. */
export const VERDICT_COLORS: Readonly<Record<LeakVerdict | FullVerdict | "error", string>> = {
  zero: COLORS.tertiary,
  small: COLORS.secondary,
  large: COLORS.danger,
  nan: COLORS.danger,
  uniform: COLORS.tertiary,
  finite: COLORS.tertiary,
  error: COLORS.muted,
};

interface KeyDatum {
  j: number;
  w: number;
  pad: boolean;
  label: string;
}

function rowFigure(row: RowResult, labels: readonly string[], width: number, full: boolean): PlotOptions {
  const keys: KeyDatum[] = row.weights.map((w, j) => ({ j, w, pad: row.masked[j], label: fmtWeight(w) }));
  const finite = keys.filter((k) => !Number.isNaN(k.w));
  const nan = keys.filter((k) => Number.isNaN(k.w));
  const verdict = fullVerdict(row);
  const headline = full
    ? verdict === "nan"
      ? "整行 NaN"
      : verdict === "uniform"
        ? `均匀分布，每个 ${fmtWeight(row.weights[0])}`
        : "输出有限"
    : `[PAD] 共分到 ${fmtLeak(row.leak)}`;
  const tick = (j: number) => `${labels[j]}\n${fmtStored(row.logits[j])}`;
  return {
    ...FIGURE,
    width,
    height: 200,
    marginTop: 26,
    marginLeft: 40,
    marginBottom: 44,
    ariaLabel: full
      ? "整行屏蔽时 softmax 的 5 个权重（所有 key 都被屏蔽）"
      : "部分屏蔽时 softmax 的 5 个权重：3 个真实 token 和 2 个 [PAD]",
    ariaDescription: `存储后的分数：${row.logits.map(fmtStored).join("，")}；权重：${keys.map((k) => k.label).join("，")}。${headline}`,
    x: { domain: keys.map((k) => k.j), tickFormat: tick, label: null, tickSize: 0, padding: 0.25 },
    y: { domain: [0, 1], ticks: 4, grid: true, label: "权重" },
    marks: [
      barY(finite, { x: "j", y: "w", fill: (d: KeyDatum) => (d.pad ? PAD : REAL), className: "mask-bar" }),
      text(finite, { x: "j", y: "w", text: "label", dy: -8, fill: "currentColor", className: "mask-weight" }),
      rect(nan, {
        x: "j",
        y1: 0,
        y2: 1,
        fill: COLORS.danger,
        fillOpacity: 0.12,
        stroke: COLORS.danger,
        strokeDasharray: "4,3",
        className: "mask-nan",
      }),
      text(nan, { x: "j", y: 0.5, text: () => "NaN", fill: COLORS.danger, fontWeight: 700 }),
      ruleY([0]),
      text([headline], {
        text: (d: string) => d,
        frameAnchor: "top-right",
        textAnchor: "end",
        dy: -20,
        fontWeight: 700,
        fill: full && verdict === "nan" ? COLORS.danger : "currentColor",
        className: "mask-headline",
      }),
    ],
  };
}

interface GridDatum {
  facet: string;
  dtype: string;
  m: string;
  label: string;
  color: string;
}

export const GRID_FACETS = ["部分屏蔽：[PAD] 分到", "整行屏蔽：结果"] as const;
const FULL_LABELS: Readonly<Record<FullVerdict, string>> = { nan: "NaN", uniform: "均匀", finite: "有限" };

export function figures(state: MaskState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const partial = maskedRow(state, false);
  const full = maskedRow(state, true);

  const grid: GridDatum[] = overview(state).flatMap((c) => {
    const m = MASK_LABELS[c.m];
    const partialVerdict = c.error ? "error" : leakVerdict(c.partial.leak);
    const fullV = c.error ? "error" : fullVerdict(c.full);
    return [
      {
        facet: GRID_FACETS[0],
        dtype: c.dtype,
        m,
        label: c.error ? "报错" : fmtLeak(c.partial.leak),
        color: VERDICT_COLORS[partialVerdict],
      },
      {
        facet: GRID_FACETS[1],
        dtype: c.dtype,
        m,
        label: c.error ? "报错" : FULL_LABELS[fullV as FullVerdict],
        color: VERDICT_COLORS[fullV],
      },
    ];
  });
  const current = GRID_FACETS.map((facet) => ({ facet, dtype: state.dtype, m: MASK_LABELS[state.m] }));
  const nanCount = grid.filter((d) => d.facet === GRID_FACETS[1] && d.label === "NaN").length;
  const leakCount = grid.filter((d) => d.facet === GRID_FACETS[0] && d.label !== "0" && d.label !== "报错").length;

  return {
    partial: rowFigure(partial, TOKENS, WIDTH, false),
    full: rowFigure(
      full,
      TOKENS.map((_, j) => `k${j + 1}`),
      WIDTH,
      true,
    ),
    grid: {
      ...FIGURE,
      width: WIDTH,
      height: 8 * 26 + 56,
      marginTop: 26,
      marginLeft: 64,
      marginRight: 4,
      marginBottom: 24,
      ariaLabel: `所有 mask 值 × 三种精度的结果一览（${state.apply === "add" ? "加性 mask" : "masked_fill"}，偏置 b = ${state.bias}）`,
      ariaDescription: `部分屏蔽时 padding 分到非零权重的组合 ${leakCount} 个；整行屏蔽时得到 NaN 的组合 ${nanCount} 个。当前选中 ${MASK_LABELS[state.m]}、${state.dtype}。`,
      fx: { domain: [...GRID_FACETS], label: null, padding: 0.08 },
      x: { domain: DTYPES, label: null, tickSize: 0, padding: 0.04 },
      y: { domain: MASKS.map((m) => MASK_LABELS[m]), label: null, tickSize: 0, padding: 0.06 },
      marks: [
        cell(grid, { fx: "facet", x: "dtype", y: "m", fill: (d: GridDatum) => d.color, fillOpacity: 0.32 }),
        text(grid, {
          fx: "facet",
          x: "dtype",
          y: "m",
          text: "label",
          fill: "currentColor",
          fontSize: 10.5,
          className: "mask-grid-label",
        }),
        cell(current, {
          fx: "facet",
          x: "dtype",
          y: "m",
          fill: "none",
          stroke: "currentColor",
          strokeWidth: 2.5,
          className: "mask-current",
        }),
      ],
    },
  };
}
