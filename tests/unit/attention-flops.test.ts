import { describe, expect, it } from "vitest";
import { figures } from "../../components/demos/attention-flops/chart";
import {
  crossover,
  type FlopsState,
  flopsText,
  linearFlops,
  params,
  parts,
  quadFlops,
  quadShare,
  readouts,
} from "../../components/demos/attention-flops/model";
import { defaultState } from "../../src/lib/url-state";

const BASE: FlopsState = defaultState(params);
const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

describe("counting one layer's forward FLOPs", () => {
  it("adds up the article's table: 6nd² + 2nd² + 16nd² = 24nd², 2n²d + 2n²d = 4n²d", () => {
    const [n, d] = [1000, 64];
    const p = parts(n, d, "full");
    expect(p.qkv).toBe(6 * n * d * d);
    expect(p.out).toBe(2 * n * d * d);
    expect(p.ffn).toBe(16 * n * d * d);
    expect(p.qk).toBe(2 * n * n * d);
    expect(p.pv).toBe(p.qk);
    expect(p.qkv + p.out + p.ffn).toBe(linearFlops(n, d));
    expect(p.qk + p.pv).toBe(quadFlops(n, d, "full"));
    expect(sum(p)).toBe(24 * n * d * d + 4 * n * n * d);
  });

  it("LLaMA-7B shape at 4K: 24·4096³ ≈ 1.65 TFLOPs linear, 4·4096³ ≈ 275 GFLOPs n²", () => {
    expect(linearFlops(4096, 4096)).toBe(24 * 4096 ** 3);
    expect(flopsText(linearFlops(4096, 4096))).toBe("1.65 TFLOPs");
    expect(flopsText(quadFlops(4096, 4096, "full"))).toBe("275 GFLOPs");
  });

  it("a causal kernel that skips the masked blocks halves only the n² part", () => {
    const full = parts(8192, 1024, "full");
    const causal = parts(8192, 1024, "causal");
    expect(causal.qk).toBe(full.qk / 2);
    expect(causal.pv).toBe(full.pv / 2);
    expect(causal.ffn).toBe(full.ffn);
    expect(quadFlops(8192, 1024, "causal")).toBe(2 * 8192 ** 2 * 1024);
  });
});

describe("the n² share and the crossover", () => {
  it("is n/(n + 6d): 14%, 50%, 73%, 91% at n = d, 6d, 16d, 64d (the article's list), for any d", () => {
    for (const d of [256, 768, 4096, 16384]) {
      expect(quadShare(d, d, "full")).toBeCloseTo(1 / 7, 12);
      expect(quadShare(6 * d, d, "full")).toBeCloseTo(0.5, 12);
      expect(quadShare(16 * d, d, "full")).toBeCloseTo(16 / 22, 12);
      expect(quadShare(64 * d, d, "full")).toBeCloseTo(64 / 70, 12);
    }
    expect(Math.round(100 * quadShare(4096, 4096, "full"))).toBe(14);
    expect(Math.round(100 * quadShare(16 * 4096, 4096, "full"))).toBe(73);
    expect(Math.round(100 * quadShare(64 * 4096, 4096, "full"))).toBe(91);
  });

  it("is n/(n + 12d) causal: about 8% for a 7B model at 4K, 50% at 12d", () => {
    expect(quadShare(4096, 4096, "causal")).toBeCloseTo(1 / 13, 12);
    expect(Math.round(100 * quadShare(4096, 4096, "causal"))).toBe(8);
    expect(quadShare(12 * 4096, 4096, "causal")).toBeCloseTo(0.5, 12);
  });

  it("the terms are equal exactly at the crossover: GPT-2 small 4608, LLaMA-7B 24576 (49152 causal)", () => {
    expect(crossover(768, "full")).toBe(4608);
    expect(crossover(4096, "full")).toBe(24576);
    expect(crossover(4096, "causal")).toBe(49152);
    for (const mask of ["full", "causal"]) {
      const n = crossover(2048, mask);
      expect(quadFlops(n, 2048, mask)).toBe(linearFlops(n, 2048));
    }
  });

  it("rises with n and falls with d, from the ends of both sliders", () => {
    const { n, d } = params;
    expect(quadShare(n.min, d.max, "causal")).toBeLessThan(0.001); // 128 tokens, d = 16384
    expect(quadShare(n.max, d.min, "full")).toBeGreaterThan(0.998); // 1M tokens, d = 256
    expect(quadShare(n.max, d.max, "full")).toBeCloseTo(64 / 70, 12); // n = 64d exactly
    let last = 0;
    for (let x = n.min; x <= n.max; x *= 2) {
      const s = quadShare(x, 4096, "full");
      expect(s).toBeGreaterThan(last);
      last = s;
    }
  });
});

describe("read-outs", () => {
  it("state the default (LLaMA-7B at 4K) as the article does: 14%, causal 8%", () => {
    const r = readouts(BASE);
    expect(r.flops).toContain("n = 4,096，d = 4,096（n/d = 1）：线性项 24nd² = 1.65 TFLOPs");
    expect(r.flops).toContain("n² 项 4n²d = 275 GFLOPs");
    expect(r.share).toContain("n² 项占整层的 14.3%（n/(n + 6d)），线性项占大头；交点 n = 6d = 24,576");
    expect(r.share).toContain("因果 kernel 跳过一半后占 7.7%");
  });

  it("follow the mask and the side of the crossover", () => {
    const r = readouts({ ...BASE, n: 65536, mask: "causal" });
    expect(r.flops).toContain("n² 项 2n²d");
    expect(r.share).toContain("n² 项占整层的 57.1%（n/(n + 12d)），n² 项占大头；交点 n = 12d = 49,152");
    expect(r.share).toContain("不跳过时占 72.7%");
    expect(readouts({ ...BASE, n: 24576 }).share).toContain("50.0%（n/(n + 6d)），两项相等");
  });
});

describe("figures", () => {
  it("draw both terms, the crossover and the article's reference points", () => {
    const f = figures(BASE, { width: 440 });
    expect(f.cost.ariaDescription).toContain("n = 6d = 24576");
    expect(f.share.ariaDescription).toContain("n = d 时 14%，n = 6d 时 50%，n = 16d 时 73%，n = 64d 时 91%");
    expect(f.split.ariaDescription).toContain("FFN 16nd² 57.1%");
    const causal = figures({ ...BASE, mask: "causal" }, { width: 440 });
    expect(causal.share.ariaDescription).toContain("n = 12d 时 50%");
    expect(causal.split.ariaDescription).toContain("QKᵀ n²d");
  });
});
