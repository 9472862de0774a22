/** BatchNorm vs LayerNorm axes: model output → Observable Plot options (used at build time and in the browser). */
import { barY, cell, dot, type PlotOptions, ruleX, ruleY, text, tickX } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { analyse, bnNoise, D, FEATURE_MEANS, f2, layerNormToken, type NormState, normalize, T } from "./model";

const ACCENT = COLORS.primary;
const SECOND = COLORS.secondary;
const PAD_FILL = COLORS.muted;
const FEATURES = Array.from({ length: D }, (_, k) => k + 1);
const POSITIONS = Array.from({ length: T }, (_, t) => t + 1);

interface CellDatum {
  b: number;
  t: number;
  k: number;
  col: number;
  row: number;
  v: number;
}

export function figures(state: NormState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const a = analyse(state);
  const { data } = a;
  const bn = state.mode === "bn";
  const masked = state.stats === "mask";
  const B = state.batch;

  // Batch elements as small panels (positions × features), 2 per row on phones, 4 on wider screens.
  const cols = WIDTH >= 560 ? 4 : 2;
  const rows = Math.ceil(B / cols);
  const rowHeight = cols === 4 ? 17 : 14;
  const cells: CellDatum[] = [];
  data.x.forEach((seq, b) => {
    seq.forEach((token, t) => {
      token.forEach((v, k) => {
        cells.push({ b, t: t + 1, k: k + 1, col: b % cols, row: Math.floor(b / cols), v });
      });
    });
  });
  const isPad = (d: CellDatum) => !data.mask[d.b][d.t - 1];
  const inStats = (d: CellDatum) => (bn ? d.k === a.k + 1 && (!masked || !isPad(d)) : d.b === a.b && d.t === a.t + 1);
  const pick = (pad: boolean, hl: boolean) => cells.filter((d) => isPad(d) === pad && inStats(d) === hl);
  const panels = data.lengths.map((len, b) => ({
    col: b % cols,
    row: Math.floor(b / cols),
    label: `样本 ${b + 1}（长 ${len}）`,
  }));
  const selected = [{ col: a.b % cols, row: Math.floor(a.b / cols), t: a.t + 1, k: a.k + 1 }];
  const highlighted = cells.filter(inStats).length;
  const bnLabel = masked ? "只统计真实 token" : "含 padding";
  // Panel bands exactly T rows tall with a fixed gap for the panel titles between them.
  const panelHeight = T * rowHeight;
  const gap = 26;
  const layout = {
    fx: { domain: Array.from({ length: cols }, (_, i) => i), axis: null, paddingInner: 0.1, paddingOuter: 0 },
    fy: {
      domain: Array.from({ length: rows }, (_, i) => i),
      axis: null,
      paddingInner: rows > 1 ? gap / (panelHeight + gap) : 0,
      paddingOuter: 0,
    },
    x: { domain: FEATURES, label: null, tickSize: 0, padding: 0 },
    y: { domain: POSITIONS, label: null, tickSize: 0, padding: 0 },
    color: { type: "diverging", scheme: "burd", domain: [-5, 5], pivot: 0, clamp: true },
  } as const;
  const cellOptions = { x: "k", y: "t", fx: "col", fy: "row", inset: 0.5 } as const;

  const out: Record<string, PlotOptions> = {
    cells: {
      ...FIGURE,
      ...layout,
      width: WIDTH,
      height: 20 + 22 + rows * panelHeight + (rows - 1) * gap,
      marginTop: 20,
      marginLeft: 18,
      marginRight: 2,
      marginBottom: 22,
      ariaLabel: `${B} 条序列 × ${T} 个位置 × ${D} 个特征的激活，高亮的格子是 ${bn ? "BatchNorm" : "LayerNorm"} 求均值方差的范围`,
      ariaDescription: bn
        ? `BatchNorm（${bnLabel}）对特征 k=${a.k + 1} 统计 ${highlighted} 个格子：均值 ${f2(a.bn.mean)}，方差 ${f2(a.bn.variance)}`
        : `LayerNorm 对 token b=${a.b + 1}，t=${a.t + 1} 的 ${highlighted} 个特征统计：均值 ${f2(a.ln.mean)}，方差 ${f2(a.ln.variance)}`,
      marks: [
        cell(pick(false, false), { ...cellOptions, fill: "v", fillOpacity: 0.3, className: "norm-cell" }),
        cell(pick(true, false), { ...cellOptions, fill: PAD_FILL, fillOpacity: 0.18, className: "norm-pad" }),
        cell(pick(false, true), {
          ...cellOptions,
          fill: "v",
          stroke: "currentColor",
          strokeWidth: 1,
          className: "norm-hl",
        }),
        cell(pick(true, true), {
          ...cellOptions,
          fill: PAD_FILL,
          fillOpacity: 0.75,
          stroke: "currentColor",
          strokeWidth: 1,
          className: "norm-hl norm-hl-pad",
        }),
        cell(selected, {
          x: "k",
          y: "t",
          fx: "col",
          fy: "row",
          fill: "none",
          stroke: SECOND,
          strokeWidth: 3,
          inset: -1,
          className: "norm-sel",
        }),
        text(panels, {
          fx: "col",
          fy: "row",
          text: "label",
          frameAnchor: "top-left",
          textAnchor: "start",
          dy: -12,
          fill: "currentColor",
        }),
      ],
    },
  };

  if (bn) {
    const labels = ["含 padding", "只用真实 token"];
    const stats = [a.bnAll, a.bnReal];
    const dots = stats.flatMap((s, i) =>
      cells
        .filter((d) => d.k === a.k + 1 && (i === 0 || !isPad(d)))
        .map((d) => ({ row: labels[i], y: normalize(d.v, s), pad: isPad(d), sel: d.b === a.b && d.t === a.t + 1 })),
    );
    const realMeans = labels.map((_, i) => {
      const real = dots.filter((d) => d.row === labels[i] && !d.pad);
      return { row: labels[i], y: real.reduce((acc, d) => acc + d.y, 0) / real.length };
    });
    const pads = dots.filter((d) => d.pad);
    const padLabel = pads.length > 0 ? [{ row: labels[0], y: pads[0].y, label: `padding ×${pads.length}` }] : [];
    out.normed = {
      ...FIGURE,
      width: WIDTH,
      height: 130,
      marginLeft: 96,
      marginRight: 12,
      ariaLabel: `特征 k=${a.k + 1} 经 BatchNorm 后的值：含 padding 统计与只用真实 token 统计对比`,
      ariaDescription:
        `真实 token 归一化后的均值：含 padding 时 ${f2(realMeans[0].y)}，只用真实 token 时 ${f2(realMeans[1].y)}` +
        `（应为 0）`,
      x: { label: "BN 输出（γ=1，β=0）", grid: true, domain: domainAround(dots.map((d) => d.y)) },
      y: { domain: labels, label: null, padding: 0.3 },
      marks: [
        ruleX([0]),
        dot(
          dots.filter((d) => d.pad),
          { x: "y", y: "row", stroke: PAD_FILL, r: 4.5, strokeWidth: 1.5, className: "norm-out-pad" },
        ),
        dot(
          dots.filter((d) => !d.pad),
          { x: "y", y: "row", fill: ACCENT, fillOpacity: 0.75, r: 4.5, className: "norm-out" },
        ),
        text(padLabel, { x: "y", y: "row", text: "label", dy: -12, fill: "currentColor", fontSize: 11 }),
        dot(
          dots.filter((d) => d.sel),
          { x: "y", y: "row", stroke: SECOND, strokeWidth: 2.5, r: 7 },
        ),
        tickX(realMeans, { x: "y", y: "row", stroke: SECOND, strokeWidth: 3, className: "norm-real-mean" }),
      ],
    };
  } else {
    const values = layerNormToken(data.x, a.b, a.t);
    const bars = values.map((y, i) => ({ k: i + 1, y, sel: i === a.k }));
    out.normed = {
      ...FIGURE,
      width: WIDTH,
      height: 190,
      marginLeft: 40,
      marginBottom: 36,
      ariaLabel: `token b=${a.b + 1}，t=${a.t + 1} 经 LayerNorm 后的 ${D} 个特征`,
      ariaDescription: `LayerNorm 后各特征：${bars.map((d) => `k=${d.k} ${f2(d.y)}`).join("，")}；均值 0，方差约 1`,
      x: { domain: FEATURES, label: "特征 k", padding: 0.2, labelOffset: 32 },
      y: { label: "LN 输出", grid: true, domain: domainAround(values) },
      marks: [
        barY(bars, { x: "k", y: "y", fill: (d) => (d.sel ? SECOND : ACCENT), className: "norm-out" }),
        text(
          bars.filter((d) => d.y >= 0),
          { x: "k", y: "y", text: (d) => f2(d.y), dy: -7, fill: "currentColor" },
        ),
        text(
          bars.filter((d) => d.y < 0),
          { x: "k", y: "y", text: (d) => f2(d.y), dy: 8, fill: "currentColor" },
        ),
        ruleY([0]),
      ],
    };
  }

  const noise = bnNoise(state.seed, state.pad, a.k, masked);
  const current = noise[B - 1];
  const mu = FEATURE_MEANS[a.k];
  const spread = noise.map((r) => ({ batch: r.batch, lo: r.mean - r.std, hi: r.mean + r.std, sel: r.batch === B }));
  const draws = current.draws.map((y, i) => ({ batch: B + ((i % 5) - 2) * 0.07, y }));
  const allY = [mu, ...noise.flatMap((r) => r.draws)];
  out.noise = {
    ...FIGURE,
    width: WIDTH,
    height: 210,
    marginTop: 30,
    marginLeft: 40,
    marginRight: 12,
    marginBottom: 38,
    ariaLabel: `特征 k=${a.k + 1} 的 BN 均值：按 batch 大小 1 到 8 各抽 ${current.draws.length} 个 batch 的估计`,
    ariaDescription:
      `batch = ${B} 时估计的标准差 ${f2(current.std)}，平均 ${f2(current.mean)}；batch = 1 时标准差 ${f2(noise[0].std)}，` +
      `batch = 8 时 ${f2(noise[7].std)}；总体均值 ${f2(mu)}`,
    x: { domain: [0.5, 8.5], ticks: FEATURES, label: "batch 大小 B", tickFormat: String, labelOffset: 34 },
    y: {
      label: `特征 k=${a.k + 1} 的 BN 均值`,
      grid: true,
      domain: [Math.min(...allY) - 0.1, Math.max(...allY) + 0.1],
    },
    marks: [
      ruleY([mu], { stroke: COLORS.tertiary, strokeWidth: 2, strokeDasharray: "5,3" }),
      text([`绿色虚线：总体均值 ${f2(mu)}`], {
        text: (d) => d,
        frameAnchor: "top-right",
        textAnchor: "end",
        dy: -20,
        fill: "currentColor",
      }),
      ruleX(spread, {
        x: "batch",
        y1: "lo",
        y2: "hi",
        stroke: (d) => (d.sel ? SECOND : ACCENT),
        strokeOpacity: 0.6,
        strokeWidth: 7,
        className: "norm-spread",
      }),
      dot(draws, { x: "batch", y: "y", fill: SECOND, r: 2.5, className: "norm-draw" }),
      dot(noise, { x: "batch", y: "mean", fill: "currentColor", r: 2.5 }),
    ],
  };
  return out;
}

/** A symmetric-ish domain that always shows at least ±2.5, so a unit-variance spread reads as such. */
function domainAround(values: readonly number[]): [number, number] {
  const lo = Math.min(-2.5, ...values);
  const hi = Math.max(2.5, ...values);
  return [Math.floor(lo * 2) / 2, Math.ceil(hi * 2) / 2];
}
