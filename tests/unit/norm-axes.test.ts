import { describe, expect, it } from "vitest";
import {
  activations,
  analyse,
  bnMeanDraws,
  bnNoise,
  bnStats,
  D,
  EPS,
  FEATURE_MEANS,
  FEATURE_SCALES,
  layerNormToken,
  lnStats,
  type Mask,
  maskFromLengths,
  type NormState,
  paddedBatch,
  params,
  readouts,
  sequenceLengths,
  T,
  type Tensor,
} from "../../components/demos/norm-axes/model";
import { defaultState } from "../../src/lib/url-state";

const DEFAULTS: NormState = defaultState(params);
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: readonly number[]) => mean(xs.map((x) => (x - mean(xs)) ** 2));

describe("padded batch", () => {
  it("pads round(p·B·T) positions at the ends of sequences, keeping at least one real token each", () => {
    expect(sequenceLengths(4, 0)).toEqual([6, 6, 6, 6]);
    for (const batch of [1, 3, 4, 8]) {
      for (const pad of [0.1, 0.3, 0.5, 0.8]) {
        const lengths = sequenceLengths(batch, pad);
        expect(lengths).toHaveLength(batch);
        const pads = lengths.reduce((a, l) => a + (T - l), 0);
        expect(pads).toBe(Math.min(Math.round(pad * batch * T), batch * (T - 1)));
        for (const l of lengths) expect(l).toBeGreaterThanOrEqual(1);
      }
    }
    // One sequence at the highest padding share: a single real token (the B = 1, T = 1 case).
    expect(sequenceLengths(1, 0.8)).toEqual([1]);
    // Lengths differ within a batch, like real sentences.
    expect(new Set(sequenceLengths(4, 0.3)).size).toBeGreaterThan(1);
  });

  it("holds 0 at padded positions and the seeded activations elsewhere", () => {
    const pool = activations(3);
    expect(activations(3)).toEqual(pool);
    expect(activations(4)).not.toEqual(pool);
    const { x, mask, lengths, padShare } = paddedBatch(3, 4, 0.3);
    expect(lengths).toEqual(sequenceLengths(4, 0.3));
    expect(padShare).toBeCloseTo(1 - lengths.reduce((a, l) => a + l, 0) / 24, 12);
    x.forEach((seq, b) => {
      seq.forEach((token, t) => {
        expect(token).toHaveLength(D);
        expect(token).toEqual(mask[b][t] ? pool[b][t] : Array(D).fill(0));
      });
    });
  });

  it("gives the features different means and scales", () => {
    const pool = activations(1);
    for (let k = 0; k < D; k++) {
      const values = pool.flatMap((seq) => seq.map((token) => token[k]));
      expect(mean(values)).toBeCloseTo(FEATURE_MEANS[k], 0);
    }
    expect(new Set(FEATURE_MEANS).size).toBe(D);
    expect(Math.max(...FEATURE_SCALES) / Math.min(...FEATURE_SCALES)).toBeGreaterThan(3);
  });
});

describe("LayerNorm statistics", () => {
  it("match a hand-checked token: [1, 2, 3, 4] → mean 2.5, biased variance 1.25", () => {
    const x: Tensor = [[[1, 2, 3, 4]]];
    const s = lnStats(x, 0, 0);
    expect(s).toEqual({ mean: 2.5, variance: 1.25, count: 4 });
    const y = layerNormToken(x, 0, 0);
    const sd = Math.sqrt(1.25 + EPS);
    [-1.5, -0.5, 0.5, 1.5].forEach((dev, i) => {
      expect(y[i]).toBeCloseTo(dev / sd, 12);
    });
    expect(y[3]).toBeCloseTo(1.3416, 4);
  });

  it("normalise every real token to mean 0, variance ≈ 1 over its d features", () => {
    const { x, mask } = paddedBatch(1, 8, 0.3);
    for (let b = 0; b < 8; b++) {
      for (let t = 0; t < T; t++) {
        if (!mask[b][t]) continue;
        const y = layerNormToken(x, b, t);
        expect(mean(y)).toBeCloseTo(0, 10);
        expect(variance(y)).toBeCloseTo(1, 4);
      }
    }
  });

  it("are unchanged by padding and by the batch size for real tokens", () => {
    const full = paddedBatch(2, 8, 0);
    for (const [batch, pad] of [
      [8, 0.5],
      [3, 0.8],
      [1, 0.3],
    ]) {
      const padded = paddedBatch(2, batch, pad);
      for (let b = 0; b < batch; b++) {
        for (let t = 0; t < padded.lengths[b]; t++) expect(lnStats(padded.x, b, t)).toEqual(lnStats(full.x, b, t));
      }
    }
  });
});

