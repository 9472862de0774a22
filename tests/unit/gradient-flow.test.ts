import { describe, expect, it } from "vitest";
import {
  ACTIVATIONS,
  activation,
  analyse,
  backprop,
  clipScale,
  type GradientFlowState,
  gaussianMean,
  layers,
  meanField,
  network,
  params,
  phase,
  readouts,
  slope,
  WIDTH,
} from "../../components/demos/gradient-flow/model";
import { matVec } from "../../components/demos/residual-gradient/backprop";
import { decadeLabel, decadeTicks, fmt, layerTicks, logDomain } from "../../components/ui/demo/log-axis";
import { defaultState } from "../../src/lib/url-state";

const BASE: GradientFlowState = defaultState(params);
const at = (patch: Partial<GradientFlowState>): GradientFlowState => ({ ...BASE, ...patch });

describe("activations and their derivatives", () => {
  it("have the textbook values", () => {
    expect(activation("sigmoid", 0)).toBe(0.5);
    expect(slope("sigmoid", 0)).toBe(0.25);
    expect(activation("tanh", 1)).toBeCloseTo(0.761594, 6);
    expect(slope("tanh", 0)).toBe(1);
    expect(activation("relu", -2)).toBe(0);
    expect(activation("relu", 2)).toBe(2);
    expect(slope("relu", 0)).toBe(0); // PyTorch's convention at the kink
    expect(slope("relu", 1e-9)).toBe(1);
  });

  it("the derivatives match central differences", () => {
    for (const a of ["sigmoid", "tanh"]) {
      for (const z of [-3, -0.7, 0, 0.4, 2.5]) {
        const h = 1e-6;
        expect(slope(a, z)).toBeCloseTo((activation(a, z + h) - activation(a, z - h)) / (2 * h), 8);
      }
    }
  });
});

describe("Gaussian expectations (Simpson on [−8, 8])", () => {
  it("give the moments of N(0, q)", () => {
    expect(gaussianMean(() => 1, 1)).toBeCloseTo(1, 10);
    expect(gaussianMean((z) => z * z, 2.5)).toBeCloseTo(2.5, 10);
    expect(gaussianMean((z) => z ** 4, 0.5)).toBeCloseTo(3 * 0.25, 9);
    // E[σ(z)] = ½ by symmetry, E[max(0, z)²] = q/2
    expect(gaussianMean((z) => activation("sigmoid", z), 3)).toBeCloseTo(0.5, 10);
    expect(gaussianMean((z) => activation("relu", z) ** 2, 2)).toBeCloseTo(1, 3);
  });
});

describe("the mean-field gain χ = n·Var(w)·E[f′(z)²] agrees with the article's table", () => {
  it("ReLU: χ = v/2 at every layer (½ Xavier, 1 Kaiming, 1.5 for v = 3)", () => {
    for (const [v, chi] of [
      [1, 0.5],
      [2, 1],
      [3, 1.5],
    ]) {
      const mf = meanField("relu", v, 30);
      for (const c of mf.chi) expect(c).toBe(chi);
    }
    // 30 layers: ×√(1/2) per layer → ≈ 3×10⁻⁵; ×√1.5 → ≈ 440
    expect(meanField("relu", 1, 30).grad[0]).toBeCloseTo(2 ** -15, 12);
    expect(meanField("relu", 3, 30).grad[0]).toBeCloseTo(1.5 ** 15, 6);
    expect(meanField("relu", 3, 30).grad[0]).toBeCloseTo(437.9, 1);
    expect(meanField("relu", 2, 50).grad.every((g) => g === 1)).toBe(true);
  });

  it("sigmoid with v = 1: χ ≈ 0.055 (×0.23 a layer); it stays far below 1 over the whole slider", () => {
    const mf = meanField("sigmoid", 1, 30);
    expect(mf.chi[29]).toBeCloseTo(0.0557, 3);
    expect(Math.sqrt(mf.chi[29])).toBeCloseTo(0.236, 3);
    const largest = meanField("sigmoid", params.v.max, 50).chi[49];
    expect(largest).toBeLessThan(0.25); // σ′ ≤ ¼, so χ ≤ v/16 = 0.375 at v = 6
    expect(largest).toBeGreaterThan(0.2);
  });

  it("tanh: just below 1 at v = 1, ≈ 1.36 at v = 4, ≈ 1.1 with a forward RMS ≈ 0.55 at Kaiming's v = 2", () => {
    const one = meanField("tanh", 1, 30);
    expect(one.chi[29]).toBeGreaterThan(0.95);
    expect(one.chi[29]).toBeLessThan(1);
    // the signal shrinks: q_l ≈ 1/(2l) and χ creeps up towards 1 from below
    for (let k = 1; k < 30; k++) expect(one.chi[k]).toBeGreaterThan(one.chi[k - 1]);
    expect(meanField("tanh", 4, 30).chi[29]).toBeCloseTo(1.363, 2);
    const kaiming = meanField("tanh", 2, 50);
    expect(kaiming.chi[49]).toBeCloseTo(1.105, 2);
    // the article's DL-06 table: forward RMS ≈ 0.55, i.e. E[tanh(z)²] = q/v at the fixed point
    expect(Math.sqrt(kaiming.q[49] / 2)).toBeCloseTo(0.556, 2);
  });

  it("classifies the phase from χ", () => {
    expect(phase(0.5)).toBe("vanish");
    expect(phase(1)).toBe("critical");
    expect(phase(1.01)).toBe("critical");
    expect(phase(1.36)).toBe("explode");
  });
});

