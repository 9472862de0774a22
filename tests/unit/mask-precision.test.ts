import { describe, expect, it } from "vitest";
import {
  cast,
  DTYPES,
  type DType,
  fullVerdict,
  MASKS,
  MAX_FINITE,
  type MaskState,
  maskedRow,
  overflowThreshold,
  overview,
  readouts,
  softmax,
  spacing,
} from "../../components/demos/mask-precision/model";

const DEFAULTS: MaskState = { m: "-1e3", dtype: "fp16", apply: "add", bias: 0 };
const row = (s: Partial<MaskState>, full = false) => maskedRow({ ...DEFAULTS, ...s }, full);

/** Independent fp16 conversion from float32 bits (round to nearest even), as hardware does it. */
function f16FromF32Bits(x: number): number {
  const f32 = new Float32Array([x]);
  const bits = new Uint32Array(f32.buffer)[0];
  const sign = bits >>> 31 ? -1 : 1;
  const exp = (bits >>> 23) & 0xff;
  let mant = bits & 0x7fffff;
  if (exp === 0xff) return mant ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  const e = exp - 127 + 15;
  let h: number; // the 15 magnitude bits of the half
  if (e >= 0x1f) h = 0x7c00;
  else if (e <= 0) {
    if (e < -10) h = 0;
    else {
      mant |= 0x800000;
      const shift = 14 - e;
      const half = 2 ** (shift - 1);
      h = Math.floor(mant / 2 ** shift);
      const rem = mant - h * 2 ** shift;
      if (rem > half || (rem === half && h % 2 === 1)) h += 1;
    }
  } else {
    const m = mant >>> 13;
    const rem = mant & 0x1fff;
    h = (e << 10) | m;
    if (rem > 0x1000 || (rem === 0x1000 && m % 2 === 1)) h += 1;
  }
  const he = h >>> 10;
  const hm = h & 0x3ff;
  if (he === 0x1f) return sign * Number.POSITIVE_INFINITY;
  return sign * (he === 0 ? hm * 2 ** -24 : (1 + hm / 1024) * 2 ** (he - 15));
}

/** bfloat16 the way PyTorch rounds a float32: add 0x7fff plus the lowest kept bit, keep the top 16 bits. */
function bf16FromF32Bits(x: number): number {
  const buf = new ArrayBuffer(4);
  const f32 = new Float32Array(buf);
  const u32 = new Uint32Array(buf);
  f32[0] = x;
  const bits = u32[0];
  u32[0] = ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16) << 16;
  return f32[0];
}

/** Float32 values spread over every binade a score, a mask or a weight can take. */
function samples(): number[] {
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const out: number[] = [];
  for (let i = 0; i < 4000; i++) {
    const magnitude = 2 ** (-30 + next() * 50); // 1e-9 … 1e6: subnormal fp16 up to overflow
    out.push(Math.fround((next() < 0.5 ? -1 : 1) * magnitude));
  }
  return out;
}