describe("BatchNorm statistics", () => {
  // B = 2, T = 2, d = 2
  const x: Tensor = [
    [
      [1, 10],
      [3, 20],
    ],
    [
      [5, 30],
      [7, 40],
    ],
  ];

  it("are per feature over all (b, t): hand-checked", () => {
    expect(bnStats(x, 0)).toEqual({ mean: 4, variance: 5, count: 4 });
    expect(bnStats(x, 1)).toEqual({ mean: 25, variance: 125, count: 4 });
  });

  it("with a mask equal BN over the real tokens only, whatever the padded positions hold", () => {
    const mask: Mask = [
      [true, true],
      [true, false],
    ];
    const s = bnStats(x, 0, mask);
    expect(s.count).toBe(3);
    expect(s.mean).toBeCloseTo(3, 12);
    expect(s.variance).toBeCloseTo(8 / 3, 12);
    const garbage = structuredClone(x);
    garbage[1][1] = [99, -99];
    expect(bnStats(garbage, 0, mask)).toEqual(s);

    // On the demo's batch: masked BN = plain statistics of the real tokens' values.
    const batch = paddedBatch(5, 6, 0.4);
    const pool = activations(5);
    for (let k = 0; k < D; k++) {
      const real = batch.lengths.flatMap((len, b) => pool[b].slice(0, len).map((token) => token[k]));
      const masked = bnStats(batch.x, k, batch.mask);
      expect(masked.count).toBe(real.length);
      expect(masked.mean).toBeCloseTo(mean(real), 12);
      expect(masked.variance).toBeCloseTo(variance(real), 12);
    }
  });

  it("with zero pads: unmasked mean = (1 − p)·real mean, variance = (1 − p)(v + μ²) − (1 − p)²μ²", () => {
    // The article's example: real values with mean 2 and variance 1, 75% padding → mean 0.5, variance 1.0.
    const oneFeature: Tensor = [[[1], [3], [0], [0], [0], [0], [0], [0]]];
    const s = bnStats(oneFeature, 0);
    expect(s.mean).toBeCloseTo(0.5, 12);
    expect(s.variance).toBeCloseTo(1, 12);

    for (const [batch, pad] of [
      [4, 0.3],
      [8, 0.5],
      [2, 0.8],
    ]) {
      const { x: xs, mask, padShare: p } = paddedBatch(1, batch, pad);
      expect(p).toBeGreaterThan(0);
      for (let k = 0; k < D; k++) {
        const all = bnStats(xs, k);
        const real = bnStats(xs, k, mask);
        expect(all.count).toBe(batch * T);
        expect(all.mean).toBeCloseTo((1 - p) * real.mean, 12);
        expect(all.variance).toBeCloseTo(
          (1 - p) * (real.variance + real.mean ** 2) - (1 - p) ** 2 * real.mean ** 2,
          10,
        );
      }
    }
  });

  it("collapse to β = 0 when one real token is all that is averaged (B = 1, T = 1)", () => {
    const state: NormState = { ...DEFAULTS, batch: 1, pad: 0.8, stats: "mask", b: 1, t: 1 };
    const a = analyse(state);
    expect(a.used.count).toBe(1);
    expect(a.used.variance).toBe(0);
    expect(a.out).toBe(0);
    expect(readouts(state).value).toContain("只有 1 个数参与统计，方差为 0，输出恒为 β = 0");
  });
});

