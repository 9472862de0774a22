import { describe, expect, it } from "vitest";
import {
  attentionParams,
  BLOCK_IDS,
  blocks,
  DECODER_BLOCKS,
  decoderLayerParams,
  ENCODER_BLOCKS,
  elements,
  encoderLayerParams,
  ffnParams,
  params,
  readouts,
  type ShapeState,
  tickCompact,
  totals,
} from "../../components/demos/tensor-shapes/model";
import { defaultState } from "../../src/lib/url-state";

const BASE: ShapeState = defaultState(params);
const BIG: ShapeState = { ...BASE, d: 1024, h: 16, dff: 4096 };
const byId = (s: ShapeState) => Object.fromEntries(blocks(s).map((b) => [b.id, b]));

describe("defaults are the article's cell", () => {
  it("B = 2, n = 10, m = 9, base model, V = 37000, N = 6", () => {
    expect(BASE).toMatchObject({ B: 2, n: 10, m: 9, d: 512, h: 8, dff: 2048, N: 6, V: 37000 });
  });
});

describe("parameter counts (the article's list)", () => {
  it("one attention sublayer 4d² + 4d = 1,050,624 and one FFN 2·d·d_ff + d_ff + d = 2,099,712", () => {
    expect(attentionParams(512)).toBe(1_050_624);
    expect(ffnParams(512, 2048)).toBe(2_099_712);
  });

  it("encoder layer 3,152,384 (FFN ≈ 2/3), decoder layer 4,204,032", () => {
    expect(encoderLayerParams(512, 2048)).toBe(3_152_384);
    expect(decoderLayerParams(512, 2048)).toBe(4_204_032);
    expect(totals(BASE).ffnShare).toBeCloseTo(0.666, 3);
  });

  it("base: shared embedding ≈ 1894 万, total ≈ 6308 万; big ≈ 2.14 亿", () => {
    const t = totals(BASE);
    expect(t.embedding).toBe(37_000 * 512);
    expect(t.total).toBe(63_082_496);
    expect(totals(BIG).total).toBe(214_245_376);
  });

  it("two more layers of each stack add ≈ 1471 万 (Table 3 row C: 36M → 50M → 65M → 80M)", () => {
    expect(totals({ ...BASE, N: 8 }).total - totals(BASE).total).toBe(14_712_832);
  });

  it("a vocabulary of 41000 adds 4000 × 512 parameters", () => {
    expect(totals({ ...BASE, V: 41000 }).total - totals(BASE).total).toBe(4000 * 512);
  });
});

describe("tensor shapes (the article's table)", () => {
  it("matches every row for the cell's sizes", () => {
    const b = byId(BASE);
    expect(b.srcIds.shape).toEqual([2, 10]);
    expect(b.srcEmb.shape).toEqual([2, 10, 512]);
    expect(b.qkv.shape).toEqual([2, 10, 512]);
    expect(b.qkv.copies).toBe(3);
    expect(b.heads.shape).toEqual([2, 8, 10, 64]);
    expect(b.scores.shape).toEqual([2, 8, 10, 10]);
    expect(b.context.shape).toEqual([2, 8, 10, 64]);
    expect(b.proj.shape).toEqual([2, 10, 512]);
    expect(b.ffnHidden.shape).toEqual([2, 10, 2048]);
    expect(b.encOut.shape).toEqual([2, 10, 512]);
    expect(b.selfScores.shape).toEqual([2, 8, 9, 9]);
    expect(b.crossScores.shape).toEqual([2, 8, 9, 10]);
    expect(b.logits.shape).toEqual([2, 9, 37000]);
  });

  it("only the attention scores grow with n², and splitting heads keeps the element count", () => {
    const b1 = byId(BASE);
    const b2 = byId({ ...BASE, n: 100 });
    expect(elements(b2.scores.shape) / elements(b1.scores.shape)).toBe(100);
    expect(elements(b2.ffnHidden.shape) / elements(b1.ffnHidden.shape)).toBe(10);
    expect(elements(b1.heads.shape)).toBe(elements(b1.proj.shape));
  });

  it("every head count divides every d_model option", () => {
    for (const d of params.d.options) for (const h of params.h.options) expect(d % h).toBe(0);
  });
});

describe("per-block parameters add up", () => {
  it("encoder blocks = embedding + one encoder layer; decoder blocks = one decoder layer", () => {
    for (const s of [BASE, BIG, { ...BASE, d: 64, h: 32, dff: 256 }]) {
      const all = blocks(s);
      const sum = (ids: readonly string[]) =>
        all.filter((b) => ids.includes(b.id)).reduce((acc, b) => acc + b.params, 0);
      expect(sum(ENCODER_BLOCKS)).toBe(s.V * s.d + encoderLayerParams(s.d, s.dff));
      expect(sum(DECODER_BLOCKS)).toBe(decoderLayerParams(s.d, s.dff));
    }
  });

  it("has a block for every option of the block control", () => {
    expect(blocks(BASE).map((b) => b.id)).toEqual([...BLOCK_IDS]);
    expect(params.block.options).toEqual(BLOCK_IDS);
  });
});

describe("read-outs", () => {
  it("state the selected block and the article's totals", () => {
    const r = readouts(BASE);
    expect(r.block).toContain("(2, 8, 10, 10)");
    expect(r.block).toContain("1,600 个元素");
    expect(r.totals).toContain("每层编码器 3,152,384");
    expect(r.totals).toContain("FFN 占 66.6%");
    expect(r.totals).toContain("每层解码器 4,204,032");
    expect(r.totals).toContain("合计 63.08M");
    expect(r["shape-crossScores"]).toBe("(2, 8, 9, 10)");
    expect(readouts(BIG).totals).toContain("合计 214.25M");
  });

  it("count a layer block's parameters over N layers", () => {
    expect(readouts({ ...BASE, block: "qkv" }).block).toContain("参数 787,968（每层；6 层共 4,727,808）");
  });

  it("tick labels are short", () => {
    expect(tickCompact(5_000_000)).toBe("5M");
    expect(tickCompact(12_500_000)).toBe("12.5M");
    expect(tickCompact(100_000)).toBe("100K");
  });
});
