import { describe, expect, it } from "vitest";
import {
  alibiBias,
  alibiSlopes,
  type BiasState,
  fmtSci,
  fmtSlope,
  headOf,
  params,
  ROPE_DIM,
  readouts,
  ropeBound,
  ropeCurve,
  shawLabel,
  t5Bucket,
  t5BucketBefore,
  t5Saturation,
} from "../../components/demos/position-bias/model";
import { frequencies } from "../../components/demos/sinusoidal-pe/model";
import { defaultState } from "../../src/lib/url-state";

const DEFAULTS: BiasState = defaultState(params);

describe("Shaw et al. (2018): clipping", () => {
  it("labels j − i clipped to [−k, k]: 2k + 1 labels, all distances ≥ k share one", () => {
    expect(shawLabel(0, 16)).toBe(-0);
    expect(shawLabel(5, 16)).toBe(-5);
    expect(shawLabel(16, 16)).toBe(-16);
    expect(shawLabel(20, 16)).toBe(-16);
    expect(shawLabel(10_000, 16)).toBe(-16);
    const labels = new Set(Array.from({ length: 200 }, (_, n) => shawLabel(n, 4)));
    expect(labels.size).toBe(5); // the key-before half of 2k + 1 = 9 labels
  });
});

describe("T5 buckets (official _relative_position_bucket, 32 buckets, max_distance 128)", () => {
  it("gives the article's decoder buckets: 0–15 exact, 20 → 17, 64 → 26, 127 → 31", () => {
    for (let n = 0; n < 16; n++) expect(t5BucketBefore(n, "dec")).toBe(n);
    expect(t5BucketBefore(16, "dec")).toBe(16);
    expect(t5BucketBefore(20, "dec")).toBe(17);
    expect(t5BucketBefore(64, "dec")).toBe(26);
    expect(t5BucketBefore(112, "dec")).toBe(30);
    expect(t5BucketBefore(113, "dec")).toBe(31);
    expect(t5BucketBefore(127, "dec")).toBe(31);
    expect(t5BucketBefore(128, "dec")).toBe(31);
    expect(t5BucketBefore(100_000, "dec")).toBe(31);
    expect(t5Saturation("dec")).toBe(113);
  });

  it("matches the article's code cell for keys before the query", () => {
    // The article's transcription, in terms of n = i − j ≥ 0.
    const cell = (n: number, bidirectional: boolean, numBuckets = 32, maxDistance = 128) => {
      const buckets = bidirectional ? numBuckets / 2 : numBuckets;
      const maxExact = buckets / 2;
      if (n < maxExact) return n;
      const large =
        maxExact + Math.floor((Math.log(n / maxExact) / Math.log(maxDistance / maxExact)) * (buckets - maxExact));
      return Math.min(large, buckets - 1);
    };
    for (let n = 0; n <= 1000; n++) {
      expect(t5BucketBefore(n, "dec")).toBe(cell(n, false));
      expect(t5BucketBefore(n, "enc")).toBe(cell(n, true));
    }
  });

  it("puts keys after the query in bucket 0 (decoder) or in the upper 16 buckets (encoder)", () => {
    for (const rp of [1, 5, 100]) expect(t5Bucket(rp, false)).toBe(0);
    expect(t5Bucket(3, true)).toBe(16 + 3);
    expect(t5Bucket(-3, true)).toBe(3);
    expect(t5Bucket(500, true)).toBe(31);
    expect(t5Bucket(-500, true)).toBe(15);
    expect(t5Bucket(0, true)).toBe(0);
  });

  it("never decreases with distance, and max_distance moves where it saturates", () => {
    for (const mode of ["dec", "enc"] as const) {
      for (let n = 1; n < 600; n++) expect(t5BucketBefore(n, mode)).toBeGreaterThanOrEqual(t5BucketBefore(n - 1, mode));
    }
    expect(t5Bucket(-200, false, 32, 256)).toBeLessThan(31);
    expect(t5Bucket(-300, false, 32, 256)).toBe(31);
  });
});

