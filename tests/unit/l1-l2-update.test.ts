import { describe, expect, it } from "vitest";
import { simplify } from "../../components/demos/l1-l2-update/chart";
import {
  A,
  C,
  countExactZeros,
  fmtCoord,
  grad2,
  isoLine,
  l1Optimum,
  l2Optimum,
  loss2,
  params,
  planeL1Optimum,
  planeL2Optimum,
  planePath,
  type RegState,
  readouts,
  separablePaths,
  simulate,
  softThreshold,
  update,
  type Vec2,
} from "../../components/demos/l1-l2-update/model";
import { defaultState } from "../../src/lib/url-state";

const DEFAULT: RegState = defaultState(params);
const last = <T>(xs: readonly T[]): T => xs[xs.length - 1];

describe("soft-threshold S(z, τ) = sign(z)·max(|z| − τ, 0)", () => {
  it("matches hand-computed cases", () => {
    expect(softThreshold(0.8, 0.5)).toBeCloseTo(0.3, 15);
    expect(softThreshold(-0.8, 0.5)).toBeCloseTo(-0.3, 15);
    expect(softThreshold(2, 0.5)).toBe(1.5);
    expect(softThreshold(-2, 0.5)).toBe(-1.5);
    expect(softThreshold(3, 0)).toBe(3);
  });

  it("returns exactly +0 on the whole band |z| ≤ τ, boundary included", () => {
    for (const z of [0, 0.5, -0.5, 0.2, -0.2, 1e-12, -1e-12]) {
      expect(Object.is(softThreshold(z, 0.5), 0)).toBe(true);
    }
    expect(softThreshold(0.5000001, 0.5)).toBeGreaterThan(0);
  });
});

describe("one update step", () => {
  it("proximal gives an exact 0 where the subgradient step overshoots (article, step 18)", () => {
    // L = ½(w − 0.3)², η = 0.1, λ = 0.5 and w = 0.00013: z = w − η∇L ≈ 0.0301 ≤ ηλ = 0.05.
    const w = 0.00013;
    const g = w - 0.3;
    expect(update("prox", w, g, 0.1, 0.5)).toBe(0);
    const sub = update("sub", w, g, 0.1, 0.5);
    expect(sub).toBeCloseTo(0.9 * w + 0.03 - 0.05, 12);
    expect(sub).toBeLessThan(0); // crossed 0
  });

  it("proximal is exactly 0 if and only if |w − η∇L| ≤ ηλ; the subgradient step is never 0 there", () => {
    const eta = 0.1;
    const lambda = 0.5;
    let inBand = 0;
    for (let i = 0; i <= 400; i++) {
      const w = -1 + i * 0.005 + 1e-4; // avoid w = 0, where sign(w) = 0
      const g = 1.3 * (w - 0.2);
      const z = w - eta * g;
      const prox = update("prox", w, g, eta, lambda);
      const sub = update("sub", w, g, eta, lambda);
      if (Math.abs(z) <= eta * lambda) {
        inBand++;
        expect(prox).toBe(0);
        expect(sub).not.toBe(0);
      } else {
        expect(prox).not.toBe(0);
        expect(prox).toBeCloseTo(z - Math.sign(z) * eta * lambda, 12);
        expect(sub).toBe(w - eta * g - eta * lambda * Math.sign(w));
      }
    }
    expect(inBand).toBeGreaterThan(10);
  });

  it("L2 is exactly (1 − ηλ)w − η∇L, i.e. w − η(∇L + λw)", () => {
    for (const [w, g, eta, lambda] of [
      [0.7, -0.3, 0.1, 0.5],
      [-1.2, 0.4, 0.3, 2],
      [0.01, 0.02, 0.01, 0.01],
    ]) {
      const step = update("l2", w, g, eta, lambda);
      expect(step).toBe((1 - eta * lambda) * w - eta * g);
      expect(step).toBeCloseTo(w - eta * (g + lambda * w), 14);
    }
    // Without the data gradient, L2 is pure geometric decay and never reaches 0.
    let w = 1;
    for (let k = 0; k < 1000; k++) w = update("l2", w, 0, 0.1, 0.5);
    expect(w).toBeCloseTo(0.95 ** 1000, 20);
    expect(w).toBeGreaterThan(0);
  });
});

