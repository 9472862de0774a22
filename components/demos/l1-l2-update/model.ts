/**
 * L1 vs L2 update rules (DL-05): full-batch gradient descent on a smooth quadratic loss plus a penalty,
 * with three rules — L1 subgradient, L1 proximal (soft-threshold, ISTA) and L2 (weight decay form).
 * Pure maths, no DOM, deterministic (fixed problems, no randomness).
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

export const params = {
  // Linear sliders: λ's interesting range (0.3–1.6 for these problems) is O(1), and η only spans 30×.
  lambda: { type: "number", label: "正则系数 λ", min: 0, max: 2, step: 0.01, default: 0.5 },
  eta: { type: "number", label: "学习率 η", min: 0.01, max: 0.3, step: 0.01, default: 0.1 },
  steps: { type: "number", label: "迭代步数", min: 10, max: 300, step: 10, default: 60, integer: true },
  view: {
    type: "choice",
    label: "上图纵轴",
    options: ["full", "zoom"],
    default: "full",
    optionLabels: { full: "完整范围", zoom: "放大 0 附近（±0.25）" },
  },
} satisfies ParamSpecs;

/** Half-height of the upper figure's y window when zoomed in on 0. */
export const ZOOM = 0.25;

export type RegState = StateOf<typeof params>;

export type Rule = "sub" | "prox" | "l2";
export const RULES: readonly Rule[] = ["sub", "prox", "l2"];
export const RULE_LABELS: Readonly<Record<Rule, string>> = {
  sub: "L1 次梯度",
  prox: "L1 proximal",
  l2: "L2",
};

/** Soft-threshold S(z, τ) = sign(z)·max(|z| − τ, 0); returns exactly 0 (never −0) when |z| ≤ τ. */
export function softThreshold(z: number, tau: number): number {
  if (Math.abs(z) <= tau) return 0;
  return z > 0 ? z - tau : z + tau;
}

/**
 * One update of a single weight w, given the data-loss gradient g = ∂L/∂w at w.
 * - sub:  w − η·g − η·λ·sign(w)           (penalty λ|w|, naive subgradient; sign(0) = 0)
 * - prox: S(w − η·g, η·λ)                  (penalty λ|w|, proximal / ISTA step)
 * - l2:   (1 − η·λ)·w − η·g                (penalty (λ/2)w², i.e. w − η(g + λw))
 */
export function update(rule: Rule, w: number, g: number, eta: number, lambda: number): number {
  switch (rule) {
    case "sub":
      return w - eta * g - eta * lambda * Math.sign(w);
    case "prox":
      return softThreshold(w - eta * g, eta * lambda);
    case "l2":
      return (1 - eta * lambda) * w - eta * g;
  }
}

// ---------------------------------------------------------------------------------------------
// Separable problem: L(w) = ½ Σ a_i (w_i − c_i)², eight weights, each started at sign(c_i)·1.

/** Curvatures a_i and data optima c_i. Weight 5 is the article's worked example (a = 1, c = 0.3, w₀ = 1). */
export const A: readonly number[] = [1.0, 0.8, 1.2, 1.5, 1.0, 0.6, 1.4, 0.9];
export const C: readonly number[] = [1.6, -1.2, 0.8, -0.5, 0.3, -0.25, 0.15, -0.08];
export const W0: readonly number[] = C.map((c) => Math.sign(c));
export const N_WEIGHTS = C.length;

/** Every weight's value at steps 0…steps under one rule: paths[i][k] is weight i after k steps. */
export function separablePaths(
  rule: Rule,
  eta: number,
  lambda: number,
  steps: number,
  a: readonly number[] = A,
  c: readonly number[] = C,
  w0: readonly number[] = W0,
): number[][] {
  return w0.map((start, i) => {
    const path = [start];
    let w = start;
    for (let k = 0; k < steps; k++) {
      w = update(rule, w, a[i] * (w - c[i]), eta, lambda);
      path.push(w);
    }
    return path;
  });
}

