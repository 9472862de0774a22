/**
 * Padding mask under finite precision (ATT-07): one attention row with 3 real keys and 2 [PAD] keys,
 * masked with a chosen constant in fp32, fp16 or bf16. Every number a framework would store in the
 * chosen dtype (the scores, the mask constant, score + mask) is rounded exactly as IEEE 754 does:
 * round to nearest, ties to even, subnormals kept, overflow to ±∞. Like the article's code cell, the
 * softmax of those stored scores then runs in high (double) precision, as PyTorch accumulates half
 * and bfloat16 softmax in float.
 * Pure maths, no DOM, no randomness.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

export type DType = "fp32" | "fp16" | "bf16";
export const DTYPES: readonly DType[] = ["fp32", "fp16", "bf16"];

/** Largest finite value of each format; `finfo(dtype).min` is its negative. */
export const MAX_FINITE: Readonly<Record<DType, number>> = {
  fp32: (2 - 2 ** -23) * 2 ** 127, // ≈ 3.4028e38
  fp16: 65504,
  bf16: (2 - 2 ** -7) * 2 ** 127, // ≈ 3.3895e38
};

/**
 * Rounds a double to `mant` fraction bits (so mant + 1 significant bits), ties to even, with the
 * smallest normal exponent `emin` (below it the spacing stays 2^(emin − mant): subnormals) and
 * overflow to ±∞ when the rounded magnitude exceeds `max`. Every step is exact in double precision:
 * dividing by a power of two, flooring, and multiplying back.
 */
export function roundToBits(x: number, mant: number, emin: number, max: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  let e = Math.floor(Math.log2(a));
  // log2 may be off by one ulp near powers of two: fix the exponent so that 2^e ≤ a < 2^(e+1).
  if (2 ** e > a) e -= 1;
  else if (2 ** (e + 1) <= a) e += 1;
  const ulp = 2 ** (Math.max(e, emin) - mant);
  const q = a / ulp;
  let r = Math.floor(q);
  const frac = q - r;
  if (frac > 0.5 || (frac === 0.5 && r % 2 === 1)) r += 1;
  const y = r * ulp;
  // With an unbounded exponent the value after max is 2^(emax+1): anything above max overflows.
  return Math.sign(x) * (y > max ? Number.POSITIVE_INFINITY : y);
}

/** The value of x once stored in the dtype. */
export function cast(x: number, dtype: DType): number {
  switch (dtype) {
    case "fp32":
      return Math.fround(x);
    case "fp16":
      // binary16: 10 fraction bits, exponents −14 … 15, largest finite 65504.
      return roundToBits(x, 10, -14, MAX_FINITE.fp16);
    case "bf16":
      // bfloat16 is the top half of a float32: frameworks round the float32 value to 8 significant bits.
      return roundToBits(Math.fround(x), 7, -126, MAX_FINITE.bf16);
  }
}

/** Distance from |x| to the next representable magnitude (the rounding step around x). */
export function spacing(x: number, dtype: DType): number {
  const mant = dtype === "fp32" ? 23 : dtype === "fp16" ? 10 : 7;
  const emin = dtype === "fp16" ? -14 : -126;
  const a = Math.abs(x);
  if (!Number.isFinite(a)) return Number.NaN;
  let e = a === 0 ? emin : Math.floor(Math.log2(a));
  if (a > 0 && 2 ** e > a) e -= 1;
  else if (a > 0 && 2 ** (e + 1) <= a) e += 1;
  return 2 ** (Math.max(e, emin) - mant);
}

/** The mask choices, in order from no mask to −∞. */
export const MASKS = ["0", "-10", "-20", "-1e3", "-1e4", "-1e9", "min", "-inf"] as const;
export type MaskChoice = (typeof MASKS)[number];
export const MASK_LABELS: Readonly<Record<MaskChoice, string>> = {
  "0": "0",
  "-10": "−10",
  "-20": "−20",
  "-1e3": "−1e3",
  "-1e4": "−1e4",
  "-1e9": "−1e9",
  min: "finfo.min",
  "-inf": "−∞",
};

