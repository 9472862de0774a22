import { describe, expect, it } from "vitest";
import {
  BIN_CENTRES,
  type EmbeddingState,
  embeddingHistogram,
  energy,
  histogram,
  INITS,
  initStd,
  params,
  peHistogram,
  positionEncoding,
  RANGE,
  readouts,
  VOCAB,
} from "../../components/demos/embedding-scale/model";
import { defaultState } from "../../src/lib/url-state";

const BASE: EmbeddingState = defaultState(params);

describe("sinusoidal position encoding", () => {
  it("PE(p, 2i) = sin(p/10000^(2i/d)), PE(p, 2i+1) = cos(…): hand-checked entries", () => {
    const p = positionEncoding(3, 8);
    expect(p[0]).toBeCloseTo(Math.sin(3), 12);
    expect(p[1]).toBeCloseTo(Math.cos(3), 12);
    expect(p[2]).toBeCloseTo(Math.sin(3 / 10000 ** (2 / 8)), 12);
    expect(p[7]).toBeCloseTo(Math.cos(3 / 10000 ** (6 / 8)), 12);
  });

  it("‖p‖² = d/2 at every position, so ‖p‖ = 16 for d = 512", () => {
    for (const d of [64, 512, 4096]) {
      for (const pos of [0, 7, 1000]) {
        const sq = positionEncoding(pos, d).reduce((a, v) => a + v * v, 0);
        expect(sq).toBeCloseTo(d / 2, 9);
      }
    }
    expect(energy("invD", 512).peNorm).toBe(16);
  });

  it("the rotation-based histogram equals the direct sin/cos one, and its RMS is 1/√2", () => {
    const d = 64;
    const P = 128;
    const direct: number[] = [];
    for (let pos = 0; pos < P; pos++) direct.push(...positionEncoding(pos, d));
    const a = histogram(direct);
    const b = peHistogram(d, P);
    const total = d * P;
    const width = (2 * RANGE) / BIN_CENTRES.length;
    a.density.forEach((v, i) => {
      expect(Math.abs(v - b.density[i]) * total * width).toBeLessThanOrEqual(1); // at most one value per bin moves
    });
    expect(b.rms).toBeCloseTo(Math.SQRT1_2, 9);
    expect(b.outside).toBe(0);
  });
});

describe("initialisations (the article's table, d = 512)", () => {
  it("N(0, 1/d): std 0.044 → 1.0 after ×√d; PE share 99.6% → 33.3%", () => {
    const e = energy("invD", 512);
    expect(e.std.plain).toBeCloseTo(0.0442, 4);
    expect(e.std.scaled).toBeCloseTo(1, 12);
    expect(e.norm.plain).toBeCloseTo(1, 12);
    expect(e.norm.scaled).toBeCloseTo(Math.sqrt(512), 9); // 22.6
    expect(e.share.plain).toBeCloseTo(512 / 514, 12);
    expect(e.share.scaled).toBeCloseTo(1 / 3, 12);
  });

  it("Xavier over 37000 × 512: variance 2/37512 ≈ 5.3e-5, std ≈ 0.0073, ×√d ≈ 0.165, PE 94.8%", () => {
    expect(initStd("xavier", 512) ** 2).toBeCloseTo(2 / (VOCAB + 512), 12);
    expect(initStd("xavier", 512) ** 2).toBeCloseTo(5.3e-5, 6);
    const e = energy("xavier", 512);
    expect(e.std.plain).toBeCloseTo(0.0073, 4);
    expect(e.std.scaled).toBeCloseTo(0.165, 3);
    expect(e.norm.scaled).toBeCloseTo(3.7, 1);
    expect(e.share.scaled).toBeCloseTo(0.948, 3);
  });

  it("PyTorch's N(0, 1) times √d: std 22.6, ‖e‖ = 512, PE ≈ 0.1%", () => {
    const e = energy("torch", 512);
    expect(e.std.scaled).toBeCloseTo(22.63, 2);
    expect(e.norm.scaled).toBeCloseTo(512, 9);
    expect(e.share.scaled).toBeCloseTo(256 / (256 + 512 * 512), 12);
    expect(e.share.scaled).toBeLessThan(0.0015);
  });

  it("with N(0, 1/d) and ×√d the PE share is 1/3 for every d; without it tends to 1", () => {
    for (const d of params.d.options) {
      expect(energy("invD", d).share.scaled).toBeCloseTo(1 / 3, 12);
      expect(energy("invD", d).share.plain).toBeCloseTo(d / (d + 2), 12);
    }
  });

  it("the share follows 1/(1 + 2s²σ²) for every init", () => {
    for (const init of INITS) {
      const sigma = initStd(init, 256);
      const e = energy(init, 256);
      expect(e.share.plain).toBeCloseTo(1 / (1 + 2 * sigma ** 2), 12);
      expect(e.share.scaled).toBeCloseTo(1 / (1 + 2 * 256 * sigma ** 2), 12);
    }
  });
});

describe("embedding samples", () => {
  it("have the requested spread and count what falls outside the window", () => {
    const h = embeddingHistogram(1);
    expect(h.rms).toBeGreaterThan(0.97);
    expect(h.rms).toBeLessThan(1.03);
    expect(h.outside).toBeGreaterThan(0.001); // ≈ 0.27% of N(0, 1) lies beyond ±3
    expect(h.outside).toBeLessThan(0.006);
    expect(embeddingHistogram(22.6).outside).toBeGreaterThan(0.85);
    expect(embeddingHistogram(0.044).outside).toBe(0);
    expect(embeddingHistogram(0.5)).toEqual(embeddingHistogram(0.5)); // deterministic
  });
});

describe("read-outs", () => {
  it("give the article's numbers by default", () => {
    const r = readouts(BASE);
    expect(r.std).toContain("embedding 元素标准差 0.044，乘 √d 后 1.00");
    expect(r.std).toContain("均方根 0.707");
    expect(r.norm).toContain("‖p‖ = √(d/2) = 16.0");
    expect(r.share).toBe("位置编码占输入能量 ‖x‖² 的比例：不乘 99.6%，乘 √d 33.3%");
    expect(readouts({ ...BASE, init: "xavier" }).share).toContain("乘 √d 94.8%");
    expect(readouts({ ...BASE, init: "torch" }).share).toContain("乘 √d 0.1%");
  });
});
