import { crc32, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  dotByOffset,
  dotProduct,
  encode,
  frequencies,
  heatmapValues,
  OTHER_STARTS,
  offsetCurve,
  type PeState,
  pairTerms,
  params,
  peDot,
  readouts,
  startSamples,
  WINDOW,
  wavelength,
  windowStart,
} from "../../components/demos/sinusoidal-pe/model";
import { base64, encodeIndexedPng, LEVELS, levelOf } from "../../components/demos/sinusoidal-pe/raster";
import { defaultState } from "../../src/lib/url-state";

const DEFAULTS: PeState = defaultState(params);

/** PNG chunks by type, each CRC-checked. */
function chunksOf(png: Uint8Array): Record<string, Uint8Array> {
  const view = new DataView(png.buffer, png.byteOffset);
  const chunks: Record<string, Uint8Array> = {};
  for (let p = 8; p < png.length; ) {
    const len = view.getUint32(p);
    const type = String.fromCharCode(...png.slice(p + 4, p + 8));
    expect(view.getUint32(p + 8 + len)).toBe(crc32(png.slice(p + 4, p + 8 + len)));
    chunks[type] = png.slice(p + 8, p + 8 + len);
    p += 12 + len;
  }
  return chunks;
}

describe("the encoding (Vaswani et al., 2017, §3.5)", () => {
  it("uses ω_i = base^(−2i/d), wavelengths 2π … ≈ 2π·9647 for d = 512", () => {
    const w = frequencies(512, 10_000);
    expect(w).toHaveLength(256);
    expect(w[0]).toBe(1);
    expect(w[128]).toBeCloseTo(0.01, 12); // 10000^(−256/512) = 1/100
    expect(wavelength(0, 512, 10_000)).toBeCloseTo(2 * Math.PI, 12);
    expect(wavelength(255, 512, 10_000) / (2 * Math.PI)).toBeCloseTo(9646.6, 1);
  });

  it("interleaves sin and cos, PE(0) = [0, 1, 0, 1, …], every component in [−1, 1]", () => {
    expect(encode(0, 8, 10_000)).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    const pe = encode(3, 4, 10_000); // ω = [1, 0.01]
    expect(pe[0]).toBeCloseTo(Math.sin(3), 14);
    expect(pe[1]).toBeCloseTo(Math.cos(3), 14);
    expect(pe[2]).toBeCloseTo(Math.sin(0.03), 14);
    expect(pe[3]).toBeCloseTo(Math.cos(0.03), 14);
    for (const v of encode(12_345, 512, 10_000)) expect(Math.abs(v)).toBeLessThanOrEqual(1);
  });

  it("has the same norm √(d/2) at every position (16 for d = 512)", () => {
    for (const pos of [0, 1, 37, 500, 100_000]) {
      const pe = encode(pos, 512, 10_000);
      expect(Math.sqrt(dotProduct(pe, pe))).toBeCloseTo(16, 10);
    }
  });

  it("maps PE(p) to PE(p+k) by a rotation per pair that does not depend on p", () => {
    const d = 16;
    const k = 7;
    const w = frequencies(d, 10_000);
    for (const p of [0, 5, 91]) {
      const from = encode(p, d, 10_000);
      const to = encode(p + k, d, 10_000);
      for (let i = 0; i < d / 2; i++) {
        const [s, c] = [from[2 * i], from[2 * i + 1]];
        // [sin((p+k)ω), cos((p+k)ω)] = [[cos kω, sin kω], [−sin kω, cos kω]]·[sin pω, cos pω]
        expect(to[2 * i]).toBeCloseTo(Math.cos(k * w[i]) * s + Math.sin(k * w[i]) * c, 12);
        expect(to[2 * i + 1]).toBeCloseTo(-Math.sin(k * w[i]) * s + Math.cos(k * w[i]) * c, 12);
      }
    }
  });
});

