import { describe, expect, it } from "vitest";
import {
  lruCache,
  matTVec,
  matTVecBatch,
  matVec,
  matVecBatch,
  xavierMatrix,
} from "../../components/demos/residual-gradient/backprop";
import { decadeLabel } from "../../components/demos/residual-gradient/chart";
import {
  alphaOf,
  analyse,
  backprop,
  fmt,
  layers,
  network,
  params,
  type ResidualState,
  readouts,
  WIDTH,
} from "../../components/demos/residual-gradient/model";
import { mulberry32 } from "../../src/lib/rng";
import { defaultState } from "../../src/lib/url-state";

const DEFAULTS: ResidualState = defaultState(params);

describe("shared linear algebra (backprop.ts)", () => {
  it("multiplies by W and by Wᵀ", () => {
    const W = Float64Array.from([1, 2, 3, 4]); // [[1, 2], [3, 4]]
    expect([...matVec(W, [1, -1], 2)]).toEqual([-1, -1]);
    expect([...matTVec(W, [1, -1], 2)]).toEqual([-2, -2]);
  });

  it("the batched products equal one product per vector (groups of four and a remainder)", () => {
    const n = 7;
    const W = xavierMatrix(mulberry32(1), n);
    const u = mulberry32(2);
    const xs = Array.from({ length: 6 }, () => Float64Array.from({ length: n }, () => u() - 0.5));
    xs[2][3] = 0; // a zero entry exercises the skipped rows of the transposed product
    const batch = matVecBatch(W, xs, n);
    const batchT = matTVecBatch(W, xs, n);
    xs.forEach((x, k) => {
      expect([...batch[k]]).toEqual([...matVec(W, x, n)]);
      [...matTVec(W, x, n)].forEach((v, j) => {
        expect(batchT[k][j]).toBeCloseTo(v, 14);
      });
    });
  });

  it("draws Xavier-uniform entries with variance 1/n inside ±√(3/n)", () => {
    const W = xavierMatrix(mulberry32(5), 64);
    const a = Math.sqrt(3 / 64);
    let sq = 0;
    for (const w of W) {
      expect(Math.abs(w)).toBeLessThan(a);
      sq += w * w;
    }
    expect(sq / W.length).toBeCloseTo(1 / 64, 3);
  });

  it("caches least recently used entries", () => {
    const cache = lruCache<number>(2);
    let calls = 0;
    const get = (k: string) => cache(k, () => ++calls);
    get("a");
    get("b");
    get("a"); // hit: "a" is now the most recent
    get("c"); // evicts "b"
    expect(calls).toBe(3);
    get("a");
    expect(calls).toBe(3);
    get("b");
    expect(calls).toBe(4);
  });
});

describe("backprop through a tanh MLP", () => {
  it("matches the hand-computed one-unit, one-layer case", () => {
    const w = 0.7;
    const x = 1.3;
    const slope = 1 - Math.tanh(w * x) ** 2;
    const W = [Float64Array.from([w])];
    expect(backprop(W, [x], [1], null).grad).toEqual([Math.abs(w * slope), 1]);
    expect(backprop(W, [x], [1], 1).grad[0]).toBeCloseTo(1 + w * slope, 15);
    expect(backprop(W, [x], [1], 0.5).grad[0]).toBeCloseTo(1 + 0.5 * w * slope, 15);
    // The forward sizes: |x|, then |tanh(wx)| or |x + α tanh(wx)|.
    expect(backprop(W, [x], [1], null).size[1]).toBeCloseTo(Math.tanh(w * x), 15);
  });

  it("agrees with finite differences of ℓ = g0·h_L for every variant", () => {
    const n = 5;
    const net = network(9, n);
    const Ws = layers(net, 6);
    const scale = 1.1 / Math.sqrt(n);
    const forward = (x: number[], alpha: number | null) => {
      let h = x;
      for (const W of Ws) {
        const z = [...matVec(W, h, n)].map((v) => Math.tanh(scale * v));
        h = alpha === null ? z : h.map((v, i) => v + alpha * z[i]);
      }
      return h.reduce((a, v, i) => a + v * net.g0[i], 0);
    };
    for (const alpha of [null, 1, 1 / Math.sqrt(6)]) {
      const x0 = [...net.x0];
      const eps = 1e-6;
      const numeric = x0.map((_, i) => {
        const up = x0.map((v, j) => (j === i ? v + eps : v));
        const down = x0.map((v, j) => (j === i ? v - eps : v));
        return (forward(up, alpha) - forward(down, alpha)) / (2 * eps);
      });
      const norm = Math.hypot(...numeric);
      expect(backprop(Ws, net.x0, net.g0, alpha, scale).grad[0]).toBeCloseTo(norm, 7);
    }
  });

  it("with tiny weights the shortcut carries the gradient unchanged and the plain net loses it", () => {
    const net = network(2);
    const Ws = layers(net, 30);
    const plain = backprop(Ws, net.x0, net.g0, null, 1e-4);
    const res = backprop(Ws, net.x0, net.g0, 1, 1e-4);
    for (const g of res.grad) expect(g).toBeCloseTo(1, 2);
    expect(plain.grad[0]).toBeLessThan(1e-30);
  });

  it("a scale factor is the same as pre-scaled weights", () => {
    const net = network(4);
    const Ws = layers(net, 8);
    const scaled = Ws.map((W) => W.map((w) => w * 0.2));
    const a = backprop(Ws, net.x0, net.g0, 1, 0.2);
    const b = backprop(scaled, net.x0, net.g0, 1);
    a.grad.forEach((g, i) => {
      expect(g).toBeCloseTo(b.grad[i], 12);
    });
  });
});

