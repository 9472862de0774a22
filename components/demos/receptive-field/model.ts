/**
 * Receptive field vs depth (ATT-10): how many input positions one output position can (in theory)
 * depend on after L layers of a 1-D convolution with kernel k, a dilated convolution (dilation
 * 1, 2, 4, …), sliding-window attention with window w (w/2 on each side, Longformer's notation) and
 * full self-attention, and how many layers each needs to cover a sequence of n positions.
 * Pure maths, no DOM, no randomness.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

export const STRUCTURES = ["conv", "dilated", "swa", "full"] as const;
export type Structure = (typeof STRUCTURES)[number];

export const params = {
  L: { type: "number", label: "层数 L", min: 1, max: 64, step: 1, default: 16, integer: true },
  k: {
    type: "choice",
    label: "卷积核宽 k",
    options: [2, 3, 5, 7, 9],
    default: 3,
  },
  w: {
    type: "choice",
    label: "滑动窗口 w（左右各 w/2）",
    options: [16, 64, 128, 256, 512, 1024, 2048, 4096],
    default: 512,
  },
  n: {
    type: "choice",
    label: "序列长度 n",
    options: [1024, 2048, 4096, 8192, 32768, 131072],
    default: 8192,
  },
} satisfies ParamSpecs;

export type RfState = StateOf<typeof params>;

/** Names that do not depend on k and w (the static legend). */
export const STRUCTURE_NAMES: Readonly<Record<Structure, string>> = {
  conv: "卷积（核宽 k）",
  dilated: "空洞卷积（膨胀 1、2、4…）",
  swa: "滑动窗口注意力（窗口 w）",
  full: "全局自注意力",
};

export function structureLabel(s: Structure, state: Pick<RfState, "k" | "w">): string {
  switch (s) {
    case "conv":
      return `卷积 k=${state.k}`;
    case "dilated":
      return `空洞卷积 k=${state.k}，膨胀 1、2、4…`;
    case "swa":
      return `滑动窗口注意力 w=${state.w}`;
    case "full":
      return "全局自注意力";
  }
}

/**
 * Theoretical receptive field after L layers, uncapped (full attention: the whole sequence).
 * conv: each layer adds k − 1; dilated with dilation 2^l: the l-th layer adds (k − 1)·2^l;
 * sliding window: each layer adds w (w/2 per side).
 */
export function receptiveField(s: Structure, L: number, state: Pick<RfState, "k" | "w" | "n">): number {
  switch (s) {
    case "conv":
      return 1 + L * (state.k - 1);
    case "dilated":
      return 1 + (state.k - 1) * (2 ** L - 1);
    case "swa":
      return 1 + L * state.w;
    case "full":
      return state.n;
  }
}

/** Fewest layers whose receptive field reaches n positions. */
export function layersToCover(s: Structure, state: Pick<RfState, "k" | "w" | "n">): number {
  const { k, w, n } = state;
  switch (s) {
    case "conv":
      return Math.ceil((n - 1) / (k - 1));
    case "dilated": {
      let L = 1;
      while (receptiveField("dilated", L, state) < n) L++;
      return L;
    }
    case "swa":
      return Math.ceil((n - 1) / w);
    case "full":
      return 1;
  }
}

export interface GrowthPoint {
  s: Structure;
  L: number;
  rf: number;
}

/** Receptive field (capped at n) for L = 1 … max: the curves of the growth chart. */
export function growth(state: Pick<RfState, "k" | "w" | "n">, maxL = params.L.max): GrowthPoint[] {
  return STRUCTURES.flatMap((s) =>
    Array.from({ length: maxL }, (_, i) => ({ s, L: i + 1, rf: Math.min(state.n, receptiveField(s, i + 1, state)) })),
  );
}

/** Hidden size used for the per-layer cost comparison (the article's example). */
export const D_MODEL = 1024;

/** Leading term of one layer's multiply-adds (Vaswani et al. Table 1 with the window of Beltagy et al.). */
export function layerCost(s: Structure, state: Pick<RfState, "k" | "w" | "n">, d = D_MODEL): number {
  const { k, w, n } = state;
  switch (s) {
    case "conv":
    case "dilated":
      return k * n * d * d;
    case "swa":
      return Math.min(w, n) * n * d;
    case "full":
      return n * n * d;
  }
}

/** Big costs in scientific notation: 8.6e10. */
const sci = (x: number) => x.toExponential(1).replace("e+", "e");

/** Short names for the read-outs and the bar chart's axis. */
export const SHORT_NAMES: Readonly<Record<Structure, string>> = {
  conv: "卷积",
  dilated: "空洞卷积",
  swa: "滑动窗口注意力",
  full: "全局自注意力",
};

export function readouts(state: RfState): Record<string, string> {
  const { L, n } = state;
  const rfText = STRUCTURES.map((s) => {
    const rf = receptiveField(s, L, state);
    const name = SHORT_NAMES[s];
    if (s === "full") return `${name} ${n}（第 1 层就覆盖全序列）`;
    return rf >= n ? `${name} ${n}（已覆盖全序列，理论值 ${rf}）` : `${name} ${rf}`;
  }).join("，");
  const layers = STRUCTURES.map((s) => `${SHORT_NAMES[s]} ${layersToCover(s, state)} 层`).join("，");
  const cost =
    `每层计算量主项（d = ${D_MODEL}）：卷积 k·n·d² ≈ ${sci(layerCost("conv", state))}，` +
    `全局注意力 n²·d ≈ ${sci(layerCost("full", state))}，滑动窗口 n·w·d ≈ ${sci(layerCost("swa", state))}；` +
    (n < state.k * D_MODEL
      ? `n 小于 k·d = ${state.k * D_MODEL}，全局注意力的主项反而比卷积小`
      : `n 不小于 k·d = ${state.k * D_MODEL}，全局注意力的 n² 项成为瓶颈`);
  return {
    rf: `L = ${L} 层（k = ${state.k}，w = ${state.w}）时的理论感受野：${rfText}`,
    layers: `覆盖 n = ${n} 个位置需要：${layers}`,
    cost,
  };
}
