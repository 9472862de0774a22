import { describe, expect, it } from "vitest";
import {
  additiveScore,
  clockPairs,
  offsetCurve,
  params,
  queryKey,
  type RopeState,
  readouts,
  ropeScore,
  rotate,
  scoreByOffset,
  shiftCurve,
  shiftWindowStart,
  slowPairs,
} from "../../components/demos/rope-rotation/model";
import { dotProduct, frequencies } from "../../components/demos/sinusoidal-pe/model";
import { defaultState } from "../../src/lib/url-state";

const DEFAULTS: RopeState = defaultState(params);
const norm = (x: readonly number[]) => Math.sqrt(dotProduct(x, x));

describe("rotation R_{Θ,pos}", () => {
  it("rotates a 2-D pair by pos·θ: (1, 0) at θ = 1, pos = π/2 → (0, 1)", () => {
    const [x, y] = rotate([1, 0], Math.PI / 2, [1]);
    expect(x).toBeCloseTo(0, 14);
    expect(y).toBeCloseTo(1, 14);
    expect(rotate([0.3, -1.2, 0.8, 0.5], 0, [1, 0.01])).toEqual([0.3, -1.2, 0.8, 0.5]);
  });

  it("keeps the norm and composes: R_a·R_b = R_{a+b}", () => {
    const theta = frequencies(16, 10_000);
    const { q } = queryKey(16, 3);
    for (const pos of [1, 17, 4096]) expect(norm(rotate(q, pos, theta))).toBeCloseTo(norm(q), 12);
    const twice = rotate(rotate(q, 5, theta), 9, theta);
    const once = rotate(q, 14, theta);
    twice.forEach((v, j) => {
      expect(v).toBeCloseTo(once[j], 12);
    });
  });
});

describe("q_m·k_n depends only on m − n", () => {
  it("is cos(m − n) for q = k = (1, 0) and θ = 1", () => {
    expect(ropeScore([1, 0], [1, 0], 3, 1, [1])).toBeCloseTo(Math.cos(2), 14);
    expect(scoreByOffset([1, 0], [1, 0], 2, [1])).toBeCloseTo(Math.cos(2), 14);
  });

  it("reproduces the article's cell: (3, 1), (10, 8), (1000, 998) agree; (5, 1) and (1004, 1000) agree", () => {
    const q = [0.3, -1.2, 0.8, 0.5, -0.7, 0.1, 1.1, -0.4];
    const k = [1.0, 0.2, -0.6, 0.9, 0.4, -1.3, 0.2, 0.7];
    const theta = frequencies(8, 10_000);
    const two = ropeScore(q, k, 3, 1, theta);
    expect(ropeScore(q, k, 10, 8, theta)).toBeCloseTo(two, 10);
    expect(ropeScore(q, k, 1000, 998, theta)).toBeCloseTo(two, 10);
    expect(ropeScore(q, k, 1004, 1000, theta)).toBeCloseTo(ropeScore(q, k, 5, 1, theta), 10);
    expect(ropeScore(q, k, 5, 1, theta)).not.toBeCloseTo(two, 3);
    expect(norm(rotate(q, 1000, theta))).toBeCloseTo(norm(q), 12);
  });

  it("equals the closed form Σ Re[q_i·conj(k_i)·e^{i(m−n)θ_i}] and ignores shifts up to 4096", () => {
    for (const d of [8, 128, 256]) {
      for (const base of [100, 10_000, 500_000]) {
        const { q, k } = queryKey(d, 7);
        const theta = frequencies(d, base);
        for (const [m, n] of [
          [12, 5],
          [0, 200],
          [255, 255],
        ]) {
          const closed = scoreByOffset(q, k, m - n, theta);
          expect(ropeScore(q, k, m, n, theta)).toBeCloseTo(closed, 9);
          for (const s of [1, 300, 4096]) expect(ropeScore(q, k, m + s, n + s, theta)).toBeCloseTo(closed, 8);
        }
      }
    }
  });

  it("tells m − n = r and −r apart (unlike PE(p)·PE(p+k))", () => {
    const { q, k } = queryKey(128, 1);
    const theta = frequencies(128, 10_000);
    expect(Math.abs(scoreByOffset(q, k, 7, theta) - scoreByOffset(q, k, -7, theta))).toBeGreaterThan(0.5);
  });

  it("while adding the sinusoidal PE to q and k makes the score change under a shift", () => {
    const { q, k } = queryKey(128, 1);
    const scores = [0, 1, 50, 300].map((s) => additiveScore(q, k, 12 + s, 5 + s, 10_000));
    expect(Math.max(...scores) - Math.min(...scores)).toBeGreaterThan(1);
    // With q = k = 0 only PE(m)·PE(n) is left, which does depend on m − n alone.
    const zero = Array(128).fill(0);
    expect(additiveScore(zero, zero, 312, 305, 10_000)).toBeCloseTo(additiveScore(zero, zero, 12, 5, 10_000), 9);
  });
});

