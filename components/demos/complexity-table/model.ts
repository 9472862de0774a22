/**
 * Vaswani et al. (2017) Table 1 as numbers (ARC-02): per-layer cost, minimum sequential operations and
 * maximum path length for self-attention, recurrent, convolutional (kernel k) and restricted
 * self-attention (neighbourhood r) layers, as functions of sequence length n for a chosen width d.
 * "lead" counts only the leading term with constant 1 (as the table and the article's cell do);
 * "macs" counts multiply–adds of a whole layer as the article does (attention 4nd² + 2n²d, LSTM 8nd²).
 * Pure maths, no DOM.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

export const LAYERS = ["attn", "rnn", "conv", "local"] as const;
export type Layer = (typeof LAYERS)[number];

export const params = {
  n: {
    type: "number",
    label: "序列长度 n（对数刻度）",
    min: 16,
    // (URLs keep 4 significant digits: 16384 would come back as 16380.)
    max: 8192,
    step: 0.01,
    default: 512,
    log: true,
    integer: true,
  },
  d: { type: "choice", label: "表示维度 d", options: [64, 128, 256, 512, 1024, 2048, 4096], default: 512 },
  k: { type: "number", label: "卷积核宽 k", min: 2, max: 9, step: 1, default: 3, integer: true },
  r: {
    type: "choice",
    label: "受限自注意力的邻域大小 r",
    options: [8, 16, 32, 64, 128, 256, 512],
    default: 64,
  },
  count: {
    type: "choice",
    label: "计算量怎么数",
    options: ["lead", "macs"],
    default: "lead",
    optionLabels: {
      lead: "Table 1 主导项（常数记 1）",
      macs: "整层乘加数（含投影，循环层按 LSTM）",
    },
  },
} satisfies ParamSpecs;

export type ComplexityState = StateOf<typeof params>;

export function layerLabel(layer: Layer, s: Pick<ComplexityState, "k" | "r" | "count">): string {
  switch (layer) {
    case "attn":
      return "自注意力";
    case "rnn":
      return s.count === "macs" ? "循环层（LSTM）" : "循环层";
    case "conv":
      return `卷积 k=${s.k}`;
    case "local":
      return `受限自注意力 r=${s.r}`;
  }
}

/** Per-layer cost. lead: n²d, nd², knd², rnd. macs: 4nd² + 2n²d, 8nd², knd², 4nd² + 2rnd. */
export function cost(layer: Layer, n: number, s: Pick<ComplexityState, "d" | "k" | "r" | "count">): number {
  const { d, k, r } = s;
  const macs = s.count === "macs";
  switch (layer) {
    case "attn":
      return macs ? 4 * n * d * d + 2 * n * n * d : n * n * d;
    case "rnn":
      return macs ? 8 * n * d * d : n * d * d;
    case "conv":
      return k * n * d * d;
    case "local":
      // A neighbourhood can't hold more than the n positions there are.
      return macs ? 4 * n * d * d + 2 * Math.min(r, n) * n * d : Math.min(r, n) * n * d;
  }
}

/** Minimum number of sequential operations: only the recurrent layer has to walk the sequence. */
export function sequential(layer: Layer, n: number): number {
  return layer === "rnn" ? n : 1;
}

/**
 * Maximum path length between two positions, in layers/steps, with constant 1 as in the article's
 * cell: attention 1; recurrent n; dilated convolution ⌈log_k n⌉; restricted attention ⌈n/r⌉.
 */
export function pathLength(layer: Layer | "convPlain", n: number, s: Pick<ComplexityState, "k" | "r">): number {
  switch (layer) {
    case "attn":
      return 1;
    case "rnn":
      return n;
    case "conv":
      // Rounded first: log(n)/log(k) for n = k^j must not land a hair above j.
      return Math.ceil(Number((Math.log(n) / Math.log(s.k)).toFixed(9)));
    case "convPlain":
      return Math.ceil(n / s.k);
    case "local":
      return Math.ceil(n / s.r);
  }
}

/** n where self-attention and the recurrent layer cost the same: n = d (lead), n = 2d (macs). */
export const crossover = (s: Pick<ComplexityState, "d" | "count">) => (s.count === "macs" ? 2 * s.d : s.d);

/** Lengths sampled for the curves: powers of 2 across the slider's range (10 points). */
export const NS: readonly number[] = Array.from({ length: 10 }, (_, i) => 16 * 2 ** i);

/** Chinese reading of a large count, as the article's table writes them: 839 万, 1.34 亿, 344 亿. */
export function wan(x: number): string {
  if (x >= 1e8) return `${Number((x / 1e8).toPrecision(3))} 亿`;
  if (x >= 1e4) return `${Math.round(x / 1e4)} 万`;
  return String(Math.round(x));
}

const ratioText = (x: number) => (x >= 10 ? x.toFixed(0) : String(Number(x.toPrecision(3))));

export function readouts(state: ComplexityState): Record<string, string> {
  const { n } = state;
  const c = (l: Layer) => cost(l, n, state);
  const lead = state.count === "lead";
  const ratio = c("attn") / c("rnn");
  const cross = crossover(state);
  const formula = lead ? "n²d 与 nd² " : "4nd² + 2n²d 与 LSTM 的 8nd² ";
  return {
    cost:
      `n = ${n}，d = ${state.d}：自注意力 ${wan(c("attn"))}，${layerLabel("rnn", state)} ${wan(c("rnn"))}，` +
      `比值 ${ratioText(ratio)}（${formula}在 n = ${cross} 时相等）；` +
      `卷积 k=${state.k} ${wan(c("conv"))}，受限自注意力 r=${state.r} ${wan(c("local"))}`,
    steps:
      `顺序操作：循环层 ${n} 步，其余三种 1 步。最大路径长度：自注意力 1，循环层 ${n}，` +
      `膨胀卷积 ${pathLength("conv", n, state)}（连续卷积 ${pathLength("convPlain", n, state)}），` +
      `受限自注意力 ${pathLength("local", n, state)}`,
  };
}
