import { describe, expect, it } from "vitest";
import { figures } from "../../components/demos/chinchilla-isoflop/chart";
import {
  budgetForLoss,
  type ChinState,
  count,
  exponents,
  FITS,
  type FitName,
  GOPHER_BUDGET,
  isoLoss,
  logGrid,
  loss,
  optimum,
  params,
  readouts,
  summary,
  tokensFor,
} from "../../components/demos/chinchilla-isoflop/model";
import { formatValue } from "../../components/ui/demo/format";
import { scientific } from "../../components/ui/demo/superscript";
import { defaultState, parseValue } from "../../src/lib/url-state";

const BASE: ChinState = defaultState(params);
const NAMES: FitName[] = ["rounded", "refit"];

/** The article's code cell: 501 log-spaced N from 1e8 to 1e13, keep the lowest loss. */
function scan(fit: (typeof FITS)[FitName], C: number, lo = 1e8, hi = 1e13, points = 501) {
  let best = { N: 0, L: Number.POSITIVE_INFINITY };
  for (const N of logGrid(lo, hi, points)) {
    const L = isoLoss(fit, C, N);
    if (L < best.L) best = { N, L };
  }
  return best;
}

describe("the article's constants and C ≈ 6ND", () => {
  it("uses exactly the constant sets of the article's code cell", () => {
    expect(FITS.rounded).toEqual({ E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 });
    expect(FITS.refit).toEqual({ E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 });
    expect(GOPHER_BUDGET).toBe(5.76e23);
  });

  it("spends the budget: 6·N·D = C on every iso-FLOP point", () => {
    for (const N of [1e8, 7e10, 3e12]) expect((6 * N * tokensFor(GOPHER_BUDGET, N)) / GOPHER_BUDGET).toBeCloseTo(1, 12);
    // Chinchilla itself: 6 × 70B × 1.4T ≈ 5.9e23, the article's check.
    expect(6 * 70e9 * 1.4e12).toBeCloseTo(5.88e23, -21);
  });

  it("computes L(N, D) = E + A/N^α + B/D^β", () => {
    // By hand: 1.69 + 406.4/10^3.4 + 410.7/10^3.36 = 1.69 + 406.4/2511.9 + 410.7/2290.9 = 1.69 + 0.1618 + 0.1793.
    expect(loss(FITS.rounded, 1e10, 1e12)).toBeCloseTo(1.69 + 406.4 / 10 ** 3.4 + 410.7 / 10 ** 3.36, 12);
    expect(loss(FITS.rounded, 1e10, 1e12)).toBeCloseTo(2.0311, 4);
  });
});