describe("ALiBi slopes (Press et al., 2022, §3 and get_slopes)", () => {
  it("are 1/2 … 1/256 for 8 heads, a geometric sequence from 2^(−8/H)", () => {
    expect(alibiSlopes(8)).toEqual([1 / 2, 1 / 4, 1 / 8, 1 / 16, 1 / 32, 1 / 64, 1 / 128, 1 / 256]);
    const s16 = alibiSlopes(16);
    expect(s16[0]).toBeCloseTo(2 ** -0.5, 14);
    for (let h = 1; h <= 16; h++) expect(s16[h - 1]).toBeCloseTo(2 ** ((-8 * h) / 16), 14);
  });

  it("interleave for a head count that is not a power of 2 (official code)", () => {
    const s12 = alibiSlopes(12);
    expect(s12.slice(0, 8)).toEqual(alibiSlopes(8));
    const s16 = alibiSlopes(16);
    expect(s12.slice(8)).toEqual([s16[0], s16[2], s16[4], s16[6]]);
  });

  it("make the steepest head's bias −10 at distance 20: weights × e^−10 ≈ 4.5×10^-5", () => {
    expect(alibiBias(20, 1 / 2)).toBe(-10);
    expect(fmtSci(Math.exp(-10))).toBe("4.5×10^-5");
    expect(fmtSlope(1 / 256)).toBe("1/256");
    expect(fmtSlope(2 ** -0.5)).toBe("0.707");
    expect(headOf({ ...DEFAULTS, heads: 4, head: 9 })).toBe(4);
  });
});

describe("RoPE long-term decay (RoFormer §3.3)", () => {
  it("starts at (d/2 + 1)/2 = 32.5 for d = 128 and matches the explicit sum of |S_j|", () => {
    expect(ropeBound(0)).toBeCloseTo(32.5, 12);
    const theta = frequencies(ROPE_DIM, 10_000);
    for (const r of [1, 10, 77, 250]) {
      let total = 0;
      for (let j = 1; j <= theta.length; j++) {
        let re = 0;
        let im = 0;
        for (let i = 0; i < j; i++) {
          re += Math.cos(r * theta[i]);
          im += Math.sin(r * theta[i]);
        }
        total += Math.hypot(re, im);
      }
      expect(ropeBound(r)).toBeCloseTo(total / theta.length, 10);
    }
  });

  it("decays with distance, more slowly with a larger base", () => {
    expect(ropeBound(10)).toBeLessThan(ropeBound(0));
    expect(ropeBound(50)).toBeLessThan(ropeBound(10));
    expect(ropeBound(250)).toBeLessThan(ropeBound(50));
    expect(ropeBound(100, ROPE_DIM, 1e6)).toBeGreaterThan(ropeBound(100, ROPE_DIM, 1e4));
    const curve = ropeCurve(256, 10_000);
    expect(curve).toHaveLength(257);
    expect(curve[20]).toBeCloseTo(ropeBound(20), 12);
  });
});

describe("read-outs", () => {
  it("give each scheme's value at the default distance 20", () => {
    const text = readouts(DEFAULTS);
    expect(text.shaw).toContain("clip(−20, 16) = −16");
    expect(text.shaw).toContain("2k+1 = 33 个标签");
    expect(text.t5).toContain("距离 20 落在 17 号桶");
    expect(text.t5).toContain("≥ 113 全在 31 号桶");
    expect(text.alibi).toContain("斜率 1/2、1/4、1/8、1/16、1/32、1/64、1/128、1/256");
    expect(text.alibi).toContain("偏置 −10.00");
    expect(text.alibi).toContain("≈ 4.5×10^-5");
    expect(text.rope).toContain(`是距离 0 时的 ${Math.round((100 * ropeBound(20)) / 32.5)}%`);
  });

  it("follow the encoder buckets and the clamped head", () => {
    const text = readouts({ ...DEFAULTS, t5: "enc", heads: 4, head: 9, probe: 0 });
    expect(text.t5).toContain("0–7 各占一个桶");
    expect(text.t5).toContain("全在 15 号桶");
    expect(text.t5).toContain("桶号再加 16");
    expect(text.alibi).toContain("第 4 个头");
    expect(text.alibi).toContain("偏置 0");
  });
});
