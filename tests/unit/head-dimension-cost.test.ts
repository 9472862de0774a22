import { describe, expect, it } from "vitest";
import {
  attentionWeights,
  bytes,
  byteTicks,
  fullCost,
  HEADS,
  kvHeads,
  kvPerToken,
  layerCost,
  readouts,
  reducedCost,
  si,
} from "../../components/demos/head-dimension-cost/model";

describe("one layer's parameters and FLOPs", () => {
  it("match the article's d_model = 512, n = 512 numbers", () => {
    const c = reducedCost(512, 8, 512);
    expect(c.params).toBe(1_048_576);
    expect(c.projectionFlops).toBe(8 * 512 * 512 ** 2); // 8nd² ≈ 1.07 GFLOPs
    expect(c.attentionFlops).toBe(4 * 512 ** 2 * 512); // 4n²d ≈ 0.54 GFLOPs
    expect(c.flops / 1e9).toBeCloseTo(1.61, 2);
    const full = fullCost(512, 8, 512);
    expect(full.params).toBe(8_388_608);
    expect(full.flops / 1e9).toBeCloseTo(12.88, 2);
  });

  it("stay constant in h with d_k = d_model/h and grow h-fold without the reduction", () => {
    for (const dModel of [512, 768, 4096]) {
      const base = reducedCost(dModel, 1, 2048);
      for (const h of HEADS) {
        expect(reducedCost(dModel, h, 2048)).toEqual(base);
        expect(fullCost(dModel, h, 2048).params).toBe(h * base.params);
        expect(fullCost(dModel, h, 2048).flops).toBe(h * base.flops);
      }
    }
    // T5-11B: d_model = 1024, 128 heads × 128 → 4·1024·16384 ≈ 6.7×10⁷ parameters per layer
    expect(layerCost(1024, 128, 128, 1).params).toBe(4 * 1024 * 16384);
  });

  it("count h·n² attention weights (the part that does grow with h)", () => {
    expect(attentionWeights(1, 512)).toBe(262_144);
    expect(bytes(4 * attentionWeights(8, 512))).toBe("8 MiB");
  });
});

describe("KV cache", () => {
  it("is 2·d_model per token per layer for standard multi-head attention, whatever h", () => {
    for (const h of HEADS) expect(kvPerToken(4096, h, h).values).toBe(2 * 4096);
  });

  it("reproduces Llama 2 70B: 32 KiB vs 4 KiB per token per layer, 10 GiB vs 1.25 GiB for 4096 tokens × 80 layers", () => {
    const mha = kvPerToken(8192, 64, 64);
    const gqa = kvPerToken(8192, 64, 8);
    expect(mha.values).toBe(16_384);
    expect(gqa.values).toBe(2_048);
    expect(bytes(mha.bytes)).toBe("32 KiB");
    expect(bytes(gqa.bytes)).toBe("4 KiB");
    expect(bytes(mha.bytes * 80)).toBe("2.5 MiB");
    expect(bytes(gqa.bytes * 80)).toBe("320 KiB");
    expect(bytes(mha.bytes * 80 * 4096)).toBe("10 GiB");
    expect(bytes(gqa.bytes * 80 * 4096)).toBe("1.25 GiB");
  });

  it("uses g = h by default and never more KV heads than query heads", () => {
    expect(kvHeads({ h: 8, kv: "h" })).toBe(8);
    expect(kvHeads({ h: 8, kv: 32 })).toBe(8);
    expect(kvHeads({ h: 64, kv: 8 })).toBe(8);
    expect(kvHeads({ h: 4, kv: 1 })).toBe(1);
  });
});

describe("formatting", () => {
  it("formats SI numbers and picks round binary ticks", () => {
    expect(si(1_048_576)).toBe("1.05M");
    expect(si(1.61e9)).toBe("1.61G");
    expect(si(999.7)).toBe("1k");
    expect(byteTicks(2 ** 20)).toEqual([0, 512 * 1024, 2 ** 20]);
    expect(byteTicks(10 * 2 ** 30)).toEqual([0, 5 * 2 ** 30, 10 * 2 ** 30]);
  });
});

describe("read-outs", () => {
  it("give the default state's numbers", () => {
    const text = readouts({ h: 8, dModel: 512, n: 512, kv: "h", layers: 1 });
    expect(text.params).toBe(
      "h = 8，每头 d_k = 512/8 = 64：参数 1,048,576 = 4·d_model²，与 h 无关；若每头都保留 d_model 维则是 8,388,608，8 倍",
    );
    expect(text.flops).toBe(
      "n = 512：投影 1.07 + 注意力 0.54 = 1.61 GFLOPs（一层、一条序列），与 h 无关；不降维 12.88 GFLOPs；随 h 增长的是注意力权重：2,097,152 个（fp32 8 MiB）",
    );
    expect(text.kv).toBe(
      "KV cache（标准多头，g = 8）：每 token 每层 2·g·d_k = 1,024 个数（fp16 2 KiB），512 个 token × 1 层共 1 MiB",
    );
  });

  it("report the GQA saving", () => {
    const text = readouts({ h: 64, dModel: 8192, n: 4096, kv: 8, layers: 80 });
    expect(text.kv).toBe(
      "KV cache（GQA，g = 8）：每 token 每层 2·g·d_k = 2,048 个数（fp16 4 KiB），4096 个 token × 80 层共 1.25 GiB；标准多头时是 10 GiB，省到 1/8",
    );
    expect(readouts({ h: 8, dModel: 512, n: 512, kv: 1, layers: 1 }).kv).toMatch(/^KV cache（MQA，g = 1）.*省到 1\/8$/);
  });
});