describe("closed-form optimum", () => {
  it("agrees with a brute-force scan over N for both sets and many budgets", () => {
    for (const name of NAMES) {
      const fit = FITS[name];
      for (const C of [1e19, 1e21, GOPHER_BUDGET, 1e25, 1e26]) {
        const o = optimum(fit, C);
        const coarse = scan(fit, C);
        // The 501-point grid is 0.01 decades wide: the scan lands within one step of the closed form.
        expect(Math.abs(Math.log10(coarse.N / o.N))).toBeLessThan(0.011);
        // A fine scan around it pins it down, and nothing on the grid is lower than the closed form.
        const fine = scan(fit, C, o.N / 1.1, o.N * 1.1, 2001);
        expect(fine.N / o.N).toBeCloseTo(1, 3);
        expect(coarse.L).toBeGreaterThanOrEqual(o.L - 1e-12);
        expect(o.D).toBeCloseTo(C / (6 * o.N), 0);
      }
    }
  });

  it("satisfies the balance condition αA/N^α = βB/D^β at the optimum", () => {
    for (const name of NAMES) {
      const f = FITS[name];
      const o = optimum(f, 1e24);
      expect((f.alpha * f.A) / o.N ** f.alpha / ((f.beta * f.B) / o.D ** f.beta)).toBeCloseTo(1, 10);
    }
  });

  it("gives the article's table at the Gopher budget 5.76e23", () => {
    const r = optimum(FITS.rounded, GOPHER_BUDGET);
    // 附录 D.2 舍入常数（本文计算）：32B、3.0T、约 93 token/参数。
    expect(r.N).toBeGreaterThan(31.5e9);
    expect(r.N).toBeLessThan(32.5e9);
    expect(r.D).toBeGreaterThan(2.95e12);
    expect(r.D).toBeLessThan(3.05e12);
    expect(r.D / r.N).toBeCloseTo(92.6, 1);
    const f = optimum(FITS.refit, GOPHER_BUDGET);
    // Besiroglu 重拟合（本文计算）：72B、1.33T、约 18 token/参数。
    expect(f.N).toBeGreaterThan(71.5e9);
    expect(f.N).toBeLessThan(72.5e9);
    expect(f.D).toBeGreaterThan(1.32e12);
    expect(f.D).toBeLessThan(1.34e12);
    expect(f.D / f.N).toBeCloseTo(18.4, 1);
  });

  it("has the article's exponents: a = β/(α+β), b = α/(α+β); refit a ≈ 0.51", () => {
    expect(exponents(FITS.rounded).a).toBeCloseTo(0.4516, 4);
    expect(exponents(FITS.rounded).b).toBeCloseTo(0.5484, 4);
    expect(exponents(FITS.refit).a).toBeCloseTo(0.51, 2);
    for (const name of NAMES) {
      const f = FITS[name];
      const { a } = exponents(f);
      expect(optimum(f, 1e25).N / optimum(f, 1e24).N).toBeCloseTo(10 ** a, 10);
    }
  });

  it("is the lowest point: probes on both sides of the optimum have a higher loss", () => {
    for (const name of NAMES) {
      const f = FITS[name];
      for (const C of [1e20, GOPHER_BUDGET, 1e26]) {
        const o = optimum(f, C);
        for (const factor of [1.01, 2, 10]) {
          expect(isoLoss(f, C, o.N / factor)).toBeGreaterThan(o.L);
          expect(isoLoss(f, C, o.N * factor)).toBeGreaterThan(o.L);
        }
        // Monotone on each side: further from the optimum is worse.
        expect(isoLoss(f, C, o.N * 10)).toBeGreaterThan(isoLoss(f, C, o.N * 2));
        expect(isoLoss(f, C, o.N / 10)).toBeGreaterThan(isoLoss(f, C, o.N / 2));
      }
    }
  });

  it("has a flat valley: the 20-token point costs about 0.007 nats with the rounded constants", () => {
    const m = summary(BASE);
    expect(m.twenty.N).toBeCloseTo(69.3e9, -8);
    expect(m.twenty.L - m.opt.L).toBeCloseTo(0.007, 3);
  });
});

describe("tokens per parameter as the compute grows", () => {
  it("rises markedly with the rounded constants and falls slightly with the refit", () => {
    const ratio = (name: FitName, C: number) => {
      const o = optimum(FITS[name], C);
      return o.D / o.N;
    };
    const budgets = [1e19, 1e21, GOPHER_BUDGET, 1e25, 1e26];
    for (let i = 1; i < budgets.length; i++) {
      expect(ratio("rounded", budgets[i])).toBeGreaterThan(ratio("rounded", budgets[i - 1]));
      expect(ratio("refit", budgets[i])).toBeLessThan(ratio("refit", budgets[i - 1]));
    }
    // "明显上升": 32 → 153 over 1e19 … 1e26; "略有下降": 24 → 16, staying near 20.
    expect(ratio("rounded", 1e26) / ratio("rounded", 1e19)).toBeGreaterThan(4);
    expect(ratio("refit", 1e26) / ratio("refit", 1e19)).toBeGreaterThan(0.6);
    expect(ratio("refit", 1e19)).toBeLessThan(25);
    expect(ratio("refit", 1e26)).toBeGreaterThan(15);
  });
});

describe("compute-equivalent of a probe", () => {
  it("inverts the optimal loss: budgetForLoss(L_opt(C)) = C", () => {
    for (const name of NAMES) {
      for (const C of [1e19, GOPHER_BUDGET, 1e26]) {
        expect(budgetForLoss(FITS[name], optimum(FITS[name], C).L) / C).toBeCloseTo(1, 8);
      }
      expect(budgetForLoss(FITS[name], FITS[name].E)).toBe(Number.POSITIVE_INFINITY);
    }
  });

  it("charges the default 70B probe about 20% extra compute with the rounded constants, none at the refit optimum", () => {
    const m = summary(BASE);
    expect(m.probe.excess).toBeCloseTo(0.0068, 4);
    expect(m.probe.extraCompute).toBeGreaterThan(0.15);
    expect(m.probe.extraCompute).toBeLessThan(0.25);
    const at = summary({ ...BASE, fit: "refit", N: optimum(FITS.refit, BASE.C).N });
    expect(at.probe.extraCompute).toBeCloseTo(0, 8);
    // Further off the optimum costs more.
    expect(summary({ ...BASE, N: 1e9 }).probe.extraCompute).toBeGreaterThan(m.probe.extraCompute);
  });
});

