import { describe, expect, it } from "vitest";
import {
  analyse,
  backward,
  forward,
  type LnState,
  layerNorm,
  layerNormBack,
  loss,
  MAX_DEPTH,
  meanField,
  type Network,
  network,
  params,
  preRmsPrediction,
  readouts,
} from "../../components/demos/post-vs-pre-ln/model";
import { defaultState } from "../../src/lib/url-state";

const DEFAULTS: LnState = defaultState(params);
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("LayerNorm forward and backward", () => {
  it("normalises a hand-computed vector: [1, 2, 3, 4] → ±1.5/s, ±0.5/s with s = √(1.25 + ε)", () => {
    const { y, s } = layerNorm([1, 2, 3, 4]);
    expect(s).toBeCloseTo(Math.sqrt(1.25 + 1e-6), 14);
    expect([...y]).toEqual([-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s]);
    expect(mean([...y])).toBeCloseTo(0, 14);
    expect(mean([...y].map((v) => v * v))).toBeCloseTo(1, 5);
  });

  it("its backward matches finite differences of g·LN(u)", () => {
    const u = [0.3, -1.2, 2.5, 0.7, -0.4, 1.9];
    const g = [0.5, -0.1, 0.8, -1.3, 0.2, 0.6];
    const analytic = layerNormBack(g, layerNorm(u));
    const h = 1e-6;
    u.forEach((_, i) => {
      const plus = u.map((v, j) => (j === i ? v + h : v));
      const minus = u.map((v, j) => (j === i ? v - h : v));
      const f = (x: number[]) => layerNorm(x).y.reduce((a, y, j) => a + y * g[j], 0);
      expect(analytic[i]).toBeCloseTo((f(plus) - f(minus)) / (2 * h), 6);
    });
  });
});

describe("the explicit backward pass", () => {
  /** ‖∂ℓ/∂W2_l‖ by central differences over every entry of W2_l (one sample, tiny net). */
  function numericGradW2(net: Network, arrangement: "post" | "pre", L: number, l: number): number {
    const W = net.W2[l];
    const h = 1e-6;
    let sq = 0;
    for (let i = 0; i < W.length; i++) {
      const keep = W[i];
      W[i] = keep + h;
      const up = loss(net, arrangement, L);
      W[i] = keep - h;
      const down = loss(net, arrangement, L);
      W[i] = keep;
      sq += ((up - down) / (2 * h)) ** 2;
    }
    return Math.sqrt(sq);
  }

  for (const arrangement of ["post", "pre"] as const) {
    it(`${arrangement}-LN: ‖∂ℓ/∂W2_l‖ equals finite differences at every layer`, () => {
      const net = network(6, 3, 5, 1);
      const fwd = forward(net, arrangement);
      for (const L of [1, 3, 5]) {
        const { gradW2 } = backward(net, fwd, arrangement, L);
        expect(gradW2).toHaveLength(L);
        for (let l = 0; l < L; l++) {
          expect(gradW2[l]).toBeCloseTo(numericGradW2(net, arrangement, L, l), 5);
        }
        // The forward pass's "if the net ended here" top gradient is the backward pass's last layer.
        expect(fwd.topGrad[L - 1]).toBeCloseTo(gradW2[L - 1], 12);
      }
    });
  }

  it("a depth-L network is the first L layers of the same draw", () => {
    const small = network(16, 4, 10);
    const big = network(16, 4, MAX_DEPTH);
    for (let l = 0; l < 10; l++) {
      expect(small.W1[l]).toEqual(big.W1[l]);
      expect(small.W2[l]).toEqual(big.W2[l]);
    }
    expect(small.inputs).toEqual(big.inputs);
    expect(small.r).toEqual(big.r);
    // Xavier uniform with variance 1/d, entries within ±√(3/d).
    const w = [...big.W1.slice(0, 20).flatMap((m) => [...m])];
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(3 / 16));
    expect(mean(w.map((v) => v * v))).toBeCloseTo(1 / 16, 2);
  });
});

/** The article's code cell, verbatim in its random draws: d = 64, 3 draws × 6 inputs per L, LCG seed 11. */
function articleExperiment() {
  const d = 64;
  let seed = 11;
  const uniform = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return (seed + 0.5) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const fill = (n: number, f: () => number) => {
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = f();
    return a;
  };
  const limit = Math.sqrt(3 / d);
  const xavier = () => fill(d * d, () => (2 * uniform() - 1) * limit);
  return [6, 12, 24, 48, 96].map((L) => {
    let post = 0;
    let pre = 0;
    let preRms = 0;
    for (let k = 0; k < 3; k++) {
      const W1 = Array.from({ length: L }, xavier);
      const W2 = Array.from({ length: L }, xavier);
      const inputs = Array.from({ length: 6 }, () => fill(d, normal));
      const r = fill(d, normal);
      const net: Network = { d, W1, W2, inputs, r };
      const fPost = forward(net, "post");
      const fPre = forward(net, "pre");
      post += backward(net, fPost, "post", L).gradW2[L - 1] / 3;
      pre += backward(net, fPre, "pre", L).gradW2[L - 1] / 3;
      preRms += fPre.streamRms[L] / 3;
    }
    return { L, post, pre, preRms };
  });
}