describe("the article's experiment (its LCG, seed 2024, L = 50, n = 64, σ = 0.8)", () => {
  let seed = 2024;
  const uniform = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return (seed + 0.5) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const L = 50;
  const n = 64;
  const Ws = Array.from({ length: L }, () =>
    Float64Array.from({ length: n * n }, () => (normal() * 0.8) / Math.sqrt(n)),
  );
  const x0 = Float64Array.from({ length: n }, normal);
  const g = Float64Array.from({ length: n }, normal);
  const g0 = g.map((v) => v / Math.hypot(...g));
  const plain = backprop(Ws, x0, g0, null);
  const res = backprop(Ws, x0, g0, 1);
  const scaled = backprop(Ws, x0, g0, 1 / Math.sqrt(L));

  it("plain: the gradient reaching the input is 1.7 × 10⁻⁶", () => {
    expect(plain.grad[L]).toBeCloseTo(1, 12);
    expect(plain.grad[0]).toBeGreaterThan(1.6e-6);
    expect(plain.grad[0]).toBeLessThan(1.7e-6);
    expect(fmt(plain.grad[0])).toBe("1.7×10⁻⁶");
  });

  it("identity shortcuts: about 10.8 at the input; branches scaled by 1/√L: every layer in 0.97 … 1.15", () => {
    expect(res.grad[0]).toBeCloseTo(10.8, 1);
    expect(Math.min(...scaled.grad)).toBeCloseTo(0.97, 2);
    expect(Math.max(...scaled.grad)).toBeCloseTo(1.15, 2);
  });
});

describe("the demo's state", () => {
  it("draws layers lazily but in order, so L only cuts the same network", () => {
    const a = network(3);
    const b = network(3);
    layers(a, 10);
    const fromA = layers(a, 40);
    const fromB = layers(b, 40);
    fromA.forEach((W, l) => {
      expect(W).toEqual(fromB[l]);
    });
    expect(layers(a, 5)).toHaveLength(5);
    expect(a.x0).toHaveLength(WIDTH);
    expect(Math.hypot(...a.g0)).toBeCloseTo(1, 12);
  });

  it("keeps the article's qualitative picture at the defaults", () => {
    const a = analyse(DEFAULTS);
    expect(a.plain.grad[0]).toBeLessThan(1e-4); // vanished
    expect(a.residual.grad[0]).toBeGreaterThan(5); // grew
    for (const g of a.scaled.grad) {
      expect(g).toBeGreaterThan(0.9);
      expect(g).toBeLessThan(1.5);
    }
    // Forward: the identity-shortcut stream grows with depth, the scaled one stays O(1).
    expect(a.residual.size[DEFAULTS.L]).toBeGreaterThan(3);
    expect(a.scaled.size[DEFAULTS.L]).toBeLessThan(2);
  });

  it("σ = 1.5 turns the plain net from vanishing to exploding", () => {
    const a = analyse({ ...DEFAULTS, sigma: 1.5 });
    expect(a.plain.grad[0]).toBeGreaterThan(1);
    expect(a.residual.grad[0]).toBeGreaterThan(analyse(DEFAULTS).residual.grad[0]);
  });

  it("α = 1/√L depends on L; the other two do not", () => {
    expect(alphaOf("plain", 50)).toBeNull();
    expect(alphaOf("residual", 50)).toBe(1);
    expect(alphaOf("scaled", 49)).toBeCloseTo(1 / 7, 15);
  });

  it("formats numbers for the read-out and reports the drawn values", () => {
    expect(fmt(0)).toBe("0");
    expect(fmt(10.76)).toBe("10.8");
    expect(fmt(0.0325)).toBe("0.0325");
    expect(fmt(2.4e-53)).toBe("2.4×10⁻⁵³");
    expect(fmt(12345)).toBe("1.2×10⁴");
    expect([1e-6, 0.01, 0.1, 1, 1000, 1e4].map(decadeLabel)).toEqual(["10⁻⁶", "0.01", "0.1", "1", "1000", "10⁴"]);
    const a = analyse(DEFAULTS);
    const text = readouts(DEFAULTS);
    expect(text.input).toContain(`plain 为 ${fmt(a.plain.grad[0])}`);
    expect(text.input).toContain(`残差（α = 1）为 ${fmt(a.residual.grad[0])}`);
    expect(text.layers).toContain(`${DEFAULTS.L} 层连乘`);
  });
});
