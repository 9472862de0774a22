/**
 * Attention FLOPs (LONG-01): forward FLOPs of one standard Transformer layer on one sequence of n
 * tokens, split as the article counts them (no biases, one multiply–add = 2 FLOPs): the linear part
 * 24nd² (Q/K/V 6nd², output projection 2nd², FFN with hidden 4d 16nd²) and the n² part 4n²d (QKᵀ and
 * PV, 2n²d each, summed over heads: d_k = d/h cancels h). A causal kernel that skips the blocks wholly
 * above the diagonal does about half the n² work, 2n²d. The n² share is n/(n + 6d), or n/(n + 12d)
 * causal, so the terms cross at n = 6d (12d). Softmax's O(hn²) element-wise work is not counted.
 * Pure maths, no DOM.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

export const N_MIN = 128;
export const N_MAX = 2 ** 20;

export const params = {
  d: {
    type: "number",
    label: "模型宽度 d_model（对数刻度）",
    min: 256,
    max: 16384,
    // 16 steps per doubling: every power of two (512 … 8192) is a slider position.
    step: Math.log10(2) / 16,
    default: 4096,
    log: true,
    integer: true,
  },
  n: {
    type: "number",
    label: "序列长度 n（对数刻度）",
    min: N_MIN,
    max: N_MAX,
    step: Math.log10(2) / 8,
    default: 4096,
    log: true,
    integer: true,
  },
  mask: {
    type: "choice",
    label: "注意力 mask",
    options: ["full", "causal"],
    default: "full",
    optionLabels: {
      full: "不跳过（双向，或算满 n×n）",
      causal: "因果 mask，kernel 跳过上三角的块",
    },
  },
} satisfies ParamSpecs;

export type FlopsState = StateOf<typeof params>;
export type Mask = FlopsState["mask"];

export const PARTS = ["qkv", "out", "ffn", "qk", "pv"] as const;
export type Part = (typeof PARTS)[number];
export const PART_LABELS: Readonly<Record<Part, string>> = {
  qkv: "Q/K/V 投影",
  out: "输出投影",
  ffn: "FFN（4d）",
  qk: "QKᵀ",
  pv: "PV",
};
export const isQuadratic = (p: Part) => p === "qk" || p === "pv";

/** FLOPs of each step of one layer's forward pass. */
export function parts(n: number, d: number, mask: Mask | string): Record<Part, number> {
  const half = mask === "causal" ? 0.5 : 1;
  return {
    qkv: 6 * n * d * d,
    out: 2 * n * d * d,
    ffn: 16 * n * d * d,
    qk: 2 * n * n * d * half,
    pv: 2 * n * n * d * half,
  };
}

/** The linear part, 24nd². */
export const linearFlops = (n: number, d: number) => 24 * n * d * d;
/** The n² part: 4n²d, or 2n²d when the kernel skips the masked half. */
export const quadFlops = (n: number, d: number, mask: Mask | string) => (mask === "causal" ? 2 : 4) * n * n * d;
/** Share of the layer's FLOPs in the n² part: n/(n + 6d), causal n/(n + 12d). */
export const quadShare = (n: number, d: number, mask: Mask | string) => {
  const q = quadFlops(n, d, mask);
  return q / (q + linearFlops(n, d));
};
/** Where the two parts are equal: 4n²d = 24nd² ⇒ n = 6d; 2n²d = 24nd² ⇒ n = 12d. */
export const crossoverMultiple = (mask: Mask | string) => (mask === "causal" ? 12 : 6);
export const crossover = (d: number, mask: Mask | string) => crossoverMultiple(mask) * d;

/** The lengths the article quotes shares for, as multiples of d. */
export const MARKS: readonly number[] = [1, 6, 16, 64];

/** 3 significant digits in the largest unit that keeps the number ≥ 1: 1.65 TFLOPs. */
export function flopsText(x: number): string {
  const units: [number, string][] = [
    [1e15, "PFLOPs"],
    [1e12, "TFLOPs"],
    [1e9, "GFLOPs"],
    [1e6, "MFLOPs"],
  ];
  const [scale, unit] = units.find(([s]) => x >= s) ?? units[units.length - 1];
  return `${Number((x / scale).toPrecision(3))} ${unit}`;
}

export const grouped = (x: number) => String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
export const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
/** n/d as the article writes it: 1, 6, 0.25, 2.4. */
export const ratioText = (x: number) => (x >= 10 ? x.toFixed(0) : String(Number(x.toPrecision(2))));

export function readouts(state: FlopsState): Record<string, string> {
  const { n, d, mask } = state;
  const causal = mask === "causal";
  const p = parts(n, d, mask);
  const lin = linearFlops(n, d);
  const quad = quadFlops(n, d, mask);
  const k = crossoverMultiple(mask);
  const cross = crossover(d, mask);
  const share = quadShare(n, d, mask);
  const side = n < cross ? "线性项占大头" : n > cross ? "n² 项占大头" : "两项相等";
  return {
    flops:
      `n = ${grouped(n)}，d = ${grouped(d)}（n/d = ${ratioText(n / d)}）：` +
      `线性项 24nd² = ${flopsText(lin)}（投影 8nd² ${flopsText(p.qkv + p.out)}，FFN 16nd² ${flopsText(p.ffn)}），` +
      `n² 项 ${causal ? "2n²d" : "4n²d"} = ${flopsText(quad)}`,
    share:
      `n² 项占整层的 ${pct(share)}（n/(n + ${k}d)），${side}；` +
      `交点 n = ${k}d = ${grouped(cross)}` +
      (causal
        ? `；不跳过时占 ${pct(quadShare(n, d, "full"))}`
        : `；因果 kernel 跳过一半后占 ${pct(quadShare(n, d, "causal"))}`),
  };
}