describe("curves for the figures", () => {
  it("draw a flat RoPE line over the shift window and the additive score beside it", () => {
    const lo = shiftWindowStart(300);
    expect(lo).toBe(172);
    expect(shiftWindowStart(0)).toBe(0);
    expect(shiftWindowStart(4096)).toBe(4096 - 256);
    const curve = shiftCurve({ ...DEFAULTS, s: 300 }, lo);
    expect(curve).toHaveLength(257);
    const { q, k } = queryKey(128, 1);
    const theta = frequencies(128, 10_000);
    for (const p of curve) {
      expect(p.rope).toBeCloseTo(ropeScore(q, k, 12 + p.s, 5 + p.s, theta), 8);
      expect(p.additive).toBeCloseTo(additiveScore(q, k, 12 + p.s, 5 + p.s, 10_000), 9);
    }
  });

  it("give the score for every offset −255 … 255", () => {
    const curve = offsetCurve(128, 10_000, 1);
    expect(curve).toHaveLength(511);
    expect(curve[255]).toMatchObject({ r: 0 });
    const { q, k } = queryKey(128, 1);
    expect(curve[255].score).toBeCloseTo(dotProduct(q, k), 10);
  });

  it("pick four clock pairs spread over the spectrum", () => {
    expect(clockPairs(128)).toEqual([0, 16, 32, 63]);
    expect(clockPairs(8)).toEqual([0, 1, 2, 3]);
    expect(clockPairs(16)).toEqual([0, 2, 4, 7]);
  });

  it("draw seeded q and k: the same for a seed, different across seeds", () => {
    expect(queryKey(64, 5)).toEqual(queryKey(64, 5));
    expect(queryKey(64, 5).q).not.toEqual(queryKey(64, 6).q);
  });
});

describe("wavelengths against the training length (the article's cell)", () => {
  it("has 23 of 64 pairs longer than 2048 at base 10⁴, 18 at 4096, 29 at base 500,000 and 8192", () => {
    expect(slowPairs(128, 10_000, 2048)).toBe(23);
    expect(slowPairs(128, 10_000, 4096)).toBe(18);
    expect(slowPairs(128, 500_000, 8192)).toBe(29);
    // The slider's nearest value to 500,000 (10^5.70, four significant digits) gives the same count.
    expect(slowPairs(128, 501_200, 8192)).toBe(29);
  });
});

describe("read-outs", () => {
  it("state the score, the unchanged shift and the 23 slow pairs", () => {
    const text = readouts(DEFAULTS);
    const { q, k } = queryKey(128, 1);
    const score = scoreByOffset(q, k, 7, frequencies(128, 10_000)).toFixed(2).replace("-", "−");
    expect(text.score).toContain(`(m − n = 7)`.replace("(", "（").replace(")", "）"));
    expect(text.score).toContain(`q_m·k_n = ${score}`);
    expect(text.spectrum).toContain("64 组频率里有 23 组波长超过 L = 2,048");
    const shifted = readouts({ ...DEFAULTS, s: 300 });
    expect(shifted.score).toContain(`q_312·k_305 = ${score}`);
    expect(shifted.score).toContain("与平移前相同");
    expect(shifted.direction).toContain("m − n = −7 时");
  });
});
