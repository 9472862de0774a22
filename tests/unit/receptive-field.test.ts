import { describe, expect, it } from "vitest";
import {
  growth,
  layerCost,
  layersToCover,
  type RfState,
  readouts,
  receptiveField,
  STRUCTURES,
} from "../../components/demos/receptive-field/model";

const DEFAULTS: RfState = { L: 16, k: 3, w: 512, n: 8192 };

describe("receptive field after L layers", () => {
  it("follows the article's formulas", () => {
    expect(receptiveField("conv", 1, DEFAULTS)).toBe(3);
    expect(receptiveField("conv", 10, DEFAULTS)).toBe(21); // 1 + 2L
    expect(receptiveField("dilated", 1, DEFAULTS)).toBe(3);
    expect(receptiveField("dilated", 3, DEFAULTS)).toBe(15); // 1 + 2(2³ − 1): dilations 1, 2, 4
    expect(receptiveField("swa", 2, DEFAULTS)).toBe(1025); // 1 + 512L
    expect(receptiveField("full", 1, DEFAULTS)).toBe(8192);
    expect(receptiveField("conv", 4, { ...DEFAULTS, k: 5 })).toBe(17);
  });

  it("needs 4096, 13, 16 and 1 layers to cover 8192 positions (the article's table)", () => {
    expect(STRUCTURES.map((s) => layersToCover(s, DEFAULTS))).toEqual([4096, 13, 16, 1]);
  });

  it("gives Mistral 7B's 32 layers × 4096 window for a 131072-token sequence", () => {
    const mistral = { ...DEFAULTS, w: 4096, n: 131072 };
    expect(layersToCover("swa", mistral)).toBe(32);
    expect(receptiveField("swa", 32, mistral)).toBe(1 + 32 * 4096);
  });

  it("reports the fewest layers: L covers n and L − 1 does not", () => {
    for (const k of [2, 3, 5, 7, 9]) {
      for (const w of [16, 512, 4096]) {
        for (const n of [1024, 8192, 131072]) {
          const state = { ...DEFAULTS, k, w, n };
          for (const s of STRUCTURES) {
            const L = layersToCover(s, state);
            expect(receptiveField(s, L, state)).toBeGreaterThanOrEqual(n);
            if (L > 1) expect(receptiveField(s, L - 1, state)).toBeLessThan(n);
          }
        }
      }
    }
  });

  it("grows monotonically and is capped at n on the chart", () => {
    const points = growth(DEFAULTS);
    expect(points).toHaveLength(4 * 64);
    for (const s of STRUCTURES) {
      const curve = points.filter((p) => p.s === s).map((p) => p.rf);
      for (let i = 1; i < curve.length; i++) expect(curve[i]).toBeGreaterThanOrEqual(curve[i - 1]);
      expect(Math.max(...curve)).toBeLessThanOrEqual(8192);
    }
  });
});

describe("per-layer cost", () => {
  it("crosses over at n = k·d: attention n²d vs convolution knd²", () => {
    const d = 1024;
    const at = (n: number) => ({ ...DEFAULTS, n });
    expect(layerCost("full", at(3072))).toBe(layerCost("conv", at(3072)));
    expect(layerCost("full", at(2048))).toBeLessThan(layerCost("conv", at(2048)));
    expect(layerCost("full", at(8192))).toBeGreaterThan(layerCost("conv", at(8192)));
    expect(layerCost("swa", DEFAULTS)).toBe(512 * 8192 * d);
  });

  it("reads out the receptive fields, the layers needed and the cost", () => {
    const text = readouts(DEFAULTS);
    expect(text.rf).toContain("L = 16 层（k = 3，w = 512）时的理论感受野：卷积 33，");
    expect(text.rf).toContain("空洞卷积 8192（已覆盖全序列，理论值 131071）");
    expect(text.layers).toBe(
      "覆盖 n = 8192 个位置需要：卷积 4096 层，空洞卷积 13 层，滑动窗口注意力 16 层，全局自注意力 1 层",
    );
    expect(text.cost).toContain("全局注意力的 n² 项成为瓶颈");
    expect(readouts({ ...DEFAULTS, n: 2048 }).cost).toContain("全局注意力的主项反而比卷积小");
  });
});
