import { describe, expect, it } from "vitest";
import { figures } from "../../components/demos/online-softmax/chart";
import {
  blockCount,
  blocksRead,
  estimate,
  exp32,
  FP32_MAX,
  frame,
  inputs,
  LOGITS,
  maxAbsDiff,
  N,
  naiveTrace,
  type OnlineState,
  OVERFLOW_AT,
  oneShot,
  onlineTrace,
  params,
  readouts,
} from "../../components/demos/online-softmax/model";
import { defaultState } from "../../src/lib/url-state";

const BASE: OnlineState = defaultState(params);
const XS = inputs(0);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** softmax in float64, the exact reference. */
const exact = (xs: readonly number[]) => {
  const m = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - m));
  const s = sum(e);
  return e.map((v) => v / s);
};

describe("the fixed logits", () => {
  it("are 24 values from seed 2896, four of them above fp32's overflow point 88.72", () => {
    expect(LOGITS).toHaveLength(N);
    expect(LOGITS.slice(0, 4)).toEqual([24.6, 45.2, 32.2, 12.5]);
    expect(Math.max(...LOGITS)).toBe(92);
    expect(LOGITS.filter((x) => x > OVERFLOW_AT)).toEqual([90.3, 92, 91.6, 90.9]);
    expect(OVERFLOW_AT).toBeCloseTo(88.7228, 4);
  });

  it("fp32 e^x overflows just above ln(FP32_MAX) and underflows below ≈ −103.97", () => {
    expect(exp32(88.72)).toBeLessThan(FP32_MAX);
    expect(exp32(88.73)).toBe(Number.POSITIVE_INFINITY);
    expect(exp32(-103)).toBeGreaterThan(0);
    expect(exp32(-104)).toBe(0);
  });
});

describe("online softmax, block by block", () => {
  it("follows m_new = max(m_old, block max), ℓ_new = ℓ_old·e^(m_old − m_new) + Σ e^(x − m_new)", () => {
    const steps = onlineTrace(XS, 4);
    expect(steps.map((s) => s.m)).toEqual([45.2, 46.8, 55.1, 69.3, 90.3, 92].map(Math.fround));
    expect(steps[0].factor).toBe(0); // no old ℓ yet
    expect(steps[1].factor).toBeCloseTo(Math.exp(45.2 - 46.8), 5); // fp32
    expect(steps[5].factor).toBeCloseTo(Math.exp(90.3 - 92), 5);
    for (const [i, s] of steps.entries()) {
      const seen = XS.slice(0, s.end);
      // ℓ after each block is the sum over everything read so far, against the running max.
      expect(s.l).toBeCloseTo(sum(seen.map((x) => Math.exp(x - s.m))), 5);
      if (i > 0) expect(s.carried).toBeCloseTo(steps[i - 1].l * s.factor, 6);
      expect(s.l).toBeGreaterThanOrEqual(1);
      expect(s.factor).toBeLessThanOrEqual(1);
    }
    expect(steps[5].l).toBeCloseTo(2.18588, 4);
  });

  it("ends with the global max and the one-shot normaliser for every block size 1 … 24", () => {
    const ref = oneShot(XS);
    const truth = exact(XS);
    for (let B = 1; B <= N; B++) {
      const steps = onlineTrace(XS, B);
      expect(steps).toHaveLength(blockCount(B));
      expect(steps.at(-1)?.m).toBe(Math.max(...XS));
      const p = estimate(XS, B, blockCount(B), "online");
      expect(maxAbsDiff(p, ref)).toBeLessThan(2e-7); // fp32 rounding
      expect(maxAbsDiff(p, truth)).toBeLessThan(2e-7);
    }
    // One block of 24 is the one-shot three-pass softmax, operation for operation.
    expect(maxAbsDiff(estimate(XS, N, 1, "online"), ref)).toBe(0);
    expect(maxAbsDiff(estimate(XS, 3, 8, "online"), ref)).toBeGreaterThan(0);
  });

  it("is invariant to adding a constant to every logit, from c = −200 to c = 20", () => {
    const ref = exact(XS);
    for (const c of [params.shift.min, -60.5, 0, params.shift.max]) {
      const xs = inputs(c);
      expect(maxAbsDiff(estimate(xs, 4, 6, "online"), ref)).toBeLessThan(1e-5);
      expect(onlineTrace(xs, 4).at(-1)?.l).toBeCloseTo(2.18588, 3);
    }
  });

  it("before the last block, outputs only the prefix's softmax", () => {
    const p = estimate(XS, 4, 3, "online");
    expect(sum(p.slice(0, 12))).toBeCloseTo(1, 6);
    expect(p.slice(12).every((v) => v === 0)).toBe(true);
    expect(maxAbsDiff(p, oneShot(XS))).toBeGreaterThan(0.99); // x12 = 55.1 looks like the winner
  });

  it("reads whole blocks: t = 5 with B = 4 reads two blocks, t = 24 reads all", () => {
    expect(blocksRead(5, 4)).toBe(2);
    expect(blocksRead(1, 4)).toBe(1);
    expect(blocksRead(24, 5)).toBe(5);
    expect(blocksRead(24, 24)).toBe(1);
    expect(frame({ ...BASE, block: 7, t: 8 }).read).toBe(14);
    expect(frame({ ...BASE, block: 7, t: 24 }).read).toBe(24); // the ragged last block of 3
  });
});

