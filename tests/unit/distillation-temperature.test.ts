import { describe, expect, it } from "vitest";
import { figures } from "../../components/demos/distillation-temperature/chart";
import {
  HARD_LOSS,
  HARD_NORM,
  hardGradient,
  highTGradient,
  type KdState,
  kl,
  norm,
  numbers,
  params,
  readouts,
  STUDENT,
  softGradient,
  softmax,
  softShare,
  TEACHER,
  totalLoss,
} from "../../components/demos/distillation-temperature/model";
import { defaultState } from "../../src/lib/url-state";

const BASE: KdState = defaultState(params);
const round = (xs: number[], d: number) => xs.map((x) => Number(x.toFixed(d)));

describe("soft targets softmax(v/T)", () => {
  it("match the article: T = 1 [0.975, 0.018, 0.007, …], T = 4 [0.52, 0.19, 0.15, 0.07, 0.04, 0.03]", () => {
    expect(round(softmax(TEACHER, 1).slice(0, 3), 3)).toEqual([0.975, 0.018, 0.007]);
    expect(softmax(TEACHER, 1)[3]).toBeCloseTo(0.0003, 4);
    expect(round(softmax(TEACHER, 4), 2)).toEqual([0.52, 0.19, 0.15, 0.07, 0.04, 0.03]);
  });

  it("sum to 1 and flatten towards uniform as T grows (slider ends 0.5 and 20)", () => {
    for (const T of [params.T.min, 1, 4, params.T.max]) {
      expect(softmax(TEACHER, T).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(softmax(TEACHER, params.T.min)[0]).toBeGreaterThan(0.999);
    expect(Math.max(...softmax(TEACHER, params.T.max))).toBeLessThan(0.23);
  });
});

describe("the soft loss KL(p‖q) and its gradient", () => {
  it("KL is 0 for equal distributions and positive otherwise", () => {
    const p = softmax(TEACHER, 3);
    expect(kl(p, p)).toBe(0);
    expect(numbers(4).kl).toBeCloseTo(0.0888, 4);
  });

  it("the analytic gradient (q − p)/T matches central differences of KL", () => {
    for (const T of [0.5, 1, 4, 20]) {
      const g = softGradient(T);
      const p = softmax(TEACHER, T);
      for (let k = 0; k < STUDENT.length; k++) {
        const h = 1e-6;
        const up = [...STUDENT];
        const down = [...STUDENT];
        up[k] += h;
        down[k] -= h;
        const numeric = (kl(p, softmax(up, T)) - kl(p, softmax(down, T))) / (2 * h);
        expect(g[k]).toBeCloseTo(numeric, 7);
      }
    }
  });

  it("shrinks about 770 times from T = 1 to T = 32; T² keeps it between 0.5 and 0.9 (the article's figures)", () => {
    expect(numbers(1).grad).toBeCloseTo(0.507, 3);
    expect(numbers(32).grad).toBeCloseTo(0.00066, 5);
    expect(numbers(1).grad / numbers(32).grad).toBeGreaterThan(760);
    expect(numbers(1).grad / numbers(32).grad).toBeLessThan(780);
    for (const T of [1, 2, 4, 8, 16, 32]) {
      expect(numbers(T).gradT2).toBeGreaterThan(0.5);
      expect(numbers(T).gradT2).toBeLessThan(0.9);
    }
  });

  it("approaches Hinton et al.'s high-temperature limit (z̄ − v̄)/(N T²)", () => {
    const ratio = (T: number) => norm(softGradient(T)) / norm(highTGradient(T));
    expect(Math.abs(ratio(20) - 1)).toBeLessThan(0.1);
    expect(Math.abs(ratio(200) - 1)).toBeLessThan(0.01);
    expect(Math.abs(ratio(1) - 1)).toBeGreaterThan(0.1);
    // T²·(limit) does not depend on T.
    expect(400 * norm(highTGradient(20))).toBeCloseTo(norm(highTGradient(1)), 12);
  });

  it("the hard gradient softmax(z) − y has norm ≈ 0.54 (the article's cell), independent of T", () => {
    expect(HARD_NORM).toBeCloseTo(0.5377, 4);
    expect(hardGradient().reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    expect(HARD_LOSS).toBeCloseTo(-Math.log(softmax(STUDENT)[0]), 12);
  });
});

describe("mixing the soft and hard losses", () => {
  it("α = 0 is all hard loss, α = 1 all soft, whatever T", () => {
    for (const T of [0.5, 4, 20]) {
      expect(softShare(T, 0, true)).toBe(0);
      expect(softShare(T, 1, false)).toBe(1);
      expect(totalLoss(T, 0)).toBeCloseTo(HARD_LOSS, 12);
      expect(totalLoss(T, 1)).toBeCloseTo(T * T * numbers(T).kl, 12);
    }
  });

  it("with T² the soft share stays within 49–63% from T = 1 to 20 at α = 0.5; without it falls to 0.3%", () => {
    const ts = [1, 2, 4, 8, 16, 20];
    for (const T of ts) {
      expect(softShare(T, 0.5, true)).toBeGreaterThan(0.48);
      expect(softShare(T, 0.5, true)).toBeLessThan(0.63);
    }
    expect(softShare(1, 0.5, true)).toBeCloseTo(softShare(1, 0.5, false), 12); // T² = 1
    expect(softShare(20, 0.5, false)).toBeCloseTo(0.0032, 4);
    for (let i = 1; i < ts.length; i++)
      expect(softShare(ts[i], 0.5, false)).toBeLessThan(softShare(ts[i - 1], 0.5, false));
  });
});

describe("read-outs", () => {
  it("state the defaults (T = 4, α = 0.5)", () => {
    const r = readouts(BASE);
    expect(r.dist).toBe(
      "T = 4：教师 softmax(v/T) = [0.517, 0.190, 0.148, 0.070, 0.042, 0.033]（熵 1.37 nats），" +
        "学生 softmax(z/T) = [0.336, 0.297, 0.124, 0.109, 0.075, 0.058]",
    );
    expect(r.grad).toBe(
      "KL(p‖q) = 0.0888 nats；软目标梯度 ‖(q − p)/T‖ = 0.0546，乘 T² 后 0.874；" +
        "硬目标梯度 ‖softmax(z) − y‖ = 0.538（T = 1，与 T 无关）",
    );
    expect(r.mix).toBe("α = 0.5：L = α·T²·KL + (1 − α)·CE = 0.958；按梯度范数，乘 T² 时软目标占 62%，不乘时占 9.2%");
  });

  it("at the slider's ends", () => {
    expect(readouts({ T: 20, alpha: 0.5 }).grad).toContain("‖(q − p)/T‖ = 1.74e−3，乘 T² 后 0.698");
    expect(readouts({ T: 20, alpha: 0.5 }).mix).toContain("乘 T² 时软目标占 56%，不乘时占 0.3%");
    expect(readouts({ T: 0.5, alpha: 0 }).mix).toBe(
      "α = 0：L = α·T²·KL + (1 − α)·CE = 0.494；按梯度范数，乘 T² 时软目标占 0%，不乘时占 0%",
    );
    expect(readouts({ T: 1, alpha: 1 }).dist).toContain("教师 softmax(v/T) = [0.975, 0.018, 0.007, 3e−4");
  });
});

describe("figures", () => {
  it("describe the distributions and the gradient scale", () => {
    const f = figures(BASE, { width: 440 });
    expect(f.dists.ariaDescription).toContain("教师：0.52、0.19、0.15、0.07、0.04、0.03");
    expect(f.grad.ariaDescription).toContain("不乘 T² 时 0.0546，乘 T² 后 0.874");
    expect(f.grad.ariaDescription).toContain("缩小约 291 倍");
    expect(f.mix.ariaDescription).toBe("T = 4：乘 T² 时 62%，不乘时 9%");
  });
});