/** The same network evaluated directly: L(x) = g_Lᵀ h_L(x) with effective weights scale·W_k. */
function loss(Ws: Float64Array[], x: Float64Array, gTop: Float64Array, a: string, scale: number): number {
  let h = x;
  for (const W of Ws) {
    const z = matVec(W, h, x.length);
    h = z.map((v) => activation(a, scale * v));
  }
  return h.reduce((s, v, i) => s + v * gTop[i], 0);
}

describe("the backward pass", () => {
  it("‖∂L/∂h_0‖ equals the norm of the finite-difference gradient of L = g_Lᵀh_L", () => {
    for (const a of ["sigmoid", "tanh"]) {
      const net = network(3, 6);
      const Ws = layers(net, 4);
      const scale = Math.sqrt(2 / 6);
      const pass = backprop(Ws, net.x0, net.gTop, a, scale);
      let sq = 0;
      for (let j = 0; j < 6; j++) {
        const h = 1e-6;
        const up = Float64Array.from(net.x0);
        const down = Float64Array.from(net.x0);
        up[j] += h;
        down[j] -= h;
        sq += ((loss(Ws, up, net.gTop, a, scale) - loss(Ws, down, net.gTop, a, scale)) / (2 * h)) ** 2;
      }
      expect(pass.grad[0]).toBeCloseTo(Math.sqrt(sq), 6);
      expect(pass.grad[4]).toBeCloseTo(1, 12); // the top gradient has length 1
    }
  });

  it("‖∂L/∂W_1‖ equals the finite-difference gradient over the first matrix's entries", () => {
    const n = 4;
    const net = network(5, n);
    const Ws = layers(net, 3);
    const scale = Math.sqrt(1.5 / n);
    const pass = backprop(Ws, net.x0, net.gTop, "tanh", scale);
    let sq = 0;
    for (let e = 0; e < n * n; e++) {
      // Perturb the effective weight scale·W_1[e] by ±h.
      const h = 1e-6;
      const W1 = Ws[0];
      const original = W1[e];
      W1[e] = original + h / scale;
      const up = loss(Ws, net.x0, net.gTop, "tanh", scale);
      W1[e] = original - h / scale;
      const down = loss(Ws, net.x0, net.gTop, "tanh", scale);
      W1[e] = original;
      sq += ((up - down) / (2 * h)) ** 2;
    }
    expect(pass.weight[0]).toBeCloseTo(Math.sqrt(sq), 6);
    expect(pass.global).toBeCloseTo(Math.sqrt(pass.weight.reduce((s, w) => s + w * w, 0)), 12);
  });

  it("ReLU curves for different v are exactly parallel: the ratio is (√(v₁/v₂))^(L−l)", () => {
    const one = analyse(at({ v: 1 })).pass;
    const three = analyse(at({ v: 3 })).pass;
    for (let l = 0; l <= BASE.L; l++) {
      expect(three.grad[l] / one.grad[l]).toBeCloseTo(Math.sqrt(3) ** (BASE.L - l), 6);
    }
    // weight gradients: forward √v^(k−1) times backward √v^(L−k): the same factor for every layer
    for (let k = 0; k < BASE.L; k++) {
      expect(three.weight[k] / one.weight[k] / Math.sqrt(3) ** (BASE.L - 1)).toBeCloseTo(1, 9);
    }
  });

  // Mean field predicts E‖g‖²; at width 64 the typical (geometric-mean) run sits a little below it,
  // most for tanh with v = 4, whose per-layer factor fluctuates most.
  it("follows the mean-field slope on a log axis within 5% a layer (width 64, first seeds)", () => {
    for (const [act, v] of [
      ["relu", 1],
      ["relu", 3],
      ["sigmoid", 1],
      ["tanh", 4],
    ] as const) {
      const logs = [1, 2, 3, 4, 5, 6].map((seed) => Math.log(analyse(at({ act, v, seed })).pass.grad[0]));
      const perLayer = Math.exp(logs.reduce((s, x) => s + x, 0) / logs.length / BASE.L);
      const predicted = meanField(act, v, BASE.L).grad[0] ** (1 / BASE.L);
      expect(Math.abs(perLayer / predicted - 1), `${act} v = ${v}`).toBeLessThan(0.05);
      expect(perLayer > 1).toBe(predicted > 1);
    }
  });

  it("is deterministic; a deeper net keeps the lower layers of the same draw", () => {
    expect(analyse(at({ seed: 7 })).pass.grad).toEqual(analyse(at({ seed: 7 })).pass.grad);
    expect(analyse(at({ seed: 8 })).pass.grad[0]).not.toBe(analyse(at({ seed: 7 })).pass.grad[0]);
    const shallow = analyse(at({ L: 10 })).pass.size;
    const deep = analyse(at({ L: 50 })).pass.size;
    expect(deep.slice(0, 11)).toEqual(shallow);
  });
});