describe("the article's numerical experiment, recomputed by the demo's model", () => {
  const rows = articleExperiment();

  it("Post-LN's last-layer gradient stays between 30 and 39 with no trend in L", () => {
    for (const row of rows) {
      expect(row.post).toBeGreaterThan(30);
      expect(row.post).toBeLessThan(39.5);
    }
  });

  it("Pre-LN's falls from about 19 to about 6.7, and its top RMS grows from 2.0 to 6.8 ≈ √(1 + L/2)", () => {
    expect(rows[0].pre).toBeCloseTo(19, 0);
    expect(rows[4].pre).toBeCloseTo(6.7, 1);
    for (let i = 1; i < rows.length; i++) expect(rows[i].pre).toBeLessThan(rows[i - 1].pre);
    expect(rows[0].preRms).toBeCloseTo(2.0, 1);
    expect(rows[4].preRms).toBeCloseTo(6.8, 1);
    for (const row of rows) expect(row.preRms / preRmsPrediction(row.L)).toBeCloseTo(1, 1);
  });

  it("Pre-LN's gradient × top RMS stays between 38 and 46 (38.3 … 46.2, as rounded in the article)", () => {
    for (const row of rows) {
      expect(row.pre * row.preRms).toBeGreaterThan(38);
      expect(row.pre * row.preRms).toBeLessThan(46.5);
    }
  });
});

describe("the demo's analysis (seeded, d = 128 where the mean-field estimates are sharp)", () => {
  const seeds = [1, 2, 3, 4, 5, 6];
  const runs = seeds.map((seed) => analyse({ L: 48, d: 128, seed }));

  it("Lemma 2 in the toy: Post-LN's x + F(x) has RMS² ≈ 3/2 at every layer; Pre-LN's stream RMS² ≈ 1 + l/2", () => {
    for (const l of [1, 10, 48, 96]) {
      const post = mean(runs.map((a) => a.stream.post[l] ** 2));
      const pre = mean(runs.map((a) => a.stream.pre[l] ** 2));
      expect(post).toBeGreaterThan(1.5 * 0.85);
      expect(post).toBeLessThan(1.5 * 1.15);
      expect(pre / (1 + l / 2)).toBeGreaterThan(0.85);
      expect(pre / (1 + l / 2)).toBeLessThan(1.15);
    }
  });

  it("Pre-LN's per-layer gradient follows d/√(k + 2); the top layer gets d/√(L + 2)", () => {
    for (const k of [1, 12, 24, 48]) {
      const measured = mean(runs.map((a) => a.perLayer.pre[k - 1]));
      expect(measured / meanField.pre(128, k)).toBeGreaterThan(0.88);
      expect(measured / meanField.pre(128, k)).toBeLessThan(1.12);
    }
    for (const L of [1, 6, 24, 96]) {
      const top = mean(runs.map((a) => a.topByDepth.pre[L - 1]));
      expect(top / meanField.pre(128, L)).toBeGreaterThan(0.88);
      expect(top / meanField.pre(128, L)).toBeLessThan(1.12);
    }
  });

  it("Post-LN's last layer gets d/√3 whatever the depth (Theorem 1: no 1/√L)", () => {
    const shallow = mean(runs.flatMap((a) => a.topByDepth.post.slice(0, 12)));
    const deep = mean(runs.flatMap((a) => a.topByDepth.post.slice(MAX_DEPTH - 12)));
    for (const value of [shallow, deep]) {
      expect(value / meanField.post(128)).toBeGreaterThan(0.9);
      expect(value / meanField.post(128)).toBeLessThan(1.1);
    }
    // Pre-LN over the same range drops by √((96 + 2)/(1 + 2)) ≈ 5.7.
    const preRatio = mean(runs.map((a) => a.topByDepth.pre[0] / a.topByDepth.pre[MAX_DEPTH - 1]));
    expect(preRatio).toBeGreaterThan(4.8);
    expect(preRatio).toBeLessThan(6.6);
  });

  it("the product of Pre-LN's last-layer gradient and its stream RMS is d/√2 at every depth", () => {
    for (const L of [1, 12, 48, 96]) {
      const ratios = runs.map((a) => (a.topByDepth.pre[L - 1] * a.stream.pre[L]) / (128 / Math.SQRT2));
      for (const r of ratios) {
        expect(r).toBeGreaterThan(0.7);
        expect(r).toBeLessThan(1.4);
      }
      expect(mean(ratios)).toBeGreaterThan(0.92);
      expect(mean(ratios)).toBeLessThan(1.08);
    }
  });
});

describe("state, caching and read-outs", () => {
  it("is deterministic and moving L keeps the forward pass (the same top gradients)", () => {
    const a = analyse(DEFAULTS);
    const b = analyse({ ...DEFAULTS, L: 12 });
    expect(analyse({ ...DEFAULTS })).toBe(a);
    expect(b.topByDepth).toEqual(a.topByDepth);
    expect(b.perLayer.post).toHaveLength(12);
    expect(b.perLayer.post[11]).toBeCloseTo(a.topByDepth.post[11], 12);
  });

  it("reports the drawn numbers", () => {
    const a = analyse(DEFAULTS);
    const text = readouts(DEFAULTS);
    const L = DEFAULTS.L;
    expect(text.grad).toContain(`L = ${L}、d = 64`);
    expect(text.grad).toContain(`Post-LN ${a.perLayer.post[L - 1].toFixed(1)}`);
    expect(text.grad).toContain(`Pre-LN ${a.perLayer.pre[L - 1].toFixed(1)}`);
    expect(text.grad).toContain(`d/√(L+2) = ${(64 / Math.sqrt(L + 2)).toFixed(1)}`);
    expect(text.depth).toContain(`降到 ${a.topByDepth.pre[MAX_DEPTH - 1].toFixed(1)}`);
    expect(text.stream).toContain(`√(1 + L/2) = ${preRmsPrediction(L).toFixed(2)}`);
  });
});