describe("naive softmax in fp32", () => {
  it("overflows to Infinity at the first logit above 88.72, then outputs NaN and 0", () => {
    const steps = naiveTrace(XS, 4);
    expect(steps.slice(0, 4).every((s) => Number.isFinite(s.l))).toBe(true);
    expect(steps[4].l).toBe(Number.POSITIVE_INFINITY); // x20 = 90.3 is in block 5
    const p = estimate(XS, 4, 6, "naive");
    expect(p.filter(Number.isNaN)).toHaveLength(4); // Infinity / Infinity
    expect(p.filter((v) => v === 0)).toHaveLength(20); // finite / Infinity
    expect(maxAbsDiff(p, oneShot(XS))).toBeNaN();
  });

  it("is right once the largest logit is shifted well below 88.72, and its sum can overflow first", () => {
    expect(maxAbsDiff(estimate(inputs(-5), 4, 6, "naive"), oneShot(XS))).toBeLessThan(2e-7);
    // c = −4: every e^x is finite (max 88.0), but Σe^x > 3.4e38, so every output is 0.
    const xs = inputs(-4);
    expect(xs.every((x) => exp32(x) < Number.POSITIVE_INFINITY)).toBe(true);
    expect(naiveTrace(xs, 4).at(-1)?.l).toBe(Number.POSITIVE_INFINITY);
    expect(estimate(xs, 4, 6, "naive").every((v) => v === 0)).toBe(true);
  });

  it("underflows to 0/0 = NaN when every logit is very negative (c = −200)", () => {
    const xs = inputs(-200);
    expect(naiveTrace(xs, 4).at(-1)?.l).toBe(0);
    expect(estimate(xs, 4, 6, "naive").every(Number.isNaN)).toBe(true);
    expect(maxAbsDiff(estimate(xs, 4, 6, "online"), exact(XS))).toBeLessThan(1e-5); // online is fine
  });
});

describe("read-outs", () => {
  it("show m, ℓ, the rescaling factor and the difference from one-shot softmax", () => {
    const r = readouts(BASE);
    expect(r.stream).toBe(
      "已处理 6/6 块（前 24 个 logit，B = 4）：running m = 92.0，ℓ = 2.1859；" +
        "第 6 块把 m 从 90.3 抬到 92.0，旧的 ℓ 乘 e^(m_旧 − m_新) = e^(−1.7) = 0.183",
    );
    expect(r.result).toBe("扫完全部 6 块，与一次性 softmax 的最大差 0（逐位相同）");
    expect(readouts({ ...BASE, block: 3 }).result).toBe(
      "扫完全部 8 块，与一次性 softmax 的最大差 3.0e−8（fp32 舍入量级）",
    );
    expect(readouts({ ...BASE, block: 3 }).stream).toContain("第 8 块的最大值 91.6 没超过 m，换算因子 e^0 = 1");
    const mid = readouts({ ...BASE, t: 12 });
    expect(mid.stream).toContain("已处理 3/6 块（前 12 个 logit，B = 4）：running m = 55.1");
    expect(mid.stream).toContain("e^(−8.3) = 2.49e−4");
    expect(mid.result).toBe(
      "此时只归一化了前 12 个 logit，与一次性 softmax 的最大差 1.000；扫完全部块后是 0（逐位相同）",
    );
    expect(readouts({ ...BASE, t: 1 }).stream).toContain("第 1 块：m 取块内最大值");
  });

  it("explain why the naive version broke", () => {
    const naive = { ...BASE, mode: "naive" } as const;
    expect(readouts(naive).stream).toContain("ℓ = Σe^x = Infinity：x20 = 90.3 > 88.72，e^x 上溢为 Infinity");
    expect(readouts(naive).result).toBe("扫完全部 6 块，与一次性 softmax 的最大差 NaN，输出里 4 个 NaN、20 个 0");
    expect(readouts({ ...naive, t: 16 }).stream).toContain("ℓ = Σe^x = 1.25e30，还没有溢出");
    expect(readouts({ ...naive, shift: -4 }).stream).toContain("每个 e^x 都有限，但累加超过 fp32 最大值 3.4e38");
    expect(readouts({ ...naive, shift: -4 }).result).toContain("输出全是 0");
    expect(readouts({ ...naive, shift: -5 }).result).toContain("6.0e−8（fp32 舍入量级）");
    expect(readouts({ ...naive, shift: -200 }).stream).toContain("所有 e^x 都下溢为 0");
  });
});

describe("figures", () => {
  it("mark the running m, the overflow line and NaN outputs", () => {
    const f = figures(BASE, { width: 440 });
    expect(f.logits.ariaDescription).toContain("最大的四个是 92.0、91.6、90.9、90.3");
    expect(f.logits.ariaDescription).toContain("running m = 92.0");
    expect(f.trace.ariaDescription).toContain("第 6 块后 ℓ = 2.186（因子 0.18）");
    const naive = figures({ ...BASE, mode: "naive" }, { width: 440 });
    expect(naive.probs.ariaDescription).toContain("当前输出有 4 个 NaN");
    expect(naive.trace.ariaDescription).toContain("第 5 块后 Inf");
  });
});
