/**
 * Distillation temperature (CMP-05), with the article's cell's logits: teacher v and student z on one
 * sample of 6 classes, class 1 the true label. At temperature T the soft targets are p = softmax(v/T)
 * and q = softmax(z/T); the soft loss is KL(p‖q), whose gradient with respect to z is (q − p)/T and
 * shrinks roughly as 1/T² (at high T it tends to (z̄ − v̄)/(N T²) for mean-centred logits). The hard
 * loss is the cross-entropy at T = 1, gradient softmax(z) − y, independent of T. Hinton et al. (2015)
 * multiply the soft term by T², so that L = α·T²·KL + (1 − α)·CE keeps its balance as T changes.
 * Pure maths, no DOM.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

/** Teacher and student logits (the article's cell); index 0 is the correct class. */
export const TEACHER: readonly number[] = [9, 5, 4, 1, -1, -2];
export const STUDENT: readonly number[] = [6, 5.5, 2, 1.5, 0, -1];
export const LABEL = 0;
export const CLASSES: readonly string[] = TEACHER.map((_, i) => `类 ${i + 1}`);

export const params = {
  T: { type: "number", label: "温度 T（对数刻度）", min: 0.5, max: 20, step: 0.01, default: 4, log: true },
  alpha: {
    type: "number",
    label: "软目标权重 α：L = α·T²·KL + (1 − α)·CE",
    min: 0,
    max: 1,
    step: 0.05,
    default: 0.5,
  },
} satisfies ParamSpecs;

export type KdState = StateOf<typeof params>;

export function softmax(z: readonly number[], T = 1): number[] {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp((x - m) / T));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

/** KL(p‖q) = Σ p log(p/q), in nats. */
export function kl(p: readonly number[], q: readonly number[]): number {
  return p.reduce((acc, pi, i) => (pi > 0 ? acc + pi * Math.log(pi / q[i]) : acc), 0);
}

export function entropy(p: readonly number[]): number {
  return p.reduce((acc, pi) => (pi > 0 ? acc - pi * Math.log(pi) : acc), 0);
}

export const norm = (a: readonly number[]) => Math.sqrt(a.reduce((s, x) => s + x * x, 0));
const centred = (a: readonly number[]) => {
  const mean = a.reduce((s, x) => s + x, 0) / a.length;
  return a.map((x) => x - mean);
};

/** ∂KL(p‖q)/∂z = (q − p)/T (the teacher's entropy does not depend on z). */
export function softGradient(T: number, v: readonly number[] = TEACHER, z: readonly number[] = STUDENT): number[] {
  const p = softmax(v, T);
  const q = softmax(z, T);
  return q.map((qi, i) => (qi - p[i]) / T);
}

/** Hinton et al.'s high-temperature limit: (z̄ − v̄)/(N T²), with the logits mean-centred. */
export function highTGradient(T: number, v: readonly number[] = TEACHER, z: readonly number[] = STUDENT): number[] {
  const cv = centred(v);
  return centred(z).map((zi, i) => (zi - cv[i]) / (z.length * T * T));
}

/** ∂CE(y, softmax(z))/∂z = softmax(z) − y at T = 1. */
export function hardGradient(z: readonly number[] = STUDENT, label = LABEL): number[] {
  return softmax(z).map((qi, i) => qi - (i === label ? 1 : 0));
}

export const HARD_NORM = norm(hardGradient());
/** CE(y, softmax(z)) = −log q_label at T = 1. */
export const HARD_LOSS = -Math.log(softmax(STUDENT)[LABEL]);

export interface Numbers {
  T: number;
  p: number[];
  q: number[];
  kl: number;
  /** ‖(q − p)/T‖: the soft term's gradient as it is. */
  grad: number;
  /** T²·‖(q − p)/T‖: after multiplying the soft loss by T². */
  gradT2: number;
  approx: number;
}

export function numbers(T: number): Numbers {
  const p = softmax(TEACHER, T);
  const q = softmax(STUDENT, T);
  const grad = norm(softGradient(T));
  return { T, p, q, kl: kl(p, q), grad, gradT2: T * T * grad, approx: norm(highTGradient(T)) };
}

/**
 * The soft term's share of the total gradient (by norm): α·s / (α·s + (1 − α)·‖q₁ − y‖), with the
 * soft gradient s taken with the T² factor or without it.
 */
export function softShare(T: number, alpha: number, withT2: boolean): number {
  const n = numbers(T);
  const soft = alpha * (withT2 ? n.gradT2 : n.grad);
  const hard = (1 - alpha) * HARD_NORM;
  return soft + hard === 0 ? 0 : soft / (soft + hard);
}

/** Total loss L = α·T²·KL + (1 − α)·CE. */
export const totalLoss = (T: number, alpha: number) => alpha * T * T * numbers(T).kl + (1 - alpha) * HARD_LOSS;

/** Temperatures sampled evenly in log space across the slider: 17 points, about 3 per doubling. */
export const TS: readonly number[] = Array.from(
  { length: 17 },
  (_, i) => params.T.min * (params.T.max / params.T.min) ** (i / 16),
);

const prob = (x: number) => (x >= 0.001 ? x.toFixed(3) : x.toExponential(0).replace("e-", "e−"));
const sig = (x: number) => (x >= 0.01 ? x.toPrecision(3) : x.toExponential(2).replace("e-", "e−"));
/** Whole percent, one decimal below 10% (0.3%) so a vanishing share does not read as 0. */
const pct = (x: number) => `${(100 * x).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;
export const tText = (T: number) => String(Number(T.toPrecision(3)));

export function readouts(state: KdState): Record<string, string> {
  const { T, alpha } = state;
  const n = numbers(T);
  const a = Number(alpha.toFixed(2));
  return {
    dist:
      `T = ${tText(T)}：教师 softmax(v/T) = [${n.p.map(prob).join(", ")}]（熵 ${entropy(n.p).toFixed(2)} nats），` +
      `学生 softmax(z/T) = [${n.q.map(prob).join(", ")}]`,
    grad:
      `KL(p‖q) = ${sig(n.kl)} nats；软目标梯度 ‖(q − p)/T‖ = ${sig(n.grad)}，乘 T² 后 ${sig(n.gradT2)}；` +
      `硬目标梯度 ‖softmax(z) − y‖ = ${sig(HARD_NORM)}（T = 1，与 T 无关）`,
    mix:
      `α = ${a}：L = α·T²·KL + (1 − α)·CE = ${sig(totalLoss(T, alpha))}；` +
      `按梯度范数，乘 T² 时软目标占 ${pct(softShare(T, alpha, true))}，不乘时占 ${pct(softShare(T, alpha, false))}`,
  };
}
