/**
 * Dropout at train vs inference time (DL-04), one unit of the next layer: s = Σᵢ wᵢ·h̃ᵢ over n inputs,
 * each contributing wᵢhᵢ = A/n, so without dropout s = A = 2 (the article's cell's activation a = 2;
 * n = 1 is exactly that cell). Each input is kept with probability q = 1 − p (p the drop rate, the
 * PyTorch convention the article uses; Srivastava et al. 2014 call the retention probability p).
 * The train-time output is c_train·(A/n)·k with k ~ Binomial(n, q) kept inputs; the inference output is
 * c_eval·A. A variant is the pair (c_train, c_eval): inverted dropout (1/q, 1) and the original
 * (1, q) both give E[train] = inference; scaling twice (1/q, q) under-shoots by q, multiplying by the
 * drop rate (1, p) gives p/q. Monte-Carlo masks come from the seeded RNG, so server and browser agree.
 * Pure maths, no DOM.
 */
import { mulberry32 } from "../../../src/lib/rng";
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

/** The unit's output with every input kept and no scaling (the article's a = 2). */
export const A = 2;

export const VARIANTS = ["inverted", "standard", "double", "rate"] as const;
export type Variant = (typeof VARIANTS)[number];

export const params = {
  p: { type: "number", label: "丢弃率 p（保留概率 q = 1 − p）", min: 0, max: 0.9, step: 0.05, default: 0.3 },
  variant: {
    type: "choice",
    label: "写法",
    options: VARIANTS,
    default: "inverted" as Variant,
    optionLabels: {
      inverted: "inverted：训练 ×1/q，推理原样（PyTorch）",
      standard: "经典（2014）：训练不缩放，推理 ×q",
      double: "错误：训练 ×1/q，推理又 ×q",
      rate: "错误：训练不缩放，推理 ×p",
    },
  },
  n: {
    type: "number",
    label: "输入单元个数 n（各贡献 2/n；n = 1 即正文代码）",
    min: 1,
    max: 16,
    step: 1,
    default: 8,
    integer: true,
  },
  samples: {
    type: "choice",
    label: "蒙特卡洛掩码个数",
    options: [100, 1000, 10000],
    default: 1000,
    optionLabels: { 100: "100 次前向", 1000: "1000 次前向", 10000: "10000 次前向" },
  },
  seed: { type: "number", label: "随机种子（换一组掩码）", min: 1, max: 50, step: 1, default: 1, integer: true },
} satisfies ParamSpecs;

export type DropState = StateOf<typeof params>;

/** What multiplies a kept input at train time, and the whole output at inference. */
export function scales(variant: Variant, p: number): { train: number; eval: number } {
  const q = 1 - p;
  switch (variant) {
    case "inverted":
      return { train: 1 / q, eval: 1 };
    case "standard":
      return { train: 1, eval: q };
    case "double":
      return { train: 1 / q, eval: q };
    case "rate":
      return { train: 1, eval: p };
  }
}

/** Train-time output when k of the n inputs are kept. */
export const trainValue = (k: number, n: number, trainScale: number) => (trainScale * A * k) / n;

/** C(n, k) qᵏ pⁿ⁻ᵏ for k = 0…n: the exact distribution of the number of kept inputs. */
export function keptPmf(n: number, p: number): number[] {
  const q = 1 - p;
  const out: number[] = [];
  let binom = 1;
  for (let k = 0; k <= n; k++) {
    out.push(binom * q ** k * p ** (n - k));
    binom = (binom * (n - k)) / (k + 1);
  }
  return out;
}

/** E and Var of the train-time output: c·A·q and c²·(A/n)²·n·p·q = c²·A²·p·q/n. */
export function exact(variant: Variant, p: number, n: number) {
  const c = scales(variant, p);
  const q = 1 - p;
  const mean = c.train * A * q;
  const variance = (c.train * c.train * A * A * p * q) / n;
  const inference = c.eval * A;
  return { mean, variance, inference, ratio: inference / mean, ...c };
}

