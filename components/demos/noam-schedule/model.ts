/**
 * The original Transformer's learning-rate schedule (TRN-01), Vaswani et al. (2017) eq. 3:
 * lrate(s) = d_model^−0.5 · min(s^−0.5, s · w^−1.5). The two branches meet at s = w, so the peak is
 * (d_model · w)^−0.5 at step w; after it the curve is d_model^−0.5 · s^−0.5 and w no longer appears.
 * For comparison, the linear warm-up + cosine decay to 10% of the peak that GPT-3 and LLaMA use.
 * Pure maths, no DOM.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

/** The article's base model: d_model = 512, warm-up 4000 steps. */
export const BASE = { dModel: 512, warmup: 4000 } as const;
/** Cosine schedules of GPT-3 and LLaMA decay to 10% of the peak. */
export const COSINE_FLOOR = 0.1;
/** First step drawn on the logarithmic axis. */
export const LOG_START = 100;

export const params = {
  dModel: {
    type: "number",
    label: "d_model（base 512，big 1024）",
    min: 128,
    max: 4096,
    // Quarter-octave steps: every power of two from 128 to 4096 is a slider position.
    step: Math.log10(2) / 4,
    default: 512,
    log: true,
    integer: true,
  },
  warmup: {
    type: "number",
    label: "warm-up 步数 w（原文 4000）",
    min: 500,
    max: 20000,
    step: 100,
    default: 4000,
    integer: true,
  },
  probe: {
    type: "number",
    label: "查看第几步的学习率",
    min: 500,
    max: 300000,
    step: 500,
    default: 100000,
    integer: true,
  },
  total: {
    type: "number",
    label: "训练总步数（横轴范围，也是余弦调度的长度）",
    min: 20000,
    max: 300000,
    step: 10000,
    default: 100000,
    integer: true,
  },
  compare: {
    type: "choice",
    label: "对照曲线",
    options: ["none", "cosine"],
    default: "none",
    optionLabels: { none: "只看 Noam 调度", cosine: "叠加线性 warm-up + 余弦衰减（GPT-3、LLaMA）" },
  },
  peak: {
    type: "number",
    label: "余弦调度的峰值学习率",
    min: 1e-5,
    max: 1e-2,
    step: 0.02,
    default: 7e-4,
    log: true,
  },
  axis: {
    type: "choice",
    label: "横轴",
    options: ["log", "linear"],
    default: "log",
    optionLabels: { log: "对数（看清 warm-up 段）", linear: "线性" },
  },
} satisfies ParamSpecs;

export type NoamState = StateOf<typeof params>;

/** Vaswani et al. (2017) eq. 3; steps count from 1. */
export function noam(step: number, dModel: number, warmup: number): number {
  return dModel ** -0.5 * Math.min(step ** -0.5, step * warmup ** -1.5);
}

/** The peak, reached at step = warm-up: (d_model · w)^−0.5. */
export function noamPeak(dModel: number, warmup: number): number {
  return (dModel * warmup) ** -0.5;
}

/**
 * Linear warm-up to `peak` over `warmup` steps, then half a cosine from the peak down to
 * COSINE_FLOOR · peak at step `total`, constant after it.
 */
export function cosine(step: number, peak: number, warmup: number, total: number): number {
  if (step <= warmup) return (peak * step) / warmup;
  const floor = COSINE_FLOOR * peak;
  if (step >= total) return floor;
  const progress = (step - warmup) / (total - warmup);
  return floor + ((peak - floor) * (1 + Math.cos(Math.PI * progress))) / 2;
}

/** Right end of the step axis: the training length, or the probe when it lies beyond. */
export const horizon = (s: Pick<NoamState, "total" | "probe">) => Math.max(s.total, s.probe);

/**
 * Steps at which the curves are sampled: evenly on the chosen axis, plus the exact corners (the peak
 * at w and the cosine's end) so a coarse grid never cuts them off.
 */
export function sampleSteps(s: Pick<NoamState, "warmup" | "total" | "probe" | "axis">, points = 60): number[] {
  const end = horizon(s);
  const start = s.axis === "log" ? LOG_START : 1;
  const steps = Array.from({ length: points }, (_, i) => {
    const t = i / (points - 1);
    return s.axis === "log" ? start * (end / start) ** t : start + (end - start) * t;
  });
  steps.push(s.warmup, s.total);
  return [...new Set(steps.map((x) => Math.round(x)))].filter((x) => x >= start && x <= end).sort((a, b) => a - b);
}

export interface ScheduleSummary {
  peak: number;
  peakStep: number;
  atProbe: number;
  /** lrate at the probe / peak. */
  probeRatio: number;
  /** Whether the probe is still in warm-up (the linear branch). */
  warming: boolean;
  cosineAtProbe: number;
  /** Noam at the end of training / peak: how far it has decayed by then. */
  endRatio: number;
}

export function summary(s: NoamState): ScheduleSummary {
  const peak = noamPeak(s.dModel, s.warmup);
  const atProbe = noam(s.probe, s.dModel, s.warmup);
  return {
    peak,
    peakStep: s.warmup,
    atProbe,
    probeRatio: atProbe / peak,
    warming: s.probe < s.warmup,
    cosineAtProbe: cosine(s.probe, s.peak, s.warmup, s.total),
    endRatio: noam(s.total, s.dModel, s.warmup) / peak,
  };
}

/** 6.99e-4: three significant digits, as in the article's table. */
export const sci = (x: number) => x.toExponential(2).replace("e+", "e").replace(/e-0*/, "e-");

export function readouts(s: NoamState): Record<string, string> {
  const m = summary(s);
  const branch = m.warming
    ? "仍在 warm-up，线性升温段 d_model^−0.5·step·w^−1.5"
    : "衰减段 d_model^−0.5·step^−0.5，与 w 无关";
  return {
    peak: `峰值学习率 ${sci(m.peak)}（第 ${s.warmup} 步），即 (d_model·w)^−0.5 = (${s.dModel}·${s.warmup})^−0.5`,
    probe:
      `第 ${s.probe} 步：Noam ${sci(m.atProbe)}，是峰值的 ${m.probeRatio.toFixed(2)}（${branch}）；` +
      `训练结束（第 ${s.total} 步）时仍有峰值的 ${m.endRatio.toFixed(2)}`,
    cosine:
      s.compare === "cosine"
        ? `余弦对照：峰值 ${sci(s.peak)}，${s.total} 步内降到峰值的 10%；第 ${s.probe} 步为 ${sci(m.cosineAtProbe)}（峰值的 ${(m.cosineAtProbe / s.peak).toFixed(2)}）`
        : "余弦对照未打开：在“对照曲线”里选择后，可与 GPT-3、LLaMA 的调度比较",
  };
}