describe("formatting, URL values, read-outs and figures", () => {
  it("writes counts and FLOPs the way the article does", () => {
    expect(count(70e9)).toBe("70B");
    expect(count(1.4e12)).toBe("1.4T");
    expect(count(2.28e8)).toBe("228M");
    expect(scientific(5.76e23)).toBe("5.76×10²³");
    expect(scientific(1e19)).toBe("1×10¹⁹");
    expect(formatValue(params.C, 5.76e23)).toBe("5.76×10²³");
    expect(formatValue(params.N, 7e10)).toBe("7×10¹⁰");
    expect(formatValue(params.N, 1e8)).toBe("1×10⁸");
    // Below 10⁸ the controls keep their plain digits (other demos' RoPE bases up to 10⁷).
    expect(formatValue({ ...params.N, min: 1, default: 1 }, 10_000_000)).toBe("10000000");
  });

  it("accepts in-range link values and rejects the rest", () => {
    expect(parseValue(params.C, "1e21")).toBe(1e21);
    expect(parseValue(params.C, "5.76e23")).toBe(5.76e23);
    expect(parseValue(params.C, "1e27")).toBeUndefined();
    expect(parseValue(params.C, "1e18")).toBeUndefined();
    expect(parseValue(params.C, "lots")).toBeUndefined();
    expect(parseValue(params.N, "7e10")).toBe(7e10);
    expect(parseValue(params.N, "1e14")).toBeUndefined();
    expect(parseValue(params.N, "-1")).toBeUndefined();
    expect(parseValue(params.fit, "refit")).toBe("refit");
    expect(parseValue(params.fit, "kaplan")).toBeUndefined();
  });

  it("state the optimum, the probe and the trend", () => {
    const r = readouts(BASE);
    expect(r.optimum).toBe(
      "附录 D.2 舍入常数，C = 5.76×10²³：N_opt ≈ 32.2B，D_opt ≈ 2.98T，D/N ≈ 92.6 token/参数，最低 loss 1.9307。",
    );
    expect(r.probe).toContain("N = 70B（比最优点大）：D = C/(6N) ≈ 1.37T，D/N ≈ 19.6，loss 1.9376，比最优点高 0.0068");
    expect(r.probe).toContain("相当于多花 20% 的算力");
    expect(r.trend).toContain("N_opt ∝ C^0.452，D_opt ∝ C^0.548（b > a，D/N 随算力上升）");
    const f = readouts({ ...BASE, fit: "refit" });
    expect(f.optimum).toContain("N_opt ≈ 72.2B，D_opt ≈ 1.33T，D/N ≈ 18.4 token/参数");
    expect(f.probe).toContain("几乎就在最优点上");
    expect(f.trend).toContain("b < a，D/N 随算力略降");
    const far = readouts({ ...BASE, C: 1e19, N: 1e13 });
    expect(far.probe).toContain("相当于用了所需算力的");
    expect(readouts({ ...BASE, N: 1e9 }).probe).toContain("（比最优点小）");
  });

  it("keeps every curve at most ~100 points and marks the optimum and probe where they are", () => {
    for (const s of [BASE, { ...BASE, fit: "refit" as const, C: 1e19, N: 1e13 }, { ...BASE, C: 1e26, N: 1e8 }]) {
      const f = figures(s, { width: 440 });
      for (const fig of Object.values(f)) {
        for (const mark of fig.marks ?? []) {
          const data = (mark as { data?: unknown[] }).data;
          if (Array.isArray(data)) expect(data.length).toBeLessThanOrEqual(100);
        }
      }
      const find = (name: string) =>
        (f.isoflop.marks ?? []).find((m) => (m as { className?: string }).className === name) as unknown as {
          data: { N: number; L: number }[];
        };
      const m = summary(s);
      expect(find("chin-opt").data[0].N).toBe(m.opt.N);
      expect(find("chin-probe").data[0].N).toBe(s.N);
      expect(find("chin-curve").data.length).toBeGreaterThan(5);
    }
  });
});
