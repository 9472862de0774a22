/**
 * BatchNorm's batch statistics (NRM-03): how noisy the batch mean and variance are for a batch of m,
 * what that does to one fixed sample's normalised value in train mode, and how the running statistics
 * used in eval mode (an exponential moving average, PyTorch's convention) differ from both.
 * One feature with true distribution N(μ = 2, σ = 3), as in the article's code cell.
 * Pure maths, no DOM; deterministic for a given seed.
 */
import { gaussian, mulberry32 } from "../../../src/lib/rng";
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";
import { lruCache } from "../residual-gradient/backprop";

export const MU = 2;
export const SIGMA = 3;
/** PyTorch's default ε. */
export const EPS = 1e-5;
/** The probe: one standard deviation above the mean, so normalising with the true statistics gives 1. */
export const PROBE = MU + SIGMA;
/** Batches drawn per batch size for the noise figure. */
export const TRIALS = 300;
export const BATCH_GRID = [2, 4, 8, 16, 32, 64, 128, 256] as const;
export const MAX_STEPS = 1000;

export const params = {
  m: { type: "number", label: "batch 大小 m", min: 2, max: 256, step: 0.05, default: 4, log: true, integer: true },
  momentum: {
    type: "number",
    label: "momentum（running 统计每步向 batch 统计靠近的比例）",
    min: 0.01,
    max: 1,
    step: 0.05,
    default: 0.1,
    log: true,
  },
  steps: {
    type: "number",
    label: "训练步数",
    min: 10,
    max: MAX_STEPS,
    step: 0.05,
    default: 300,
    log: true,
    integer: true,
  },
  seed: { type: "number", label: "随机种子（换一串 batch）", min: 1, max: 50, step: 1, default: 1, integer: true },
} satisfies ParamSpecs;

export type BnState = StateOf<typeof params>;

export interface BatchStats {
  mean: number;
  /** Biased (÷ m), as BN's forward pass in training uses. */
  variance: number;
}

export function batchStats(batch: ArrayLike<number>): BatchStats {
  const m = batch.length;
  let mean = 0;
  for (let i = 0; i < m; i++) mean += batch[i];
  mean /= m;
  let v = 0;
  for (let i = 0; i < m; i++) v += (batch[i] - mean) ** 2;
  return { mean, variance: v / m };
}

/** (x − mean)/√(var + ε), with γ = 1 and β = 0. */
export const normalise = (x: number, s: BatchStats, eps = EPS): number => (x - s.mean) / Math.sqrt(s.variance + eps);

/** Theory: std of the batch mean, σ/√m. */
export const meanStd = (m: number, sigma = SIGMA): number => sigma / Math.sqrt(m);
/** Theory for normal data: std of the biased batch variance relative to σ², √(2(m − 1))/m. */
export const varianceRelStd = (m: number): number => Math.sqrt(2 * (m - 1)) / m;

/**
 * Theory: the stationary std of the running variance, an EMA with weight `momentum` of i.i.d. unbiased
 * batch variances (each with variance 2σ⁴/(m − 1) for normal data): σ²·√(2/(m − 1) · momentum/(2 − momentum)).
 */
export const runningVarStd = (m: number, momentum: number, sigma = SIGMA): number =>
  sigma ** 2 * Math.sqrt((2 / (m - 1)) * (momentum / (2 - momentum)));

const meanOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Population std (÷ n), as in the article's cell. */
const stdOf = (xs: readonly number[]) => {
  const c = meanOf(xs);
  return Math.sqrt(meanOf(xs.map((x) => (x - c) ** 2)));
};

export interface NoiseRow {
  m: number;
  /** std of the batch mean across trials, ÷ σ. */
  meanStd: number;
  /** std of the biased batch variance across trials, ÷ σ². */
  varStd: number;
  /** The probe's normalised value when it replaces the batch's first sample: mean and std across trials. */
  probeMean: number;
  probeStd: number;
  /** A few of the probe's values, for the figure. */
  probes: number[];
}

/**
 * `trials` batches of m draws: the spread of BN's statistics, and of the probe's normalised value when
 * the probe takes the place of the first sample (the article's experiment).
 */
export function batchNoise(draw: () => number, m: number, trials = TRIALS, sigma = SIGMA, probe = PROBE): NoiseRow {
  const means: number[] = [];
  const vars: number[] = [];
  const zs: number[] = [];
  const batch = new Float64Array(m);
  for (let t = 0; t < trials; t++) {
    for (let i = 0; i < m; i++) batch[i] = draw();
    const s = batchStats(batch);
    means.push(s.mean);
    vars.push(s.variance);
    batch[0] = probe;
    zs.push(normalise(probe, batchStats(batch)));
  }
  return {
    m,
    meanStd: stdOf(means) / sigma,
    varStd: stdOf(vars) / sigma ** 2,
    probeMean: meanOf(zs),
    probeStd: stdOf(zs),
    probes: zs.slice(0, 40),
  };
}

/** A seeded stream of draws from the feature's distribution N(MU, SIGMA²). */
export function featureStream(seed: number, salt: number): () => number {
  const normal = gaussian(mulberry32(seed * 7919 + salt * 104_729 + 3));
  return () => MU + SIGMA * normal();
}

