/** Fixed vs learned PE beyond L_max: model output → Observable Plot options (build time and browser). */
import { dot, line, type PlotOptions, rect, ruleX, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { fmtInt, frequencies, wavelength } from "../sinusoidal-pe/model";
import {
  arcs,
  BASE,
  coverage,
  examplePairs,
  type PexState,
  rangeEnd,
  traces,
  turnsInTraining,
  unseenPairs,
} from "./model";

const SEEN = COLORS.primary;
const FRESH = COLORS.danger;
const HALO = { stroke: "var(--plot-background)", strokeWidth: 3 } as const;
/** Vertical distance between the rows of the track figure, in units of the ±1 signal. */
const ROW = 3.1;

export function figures(state: PexState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const { L, d } = state;
  const end = rangeEnd(state);
  const pairs = examplePairs(d, L);
  const w = frequencies(d, BASE);
  // Four rows in one panel (no facets: cheaper to redraw): the table, then the three pairs.
  // Row r is centred at y = −r·ROW; a row spans ±1 plus room for its title.
  const center = (r: number) => -r * ROW;
  const data = traces(pairs, d, L, end).map((t) => {
    const c = center(pairs.indexOf(t.pair) + 1);
    return { ...t, y: t.value + c, freshY: t.fresh + c };
  });
  const titles = [
    { y: center(0), label: `可学习表 P：只有 ${fmtInt(L)} 行` },
    ...pairs.map((i, r) => ({
      y: center(r + 1),
      label: `正弦第 ${i} 对 sin（波长 ${fmtInt(wavelength(i, d, BASE))}，训练内 ${turnsInTraining(w[i], L).toFixed(2)} 圈）`,
    })),
  ];
  const unseen = unseenPairs(d, L);
  const narrow = WIDTH < 400;
  const top = center(0) + 1.75;
  const bottom = center(pairs.length) - 1.15;

  const track: PlotOptions = {
    ...FIGURE,
    width: WIDTH,
    height: 330,
    marginTop: 4,
    marginLeft: 12,
    marginRight: 12,
    marginBottom: 36,
    ariaLabel: `位置 0 到 ${fmtInt(end)}：可学习表在 ${fmtInt(L)} 处结束，正弦编码三对维度继续延伸`,
    ariaDescription:
      `阴影是训练中没见过的位置 ≥ ${fmtInt(L)}。可学习表没有第 ${fmtInt(L)} 行；` +
      `正弦编码各对继续有值，红色段是训练中从未出现过的 (sin, cos) 组合（${unseen}/${d / 2} 对会出现）。`,
    x: { domain: [0, end], label: "位置 pos", labelAnchor: "center", labelOffset: 30, ticks: narrow ? 4 : 6 },
    y: { domain: [bottom, top], axis: null },
    marks: [
      rect([{}], {
        x1: L,
        x2: end,
        y1: bottom,
        y2: top,
        fill: COLORS.muted,
        fillOpacity: 0.16,
        className: "pex-unseen",
      }),
      ruleX([L], { stroke: "currentColor", strokeWidth: 1.5, strokeDasharray: "4,3" }),
      // The learned table: one row per position below L_max, nothing after.
      rect([{}], {
        x1: 0,
        x2: Math.min(L, end),
        y1: center(0) - 0.75,
        y2: center(0) + 0.75,
        fill: SEEN,
        fillOpacity: 0.35,
        className: "pex-table",
      }),
      text([`P[0] … P[${fmtInt(L - 1)}]`], { x: Math.min(L, end) / 2, y: center(0), fill: "currentColor", ...HALO }),
      text([narrow ? `✕ 无第 ${fmtInt(L)} 行` : `✕ 没有第 ${fmtInt(L)} 行 → 越界`], {
        x: L,
        y: center(0),
        dx: 8,
        textAnchor: "start",
        fill: FRESH,
        fontWeight: 700,
        className: "pex-oob",
      }),
      ruleY(
        pairs.map((_, r) => center(r + 1)),
        { stroke: "currentColor", strokeOpacity: 0.2 },
      ),
      line(data, { x: "pos", y: "y", z: "pair", stroke: SEEN, strokeWidth: 1.4, className: "pex-trace" }),
      line(data, { x: "pos", y: "freshY", z: "pair", stroke: FRESH, strokeWidth: 3.2, className: "pex-fresh" }),
      text(titles, {
        x: 0,
        y: (t) => t.y + 1.12,
        text: "label",
        textAnchor: "start",
        lineAnchor: "bottom",
        fill: "currentColor",
        ...HALO,
      }),
      text(["训练中没见过的位置"], {
        x: end,
        y: center(0) + 1.12,
        textAnchor: "end",
        lineAnchor: "bottom",
        fill: "currentColor",
        ...HALO,
      }),
    ],
  };

  // Circles: each example pair's (sin, cos) point, a clock hand that starts at 12 o'clock.
  const arcData = arcs(pairs, d, L, end);
  const cols = pairs.length;
  // Facets fill the width; the circles are at most 150 px tall, and the x domain is widened so that
  // one unit is as long on x as on y (round circles at every width).
  const facetWidth = (WIDTH - 16) / cols;
  const circleSize = Math.min(150, facetWidth);
  const half = 1.25 * (facetWidth / circleSize);
  const hands = pairs.flatMap((i) => [
    { pair: i, kind: "L", x: Math.sin((L - 1) * w[i]), y: Math.cos((L - 1) * w[i]) },
    { pair: i, kind: "end", x: Math.sin(end * w[i]), y: Math.cos(end * w[i]) },
  ]);
  const circle = pairs.flatMap((pair) =>
    Array.from({ length: 61 }, (_, j) => ({
      pair,
      x: Math.sin((j / 60) * 2 * Math.PI),
      y: Math.cos((j / 60) * 2 * Math.PI),
    })),
  );
  const circles: PlotOptions = {
    ...FIGURE,
    width: WIDTH,
    height: circleSize + 44,
    marginTop: 22,
    marginBottom: 22,
    marginLeft: 8,
    marginRight: 8,
    ariaLabel: `三对维度的 (sin, cos) 在单位圆上走过的角度：训练中（蓝）与训练之外新走的（红）`,
    ariaDescription: pairs
      .map((i) => {
        const t = turnsInTraining(w[i], L);
        return `第 ${i} 对训练中覆盖 ${t >= 1 ? "整圈" : `${Math.round(t * 360)}°`}`;
      })
      .join("；"),
    fx: { domain: pairs, axis: null, padding: 0 },
    x: { domain: [-half, half], axis: null },
    y: { domain: [-1.25, 1.25], axis: null },
    marks: [
      line(circle, { fx: "pair", x: "x", y: "y", z: "pair", stroke: "currentColor", strokeOpacity: 0.2 }),
      line(
        arcData.filter((a) => a.part === "seen"),
        { fx: "pair", x: "x", y: "y", z: "pair", stroke: SEEN, strokeWidth: 5, className: "pex-arc-seen" },
      ),
      line(
        arcData.filter((a) => a.part === "new"),
        { fx: "pair", x: "x", y: "y", z: "pair", stroke: FRESH, strokeWidth: 5, className: "pex-arc-new" },
      ),
      dot([{ pair: pairs[0] }, { pair: pairs[1] }, { pair: pairs[2] }], {
        fx: "pair",
        x: 0,
        y: 1,
        r: 3,
        fill: "currentColor",
      }),
      dot(
        hands.filter((h) => h.kind === "L"),
        { fx: "pair", x: "x", y: "y", r: 4.5, fill: SEEN, stroke: "var(--plot-background)", strokeWidth: 1.5 },
      ),
      dot(
        hands.filter((h) => h.kind === "end"),
        { fx: "pair", x: "x", y: "y", r: 4.5, fill: "none", stroke: FRESH, strokeWidth: 2 },
      ),
      text(
        pairs.map((pair) => ({ pair })),
        { fx: "pair", frameAnchor: "top", dy: -14, text: (r) => `第 ${r.pair} 对`, fill: "currentColor" },
      ),
      text(
        pairs.map((pair) => ({ pair })),
        {
          fx: "pair",
          frameAnchor: "bottom",
          dy: 14,
          text: (r) => {
            const t = turnsInTraining(w[r.pair], L);
            return t >= 1 ? "训练中已转满" : `训练中 ${Math.round(t * 360)}°`;
          },
          fill: "currentColor",
        },
      ),
    ],
  };

  const cov = coverage(d, L);
  const lo = Math.min(...cov.map((c) => c.turns));
  const hi = Math.max(...cov.map((c) => c.turns));
  const covData = cov.map((c) => ({ i: c.i, full: c.turns >= 1 ? c.turns : Number.NaN }));
  // The red stretch starts one pair early so the two lines join at the threshold.
  const first = cov.findIndex((c) => c.turns < 1);
  const partial = cov.map((c) => ({ i: c.i, turns: first >= 0 && c.i >= first - 1 ? c.turns : Number.NaN }));
  const picks = pairs.map((i) => ({ i, turns: cov[i].turns }));
  const coverageFig: PlotOptions = {
    ...FIGURE,
    width: WIDTH,
    height: 200,
    marginTop: 16,
    marginLeft: 48,
    marginRight: 12,
    marginBottom: 36,
    ariaLabel: `d_model = ${d}、训练长度 ${fmtInt(L)} 时，每对频率在训练中转过的圈数（对数轴）`,
    ariaDescription: `${d / 2} 对中 ${unseen} 对不到 1 圈（红），${d / 2 - unseen} 对转满至少 1 圈（蓝）。`,
    x: { domain: [0, d / 2 - 1], label: "频率对 i（越往右越慢）", labelAnchor: "center", labelOffset: 30 },
    y: {
      type: "log",
      domain: [Math.min(lo, 0.5) * 0.8, Math.max(hi, 2) * 1.25],
      label: "训练中转过的圈数",
      labelAnchor: "top",
      tickFormat: "~g",
      ticks: [0.001, 0.01, 0.1, 1, 10, 100, 1000].filter(
        (t) => t >= Math.min(lo, 0.5) * 0.8 && t <= Math.max(hi, 2) * 1.25,
      ),
      grid: true,
    },
    marks: [
      ruleY([1], { stroke: "currentColor", strokeDasharray: "4,3" }),
      line(covData, { x: "i", y: "full", stroke: SEEN, strokeWidth: 2.5, className: "pex-cov-full" }),
      line(partial, { x: "i", y: "turns", stroke: FRESH, strokeWidth: 2.5, className: "pex-cov-part" }),
      dot(picks, { x: "i", y: "turns", r: 5, stroke: "currentColor", strokeWidth: 1.5, fill: "none" }),
      text(picks, { x: "i", y: "turns", text: (p) => String(p.i), dy: -11, fill: "currentColor", ...HALO }),
      text([`${unseen}/${d / 2} 对不到 1 圈`], {
        frameAnchor: "bottom-left",
        textAnchor: "start",
        dx: 6,
        dy: -8,
        fill: FRESH,
        fontWeight: 700,
        ...HALO,
      }),
    ],
  };
  return { track, circles, coverage: coverageFig };
}