export const APPLY_LABELS = {
  add: "加性：分数 + mask",
  fill: "masked_fill：替换成 mask 值",
} as const;

export const params = {
  m: {
    type: "choice",
    label: "mask 值（加到或写入 padding 位置的分数）",
    options: MASKS,
    default: "-1e3" as MaskChoice,
    optionLabels: { ...MASK_LABELS, min: "finfo(dtype).min" },
  },
  dtype: {
    type: "choice",
    label: "精度（分数与 mask 都存成这种格式）",
    options: DTYPES,
    default: "fp16" as DType,
    optionLabels: { fp32: "fp32", fp16: "fp16（最大有限值 65504）", bf16: "bf16（8 位有效数字）" },
  },
  apply: {
    type: "choice",
    label: "怎样施加 mask（加性是公式与 Hugging Face eager 的写法）",
    options: ["add", "fill"] as const,
    default: "add" as const,
    optionLabels: APPLY_LABELS,
  },
  bias: {
    type: "number",
    label: "给整行分数加偏置 b（softmax 对平移不变，有限精度下的 mask 却不一定）",
    min: -40,
    max: 40,
    step: 0.5,
    default: 0,
  },
} satisfies ParamSpecs;

export type MaskState = StateOf<typeof params>;

/** One query's scores (already divided by √d_k): 3 real tokens, then 2 padding positions. */
export const SCORES: readonly number[] = [2.0, 1.0, 0.5, 0.3, 0.3];
export const IS_PAD: readonly boolean[] = [false, false, false, true, true];
export const TOKENS: readonly string[] = ["我", "爱", "猫", "[PAD]", "[PAD]"];

/** The mask constant before it is stored (finfo.min is the dtype's own). */
export function maskConstant(m: MaskChoice, dtype: DType): number {
  if (m === "min") return -MAX_FINITE[dtype];
  if (m === "-inf") return Number.NEGATIVE_INFINITY;
  return Number(m);
}

/** masked_fill refuses a fill value the tensor's dtype cannot hold (torch: "… without overflow"). */
export function fillOverflows(m: MaskChoice, dtype: DType): boolean {
  const value = maskConstant(m, dtype);
  return Number.isFinite(value) && Math.abs(value) > MAX_FINITE[dtype];
}