describe("PE(p)·PE(p+k) = Σ cos(k·ω_i)", () => {
  it("gives the article's numbers for d = 512: 256, 249.1, 173.8, 112.0, 45.0", () => {
    const at = (k: number) => dotByOffset(k, 512, 10_000);
    expect(at(0)).toBe(256);
    expect(at(1).toFixed(1)).toBe("249.1");
    expect(at(10).toFixed(1)).toBe("173.8");
    expect(at(100).toFixed(1)).toBe("112.0");
    expect(at(1000).toFixed(1)).toBe("45.0");
    // Not strictly monotonic: from 43 to 44 it rises a little.
    expect(at(44)).toBeGreaterThan(at(43));
  });

  it("is the same for every start p, and for k and −k", () => {
    for (const d of [16, 64, 512]) {
      for (const k of [0, 1, 8, 33, 250]) {
        const closed = dotByOffset(k, d, 10_000);
        for (const p of [0, 37, 500, 9_999]) expect(peDot(p, k, d, 10_000)).toBeCloseTo(closed, 9);
        expect(dotByOffset(-k, d, 10_000)).toBe(closed);
      }
    }
    // The article's 易错点: PE(5)·PE(6) = PE(100)·PE(101) ≈ 249.1.
    expect(peDot(5, 1, 512, 10_000)).toBeCloseTo(peDot(100, 1, 512, 10_000), 9);
  });

  it("tells positions 5 and 100 apart (cos 0.44, 320 of 512 dimensions differ by more than 0.1)", () => {
    const a = encode(5, 512, 10_000);
    const b = encode(100, 512, 10_000);
    expect((dotProduct(a, b) / 256).toFixed(2)).toBe("0.44");
    expect((dotProduct(a, encode(6, 512, 10_000)) / 256).toFixed(2)).toBe("0.97");
    expect(a.filter((v, j) => Math.abs(v - b[j]) > 0.1)).toHaveLength(320);
  });

  it("sums the per-pair terms of the lower figure", () => {
    const terms = pairTerms(8, 64, 10_000);
    expect(terms).toHaveLength(32);
    expect(terms.reduce((s, t) => s + t.term, 0)).toBeCloseTo(dotByOffset(8, 64, 10_000), 12);
    expect(terms[0].term).toBeCloseTo(Math.cos(8), 14);
  });

  it("draws a symmetric curve over [−span, span] that matches the closed form", () => {
    const curve = offsetCurve(64, 10_000, 50);
    expect(curve).toHaveLength(101);
    expect(curve[0].k).toBe(-50);
    expect(curve[100].k).toBe(50);
    for (const { k, dot } of curve) expect(dot).toBeCloseTo(dotByOffset(k, 64, 10_000), 12);
    expect(offsetCurve(64, 10_000, 50)).toBe(curve); // cached
  });

  it("samples three starts whose direct dot products all lie on the curve, without negative positions", () => {
    const samples = startSamples([37, ...OTHER_STARTS], 64, 10_000, 100);
    expect(new Set(samples.map((s) => s.start))).toEqual(new Set([37, 0, 500]));
    for (const s of samples) {
      expect(s.start + s.k).toBeGreaterThanOrEqual(0);
      expect(Math.abs(s.k)).toBeLessThanOrEqual(100);
      expect(s.dot).toBeCloseTo(dotByOffset(s.k, 64, 10_000), 9);
    }
    // p = 0 only has k ≥ 0; p = 500 covers the whole range.
    expect(Math.min(...samples.filter((s) => s.start === 0).map((s) => s.k))).toBeGreaterThanOrEqual(0);
    expect(samples.filter((s) => s.start === 500).length).toBeGreaterThanOrEqual(20);
  });
});

describe("heatmap window", () => {
  it("holds PE row by row and always contains rows p and p+k", () => {
    const values = heatmapValues(30, 16, 10_000);
    expect(values).toHaveLength(WINDOW * 16);
    expect([...values.slice(16 * 7, 16 * 8)]).toEqual(encode(37, 16, 10_000));
    for (const p of [0, 3, 7, 8, 500, 1000]) {
      const start = windowStart(p);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(p).toBeGreaterThanOrEqual(start);
      expect(p + params.k.max).toBeLessThan(start + WINDOW);
    }
  });
});

describe("heatmap image", () => {
  it("is a valid indexed PNG whose pixels are the palette indices", () => {
    const width = 5;
    const height = 3;
    const indices = Array.from({ length: width * height }, (_, i) => i % 4);
    const palette: [number, number, number][] = [
      [0, 0, 0],
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
    ];
    const png = encodeIndexedPng(width, height, indices, palette);
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks = chunksOf(png);
    expect(Object.keys(chunks)).toEqual(["IHDR", "PLTE", "IDAT", "IEND"]);
    const ihdr = new DataView(chunks.IHDR.buffer);
    expect([ihdr.getUint32(0), ihdr.getUint32(4), chunks.IHDR[8], chunks.IHDR[9]]).toEqual([5, 3, 8, 3]);
    expect([...chunks.PLTE]).toEqual(palette.flat());
    const raw = inflateSync(chunks.IDAT);
    for (let y = 0; y < height; y++) {
      expect(raw[y * (width + 1)]).toBe(0);
      expect([...raw.slice(y * (width + 1) + 1, (y + 1) * (width + 1))]).toEqual(
        indices.slice(y * width, (y + 1) * width),
      );
    }
  });

  it("stays valid past one 64 KiB stored deflate block", () => {
    const indices = Uint8Array.from({ length: 512 * 200 }, (_, i) => i % 3);
    const raw = inflateSync(chunksOf(encodeIndexedPng(512, 200, indices, [[1, 2, 3]])).IDAT);
    expect(raw.length).toBe(513 * 200);
    expect(raw[513 * 150 + 1 + 10]).toBe(indices[512 * 150 + 10]);
  });

  it("encodes base64 like Node's Buffer and maps −1, 0, 1 to the palette's ends and middle", () => {
    for (const bytes of [[], [1], [1, 2], [1, 2, 3], [255, 0, 128, 7, 9]]) {
      expect(base64(Uint8Array.from(bytes))).toBe(Buffer.from(bytes).toString("base64"));
    }
    expect(levelOf(-1)).toBe(0);
    expect(levelOf(0)).toBe((LEVELS - 1) / 2);
    expect(levelOf(1)).toBe(LEVELS - 1);
    expect(levelOf(7)).toBe(LEVELS - 1);
  });
});

describe("read-outs", () => {
  it("state the invariance with the three starts at the defaults", () => {
    const text = readouts(DEFAULTS);
    const value = dotByOffset(8, 64, 10_000).toFixed(1);
    expect(value).toBe("22.4");
    expect(text.dot).toContain(`PE(37)·PE(45) = ${value}`);
    expect(text.dot).toContain(`PE(0)·PE(8) = ${value}`);
    expect(text.dot).toContain(`PE(500)·PE(508) = ${value}`);
    expect(text.dot).toContain(`k = −8 时也是 ${value}`);
    expect(text.decay).toContain("‖PE(pos)‖ = √(d/2) = 5.66");
  });

  it("give the article's d = 512 numbers", () => {
    const text = readouts({ ...DEFAULTS, d: 512 });
    expect(text.decay).toContain("k = 0 时点积为 d/2 = 256");
    expect(text.decay).toContain("249.1、173.8、112.0、45.0");
    expect(text.decay).toContain("= 16.00");
  });
});