describe("gradient clipping by the global norm", () => {
  it("scales by c/‖∇‖ only above the threshold", () => {
    expect(clipScale(10, 1)).toBe(0.1);
    expect(clipScale(0.5, 1)).toBe(1);
    expect(clipScale(1, 1)).toBe(1);
  });

  it("an exploding ReLU net (v = 3) is clipped to global norm c; the ratio between layers is unchanged", () => {
    const a = analyse(at({ v: 3, clip: "on", c: 1 }));
    expect(a.pass.global).toBeGreaterThan(1000);
    expect(a.clip).toBeCloseTo(1 / a.pass.global, 15);
    const clippedGlobal = Math.sqrt(a.pass.weight.reduce((s, w) => s + (w * a.clip) ** 2, 0));
    expect(clippedGlobal).toBeCloseTo(1, 12);
    expect(analyse(at({ v: 3, clip: "off" })).clip).toBe(1);
  });

  it("does nothing for a vanishing net: its global norm is already below c", () => {
    const a = analyse(at({ clip: "on" }));
    expect(a.pass.global).toBeLessThan(1e-2);
    expect(a.clip).toBe(1);
    expect(analyse(at({ v: 3, clip: "on", c: 100 })).clip).toBeLessThan(1);
    expect(analyse(at({ v: 3, clip: "on", c: params.c.max * 1e3 })).clip).toBe(1);
  });
});

