/**
 * Online softmax (LONG-06): a fixed vector of 24 logits streamed block by block. After each block the
 * running max and normaliser update as FlashAttention's tiling does,
 *   m_new = max(m_old, max(block)),  ℓ_new = ℓ_old · e^(m_old − m_new) + Σ_block e^(x − m_new),
 * and once every block is read, e^(x − m)/ℓ is the one-shot (three-pass, safe) softmax. The naive
 * version sums e^x without subtracting anything: in fp32 e^x overflows to Infinity above
 * ln(3.4·10³⁸) ≈ 88.72 (Infinity/Infinity = NaN), and underflows to 0 for very negative logits (0/0).
 * Every step is rounded to fp32 (Math.fround), as a GPU kernel's softmax is computed in fp32.
 * Pure maths, no DOM; the logits come from a fixed seed.
 */
import { gaussian, mulberry32 } from "../../../src/lib/rng";
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

export const N = 24;
export const SEED = 2896;
/**
 * 20 + 3i + 10·N(0, 1), rounded to 0.1 (seed 2896): scores that drift upward with noise, so the
 * running max rises in most blocks, and the top four (90.3 … 92.0) lie above fp32's overflow point.
 */
export const LOGITS: readonly number[] = (() => {
  const normal = gaussian(mulberry32(SEED));
  return Array.from({ length: N }, (_, i) => Math.round((20 + 3 * i + 10 * normal()) * 10) / 10);
})();

const f = Math.fround;
/** The largest finite fp32, (2 − 2⁻²³)·2¹²⁷. */
export const FP32_MAX = 3.4028234663852886e38;
/** fp32 e^x is Infinity above this: ln(FP32_MAX) ≈ 88.72. */
export const OVERFLOW_AT = Math.log(FP32_MAX);

export const params = {
  block: { type: "number", label: "块大小 B", min: 1, max: N, step: 1, default: 4, integer: true },
  t: {
    type: "number",
    label: "扫描进度：读到第 t 个 logit（所在的块整块读入）",
    min: 1,
    max: N,
    step: 1,
    default: N,
    integer: true,
  },
  shift: {
    type: "number",
    label: "所有 logit 加上常数 c（softmax 不变）",
    min: -200,
    max: 20,
    step: 0.5,
    default: 0,
  },
  mode: {
    type: "choice",
    label: "算法（都按 fp32 舍入）",
    options: ["online", "naive"],
    default: "online",
    optionLabels: { online: "online softmax：减 running max", naive: "朴素：直接 Σe^x，不减最大值" },
  },
} satisfies ParamSpecs;

export type OnlineState = StateOf<typeof params>;

/** The logits after adding c, as fp32. */
export const inputs = (shift: number): number[] => LOGITS.map((v) => f(v + shift));

export const blockCount = (B: number) => Math.ceil(N / B);
/** Blocks read by the time the t-th logit is in: its block is read whole. */
export const blocksRead = (t: number, B: number) => Math.min(blockCount(B), Math.ceil(t / B));

/** fp32 e^x, Infinity above ≈ 88.72, 0 below ≈ −103.97. */
export const exp32 = (x: number) => f(Math.exp(x));

export interface OnlineStep {
  /** 1-based block number and the logits it covers, [start, end). */
  block: number;
  start: number;
  end: number;
  blockMax: number;
  mOld: number;
  m: number;
  /** e^(m_old − m_new): 0 for the first block (there is no old ℓ), 1 when the max did not rise. */
  factor: number;
  /** ℓ_old · factor: the earlier blocks, re-expressed against the new max. */
  carried: number;
  /** Σ_block e^(x − m_new). */
  blockSum: number;
  l: number;
}

export function onlineTrace(xs: readonly number[], B: number): OnlineStep[] {
  const steps: OnlineStep[] = [];
  let m = Number.NEGATIVE_INFINITY;
  let l = 0;
  for (let start = 0; start < xs.length; start += B) {
    const end = Math.min(xs.length, start + B);
    const block = xs.slice(start, end);
    const blockMax = Math.max(...block);
    const mOld = m;
    m = Math.max(mOld, blockMax);
    const factor = exp32(f(mOld - m));
    const carried = f(l * factor);
    let blockSum = 0;
    for (const x of block) blockSum = f(blockSum + exp32(f(x - m)));
    l = f(carried + blockSum);
    steps.push({ block: steps.length + 1, start, end, blockMax, mOld, m, factor, carried, blockSum, l });
  }
  return steps;
}

export interface NaiveStep {
  block: number;
  start: number;
  end: number;
  blockSum: number;
  /** Σ e^x so far, fp32: Infinity once it overflows, 0 if everything underflowed. */
  l: number;
}

export function naiveTrace(xs: readonly number[], B: number): NaiveStep[] {
  const steps: NaiveStep[] = [];
  let l = 0;
  for (let start = 0; start < xs.length; start += B) {
    const end = Math.min(xs.length, start + B);
    let blockSum = 0;
    for (let i = start; i < end; i++) {
      blockSum = f(blockSum + exp32(xs[i]));
      l = f(l + exp32(xs[i]));
    }
    steps.push({ block: steps.length + 1, start, end, blockSum, l });
  }
  return steps;
}

/** The one-shot safe softmax: pass 1 the max, pass 2 Σe^(x − m), pass 3 e^(x − m)/ℓ, in fp32. */
export function oneShot(xs: readonly number[]): number[] {
  const m = Math.max(...xs);
  const e = xs.map((x) => exp32(f(x - m)));
  const l = e.reduce((s, v) => f(s + v), 0);
  return e.map((v) => f(v / l));
}