describe("the article's worked example: L = ½(w − 0.3)², w₀ = 1, η = 0.1, λ = 0.5", () => {
  const path = (rule: "sub" | "prox" | "l2", steps: number) =>
    separablePaths(rule, 0.1, 0.5, steps, [1], [0.3], [1])[0];
  const l2 = path("l2", 100);
  const sub = path("sub", 100);
  const prox = path("prox", 100);

  it("reproduces the table in DL-05", () => {
    const table: [number, number, number, number][] = [
      [10, 0.3575, 0.21841, 0.21841],
      [17, 0.25049, 0.00013, 0.00013],
      [18, 0.24292, -0.01989, 0],
      [19, 0.23648, 0.0621, 0],
      [100, 0.2, -0.00667, 0],
    ];
    for (const [k, wl2, wsub, wprox] of table) {
      expect(l2[k]).toBeCloseTo(wl2, 5);
      expect(sub[k]).toBeCloseTo(wsub, 5);
      expect(prox[k]).toBeCloseTo(wprox, 5);
    }
    expect(prox.slice(18).every((w) => w === 0)).toBe(true);
    expect(prox[17]).not.toBe(0);
  });

  it("the subgradient path never hits 0 exactly in 10 000 steps and stays in [−0.017, 0.080] after step 100", () => {
    const long = path("sub", 10_000);
    expect(countExactZeros(long)).toBe(0);
    const tail = long.slice(100);
    expect(Math.min(...tail)).toBeGreaterThan(-0.017);
    expect(Math.max(...tail)).toBeLessThan(0.08);
  });
});

describe("separable problem ½ Σ aᵢ(wᵢ − cᵢ)²", () => {
  it("closed-form optima: L1 = S(cᵢ, λ/aᵢ), L2 = aᵢcᵢ/(aᵢ + λ)", () => {
    expect(l1Optimum(1, 0.3, 0.5)).toBe(0);
    expect(l1Optimum(1, 1, 0.5)).toBe(0.5);
    expect(l1Optimum(2, -1, 0.5)).toBe(-0.75);
    expect(l2Optimum(1, 0.3, 0.5)).toBeCloseTo(0.2, 15);
    expect(l2Optimum(2, 1, 2)).toBe(0.5);
  });

  it("many proximal / L2 iterations land on the closed-form optima (exact zeros included)", () => {
    for (const lambda of [0.05, 0.5, 1.3]) {
      const prox = separablePaths("prox", 0.2, lambda, 2000).map(last);
      const l2 = separablePaths("l2", 0.2, lambda, 2000).map(last);
      A.forEach((a, i) => {
        const star = l1Optimum(a, C[i], lambda);
        if (star === 0) expect(prox[i]).toBe(0);
        else expect(prox[i]).toBeCloseTo(star, 10);
        expect(l2[i]).toBeCloseTo(l2Optimum(a, C[i], lambda), 10);
        expect(l2[i]).not.toBe(0);
      });
    }
  });

  it("counts exact zeros after the last step: proximal > 0, subgradient 0, L2 0", () => {
    const sim = simulate(DEFAULT);
    expect(sim.zeros).toEqual({ sub: 0, prox: 4, l2: 0 });
    expect(sim.l1OptimumZeros).toBe(4);
    // Four weights hover near 0 under the subgradient step, but none is exactly 0.
    expect(sim.finals.sub.filter((w) => Math.abs(w) < 0.1).length).toBe(4);
    expect(simulate({ ...DEFAULT, lambda: 2, steps: 300 }).zeros).toEqual({ sub: 0, prox: 8, l2: 0 });
    expect(simulate({ ...DEFAULT, lambda: 0.01 }).zeros.prox).toBe(0);
    // A tiny learning rate needs more steps before the proximal step can zero anything.
    expect(simulate({ ...DEFAULT, eta: 0.01 }).zeros.prox).toBe(0);
    expect(simulate({ ...DEFAULT, eta: 0.01, steps: 300 }).zeros.prox).toBeGreaterThan(0);
  });

  it("with λ = 0 the three rules are the same gradient descent", () => {
    const sim = simulate({ ...DEFAULT, lambda: 0 });
    expect(sim.paths.prox).toEqual(sim.paths.l2);
    expect(sim.paths.sub).toEqual(sim.paths.l2);
    expect(sim.zeros).toEqual({ sub: 0, prox: 0, l2: 0 });
    expect(planeL1Optimum(0)[0]).toBeCloseTo(1.5, 12);
    expect(planeL1Optimum(0)[1]).toBeCloseTo(0.9, 12);
  });

  it("the proximal zero count never falls as λ grows (enough steps to converge)", () => {
    let previous = -1;
    for (const lambda of [0, 0.01, 0.05, 0.1, 0.2, 0.35, 0.5, 0.8, 1.2, 1.6, 2]) {
      const zeros = simulate({ ...DEFAULT, lambda, steps: 300 }).zeros.prox;
      expect(zeros).toBeGreaterThanOrEqual(previous);
      previous = zeros;
    }
    expect(previous).toBe(8);
  });
});