/**
 * How many inputs each of `samples` forward passes keeps. Input i of pass t is kept when its uniform
 * draw is below q, so for one seed a higher drop rate never keeps an input a lower rate dropped.
 */
export function keptCounts(seed: number, samples: number, n: number, p: number): number[] {
  const q = 1 - p;
  const rand = mulberry32(seed);
  const counts: number[] = [];
  for (let t = 0; t < samples; t++) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rand() < q) k++;
    counts.push(k);
  }
  return counts;
}

export interface Bin {
  k: number;
  /** The train-time output with k inputs kept. */
  value: number;
  /** Share of the Monte-Carlo passes that gave this output. */
  share: number;
  /** Its exact probability. */
  prob: number;
}

export interface Simulation {
  bins: Bin[];
  /** Monte-Carlo mean and (population) variance of the train-time output. */
  mcMean: number;
  mcVariance: number;
  exact: ReturnType<typeof exact>;
}

export function simulate(s: DropState): Simulation {
  const ex = exact(s.variant, s.p, s.n);
  const counts = keptCounts(s.seed, s.samples, s.n, s.p);
  const hist = new Array<number>(s.n + 1).fill(0);
  for (const k of counts) hist[k]++;
  const pmf = keptPmf(s.n, s.p);
  const bins = hist.map((c, k) => ({ k, value: trainValue(k, s.n, ex.train), share: c / s.samples, prob: pmf[k] }));
  const mcMean = bins.reduce((m, b) => m + b.share * b.value, 0);
  const mcVariance = bins.reduce((v, b) => v + b.share * (b.value - mcMean) ** 2, 0);
  return { bins, mcMean, mcVariance, exact: ex };
}

export const f2 = (x: number) => x.toFixed(2);

const SCHEME: Record<Variant, (q: string, inv: string, p: string) => string> = {
  inverted: (_q, inv) => `inverted：训练时保留的输入 ×1/q = ×${inv}，推理原样输出`,
  standard: (q) => `经典写法：训练时不缩放，推理时 ×q = ×${q}`,
  double: (q, inv) => `两次缩放：训练时 ×1/q = ×${inv}，推理时又 ×q = ×${q}`,
  rate: (_q, _inv, p) => `乘丢弃率：训练时不缩放，推理时 ×p = ×${p}`,
};

export function readouts(s: DropState): Record<string, string> {
  const sim = simulate(s);
  const ex = sim.exact;
  const q = 1 - s.p;
  const verdict =
    s.p === 0
      ? "p = 0 时不丢弃，各写法都是恒等"
      : Math.abs(ex.ratio - 1) > 1e-9
        ? `推理输出${ex.ratio < 1 ? "偏小" : "偏大"}，是期望的 ${f2(ex.ratio)} 倍${s.variant === "double" ? "（= q = 1 − p）" : "（= p/q）"}`
        : s.variant === "rate"
          ? "p = q = 0.5 时数值巧合一致，换一个 p 就错"
          : "一致，缩放恰好一次";
  const mcRatio = sim.mcMean > 0 ? f2(ex.inference / sim.mcMean) : "—";
  return {
    train:
      `训练期输出（${s.samples} 个 seeded 掩码，q = ${f2(q)}）：蒙特卡洛均值 ${f2(sim.mcMean)}，理论期望 ${f2(ex.mean)}；` +
      `标准差 ${f2(Math.sqrt(sim.mcVariance))}（理论 ${f2(Math.sqrt(ex.variance))}，推理时为 0）`,
    inference: `推理输出 ${f2(ex.inference)}：推理 / 训练期期望 = ${f2(ex.ratio)}，${verdict}；按蒙特卡洛均值算为 ${mcRatio}`,
    scheme: `${SCHEME[s.variant](f2(q), f2(1 / q), f2(s.p))}。不加 dropout 时该单元输出 ${f2(A)}`,
  };
}
