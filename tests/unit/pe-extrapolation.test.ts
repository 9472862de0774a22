import { describe, expect, it } from "vitest";
import {
  arcs,
  BASE,
  coverage,
  examplePairs,
  isNewValue,
  type PexState,
  pairForWavelength,
  params,
  rangeEnd,
  readouts,
  traces,
  turnsInTraining,
  unseenPairs,
} from "../../components/demos/pe-extrapolation/model";
import { frequencies, wavelength } from "../../components/demos/sinusoidal-pe/model";
import { defaultState } from "../../src/lib/url-state";

const DEFAULTS: PexState = defaultState(params);

describe("pairs that do not complete a turn in training", () => {
  it("are 133 of 256 for d = 512, L = 512 (the article's count)", () => {
    expect(unseenPairs(512, 512)).toBe(133);
    // Same as counting wavelengths longer than 511 positions.
    const longer = Array.from({ length: 256 }, (_, i) => wavelength(i, 512, BASE)).filter((l) => l > 511);
    expect(longer).toHaveLength(133);
  });

  it("get fewer as training gets longer, never more than d/2", () => {
    for (const d of [64, 512, 1600]) {
      let previous = d / 2;
      for (const L of params.L.options) {
        const n = unseenPairs(d, L);
        expect(n).toBeLessThanOrEqual(previous);
        previous = n;
      }
    }
  });

  it("counts turns as (L − 1)·ω / 2π: pair 0 turns (L − 1)/2π times", () => {
    const w = frequencies(512, BASE);
    expect(turnsInTraining(w[0], 512)).toBeCloseTo(511 / (2 * Math.PI), 12);
    const rows = coverage(512, 512);
    expect(rows).toHaveLength(256);
    expect(rows.filter((r) => r.turns < 1)).toHaveLength(133);
  });
});

describe("new values beyond L", () => {
  const d = 64;
  const L = 128;
  const w = frequencies(d, BASE);

  it("never occur inside training or for pairs that turned fully", () => {
    for (let i = 0; i < d / 2; i++) {
      for (let pos = 0; pos < L; pos++) expect(isNewValue(pos, w[i], L)).toBe(false);
      if (turnsInTraining(w[i], L) >= 1) {
        for (let pos = L; pos < 8 * L; pos += 7) expect(isNewValue(pos, w[i], L)).toBe(false);
      }
    }
  });

  it("are exactly the positions whose angle lies past the arc training swept", () => {
    for (let i = 0; i < d / 2; i++) {
      if (turnsInTraining(w[i], L) >= 1) continue;
      expect(isNewValue(L, w[i], L)).toBe(true); // the first position past training
      for (let pos = L; pos < 40 * L; pos += 13) {
        const angle = (pos * w[i]) % (2 * Math.PI);
        // Seen angles are within one step ω of some training position's angle.
        const nearest = Math.min(...Array.from({ length: L }, (_, t) => Math.abs(angle - t * w[i])));
        if (isNewValue(pos, w[i], L)) expect(angle).toBeGreaterThan((L - 1) * w[i]);
        else expect(nearest).toBeLessThanOrEqual(w[i]);
      }
    }
  });

  it("are flagged in the traces only at positions ≥ L", () => {
    const pairs = examplePairs(512, 512);
    const data = traces(pairs, 512, 512, 1024);
    for (const t of data) {
      expect(t.value).toBeCloseTo(Math.sin(t.pos * frequencies(512, BASE)[t.pair]), 12);
      if (t.pos < 512) expect(t.fresh).toBeNaN();
    }
    // The fastest example pair turned fully: nothing new. The slowest is new right after L.
    expect(data.filter((t) => t.pair === pairs[0] && !Number.isNaN(t.fresh))).toHaveLength(0);
    expect(data.filter((t) => t.pair === pairs[2] && t.pos >= 512).every((t) => !Number.isNaN(t.fresh))).toBe(true);
  });
});

describe("example pairs and arcs", () => {
  it("pick wavelengths near L/4, 1.5·L and 8·L: pairs 84, 134, 180 for d = L = 512", () => {
    expect(examplePairs(512, 512)).toEqual([84, 134, 180]);
    expect(pairForWavelength(2 * Math.PI, 512)).toBe(0);
    expect(pairForWavelength(1e12, 512)).toBe(255);
    for (const d of params.d.options) {
      for (const L of params.L.options) {
        const pairs = examplePairs(d, L);
        expect(pairs).toHaveLength(3);
        expect(pairs[0]).toBeLessThan(pairs[1]);
        expect(pairs[1]).toBeLessThan(pairs[2]);
        expect(pairs[2]).toBeLessThan(d / 2);
      }
    }
  });

  it("sweep the training arc up to (L − 1)·ω and the new arc from there", () => {
    const [fast, mid, slow] = examplePairs(512, 512);
    const w = frequencies(512, BASE);
    const data = arcs([fast, mid, slow], 512, 512, 1024);
    // The fast pair: a full circle seen, nothing new.
    expect(data.filter((a) => a.pair === fast && a.part === "new")).toHaveLength(0);
    for (const pair of [mid, slow]) {
      const seen = data.filter((a) => a.pair === pair && a.part === "seen");
      const fresh = data.filter((a) => a.pair === pair && a.part === "new");
      expect(seen[0]).toMatchObject({ x: 0, y: 1 }); // 12 o'clock at position 0
      const end = seen[seen.length - 1];
      expect(end.x).toBeCloseTo(Math.sin(511 * w[pair]), 12);
      expect(end.y).toBeCloseTo(Math.cos(511 * w[pair]), 12);
      expect(fresh[0].x).toBeCloseTo(end.x, 12);
      for (const a of data) expect(Math.hypot(a.x, a.y)).toBeCloseTo(1, 12);
    }
  });
});

describe("read-outs", () => {
  it("give the table size, the 133 pairs and the range at the defaults", () => {
    expect(rangeEnd(DEFAULTS)).toBe(1024);
    const text = readouts(DEFAULTS);
    expect(text.table).toContain("512 × 512 = 262,144 个参数");
    expect(text.table).toContain("只有位置 0–511 有向量");
    expect(text.unseen).toContain("256 对频率中有 133 对");
    expect(text.range).toContain("横轴到位置 1,024");
    expect(text.range).toContain("第 180 对");
  });

  it("match the article's parameter counts (BERT-base, GPT-2 small, GPT-2 XL)", () => {
    expect(readouts({ ...DEFAULTS, L: 512, d: 768 }).table).toContain("= 393,216 个参数");
    expect(readouts({ ...DEFAULTS, L: 1024, d: 768 }).table).toContain("= 786,432 个参数");
    expect(readouts({ ...DEFAULTS, L: 1024, d: 1600 }).table).toContain("= 1,638,400 个参数");
  });
});