/**
 * What the stream would output after `blocks` blocks: e^(x − m)/ℓ (online) or e^x/Σe^x (naive) for
 * the logits read so far, 0 for the rest (nothing is known about them yet).
 */
export function estimate(xs: readonly number[], B: number, blocks: number, mode: string): number[] {
  if (mode === "naive") {
    const step = naiveTrace(xs, B)[blocks - 1];
    return xs.map((x, i) => (i < step.end ? f(exp32(x) / step.l) : 0));
  }
  const step = onlineTrace(xs, B)[blocks - 1];
  return xs.map((x, i) => (i < step.end ? f(exp32(f(x - step.m)) / step.l) : 0));
}

/** Largest |a_i − b_i|; NaN if any entry is NaN. */
export function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (Number.isNaN(d)) return Number.NaN;
    worst = Math.max(worst, d);
  }
  return worst;
}

export interface Frame {
  xs: number[];
  K: number;
  /** Blocks read so far. */
  j: number;
  /** Logits read so far. */
  read: number;
  online: OnlineStep[];
  naive: NaiveStep[];
  reference: number[];
  est: number[];
  /** The estimate after every block is read. */
  final: number[];
}

export function frame(state: OnlineState): Frame {
  const xs = inputs(state.shift);
  const B = state.block;
  const K = blockCount(B);
  const j = blocksRead(state.t, B);
  const online = onlineTrace(xs, B);
  return {
    xs,
    K,
    j,
    read: online[j - 1].end,
    online,
    naive: naiveTrace(xs, B),
    reference: oneShot(xs),
    est: estimate(xs, B, j, state.mode),
    final: estimate(xs, B, K, state.mode),
  };
}

// --- text ----------------------------------------------------------------------------------------

const minus = (s: string) => s.replace(/^-/, "−").replace(/e-/, "e−");
/** A number for the read-outs: 92.0, 2.1859, 1.47e30, 7.6e−10, Infinity, NaN. */
export function num(x: number, digits = 5): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "−Infinity";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return minus(x.toExponential(2).replace("e+", "e"));
  return minus(String(Number(x.toPrecision(digits))));
}
/** A logit or a max: one decimal, as the logits are written. */
export const logit = (x: number) => minus(x.toFixed(1));
export const diffText = (x: number) =>
  Number.isNaN(x)
    ? "NaN"
    : x === 0
      ? "0（逐位相同）"
      : x >= 1e-3
        ? x.toFixed(3)
        : minus(x.toExponential(1).replace("e+", "e"));

/** What is wrong with an output, if anything: "，输出里 4 个 NaN", "，输出全是 0". */
function verdict(p: readonly number[], diff: number): string {
  const nans = p.filter((v) => Number.isNaN(v)).length;
  const zeros = p.filter((v) => v === 0).length;
  if (nans > 0) return `，输出里 ${nans} 个 NaN${zeros > 0 ? `、${zeros} 个 0` : ""}`;
  if (zeros === p.length) return "，输出全是 0";
  return diff > 1e-5 ? "" : diff > 0 ? "（fp32 舍入量级）" : "";
}

export function readouts(state: OnlineState): Record<string, string> {
  const fr = frame(state);
  const { j, K, read, xs } = fr;
  const head = `已处理 ${j}/${K} 块（前 ${read} 个 logit，B = ${state.block}）`;
  let stream: string;
  if (state.mode === "naive") {
    const step = fr.naive[j - 1];
    const big = xs.findIndex((x, i) => i < read && exp32(x) === Number.POSITIVE_INFINITY);
    const why =
      step.l === Number.POSITIVE_INFINITY
        ? big >= 0
          ? `：x${big + 1} = ${logit(xs[big])} > 88.72，e^x 上溢为 Infinity`
          : "：每个 e^x 都有限，但累加超过 fp32 最大值 3.4e38"
        : step.l === 0
          ? "：所有 e^x 都下溢为 0"
          : "，还没有溢出";
    stream = `朴素 fp32，${head}：ℓ = Σe^x = ${num(step.l)}${why}`;
  } else {
    const s = fr.online[j - 1];
    const how =
      j === 1
        ? `第 1 块：m 取块内最大值，ℓ = Σe^(x − m)`
        : s.m > s.mOld
          ? `第 ${j} 块把 m 从 ${logit(s.mOld)} 抬到 ${logit(s.m)}，旧的 ℓ 乘 e^(m_旧 − m_新) = e^(${logit(s.mOld - s.m)}) = ${num(s.factor, 3)}`
          : `第 ${j} 块的最大值 ${logit(s.blockMax)} 没超过 m，换算因子 e^0 = 1`;
    stream = `${head}：running m = ${logit(s.m)}，ℓ = ${num(s.l)}；${how}`;
  }
  const now = maxAbsDiff(fr.est, fr.reference);
  const after = maxAbsDiff(fr.final, fr.reference);
  const result =
    j === K
      ? `扫完全部 ${K} 块，与一次性 softmax 的最大差 ${diffText(now)}${verdict(fr.est, now)}`
      : `此时只归一化了前 ${read} 个 logit，与一次性 softmax 的最大差 ${diffText(now)}；` +
        `扫完全部块后是 ${diffText(after)}${verdict(fr.final, after)}`;
  return { stream, result };
}