describe("rounding to fp16 and bf16", () => {
  it("matches an independent bit-level conversion on thousands of float32 values", () => {
    for (const x of samples()) {
      expect(cast(x, "fp16")).toBe(f16FromF32Bits(x));
      expect(cast(x, "bf16")).toBe(bf16FromF32Bits(x));
    }
    // bf16 overflow at the top of the float32 range, like the bit trick.
    const big = Math.fround(3.395e38);
    expect(cast(big, "bf16")).toBe(bf16FromF32Bits(big));
  });

  it("rounds ties to even and overflows at 65520 in fp16 (IEEE 754 binary16)", () => {
    expect(cast(2049, "fp16")).toBe(2048); // tie between 2048 and 2050 → even mantissa
    expect(cast(2051, "fp16")).toBe(2052);
    expect(cast(65504, "fp16")).toBe(65504);
    expect(cast(65519, "fp16")).toBe(65504);
    expect(cast(65520, "fp16")).toBe(Number.POSITIVE_INFINITY); // the midpoint rounds to the "even" 2^16
    expect(cast(-1e9, "fp16")).toBe(Number.NEGATIVE_INFINITY);
    expect(cast(0.1, "fp16")).toBe(0.0999755859375);
    expect(cast(2 ** -24, "fp16")).toBe(2 ** -24); // smallest subnormal
    expect(cast(2 ** -25, "fp16")).toBe(0); // tie with 0 → 0
    expect(cast(1e-4, "fp16")).toBeCloseTo(1e-4, 7);
    expect(spacing(1000, "fp16")).toBe(0.5);
    expect(spacing(-10000, "fp16")).toBe(8);
  });

  it("has the article's table of limits", () => {
    expect(MAX_FINITE.fp32).toBe(3.4028234663852886e38);
    expect(MAX_FINITE.fp16).toBe(65504);
    expect(MAX_FINITE.bf16).toBe(3.3895313892515355e38);
    expect(cast(-1e4, "fp32")).toBe(-10000);
    expect(cast(-1e4, "fp16")).toBe(-10000);
    expect(cast(-1e4, "bf16")).toBe(-9984);
    expect(cast(-1e9, "fp32")).toBe(-1e9);
    expect(cast(-1e9, "bf16")).toBe(-998244352); // ≈ −9.98e8
  });

  it("finfo.min plus a score overflows exactly as the article says", () => {
    const minPlus = (s: number, dtype: DType) => cast(-MAX_FINITE[dtype] + cast(s, dtype), dtype);
    expect(minPlus(-15, "fp16")).toBe(-65504);
    expect(minPlus(-16, "fp16")).toBe(Number.NEGATIVE_INFINITY);
    expect(overflowThreshold("fp16")).toBe(-16);
    expect(minPlus(-1e30, "fp32")).toBe(-MAX_FINITE.fp32); // fp32 needs ≈ −1.0e31
    for (const dtype of DTYPES) expect(cast(-2 * MAX_FINITE[dtype], dtype)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe("one masked softmax row", () => {
  it("reproduces errata E53's NumPy check: softmax([2, 1, −1000]) in fp16 = [0.731, 0.269, 0]", () => {
    const p = softmax([2, 1, -1000].map((x) => cast(x, "fp16")));
    expect(p[0]).toBeCloseTo(0.731, 3);
    expect(p[1]).toBeCloseTo(0.269, 3);
    expect(p[2]).toBe(0);
  });

  it("leaks 14.5 % when the pads' scores are set to 0 and 18.7 % without a mask", () => {
    for (const dtype of ["fp32", "fp16"] as const) {
      expect(row({ m: "0", apply: "fill", dtype }).leak).toBeCloseTo(0.1454, 3);
      expect(row({ m: "0", apply: "add", dtype }).leak).toBeCloseTo(0.1868, 3);
    }
  });

  it("leaks ≈ 1.0e−5 at −10 and ≈ 4.7e−10 at −20, and exactly 0 from −1e3 on", () => {
    expect(row({ m: "-10", dtype: "fp32" }).leak / 1.04e-5).toBeCloseTo(1, 1);
    expect(row({ m: "-20", dtype: "fp32" }).leak / 4.73e-10).toBeCloseTo(1, 1);
    for (const dtype of DTYPES) {
      for (const m of ["-1e3", "-1e4", "-1e9", "min", "-inf"] as const) {
        const r = row({ m, dtype });
        expect(r.leak).toBe(0);
        // The real keys are renormalised: exactly the softmax of [2, 1, 0.5].
        const ref = softmax([2, 1, 0.5].map((s) => cast(s, dtype)));
        r.weights.slice(0, 3).forEach((w, j) => {
          expect(w).toBeCloseTo(ref[j], 12);
        });
      }
    }
  });

  it("never produces NaN while one real key is visible, and leaks less as the mask gets more negative", () => {
    for (const apply of ["add", "fill"] as const) {
      for (const dtype of DTYPES) {
        let previous = 1;
        for (const m of MASKS) {
          const r = row({ m, dtype, apply });
          expect(r.weights.some(Number.isNaN)).toBe(false);
          expect(r.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
          expect(r.leak).toBeLessThanOrEqual(previous);
          previous = r.leak;
        }
      }
    }
  });
});

describe("the fully masked row", () => {
  it("gives the article's 0.491, 0.181, 0.110 × 3 for −1000 in fp16 (rounding step 0.5)", () => {
    const r = row({}, true);
    expect(r.logits).toEqual([-998, -999, -999.5, -999.5, -999.5]);
    expect(r.weights.map((w) => Number(w.toFixed(3)))).toEqual([0.491, 0.181, 0.11, 0.11, 0.11]);
    expect(fullVerdict(r)).toBe("finite");
  });

  it("is NaN for −∞ in every dtype and for −1e9 in fp16, uniform 0.2 for finfo.min", () => {
    for (const dtype of DTYPES) {
      expect(fullVerdict(row({ m: "-inf", dtype }, true))).toBe("nan");
      const min = row({ m: "min", dtype }, true);
      expect(fullVerdict(min)).toBe("uniform");
      for (const w of min.weights) expect(w).toBeCloseTo(0.2, 12);
    }
    const r = row({ m: "-1e9", dtype: "fp16" }, true);
    expect(r.logits.every((x) => x === Number.NEGATIVE_INFINITY)).toBe(true);
    expect(fullVerdict(r)).toBe("nan");
    expect(fullVerdict(row({ m: "-1e9", dtype: "bf16" }, true))).toBe("uniform");
  });

  it("turns NaN under an additive finfo.min in fp16 once every score is ≤ −16 (bias ≤ −18)", () => {
    const nan = row({ m: "min", bias: -18 }, true);
    expect(nan.overflowed).toEqual([true, true, true, true, true]);
    expect(fullVerdict(nan)).toBe("nan");
    // At b = −17.5 the top score −15.5 still fits: one finite logit takes all the weight.
    const almost = row({ m: "min", bias: -17.5 }, true);
    expect(almost.overflowed).toEqual([false, true, true, true, true]);
    expect(almost.weights).toEqual([1, 0, 0, 0, 0]);
    // masked_fill writes finfo.min instead of adding: no overflow, uniform.
    expect(fullVerdict(row({ m: "min", bias: -18, apply: "fill" }, true))).toBe("uniform");
    // fp32 and bf16 have no such trap at these scores.
    expect(fullVerdict(row({ m: "min", bias: -40, dtype: "fp32" }, true))).toBe("uniform");
  });
});

describe("overview grid and read-outs", () => {
  it("marks NaN for −∞ everywhere plus −1e9 in fp16, and masked_fill's error for −1e9 in fp16", () => {
    const add = overview({ apply: "add", bias: 0 });
    expect(add).toHaveLength(MASKS.length * DTYPES.length);
    const nan = add.filter((c) => fullVerdict(c.full) === "nan").map((c) => `${c.m}/${c.dtype}`);
    expect(nan.sort()).toEqual(["-1e9/fp16", "-inf/bf16", "-inf/fp16", "-inf/fp32"]);
    const errors = overview({ apply: "fill", bias: 0 }).filter((c) => c.error);
    expect(errors.map((c) => `${c.m}/${c.dtype}`)).toEqual(["-1e9/fp16"]);
  });

  it("reads out the stored mask, the leak, the fully masked row and the overflow", () => {
    const text = readouts(DEFAULTS);
    expect(text.stored).toBe("mask = −1e3 存成 fp16：−1000");
    expect(text.leak).toContain("[PAD] 共分到 0，精确为 0");
    expect(text.full).toContain("0.491、0.181、0.110、0.110、0.110");
    expect(text.full).toContain("舍入间距是 0.5");
    expect(text.trap).toContain("finfo.min + (−15) = −65504，finfo.min + (−16) = −inf");
    expect(readouts({ ...DEFAULTS, m: "0", apply: "fill" }).leak).toContain("14.5%");
    expect(readouts({ ...DEFAULTS, m: "-10", dtype: "fp32" }).leak).toContain("1.0e−5");
    expect(readouts({ ...DEFAULTS, m: "-1e9" }).stored).toContain("存进去就成了 −inf");
    expect(readouts({ ...DEFAULTS, m: "-1e9", apply: "fill" }).stored).toContain("会直接报错");
    expect(readouts({ ...DEFAULTS, m: "-inf" }).full).toContain("全部 NaN");
    expect(readouts({ ...DEFAULTS, m: "min", bias: -20 }).full).toContain("溢出成 −inf");
    expect(readouts({ ...DEFAULTS, m: "min", bias: -20 }).trap).toContain("5 个位置中有 5 个溢出");
    expect(readouts({ ...DEFAULTS, m: "-1e4", dtype: "bf16" }).stored).toContain("−9984");
    expect(readouts({ ...DEFAULTS, m: "-20" }).leak).toContain("存回 fp16 会变成 0");
  });
});