/** Plain softmax: subtract the max, exponentiate, normalise. A row of −∞ gives NaN everywhere. */
export function softmax(z: readonly number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

export interface RowResult {
  /** Scores as stored after masking (what softmax receives). */
  logits: number[];
  /** Which keys are masked in this row. */
  masked: boolean[];
  /** Positions that became −∞ only because score + mask overflowed. */
  overflowed: boolean[];
  /** Softmax weights (high precision, from the stored scores). */
  weights: number[];
  /** Total weight on the masked keys. */
  leak: number;
  /**
   * How far rounding score + mask moved the weights from the softmax of the unmasked scores (the
   * mask adds one constant to the whole row, so without rounding this is 0).
   */
  roundingShift: number;
}

export type RowSettings = Pick<MaskState, "m" | "dtype" | "apply" | "bias">;

/**
 * One softmax row. `full`: every key is masked (e.g. a left-padded [PAD] query under the causal
 * mask); otherwise only the two [PAD] keys are.
 */
export function maskedRow(s: RowSettings, full: boolean): RowResult {
  const M = cast(maskConstant(s.m, s.dtype), s.dtype);
  const logits: number[] = [];
  const masked: boolean[] = [];
  const overflowed: boolean[] = [];
  const scores = SCORES.map((raw) => cast(raw + s.bias, s.dtype));
  scores.forEach((score, j) => {
    const isMasked = full || IS_PAD[j];
    masked.push(isMasked);
    if (!isMasked) {
      logits.push(score);
      overflowed.push(false);
      return;
    }
    const value = s.apply === "fill" ? M : cast(score + M, s.dtype);
    logits.push(value);
    overflowed.push(value === Number.NEGATIVE_INFINITY && Number.isFinite(M));
  });
  const weights = softmax(logits);
  const leak = weights.reduce((acc, p, j) => (masked[j] ? acc + p : acc), 0);
  const reference = softmax(scores);
  const roundingShift = Math.max(...weights.map((p, j) => Math.abs(p - reference[j])));
  return { logits, masked, overflowed, weights, leak, roundingShift };
}

export type FullVerdict = "nan" | "uniform" | "finite";

export function fullVerdict(row: RowResult): FullVerdict {
  if (row.weights.some(Number.isNaN)) return "nan";
  return row.weights.every((p) => p === row.weights[0]) ? "uniform" : "finite";
}

export type LeakVerdict = "zero" | "small" | "large";

export function leakVerdict(leak: number): LeakVerdict {
  if (leak === 0) return "zero";
  return leak < 1e-3 ? "small" : "large";
}

/** Every mask × dtype for the current way of applying it and bias: the overview grid. */
export interface GridCell {
  m: MaskChoice;
  dtype: DType;
  partial: RowResult;
  full: RowResult;
  /** masked_fill would raise instead of computing anything. */
  error: boolean;
}

export function overview(s: Pick<MaskState, "apply" | "bias">): GridCell[] {
  return MASKS.flatMap((m) =>
    DTYPES.map((dtype) => {
      const settings = { ...s, m, dtype };
      return {
        m,
        dtype,
        partial: maskedRow(settings, false),
        full: maskedRow(settings, true),
        error: s.apply === "fill" && fillOverflows(m, dtype),
      };
    }),
  );
}

/** Typographic minus for numbers shown to readers. */
export const minus = (text: string) => text.replace(/-/g, "−");

/** A stored number, short: 5 significant digits, exponent form for huge magnitudes. */
export function fmtStored(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.NEGATIVE_INFINITY) return "−inf";
  if (x === Number.POSITIVE_INFINITY) return "inf";
  if (x === 0) return "0";
  if (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3)
    return minus(
      x
        .toExponential(4)
        .replace(/\.?0+e/, "e")
        .replace("e+", "e"),
    );
  return minus(String(Number(x.toPrecision(5))));
}

/** A weight: 3 decimals, scientific when tiny, exactly "0" for 0. */
export function fmtWeight(p: number): string {
  if (Number.isNaN(p)) return "NaN";
  if (p === 0) return "0";
  if (p < 1e-3) return minus(p.toExponential(1));
  return p.toFixed(3);
}

/** A leaked share: percent when visible, scientific when tiny. */
export function fmtLeak(p: number): string {
  if (Number.isNaN(p)) return "NaN";
  if (p === 0) return "0";
  if (p < 1e-3) return minus(p.toExponential(1));
  return `${(p * 100).toFixed(1)}%`;
}

/** Smallest positive value of each dtype (a subnormal). */
export const MIN_POSITIVE: Readonly<Record<DType, number>> = {
  fp32: 2 ** -149,
  fp16: 2 ** -24,
  bf16: 2 ** -133,
};

/** The score below which finfo.min + score overflows to −∞ (fp16: −16). */
export function overflowThreshold(dtype: DType): number {
  // finfo.min + s rounds to −∞ once |sum| reaches max + ulp(max)/2.
  return -spacing(MAX_FINITE[dtype], dtype) / 2;
}

/** Weights that a masked row shows as visibly different (3 decimals) from the unmasked softmax. */
const VISIBLE_SHIFT = 5e-4;