export interface TrainingBatches {
  /** Statistics of each step's batch (fresh samples only: they update the running statistics). */
  stats: BatchStats[];
  /** The probe's train-mode output at each step: normalised with its own batch (probe in the first slot). */
  train: number[];
}

/** MAX_STEPS (or `steps`) batches of m, drawn once per (m, seed): momentum and step count only re-weight them. */
export function trainingBatches(draw: () => number, m: number, steps = MAX_STEPS, probe = PROBE): TrainingBatches {
  const stats: BatchStats[] = [];
  const train: number[] = [];
  const batch = new Float64Array(m);
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < m; i++) batch[i] = draw();
    stats.push(batchStats(batch));
    // The probe is fixed, so putting it in every batch would bias the running mean; it only borrows a slot.
    const first = batch[0];
    batch[0] = probe;
    train.push(normalise(probe, batchStats(batch)));
    batch[0] = first;
  }
  return { stats, train };
}

export interface RunningPoint {
  step: number;
  mean: number;
  variance: number;
  /** The probe in eval mode: normalised with the running statistics after this step. */
  evalOut: number;
}

/**
 * Running statistics after each of the first `steps` batches, PyTorch's update: start at mean 0, var 1;
 * running = (1 − momentum)·running + momentum·batch, with the batch variance made unbiased (× m/(m − 1)).
 */
export function runningStats(
  stats: readonly BatchStats[],
  m: number,
  momentum: number,
  steps = stats.length,
  probe = PROBE,
): RunningPoint[] {
  let mean = 0;
  let variance = 1;
  const out: RunningPoint[] = [{ step: 0, mean, variance, evalOut: normalise(probe, { mean, variance }) }];
  for (let t = 0; t < steps; t++) {
    const s = stats[t];
    mean = (1 - momentum) * mean + momentum * s.mean;
    variance = (1 - momentum) * variance + momentum * s.variance * (m / (m - 1));
    out.push({ step: t + 1, mean, variance, evalOut: normalise(probe, { mean, variance }) });
  }
  return out;
}

const noiseCache = lruCache<NoiseRow>(64);
const batchCache = lruCache<TrainingBatches>(8);

/** The noise figure's rows: BATCH_GRID, plus the current m if it is not on the grid. */
export function noiseRows(seed: number, m: number): NoiseRow[] {
  const sizes = BATCH_GRID.includes(m as (typeof BATCH_GRID)[number]) ? [...BATCH_GRID] : [...BATCH_GRID, m];
  return sizes
    .sort((a, b) => a - b)
    .map((size) => noiseCache(`${seed}:${size}`, () => batchNoise(featureStream(seed, size), size)));
}

export function analyse(state: BnState) {
  const { m, momentum, steps, seed } = state;
  const batches = batchCache(`${seed}:${m}`, () => trainingBatches(featureStream(seed, 1000 + m), m));
  const running = runningStats(batches.stats, m, momentum, steps);
  const train = batches.train.slice(0, steps);
  const last = running[steps];
  // Train/eval mismatch over the last stretch of training (after the running statistics warmed up).
  const window = Math.min(100, steps);
  let sq = 0;
  for (let t = steps - window; t < steps; t++) sq += (train[t] - running[t + 1].evalOut) ** 2;
  const noise = noiseRows(seed, m).find((r) => r.m === m) as NoiseRow;
  return { running, train, last, mismatch: Math.sqrt(sq / window), window, noise };
}

const f2 = (x: number) => x.toFixed(2);
const f3 = (x: number) => x.toFixed(3);

export function readouts(state: BnState): Record<string, string> {
  const { m, momentum, steps } = state;
  const a = analyse(state);
  const n = a.noise;
  const extreme = m === 2 ? "；m = 2 时两个样本归一化后总是 ±1（忽略 ε）" : "";
  return {
    noise:
      `m = ${m}：batch 均值的标准差 ${f2(n.meanStd * SIGMA)}（理论 σ/√m = ${f2(meanStd(m))}），` +
      `有偏方差的相对标准差 ${f2(n.varStd)}（理论 √(2(m−1))/m = ${f2(varianceRelStd(m))}）；` +
      `按总体统计应归一化成 1 的样本 x = ${PROBE}，在 ${TRIALS} 个 batch 里被归一化成 ${f2(n.probeMean)} ± ${f2(n.probeStd)}${extreme}`,
    running:
      `训练 ${steps} 步后：running mean ${f2(a.last.mean)}、running var ${f2(a.last.variance)}（真值 ${MU} 与 ${SIGMA ** 2}；` +
      `momentum = ${momentum} 时 running var 稳态的理论标准差 ≈ ${f2(runningVarStd(m, momentum))}）`,
    mismatch:
      `eval 模式下 x 的输出 ${f3(a.last.evalOut)}（每次都一样），train 模式本步 ${f3(a.train[steps - 1])}；` +
      `最后 ${a.window} 步两者之差的 RMS ${f2(a.mismatch)}`,
  };
}