/** Closed-form optimum of ½a(w − c)² + λ|w|: soft threshold of c at λ/a. */
export function l1Optimum(a: number, c: number, lambda: number): number {
  return softThreshold(c, lambda / a);
}

/** Closed-form optimum of ½a(w − c)² + (λ/2)w²: a·c / (a + λ). */
export function l2Optimum(a: number, c: number, lambda: number): number {
  return (a * c) / (a + lambda);
}

export const countExactZeros = (ws: readonly number[]): number => ws.filter((w) => w === 0).length;

// ---------------------------------------------------------------------------------------------
// Two-dimensional problem: L(w) = ½ (w − c)ᵀ H (w − c) with a tilted H and an off-axis minimum c.

export type Vec2 = readonly [number, number];
export const H2 = [
  [1.0, -0.4],
  [-0.4, 0.9],
] as const;
export const C2: Vec2 = [1.5, 0.9];
export const START2: Vec2 = [-0.5, 1.6];

export function loss2(w: Vec2): number {
  const d0 = w[0] - C2[0];
  const d1 = w[1] - C2[1];
  return 0.5 * (H2[0][0] * d0 * d0 + 2 * H2[0][1] * d0 * d1 + H2[1][1] * d1 * d1);
}

export function grad2(w: Vec2): [number, number] {
  const d0 = w[0] - C2[0];
  const d1 = w[1] - C2[1];
  return [H2[0][0] * d0 + H2[0][1] * d1, H2[1][0] * d0 + H2[1][1] * d1];
}

/** The 2-D path (steps + 1 points) of one rule from START2. */
export function planePath(rule: Rule, eta: number, lambda: number, steps: number, start: Vec2 = START2): Vec2[] {
  const path: Vec2[] = [start];
  let w: Vec2 = start;
  for (let k = 0; k < steps; k++) {
    const g = grad2(w);
    w = [update(rule, w[0], g[0], eta, lambda), update(rule, w[1], g[1], eta, lambda)];
    path.push(w);
  }
  return path;
}

/** Exact minimiser of L(w) + (λ/2)‖w‖²: (H + λI)⁻¹ H c. */
export function planeL2Optimum(lambda: number): [number, number] {
  const h0 = H2[0][0] * C2[0] + H2[0][1] * C2[1];
  const h1 = H2[1][0] * C2[0] + H2[1][1] * C2[1];
  return solve2(H2[0][0] + lambda, H2[0][1], H2[1][1] + lambda, h0, h1);
}

/**
 * Exact minimiser of L(w) + λ‖w‖₁ (2-D lasso): try every support and sign pattern, keep the one that
 * satisfies the optimality conditions (H(w − c) + λs = 0 on the support, |∂_j L| ≤ λ off it).
 */
export function planeL1Optimum(lambda: number): [number, number] {
  const hc = [H2[0][0] * C2[0] + H2[0][1] * C2[1], H2[1][0] * C2[0] + H2[1][1] * C2[1]];
  const tol = 1e-12;
  const candidates: [number, number][] = [[0, 0]];
  for (const s0 of [-1, 1]) {
    candidates.push([(hc[0] - lambda * s0) / H2[0][0], 0]);
    candidates.push([0, (hc[1] - lambda * s0) / H2[1][1]]);
    for (const s1 of [-1, 1]) {
      candidates.push(solve2(H2[0][0], H2[0][1], H2[1][1], hc[0] - lambda * s0, hc[1] - lambda * s1));
    }
  }
  for (const w of candidates) {
    const g = grad2(w);
    const ok = [0, 1].every((j) =>
      w[j] === 0 ? Math.abs(g[j]) <= lambda + tol : Math.abs(g[j] + lambda * Math.sign(w[j])) <= 1e-9,
    );
    if (ok) return w;
  }
  throw new Error("no lasso optimum found"); // unreachable for a positive-definite H
}

function solve2(a: number, b: number, d: number, y0: number, y1: number): [number, number] {
  const det = a * d - b * b;
  return [(d * y0 - b * y1) / det, (a * y1 - b * y0) / det];
}