describe("2-D quadratic with an off-axis minimum", () => {
  const ista = (lambda: number, steps = 5000) => last(planePath("prox", 0.3, lambda, steps, [0, 0]));

  it("exact L1 optimum: on the w₁ axis (a diamond corner) at the default λ, off-axis for small λ, 0 for large", () => {
    const at = planeL1Optimum(0.5);
    expect(at[1]).toBe(0);
    expect(at[0]).toBeCloseTo(0.64, 12); // w₁ = (Hc)₁ − λ = 1.14 − 0.5
    expect(Math.abs(grad2(at)[1])).toBeLessThanOrEqual(0.5); // |∂₂L| ≤ λ keeps w₂ at 0
    const small = planeL1Optimum(0.3);
    expect(small[0]).toBeGreaterThan(0);
    expect(small[1]).toBeGreaterThan(0);
    expect(planeL1Optimum(1.5)).toEqual([0, 0]);
  });

  it("matches many ISTA iterations, exact zeros included", () => {
    for (const lambda of [0.1, 0.3, 0.5, 0.8, 1.5]) {
      const exact = planeL1Optimum(lambda);
      const iterated = ista(lambda);
      for (const j of [0, 1]) {
        if (exact[j] === 0) expect(iterated[j]).toBe(0);
        else expect(iterated[j]).toBeCloseTo(exact[j], 10);
      }
    }
  });

  it("the L2 optimum (H + λI)⁻¹Hc is off-axis, shrinks toward 0 with λ, and L2 iterations reach it", () => {
    let norm = Infinity;
    for (const lambda of [0.01, 0.1, 0.5, 1, 2]) {
      const exact = planeL2Optimum(lambda);
      expect(exact[0]).toBeGreaterThan(0);
      expect(exact[1]).toBeGreaterThan(0);
      const n = Math.hypot(...exact);
      expect(n).toBeLessThan(norm);
      norm = n;
      const iterated = last(planePath("l2", 0.3, lambda, 3000));
      expect(iterated[0]).toBeCloseTo(exact[0], 10);
      expect(iterated[1]).toBeCloseTo(exact[1], 10);
    }
    expect(planeL2Optimum(0.5)[0]).toBeCloseTo(0.866, 3);
    expect(planeL2Optimum(0.5)[1]).toBeCloseTo(0.397, 3);
  });

  it("at the defaults the proximal path ends on the axis, the subgradient and L2 paths do not", () => {
    const sim = simulate(DEFAULT);
    const prox = last(sim.plane.prox);
    const sub = last(sim.plane.sub);
    const l2 = last(sim.plane.l2);
    expect(prox[1]).toBe(0);
    expect(prox[0]).toBeCloseTo(0.643, 3);
    expect(sub[1]).not.toBe(0);
    expect(Math.abs(sub[1])).toBeLessThan(0.05); // jittering across the axis, within about ηλ
    expect(l2[0]).not.toBe(0);
    expect(l2[1]).toBeGreaterThan(0.3);
    expect(sim.plane.prox.length).toBe(DEFAULT.steps + 1);
  });

  it("iso-lines sit on the requested loss level", () => {
    for (const level of [0.08, 0.5, loss2(planeL2Optimum(0.5))]) {
      const ring = isoLine(level, 36);
      expect(ring[0][0]).toBeCloseTo(ring[36][0], 12);
      for (const w of ring) expect(loss2(w)).toBeCloseTo(level, 10);
    }
  });
});

describe("read-out", () => {
  it("gives the exact-zero counts and the 2-D end points", () => {
    const text = readouts(DEFAULT);
    expect(text.zeros).toBe(
      "60 步后 8 个权重中恰为 0 的个数：L1 次梯度 0，L1 proximal 4，L2 0（每步 L1 推力 ηλ = 0.05；L1 最优解有 4 个为 0）",
    );
    expect(text.plane).toMatch(
      /^二维终点：次梯度 \(0\.651, -0\.002\)，proximal \(0\.643, 0\)，L2 \(0\.866, 0\.397\)；/,
    );
    expect(text.plane).toContain("最优解 L1 (0.640, 0)（在坐标轴上），L2 (0.866, 0.397)");
    expect(readouts({ ...DEFAULT, lambda: 2 }).plane).toContain("最优解 L1 (0, 0)（在原点）");
    expect(readouts({ ...DEFAULT, lambda: 0.1 }).plane).toContain("（不在坐标轴上）");
    expect(readouts({ ...DEFAULT, lambda: 2, steps: 300 }).zeros).toContain("L1 proximal 8，");
  });

  it("prints exact zeros as 0 and tiny non-zeros so they cannot be mistaken for 0", () => {
    expect(fmtCoord(0)).toBe("0");
    expect(fmtCoord(1.3e-5)).toBe("1.3e-5");
    expect(fmtCoord(-0.12345)).toBe("-0.123");
  });
});

describe("polyline thinning for the charts", () => {
  it("keeps the ends and every visible wiggle, drops points on a straight stretch", () => {
    const straight: Vec2[] = Array.from({ length: 50 }, (_, k) => [k, 2 * k]);
    expect(simplify(straight, 0.1, 0.1)).toEqual([straight[0], straight[49]]);
    const zigzag: Vec2[] = Array.from({ length: 20 }, (_, k) => [k, k % 2 === 0 ? 0.05 : -0.05]);
    expect(simplify(zigzag, 1, 0.01)).toEqual(zigzag);
    // Going out and back along one line is kept (distance to the chord, not to the infinite line).
    const outAndBack: Vec2[] = [
      [0, 0],
      [1, 0],
      [0, 0],
    ];
    expect(simplify(outAndBack, 0.1, 0.1)).toEqual(outAndBack);
  });
});