describe("every control at its ends gives finite numbers", () => {
  it("depth, weight scale, threshold and seed at min and max", () => {
    for (const act of ACTIVATIONS) {
      for (const patch of [
        { L: params.L.min },
        { L: params.L.max },
        { v: params.v.min, L: params.L.max },
        { v: params.v.max, L: params.L.max },
        { clip: "on" as const, c: params.c.min },
        { clip: "on" as const, c: params.c.max },
        { seed: params.seed.max },
      ]) {
        const s = at({ act, ...patch });
        const { pass, meanField: mf } = analyse(s);
        expect(pass.grad).toHaveLength(s.L + 1);
        expect(pass.weight).toHaveLength(s.L);
        for (const g of [...pass.grad, ...pass.weight, ...mf.grad]) {
          expect(Number.isFinite(g)).toBe(true);
          expect(g).toBeGreaterThan(0);
        }
        for (const text of Object.values(readouts(s))) expect(text).not.toMatch(/NaN|Infinity|undefined/);
      }
    }
  });

  it("the extremes: ReLU v = 0.1 over 50 layers vanishes to ~10⁻³³, v = 6 explodes to ~10¹²", () => {
    expect(meanField("relu", 0.1, 50).grad[0]).toBeCloseTo(0.05 ** 25, 40);
    expect(meanField("relu", 6, 50).grad[0]).toBeCloseTo(3 ** 25, -3);
  });
});

describe("read-outs", () => {
  it("state χ, the measured ratio and the clipping decision", () => {
    const r = readouts(BASE);
    expect(r.chi).toContain("χ = n·Var(w)·E[f′(z)²] ≈ 0.5（第 30 层；各层相同）");
    expect(r.chi).toContain("有序相");
    expect(r.chi).toContain("√χ = 0.707");
    expect(r.grad).toContain(`实测（宽 ${WIDTH}，种子 1）：‖g_0‖/‖g_30‖ = `);
    expect(r.grad).toContain("平均场预测 3.1×10⁻⁵");
    expect(r.clip).toContain("未开裁剪");
    expect(readouts(at({ v: 2 })).chi).toContain("临界");
    expect(readouts(at({ act: "tanh", v: 4 })).chi).toContain("≈ 1.36（第 30 层；各层 1.02–1.36）：χ 大于 1，混沌相");
    expect(readouts(at({ clip: "on" })).clip).toContain("不超过 c = 1，不裁剪");
    expect(readouts(at({ v: 3, clip: "on" })).clip).toMatch(
      /超过 c = 1，所有梯度整体乘 [\d.]+×10⁻[¹²³⁴⁵⁶⁷⁸⁹]；裁剪后首末层之比仍是/,
    );
  });
});

describe("log-axis helpers", () => {
  it("format numbers over many decades", () => {
    expect(fmt(0)).toBe("0");
    expect(fmt(Math.SQRT1_2)).toBe("0.707");
    expect(fmt(437.89)).toBe("438");
    expect(fmt(2 ** -15)).toBe("3.1×10⁻⁵");
    expect(fmt(-2.5e12)).toBe("−2.5×10¹²");
    expect(fmt(Number.POSITIVE_INFINITY)).toBe("∞");
  });

  it("decade ticks and labels", () => {
    expect(decadeTicks([0.05, 20])).toEqual([0.1, 1, 10]);
    expect(decadeTicks([1e-30, 10]).length).toBeLessThanOrEqual(7);
    // every 4th decade, plus 10⁻¹⁹ so the bottom three decades are not unlabelled
    expect(decadeTicks([7e-20, 20])).toEqual([1e-19, 1e-16, 1e-12, 1e-8, 1e-4, 1]);
    expect(decadeLabel(0.01)).toBe("0.01");
    expect(decadeLabel(1000)).toBe("1000");
    expect(decadeLabel(1e-5)).toBe("10⁻⁵");
    expect(logDomain([1e-5, 3], 0.1, 10)).toEqual([5e-6, 20]);
  });

  it("layer ticks keep both ends and do not crowd them", () => {
    expect(layerTicks(30, 600)).toEqual([0, 5, 10, 15, 20, 25, 30]);
    expect(layerTicks(30, 390)).toEqual([0, 10, 20, 30]);
    expect(layerTicks(30, 600, 1)).toEqual([1, 5, 10, 15, 20, 25, 30]);
    expect(layerTicks(2, 600)).toEqual([0, 1, 2]);
    expect(layerTicks(33, 390)).toEqual([0, 10, 20, 33]);
  });
});