/** Points on the iso-line L(w) = level: an ellipse around C2 (closed: last point = first). */
export function isoLine(level: number, points = 48): Vec2[] {
  // Eigen-decomposition of the symmetric 2×2 H.
  const [[p, q], [, r]] = H2;
  const mean = (p + r) / 2;
  const rad = Math.hypot((p - r) / 2, q);
  const l1 = mean + rad;
  const l2 = mean - rad;
  const theta = 0.5 * Math.atan2(2 * q, p - r); // direction of the l1 eigenvector
  const u: Vec2 = [Math.cos(theta), Math.sin(theta)];
  const v: Vec2 = [-Math.sin(theta), Math.cos(theta)];
  const s1 = Math.sqrt((2 * level) / l1);
  const s2 = Math.sqrt((2 * level) / l2);
  return Array.from({ length: points + 1 }, (_, k) => {
    const t = (2 * Math.PI * k) / points;
    const x = s1 * Math.cos(t);
    const y = s2 * Math.sin(t);
    return [C2[0] + x * u[0] + y * v[0], C2[1] + x * u[1] + y * v[1]] as Vec2;
  });
}

// ---------------------------------------------------------------------------------------------

export interface Simulation {
  paths: Record<Rule, number[][]>;
  finals: Record<Rule, number[]>;
  zeros: Record<Rule, number>;
  /** How many weights the exact L1 optimum sets to 0 at this λ. */
  l1OptimumZeros: number;
  plane: Record<Rule, Vec2[]>;
  planeOptimum: { l1: [number, number]; l2: [number, number] };
}

export function simulate(state: RegState): Simulation {
  const { eta, lambda, steps } = state;
  const paths = {} as Record<Rule, number[][]>;
  const finals = {} as Record<Rule, number[]>;
  const zeros = {} as Record<Rule, number>;
  const plane = {} as Record<Rule, Vec2[]>;
  for (const rule of RULES) {
    paths[rule] = separablePaths(rule, eta, lambda, steps);
    finals[rule] = paths[rule].map((p) => p[p.length - 1]);
    zeros[rule] = countExactZeros(finals[rule]);
    plane[rule] = planePath(rule, eta, lambda, steps);
  }
  return {
    paths,
    finals,
    zeros,
    l1OptimumZeros: countExactZeros(A.map((a, i) => l1Optimum(a, C[i], lambda))),
    plane,
    planeOptimum: { l1: planeL1Optimum(lambda), l2: planeL2Optimum(lambda) },
  };
}

/** A coordinate for the read-out: exact 0 prints as "0", tiny non-zeros in exponent form. */
export function fmtCoord(x: number): string {
  if (x === 0) return "0";
  if (Math.abs(x) < 0.0005) return x.toExponential(1);
  return x.toFixed(3);
}

export const fmtPoint = (w: Vec2): string => `(${fmtCoord(w[0])}, ${fmtCoord(w[1])})`;

export function readouts(state: RegState): Record<string, string> {
  const sim = simulate(state);
  const end = (rule: Rule) => sim.plane[rule][sim.plane[rule].length - 1];
  const l1 = sim.planeOptimum.l1;
  const where =
    l1[0] === 0 && l1[1] === 0 ? "（在原点）" : l1[0] === 0 || l1[1] === 0 ? "（在坐标轴上）" : "（不在坐标轴上）";
  return {
    zeros:
      `${state.steps} 步后 ${N_WEIGHTS} 个权重中恰为 0 的个数：L1 次梯度 ${sim.zeros.sub}，` +
      `L1 proximal ${sim.zeros.prox}，L2 ${sim.zeros.l2}（每步 L1 推力 ηλ = ${Number((state.eta * state.lambda).toPrecision(3))}；` +
      `L1 最优解有 ${sim.l1OptimumZeros} 个为 0）`,
    plane:
      `二维终点：次梯度 ${fmtPoint(end("sub"))}，proximal ${fmtPoint(end("prox"))}，L2 ${fmtPoint(end("l2"))}；` +
      `最优解 L1 ${fmtPoint(l1)}${where}，L2 ${fmtPoint(sim.planeOptimum.l2)}`,
  };
}