export function readouts(state: MaskState): Record<string, string> {
  const { m, dtype, apply } = state;
  const exactMask = maskConstant(m, dtype);
  const M = cast(exactMask, dtype);
  const label = MASK_LABELS[m];
  const partial = maskedRow(state, false);
  const full = maskedRow(state, true);

  let stored = `mask = ${label} 存成 ${dtype}：${fmtStored(M)}`;
  if (m === "min") stored += `（${dtype} 的最大有限值是 ${fmtStored(MAX_FINITE[dtype])}）`;
  else if (M === Number.NEGATIVE_INFINITY && Number.isFinite(exactMask)) {
    stored += `（${label} 超出 ${dtype} 的最大有限值 ${fmtStored(MAX_FINITE[dtype])}，存进去就成了 −inf）`;
    if (apply === "fill") {
      stored +=
        "；PyTorch 的 masked_fill 在 half 张量上填 −1e9 会直接报错（value cannot be converted to type at::Half without overflow），图中按先转成 fp16 的 −inf 计算";
    }
  } else if (Number.isFinite(M) && M !== exactMask) {
    stored += `（${dtype} 只有 ${dtype === "bf16" ? 8 : dtype === "fp16" ? 11 : 24} 位有效数字，舍入到最近的可表示数）`;
  } else if (m === "0") {
    stored += apply === "add" ? "，加 0 等于没做 mask" : "，即把 padding 的分数置 0";
  }

  let leak = `部分屏蔽（3 个真实 key + 2 个 [PAD]）：[PAD] 共分到 ${fmtLeak(partial.leak)}`;
  if (partial.leak === 0) {
    leak += "，精确为 0（exp 下溢为 0，真实 key 自动重新归一化）";
  } else if (m === "0") {
    leak += apply === "fill" ? "（e⁰ = 1，置 0 照样分走权重）" : "（与不做 mask 一样）";
  } else {
    leak += `（mask 不够负：每个 [PAD] 与最大项之比为 ${apply === "fill" ? "e^(m − s_max)" : "e^(m + s_pad − s_max)"}）`;
    if (partial.leak / 2 < MIN_POSITIVE[dtype] / 2) {
      leak += `；这么小的权重存回 ${dtype} 会变成 0（${dtype} 最小正数约 ${minus(MIN_POSITIVE[dtype].toExponential(1))}）`;
    }
  }

  const verdict = fullVerdict(full);
  let fullText = "整行屏蔽（5 个 key 都被屏蔽，例如左 padding 的 [PAD] query）：";
  if (verdict === "nan") {
    fullText += full.overflowed.every(Boolean)
      ? `全部 NaN：finfo.min 加上不高于 ${fmtStored(overflowThreshold(dtype))} 的分数溢出成 −inf，整行都是 −inf，减最大值时 −inf − (−inf) = NaN`
      : "全部 NaN：整行都是 −inf，减最大值时 −inf − (−inf) = NaN";
    fullText += "（PyTorch 2.5 起 SDPA 对整行 −inf 的 query 输出 0）";
  } else {
    const top = Math.max(...full.logits);
    const step = `${dtype} 在 ${fmtStored(top)} 附近的舍入间距是 ${fmtStored(spacing(top, dtype))}`;
    if (verdict === "uniform") {
      fullText += `均匀分布，每个 ${fmtWeight(full.weights[0])}：输出有限，随后在 loss 和 pooling 里被丢弃`;
      fullText += apply === "fill" ? "（masked_fill 把整行写成同一个值）" : `（${step}，原分数的差别全被抹掉）`;
    } else {
      fullText += `有限：${full.weights.map(fmtWeight).join("、")}`;
      fullText +=
        full.roundingShift > VISIBLE_SHIFT
          ? `（${step}，原分数的差别被抹掉一部分）`
          : "（整行加同一个常数，softmax 不变）";
    }
  }

  const minPlus = (s: number) => fmtStored(cast(-MAX_FINITE[dtype] + cast(s, dtype), dtype));
  let trap =
    dtype === "fp16"
      ? `加法溢出：fp16 里 finfo.min + (−15) = ${minPlus(-15)}，finfo.min + (−16) = ${minPlus(-16)}`
      : `加法溢出：${dtype} 里 finfo.min 要加上不高于 ${fmtStored(overflowThreshold(dtype))} 的数才溢出`;
  trap += `；两个 finfo.min 相加 = ${fmtStored(cast(-2 * MAX_FINITE[dtype], dtype))}（所以合并因果 mask 与 padding mask 要用 masked_fill，不要相加）`;
  if (m === "min" && apply === "add") {
    const n = full.overflowed.filter(Boolean).length;
    trap += `。当前整行屏蔽的 5 个位置中有 ${n} 个溢出成 −inf`;
  }
  return { stored, leak, full: fullText, trap };
}
