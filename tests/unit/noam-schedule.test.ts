import { describe, expect, it } from "vitest";
import { figures } from "../../components/demos/noam-schedule/chart";
import {
  COSINE_FLOOR,
  cosine,
  horizon,
  LOG_START,
  type NoamState,
  noam,
  noamPeak,
  params,
  readouts,
  sampleSteps,
  sci,
  summary,
} from "../../components/demos/noam-schedule/model";
import { defaultState, parseValue } from "../../src/lib/url-state";

const BASE: NoamState = defaultState(params);

describe("Noam schedule: d_model^−0.5 · min(step^−0.5, step · w^−1.5)", () => {
  it("reproduces the article's table (base, w = 8000, big)", () => {
    expect(noamPeak(512, 4000)).toBeCloseTo(6.988e-4, 7);
    expect(noam(100_000, 512, 4000)).toBeCloseTo(1.398e-4, 7);
    expect(noamPeak(512, 8000)).toBeCloseTo(4.941e-4, 7);
    expect(noamPeak(1024, 4000)).toBeCloseTo(4.941e-4, 7);
    expect(noam(100_000, 1024, 4000)).toBeCloseTo(9.882e-5, 8);
    expect(noam(100_000, 512, 4000) / noamPeak(512, 4000)).toBeCloseTo(0.2, 2);
    expect(noam(100_000, 512, 8000) / noamPeak(512, 8000)).toBeCloseTo(0.28, 2);
  });

  it("peaks at step = w with (d_model·w)^−0.5, rising linearly before and falling as step^−0.5 after", () => {
    for (const [d, w] of [
      [128, 500],
      [512, 4000],
      [4096, 20000],
    ]) {
      expect(noam(w, d, w)).toBeCloseTo(noamPeak(d, w), 15);
      expect(noam(w - 1, d, w)).toBeLessThan(noam(w, d, w));
      expect(noam(w + 1, d, w)).toBeLessThan(noam(w, d, w));
      // Linear branch: half the step, half the rate.
      expect(noam(w / 2, d, w)).toBeCloseTo(noam(w, d, w) / 2, 15);
      // Decay branch: four times the step, half the rate.
      expect(noam(4 * w, d, w)).toBeCloseTo(noam(w, d, w) / 2, 15);
    }
  });

  it("doubling w lowers the peak by √2; after both warm-ups the curves coincide (w drops out)", () => {
    expect(noamPeak(512, 4000) / noamPeak(512, 8000)).toBeCloseTo(Math.SQRT2, 12);
    for (const s of [8000, 20_000, 100_000, 300_000]) expect(noam(s, 512, 4000)).toBe(noam(s, 512, 8000));
    expect(noam(6000, 512, 8000)).toBeLessThan(noam(6000, 512, 4000)); // still warming up
  });

  it("doubling d_model scales the whole curve by 1/√2 (wider → smaller)", () => {
    for (const s of [100, 4000, 50_000]) expect(noam(s, 1024, 4000) / noam(s, 512, 4000)).toBeCloseTo(Math.SQRT1_2, 12);
  });
});

describe("linear warm-up + cosine decay to 10%", () => {
  it("rises linearly to the peak, is halfway down mid-decay, and ends at the floor", () => {
    expect(cosine(1000, 6e-4, 2000, 100_000)).toBeCloseTo(3e-4, 15);
    expect(cosine(2000, 6e-4, 2000, 100_000)).toBeCloseTo(6e-4, 15);
    expect(cosine(51_000, 6e-4, 2000, 100_000)).toBeCloseTo((6e-4 + 6e-5) / 2, 15);
    expect(cosine(100_000, 6e-4, 2000, 100_000)).toBeCloseTo(COSINE_FLOOR * 6e-4, 15);
    expect(cosine(300_000, 6e-4, 2000, 100_000)).toBeCloseTo(6e-5, 15); // stays at the floor
  });

  it("is monotone after the warm-up, and handles total = warm-up (no decay room)", () => {
    let previous = Number.POSITIVE_INFINITY;
    for (let s = 4000; s <= 100_000; s += 500) {
      const v = cosine(s, 7e-4, 4000, 100_000);
      expect(v).toBeLessThanOrEqual(previous);
      previous = v;
    }
    expect(cosine(20_000, 1e-3, 20_000, 20_000)).toBe(1e-3);
    expect(cosine(20_001, 1e-3, 20_000, 20_000)).toBeCloseTo(1e-4, 15);
  });
});

