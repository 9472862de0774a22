/** L1 vs L2 update rules: model output → Observable Plot options (used at build time and in the browser). */
import { dot, line, type PlotOptions, ruleX, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import {
  A,
  C,
  C2,
  fmtPoint,
  isoLine,
  l1Optimum,
  loss2,
  N_WEIGHTS,
  type RegState,
  RULE_LABELS,
  RULES,
  type Rule,
  START2,
  simulate,
  type Vec2,
  ZOOM,
} from "./model";

export const RULE_COLORS: Readonly<Record<Rule, string>> = {
  sub: COLORS.secondary,
  prox: COLORS.primary,
  l2: COLORS.tertiary,
};

/** Fixed window of the 2-D plane (equal units on both axes), so moving a slider never rescales it. */
const PLANE_X: [number, number] = [-0.8, 2.2];
const PLANE_Y: [number, number] = [-0.45, 1.8];
const BACKGROUND_LEVELS = [0.08, 0.3, 0.7, 1.3];
/** In-plot labels get a halo in the page background so contour lines do not run through them. */
const LABEL = { fill: "currentColor", stroke: "var(--plot-background)", strokeWidth: 3 } as const;

interface PathRow {
  rule: string;
  i: number;
  k: number;
  w: number;
  small: boolean;
}

export function figures(state: RegState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const sim = simulate(state);
  const facet = (rule: Rule) => RULE_LABELS[rule];
  // Weights the exact L1 optimum sets to 0 at this λ are drawn bold: those are the ones L1 should kill.
  const small = A.map((a, i) => l1Optimum(a, C[i], state.lambda) === 0);

  let lo = -1.25;
  let hi = 1.25;
  for (const rule of RULES) {
    for (const path of sim.paths[rule]) {
      for (const w of path) {
        if (w < lo) lo = w;
        if (w > hi) hi = w;
      }
    }
  }
  const yDomain: [number, number] = state.view === "zoom" ? [-ZOOM, ZOOM] : [lo - 0.05, hi + 0.05];
  // Drop points a reader could not see (flat, converged stretches): ~0.15 px at a 100 px panel.
  const tolY = (yDomain[1] - yDomain[0]) * 0.0015;
  const tolK = state.steps * 0.0015;
  const rows: Record<Rule, PathRow[]> = { sub: [], prox: [], l2: [] };
  for (const rule of RULES) {
    sim.paths[rule].forEach((path, i) => {
      const kept = simplify(
        path.map((w, k) => [k, w] as Vec2),
        tolK,
        tolY,
      );
      for (const [k, w] of kept) rows[rule].push({ rule: facet(rule), i, k, w, small: small[i] });
    });
  }
  const ends = RULES.flatMap((rule) =>
    sim.finals[rule].map((w) => ({ rule: facet(rule), k: state.steps, w, zero: w === 0, color: RULE_COLORS[rule] })),
  ).filter((e) => e.w >= yDomain[0] && e.w <= yDomain[1]);
  const titles = RULES.map((rule) => ({
    rule: facet(rule),
    label: `${RULE_LABELS[rule]} · 恰为 0：${sim.zeros[rule]}/${N_WEIGHTS}`,
    color: RULE_COLORS[rule],
  }));

  const pathsFigure: PlotOptions = {
    ...FIGURE,
    width: WIDTH,
    height: 480,
    marginTop: 24,
    marginBottom: 38,
    marginLeft: 52,
    marginRight: 12,
    ariaLabel: `${N_WEIGHTS} 个权重在三种更新规则下随迭代步数的变化`,
    ariaDescription: `λ = ${state.lambda}，η = ${state.eta}，${state.steps} 步后恰为 0 的权重：L1 次梯度 ${sim.zeros.sub} 个，L1 proximal ${sim.zeros.prox} 个，L2 ${sim.zeros.l2} 个。`,
    x: { label: "迭代步数 k", domain: [0, state.steps] },
    y: { label: "权重 w", labelAnchor: "center", labelArrow: "none", domain: yDomain, grid: true, ticks: 4 },
    fy: { domain: RULES.map(facet), padding: 0.24, axis: null, label: null },
    marks: [
      ruleY([0], { stroke: "currentColor", strokeOpacity: 0.55 }),
      ...RULES.map((rule) =>
        line(rows[rule], {
          x: "k",
          y: "w",
          z: "i",
          fy: "rule",
          stroke: RULE_COLORS[rule],
          strokeWidth: (d: PathRow) => (d.small ? 1.8 : 1.1),
          strokeOpacity: (d: PathRow) => (d.small ? 1 : 0.5),
          clip: true,
          className: `reg-paths-${rule}`,
        }),
      ),
      dot(
        ends.filter((e) => e.zero),
        { x: "k", y: "w", fy: "rule", r: 3.5, fill: "color", className: "reg-zero-end" },
      ),
      dot(
        ends.filter((e) => !e.zero),
        {
          x: "k",
          y: "w",
          fy: "rule",
          r: 3,
          stroke: "color",
          fill: "var(--plot-background)",
          strokeWidth: 1.3,
        },
      ),
      text(titles, {
        fy: "rule",
        text: "label",
        frameAnchor: "top-left",
        dy: -6,
        lineAnchor: "bottom",
        fill: "color",
        fontWeight: 700,
        fontSize: 12,
        className: "reg-panel-title",
      }),
    ],
  };

  const opt = sim.planeOptimum;
  const r1 = Math.abs(opt.l1[0]) + Math.abs(opt.l1[1]);
  const r2 = Math.hypot(opt.l2[0], opt.l2[1]);
  const diamond =
    r1 > 0
      ? pts([
          [r1, 0],
          [0, r1],
          [-r1, 0],
          [0, -r1],
          [r1, 0],
        ])
      : [];
  const circle = Array.from({ length: 65 }, (_, k) => {
    const t = (2 * Math.PI * k) / 64;
    return { x: r2 * Math.cos(t), y: r2 * Math.sin(t) };
  });
  const background = BACKGROUND_LEVELS.flatMap((level) => pts(isoLine(level, 56)).map((p) => ({ ...p, level })));
  const touchL1 = pts(isoLine(loss2(opt.l1)));
  const touchL2 = pts(isoLine(loss2(opt.l2)));
  const planeTol = (PLANE_X[1] - PLANE_X[0]) * 0.0015;
  const planePaths = RULES.flatMap((rule) =>
    pts(simplify(sim.plane[rule], planeTol, planeTol)).map((p) => ({ ...p, rule })),
  );
  const planeEnds = RULES.map((rule) => ({ ...pts([sim.plane[rule][sim.plane[rule].length - 1]])[0], rule }));

  const planeFigure: PlotOptions = {
    ...FIGURE,
    width: WIDTH,
    aspectRatio: 1,
    marginTop: 26,
    marginLeft: 44,
    marginRight: 12,
    marginBottom: 34,
    ariaLabel: "二维二次损失的等高线、L1 菱形、L2 圆与三种规则的优化路径",
    ariaDescription:
      `λ = ${state.lambda}：L1 最优解 ${fmtPoint(opt.l1)}，L2 最优解 ${fmtPoint(opt.l2)}；` +
      `${state.steps} 步后 次梯度 ${fmtPoint(sim.plane.sub.at(-1) as Vec2)}，proximal ${fmtPoint(sim.plane.prox.at(-1) as Vec2)}，L2 ${fmtPoint(sim.plane.l2.at(-1) as Vec2)}。`,
    x: { domain: PLANE_X, label: "w₁", ticks: [-0.5, 0, 0.5, 1, 1.5, 2], grid: true },
    y: { domain: PLANE_Y, label: "w₂", labelAnchor: "center", labelArrow: "none", ticks: [0, 0.5, 1, 1.5], grid: true },
    marks: [
      ruleX([0], { stroke: "currentColor", strokeOpacity: 0.6, className: "reg-axis-w1" }),
      ruleY([0], { stroke: "currentColor", strokeOpacity: 0.6, className: "reg-axis-w2" }),
      line(background, { x: "x", y: "y", z: "level", stroke: COLORS.muted, strokeOpacity: 0.7, clip: true }),
      line(touchL1, { x: "x", y: "y", stroke: RULE_COLORS.prox, strokeDasharray: "3,3", clip: true }),
      line(touchL2, { x: "x", y: "y", stroke: RULE_COLORS.l2, strokeDasharray: "3,3", clip: true }),
      line(diamond, { x: "x", y: "y", stroke: RULE_COLORS.prox, strokeWidth: 1.6, clip: true }),
      line(circle, { x: "x", y: "y", stroke: RULE_COLORS.l2, strokeWidth: 1.6, clip: true }),
      line(
        planePaths.filter((p) => p.rule === "sub"),
        { x: "x", y: "y", stroke: RULE_COLORS.sub, strokeWidth: 2.4, clip: true, className: "reg-plane-sub" },
      ),
      line(
        planePaths.filter((p) => p.rule === "prox"),
        { x: "x", y: "y", stroke: RULE_COLORS.prox, strokeWidth: 1.4, clip: true, className: "reg-plane-prox" },
      ),
      line(
        planePaths.filter((p) => p.rule === "l2"),
        { x: "x", y: "y", stroke: RULE_COLORS.l2, strokeWidth: 1.6, clip: true, className: "reg-plane-l2" },
      ),
      dot(pts([START2]), { x: "x", y: "y", r: 3, fill: "currentColor", className: "reg-start" }),
      text(pts([START2]), { x: "x", y: "y", text: () => "起点", dx: 6, textAnchor: "start", ...LABEL }),
      dot(pts([C2]), { x: "x", y: "y", symbol: "plus", r: 5, stroke: "currentColor", strokeWidth: 1.5 }),
      text(pts([C2]), { x: "x", y: "y", text: () => "L 的最小点", dy: -12, ...LABEL }),
      ...RULES.map((rule) =>
        dot(
          planeEnds.filter((e) => e.rule === rule),
          {
            x: "x",
            y: "y",
            r: rule === "sub" ? 5 : 3.5,
            fill: rule === "sub" ? "none" : RULE_COLORS[rule],
            stroke: RULE_COLORS[rule],
            strokeWidth: 1.5,
            className: `reg-end-${rule}`,
          },
        ),
      ),
      text([`L1 菱形 ‖w‖₁ = ${r1.toFixed(2)}`], {
        frameAnchor: "top-left",
        dy: -8,
        lineAnchor: "bottom",
        textAnchor: "start",
        fill: RULE_COLORS.prox,
        fontWeight: 700,
      }),
      text([`L2 圆 ‖w‖₂ = ${r2.toFixed(2)}`], {
        frameAnchor: "top-right",
        dy: -8,
        lineAnchor: "bottom",
        textAnchor: "end",
        fill: RULE_COLORS.l2,
        fontWeight: 700,
      }),
    ],
  };

  return { paths: pathsFigure, plane: planeFigure };
}

const pts = (ws: readonly Vec2[]) => ws.map((w) => ({ x: w[0], y: w[1] }));

/**
 * Greedy polyline thinning: drops a point when every point it stands for lies within (tx, ty) of the
 * chord that replaces it (distances measured in units of tx / ty). Keeps the first and last points and
 * every visible wiggle, such as the subgradient's jitter around 0.
 */
export function simplify(points: readonly Vec2[], tx: number, ty: number): Vec2[] {
  if (points.length <= 2) return [...points];
  const out: Vec2[] = [points[0]];
  let anchor = 0;
  for (let next = 2; next < points.length; next++) {
    const [ax, ay] = points[anchor];
    const dx = (points[next][0] - ax) / tx;
    const dy = (points[next][1] - ay) / ty;
    const len2 = dx * dx + dy * dy;
    for (let j = anchor + 1; j < next; j++) {
      const px = (points[j][0] - ax) / tx;
      const py = (points[j][1] - ay) / ty;
      // Distance from point j to the chord anchor → next (a segment, not the infinite line).
      const t = len2 > 0 ? Math.min(1, Math.max(0, (px * dx + py * dy) / len2)) : 0;
      if (Math.hypot(px - t * dx, py - t * dy) > 1) {
        anchor = next - 1;
        out.push(points[anchor]);
        break;
      }
    }
  }
  out.push(points[points.length - 1]);
  return out;
}