describe("BN noise across batches", () => {
  it("shrinks with batch size like σ / √(B·T)", () => {
    const k = 3; // μ = 2, σ = 1
    const rows = bnNoise(1, 0, k, true);
    expect(rows.map((r) => r.batch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows[7].std).toBeLessThan(0.6 * rows[0].std);
    expect(rows[3].std).toBeLessThan(rows[0].std);
    for (const r of rows) {
      const expected = FEATURE_SCALES[k] / Math.sqrt(r.batch * T);
      expect(r.std).toBeGreaterThan(0.6 * expected);
      expect(r.std).toBeLessThan(1.4 * expected);
      expect(r.mean).toBeCloseTo(FEATURE_MEANS[k], 0);
    }
  });

  it("is deterministic, and with pads included is biased towards 0 by the pad share", () => {
    expect(bnMeanDraws(4, 3, 0.3, 2, false)).toEqual(bnMeanDraws(4, 3, 0.3, 2, false));
    const k = 5; // μ = 3, σ = 0.5
    const masked = bnNoise(1, 0.5, k, true);
    const unmasked = bnNoise(1, 0.5, k, false);
    for (let i = 0; i < 8; i++) {
      const p = paddedBatch(1, i + 1, 0.5).padShare;
      expect(masked[i].mean).toBeCloseTo(FEATURE_MEANS[k], 0);
      expect(unmasked[i].mean / (1 - p)).toBeCloseTo(FEATURE_MEANS[k], 0);
      expect(unmasked[i].mean).toBeLessThan(masked[i].mean - 1);
    }
  });
});

describe("read-outs", () => {
  it("report the default batch's BN and LN statistics", () => {
    const a = analyse(DEFAULTS);
    expect(maskFromLengths(a.data.lengths)).toEqual(a.data.mask);
    expect(a.bnAll.count).toBe(24);
    const text = readouts(DEFAULTS);
    expect(text.bn).toBe(
      "BN（特征 k=4）：含 padding 时均值 1.68，方差 1.95（24 个数，padding 占 29%）／只算真实 token：均值 2.38，方差 1.10（17 个数）",
    );
    expect(text.ln).toBe("LN（token b=2，t=2）：均值 0.88，方差 6.32（8 个特征，与 padding 和 batch 无关）");
    expect(text.value).toBe("x[b=2，t=2，k=4] = 2.98 → BN（含 padding）后 (2.98 − 1.68) / √(1.95 + ε) = 0.93");
    expect(text.noise).toMatch(/^batch = 4 时，特征 k=4 的 BN 均值在 30 个随机 batch 间的标准差 0\.\d\d/);
  });

  it("switch the element's statistics with the mode and the mask; LN ignores padding", () => {
    const bnMasked = analyse({ ...DEFAULTS, stats: "mask" });
    expect(bnMasked.used).toEqual(bnMasked.bnReal);
    const ln = analyse({ ...DEFAULTS, mode: "ln" });
    expect(ln.used).toEqual(ln.ln);
    expect(readouts({ ...DEFAULTS, mode: "ln" }).value).toContain("LN 后");
    // b beyond the batch falls back to the last sequence
    expect(analyse({ ...DEFAULTS, batch: 2, b: 8 }).b).toBe(1);
    const lnText = (pad: number) => readouts({ ...DEFAULTS, mode: "ln", t: 1, pad }).ln;
    expect(lnText(0)).toBe(lnText(0.8));
    expect(readouts({ ...DEFAULTS, t: 6 }).ln).toContain("padding 位置");
  });
});