describe("sampling and parameters", () => {
  it("samples include the peak and the end of training, stay inside the axis, and are sorted", () => {
    for (const axis of ["log", "linear"] as const) {
      const xs = sampleSteps({ ...BASE, axis, warmup: 4300, total: 90_000 });
      expect(xs).toContain(4300);
      expect(xs).toContain(90_000);
      expect(xs[0]).toBe(axis === "log" ? LOG_START : 1);
      expect(xs.at(-1)).toBe(100_000); // the probe lies beyond the training length
      for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1]);
    }
    expect(horizon({ total: 100_000, probe: 300_000 })).toBe(300_000);
  });

  it("every power of two from 128 to 4096 is a d_model slider position; URL values are validated", () => {
    const { min, max, step } = params.dModel;
    const positions = Math.round((Math.log10(max) - Math.log10(min)) / step);
    expect(positions).toBe(20);
    for (let k = 0; k <= 20; k += 4) expect(Math.round(10 ** (Math.log10(min) + k * step))).toBe(128 * 2 ** (k / 4));
    expect(parseValue(params.dModel, "512")).toBe(512);
    expect(parseValue(params.dModel, "100")).toBeUndefined();
    expect(parseValue(params.dModel, "512.5")).toBeUndefined();
    expect(parseValue(params.warmup, "20001")).toBeUndefined();
    expect(parseValue(params.peak, "0.02")).toBeUndefined();
  });

  it("edges of every slider give finite, positive rates", () => {
    for (const dModel of [params.dModel.min, params.dModel.max]) {
      for (const warmup of [params.warmup.min, params.warmup.max]) {
        for (const probe of [params.probe.min, params.probe.max]) {
          const m = summary({ ...BASE, dModel, warmup, probe, total: params.total.min, compare: "cosine" });
          expect(Number.isFinite(m.peak) && m.peak > 0).toBe(true);
          expect(m.atProbe).toBeGreaterThan(0);
          expect(m.atProbe).toBeLessThanOrEqual(m.peak);
          expect(m.cosineAtProbe).toBeGreaterThan(0);
        }
      }
    }
    // The extremes of the article's range: 3.95e-3 at d = 128, w = 500; 1.10e-4 at d = 4096, w = 20000.
    expect(noamPeak(128, 500)).toBeCloseTo(3.953e-3, 6);
    expect(noamPeak(4096, 20_000)).toBeCloseTo(1.105e-4, 7);
  });
});

describe("read-outs and figure", () => {
  it("state the article's numbers by default", () => {
    const r = readouts(BASE);
    expect(r.peak).toBe("峰值学习率 6.99e-4（第 4000 步），即 (d_model·w)^−0.5 = (512·4000)^−0.5");
    expect(r.probe).toContain("第 100000 步：Noam 1.40e-4，是峰值的 0.20（衰减段");
    expect(r.cosine).toContain("未打开");
    expect(sci(9.882e-5)).toBe("9.88e-5");
  });

  it("say when the probe is still warming up, and give the cosine's value when it is on", () => {
    const r = readouts({ ...BASE, probe: 2000, compare: "cosine", peak: 6e-4, warmup: 2000, total: 100_000 });
    expect(r.probe).toContain("衰减段"); // step = w belongs to both branches
    const early = readouts({ ...BASE, probe: 1000, compare: "cosine", peak: 6e-4, warmup: 2000 });
    expect(early.probe).toContain("仍在 warm-up");
    expect(early.cosine).toBe("余弦对照：峰值 6.00e-4，100000 步内降到峰值的 10%；第 1000 步为 3.00e-4（峰值的 0.50）");
  });

  it("draws the base reference only when the setting differs, and the cosine only when asked", () => {
    const classes = (s: NoamState) =>
      figures(s, { width: 440 })
        .schedule.marks?.map((mark) => (mark as { ariaLabel?: string; className?: string }).className)
        .filter(Boolean);
    expect(classes(BASE)).toEqual(expect.arrayContaining(["noam-curve", "noam-peak"]));
    const data = (s: NoamState, name: string) => {
      const mark = figures(s, { width: 440 }).schedule.marks?.find(
        (m) => (m as { className?: string }).className === name,
      ) as { data?: unknown[] };
      return mark.data?.length ?? 0;
    };
    expect(data(BASE, "noam-base")).toBe(0);
    expect(data(BASE, "noam-cosine")).toBe(0);
    expect(data({ ...BASE, warmup: 8000, compare: "cosine" }, "noam-base")).toBeGreaterThan(40);
    expect(data({ ...BASE, warmup: 8000, compare: "cosine" }, "noam-cosine")).toBeGreaterThan(40);
  });
});
