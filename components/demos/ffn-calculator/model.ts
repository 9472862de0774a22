/**
 * FFN calculator (ARC-05): parameters and per-token FLOPs of the position-wise FFN with ReLU or GELU
 * at d_ff = 4d (two matrices) against SwiGLU (three matrices) at 4d (PaLM) or at ⅔·4d rounded the way
 * LLaMA's reference code does: multiple_of · ⌈⌊2·4d/3⌋ / multiple_of⌉. Plus the activation curves
 * (ReLU, GELU = xΦ(x), SiLU = Swish₁ = xσ(x)) and their derivatives. Pure maths, no DOM.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

export const VARIANTS = ["relu", "gelu", "swigluPalm", "swiglu"] as const;
export type Variant = (typeof VARIANTS)[number];
export const VARIANT_LABELS: Readonly<Record<Variant, string>> = {
  relu: "ReLU，d_ff = 4d（原始 Transformer）",
  gelu: "GELU，d_ff = 4d（GPT、BERT）",
  swigluPalm: "SwiGLU，d_ff = 4d（PaLM）",
  swiglu: "SwiGLU，⅔·4d 取整（LLaMA）",
};

export const ACTIVATIONS = ["relu", "gelu", "silu"] as const;
export type Activation = (typeof ACTIVATIONS)[number];
export const ACTIVATION_LABELS: Readonly<Record<Activation, string>> = {
  relu: "ReLU",
  gelu: "GELU",
  silu: "SiLU（Swish₁）",
};

export const params = {
  variant: {
    type: "choice",
    label: "FFN 结构与激活",
    options: VARIANTS,
    default: "swiglu",
    optionLabels: VARIANT_LABELS,
  },
  d: {
    type: "choice",
    label: "d_model",
    options: [512, 768, 1024, 2048, 4096, 5120, 6656, 8192],
    default: 4096,
  },
  multiple: {
    type: "choice",
    label: "SwiGLU 隐藏维度向上取整到的倍数（LLaMA：256）",
    options: [1, 64, 128, 256],
    default: 256,
  },
  bias: {
    type: "choice",
    label: "偏置",
    options: ["none", "bias"],
    default: "none",
    optionLabels: { none: "不带（T5、LLaMA）", bias: "带（原始 Transformer）" },
  },
  x: { type: "number", label: "激活函数的输入 x", min: -4, max: 4, step: 0.05, default: -1 },
  curve: {
    type: "choice",
    label: "曲线",
    options: ["value", "slope"],
    default: "value",
    optionLabels: { value: "函数值 f(x)", slope: "导数 f′(x)" },
  },
} satisfies ParamSpecs;

export type FfnState = StateOf<typeof params>;

/** LLaMA's FeedForward: hidden = int(2·(4d)/3), then rounded up to a multiple of `multiple`. */
export function llamaHidden(d: number, multiple: number): number {
  const h = Math.floor((2 * (4 * d)) / 3);
  return multiple * Math.ceil(h / multiple);
}

export const gated = (v: Variant | string) => v === "swiglu" || v === "swigluPalm";

export function hiddenSize(v: Variant | string, d: number, multiple: number): number {
  return v === "swiglu" ? llamaHidden(d, multiple) : 4 * d;
}

/**
 * Parameters: two matrices d·H + H·d (+ biases H + d), or three for a GLU: W and V (d·H each) and
 * W₂ (H·d) (+ biases 2H + d).
 */
export function ffnParams(v: Variant | string, d: number, H: number, bias: boolean): number {
  const matrices = gated(v) ? 3 : 2;
  return matrices * d * H + (bias ? (matrices - 1) * H + d : 0);
}

/** Forward FLOPs per token of the matrix multiplies: 2 per multiply–add. */
export function ffnFlops(v: Variant | string, d: number, H: number): number {
  return 2 * (gated(v) ? 3 : 2) * d * H;
}

export interface Row {
  variant: Variant;
  hidden: number;
  params: number;
  flops: number;
  /** Relative to the ReLU FFN at 4d with the same bias setting. */
  ratio: number;
}

export function table(s: Pick<FfnState, "d" | "multiple" | "bias">): Row[] {
  const bias = s.bias === "bias";
  const base = ffnParams("relu", s.d, 4 * s.d, bias);
  return VARIANTS.map((variant) => {
    const hidden = hiddenSize(variant, s.d, s.multiple);
    const params = ffnParams(variant, s.d, hidden, bias);
    return { variant, hidden, params, flops: ffnFlops(variant, s.d, hidden), ratio: params / base };
  });
}

// --- activations ---------------------------------------------------------------------------------

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), the same formula as the article's cell. */
export function erf(x: number): number {
  const s = Math.sign(x);
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return s * y;
}
const Phi = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function activation(a: Activation | string, x: number): number {
  switch (a) {
    case "relu":
      return Math.max(0, x);
    case "gelu":
      return x * Phi(x);
    default:
      return x * sigmoid(x);
  }
}

/** f′(x): ReLU 0/1 (0 at x = 0, PyTorch's convention); GELU Φ(x) + xφ(x); SiLU σ(x)(1 + x(1 − σ(x))). */
export function slope(a: Activation | string, x: number): number {
  switch (a) {
    case "relu":
      return x > 0 ? 1 : 0;
    case "gelu":
      return Phi(x) + x * phi(x);
    default: {
      const s = sigmoid(x);
      return s * (1 + x * (1 - s));
    }
  }
}

/** The activation a variant applies element-wise (SwiGLU's gate is SiLU). */
export const activationOf = (v: Variant | string): Activation =>
  v === "relu" ? "relu" : v === "gelu" ? "gelu" : "silu";

/** Curve samples on [−4, 4], 81 points per activation, computed once. */
export const XS: readonly number[] = Array.from({ length: 81 }, (_, i) => -4 + i * 0.1);

const grouped = (x: number) => String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const signed = (x: number) => (Math.abs(x) < 5e-4 ? "0" : x < 0 ? `−${(-x).toFixed(3)}` : x.toFixed(3));

export function readouts(state: FfnState): Record<string, string> {
  const rows = table(state);
  const row = rows.find((r) => r.variant === state.variant) ?? rows[0];
  const diff = (row.ratio - 1) * 100;
  const vs =
    row.variant === "relu" || row.variant === "gelu"
      ? "（就是基准）"
      : `，是 ReLU 4d 的 ${row.ratio.toFixed(4)} 倍（${diff >= 0 ? "多" : "少"} ${Math.abs(diff).toFixed(2)}%）`;
  const hidden =
    row.variant === "swiglu"
      ? `隐藏维度 ⌊8·${state.d}/3⌋ = ${Math.floor((8 * state.d) / 3)}，取整到 ${state.multiple} 的倍数得 ${row.hidden}`
      : `隐藏维度 4d = ${row.hidden}`;
  const act = activationOf(state.variant);
  const x = state.x;
  return {
    ffn:
      `${VARIANT_LABELS[row.variant as Variant]}：${hidden}；参数 ${grouped(row.params)}${vs}；` +
      `每 token 矩阵乘 ${grouped(row.flops)} FLOPs，逐元素激活只有 ${grouped(row.hidden)} 次`,
    act:
      `x = ${x < 0 ? `−${-x}` : x}：` +
      ACTIVATIONS.map((a) => `${ACTIVATION_LABELS[a]} ${signed(activation(a, x))}（导数 ${signed(slope(a, x))}）`).join(
        "，",
      ) +
      `；本结构用 ${ACTIVATION_LABELS[act]}`,
  };
}
