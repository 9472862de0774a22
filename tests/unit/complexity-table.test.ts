import { describe, expect, it } from "vitest";
import {
  type ComplexityState,
  cost,
  crossover,
  LAYERS,
  NS,
  params,
  pathLength,
  readouts,
  sequential,
  wan,
} from "../../components/demos/complexity-table/model";
import { defaultState } from "../../src/lib/url-state";

const BASE: ComplexityState = defaultState(params);
const MACS: ComplexityState = { ...BASE, count: "macs" };

describe("Table 1, leading terms (constants 1)", () => {
  it("self-attention n²d, recurrent nd², convolution knd², restricted rnd", () => {
    const s = { ...BASE, d: 512, k: 3, r: 64 };
    expect(cost("attn", 100, s)).toBe(100 * 100 * 512);
    expect(cost("rnn", 100, s)).toBe(100 * 512 * 512);
    expect(cost("conv", 100, s)).toBe(3 * 100 * 512 * 512);
    expect(cost("local", 100, s)).toBe(64 * 100 * 512);
  });

  it("the article's d = 512 table: 839 万 / 3355 万 at n = 128 … 344 亿 / 21.5 亿 at n = 8192", () => {
    const rows = [128, 512, 2048, 8192].map((n) => [wan(cost("attn", n, BASE)), wan(cost("rnn", n, BASE))]);
    expect(rows).toEqual([
      ["839 万", "3355 万"],
      ["1.34 亿", "1.34 亿"],
      ["21.5 亿", "5.37 亿"],
      ["344 亿", "21.5 亿"],
    ]);
    for (const n of [128, 512, 2048, 8192]) expect(cost("attn", n, BASE) / cost("rnn", n, BASE)).toBe(n / 512);
  });

  it("attention and recurrence cost the same at n = d", () => {
    for (const d of params.d.options) {
      const s = { ...BASE, d };
      expect(crossover(s)).toBe(d);
      expect(cost("attn", d, s)).toBe(cost("rnn", d, s));
    }
  });

  it("a neighbourhood larger than the sequence is the whole sequence", () => {
    const s = { ...BASE, r: 512 };
    expect(cost("local", 100, s)).toBe(cost("attn", 100, s));
  });
});

describe("whole-layer multiply–adds (the article: 4nd² + 2n²d vs LSTM 8nd²)", () => {
  it("are equal at n = 2d, i.e. n = 1024 for d = 512", () => {
    expect(crossover(MACS)).toBe(1024);
    expect(cost("attn", 1024, MACS)).toBe(cost("rnn", 1024, MACS));
    expect(cost("attn", 1024, MACS)).toBe(4 * 1024 * 512 ** 2 + 2 * 1024 ** 2 * 512);
    expect(cost("rnn", 1024, MACS)).toBe(8 * 1024 * 512 ** 2);
    expect(cost("attn", 512, MACS)).toBeLessThan(cost("rnn", 512, MACS));
    expect(cost("attn", 2048, MACS)).toBeGreaterThan(cost("rnn", 2048, MACS));
  });
});

describe("sequential operations and path length", () => {
  it("only the recurrent layer needs n sequential steps", () => {
    for (const layer of LAYERS) expect(sequential(layer, 777)).toBe(layer === "rnn" ? 777 : 1);
  });

  it("matches the article's cell: RNN n, dilated convolution ⌈log_k n⌉, attention 1", () => {
    for (const n of [64, 128, 256, 512, 1024, 2048, 4096, 8192]) {
      expect(pathLength("rnn", n, BASE)).toBe(n);
      expect(pathLength("attn", n, BASE)).toBe(1);
      expect(pathLength("conv", n, BASE)).toBe(Math.ceil(Math.log(n) / Math.log(3)));
    }
  });

  it("counts exact powers of k without rounding up (27 = 3³ needs 3 dilated layers)", () => {
    expect(pathLength("conv", 27, BASE)).toBe(3);
    expect(pathLength("conv", 28, BASE)).toBe(4);
    expect(pathLength("conv", 4096, { ...BASE, k: 4 })).toBe(6);
    expect(pathLength("convPlain", 512, BASE)).toBe(171);
    expect(pathLength("local", 512, BASE)).toBe(8);
    expect(pathLength("local", 65, BASE)).toBe(2);
  });

  it("samples the slider's whole range", () => {
    expect(NS[0]).toBe(params.n.min);
    expect(NS.at(-1)).toBe(params.n.max);
  });
});

describe("read-outs", () => {
  it("state the default numbers", () => {
    const r = readouts(BASE);
    expect(r.cost).toContain("n = 512，d = 512：自注意力 1.34 亿，循环层 1.34 亿，比值 1");
    expect(r.cost).toContain("在 n = 512 时相等");
    expect(r.steps).toContain("循环层 512 步");
    expect(r.steps).toContain("膨胀卷积 6（连续卷积 171）");
    expect(r.steps).toContain("受限自注意力 8");
  });

  it("give the ratio n/d and the LSTM wording in multiply–add mode", () => {
    expect(readouts({ ...BASE, n: 8192 }).cost).toContain("比值 16");
    expect(readouts({ ...BASE, n: 128 }).cost).toContain("比值 0.25");
    const r = readouts({ ...MACS, n: 1024 });
    expect(r.cost).toContain("循环层（LSTM）");
    expect(r.cost).toContain("比值 1");
    expect(r.cost).toContain("在 n = 1024 时相等");
  });
});
