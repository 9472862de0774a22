import { describe, expect, it } from "vitest";
import {
  activation,
  activationOf,
  erf,
  type FfnState,
  ffnFlops,
  ffnParams,
  hiddenSize,
  llamaHidden,
  params,
  readouts,
  slope,
  table,
} from "../../components/demos/ffn-calculator/model";
import { defaultState } from "../../src/lib/url-state";

const BASE: FfnState = defaultState(params);

describe("LLaMA's SwiGLU hidden size: 256 · ⌈⌊8d/3⌋ / 256⌉", () => {
  it("7B 11008, 13B 13824, 33B 17920, 65B 22016", () => {
    expect(llamaHidden(4096, 256)).toBe(11008);
    expect(llamaHidden(5120, 256)).toBe(13824);
    expect(llamaHidden(6656, 256)).toBe(17920);
    expect(llamaHidden(8192, 256)).toBe(22016);
  });

  it("without rounding it is ⌊8d/3⌋ (10922 for d = 4096), and d = 768 gives exactly 2048", () => {
    expect(llamaHidden(4096, 1)).toBe(10922);
    expect(llamaHidden(768, 1)).toBe(2048);
    expect(llamaHidden(768, 256)).toBe(2048);
  });
});

describe("parameters and FLOPs", () => {
  it("LLaMA-7B: SwiGLU 135,266,304 vs ReLU 4d 134,217,728 (+0.78%)", () => {
    const rows = Object.fromEntries(table(BASE).map((r) => [r.variant, r]));
    expect(rows.relu.params).toBe(134_217_728);
    expect(rows.swiglu.params).toBe(135_266_304);
    expect((rows.swiglu.ratio - 1) * 100).toBeCloseTo(0.78, 2);
    expect(rows.gelu.params).toBe(rows.relu.params);
    expect(rows.swigluPalm.ratio).toBe(1.5);
  });

  it("Shazeer's T5-base comparison: 3·768·2048 = 2·768·3072 = 4,718,592", () => {
    expect(ffnParams("swiglu", 768, hiddenSize("swiglu", 768, 1), false)).toBe(4_718_592);
    expect(ffnParams("relu", 768, 3072, false)).toBe(4_718_592);
  });

  it("the original base FFN with biases has 2,099,712 parameters", () => {
    expect(ffnParams("relu", 512, 2048, true)).toBe(2_099_712);
    const withBias = table({ d: 512, multiple: 256, bias: "bias" });
    expect(withBias[0].params).toBe(2_099_712);
    // A GLU has three biases: W and V (H each) and W₂ (d).
    const H = llamaHidden(512, 256);
    expect(withBias[3].params).toBe(3 * 512 * H + 2 * H + 512);
  });

  it("matrix-multiply FLOPs per token are 2 per multiply–add: 16d² ≈ 2.7 亿 at d = 4096", () => {
    expect(ffnFlops("relu", 4096, 4 * 4096)).toBe(16 * 4096 ** 2);
    expect(ffnFlops("relu", 4096, 4 * 4096)).toBeCloseTo(2.68e8, -6);
    expect(ffnFlops("swiglu", 4096, 11008)).toBe(6 * 4096 * 11008);
    for (const r of table(BASE)) expect(r.flops).toBe(2 * r.params); // no biases
  });

  it("rounding matters more for small d (d = 512: +12.5% with ×256, −0.02% with ×1)", () => {
    const at = (multiple: number) => table({ d: 512, multiple, bias: "none" })[3].ratio;
    expect(at(256)).toBeCloseTo(1.125, 12);
    expect(at(1)).toBeCloseTo(4095 / 4096, 12);
  });
});

describe("activations", () => {
  it("erf agrees with known values to 1.5e-7", () => {
    expect(erf(0)).toBeCloseTo(0, 7);
    expect(erf(1)).toBeCloseTo(0.8427007929, 6);
    expect(erf(-2)).toBeCloseTo(-0.995322265, 6);
  });

  it("GELU(x) = xΦ(x): GELU(1) = 0.841345, minimum ≈ −0.17 near x ≈ −0.75", () => {
    expect(activation("gelu", 1)).toBeCloseTo(0.8413447, 6);
    expect(activation("gelu", -1)).toBeCloseTo(-0.1586553, 6);
    const xs = Array.from({ length: 4001 }, (_, i) => -4 + i * 0.001);
    const min = xs.reduce((best, x) => (activation("gelu", x) < activation("gelu", best) ? x : best));
    expect(activation("gelu", min)).toBeCloseTo(-0.17, 2);
    expect(min).toBeCloseTo(-0.75, 1);
  });

  it("SiLU(x) = xσ(x) has its minimum ≈ −0.278 at x ≈ −1.278; ReLU is 0 on the negative side", () => {
    const xs = Array.from({ length: 4001 }, (_, i) => -4 + i * 0.001);
    const min = xs.reduce((best, x) => (activation("silu", x) < activation("silu", best) ? x : best));
    expect(activation("silu", min)).toBeCloseTo(-0.2785, 3);
    expect(min).toBeCloseTo(-1.278, 2);
    expect(activation("relu", -2)).toBe(0);
    expect(slope("relu", -2)).toBe(0);
    expect(slope("relu", 2)).toBe(1);
  });

  it("the analytic slopes match central differences", () => {
    for (const a of ["gelu", "silu"]) {
      for (const x of [-3, -1, -0.3, 0, 0.7, 2.5]) {
        const h = 1e-5;
        const numeric = (activation(a, x + h) - activation(a, x - h)) / (2 * h);
        expect(slope(a, x)).toBeCloseTo(numeric, 5); // the erf approximation is good to ~1e-7
      }
    }
  });

  it("SwiGLU's gate is SiLU", () => {
    expect(activationOf("swiglu")).toBe("silu");
    expect(activationOf("swigluPalm")).toBe("silu");
    expect(activationOf("gelu")).toBe("gelu");
  });
});

describe("read-outs", () => {
  it("state LLaMA-7B's numbers by default", () => {
    const r = readouts(BASE);
    expect(r.ffn).toContain("⌊8·4096/3⌋ = 10922，取整到 256 的倍数得 11008");
    expect(r.ffn).toContain("参数 135,266,304");
    expect(r.ffn).toContain("多 0.78%");
    expect(r.act).toContain("x = −1：ReLU 0（导数 0），GELU −0.159");
  });
});
