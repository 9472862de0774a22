import { describe, expect, it } from "vitest";
import { defaultState, type ParamSpecs, readState, writeState } from "../../src/lib/url-state";

const specs = {
  T: { type: "number", label: "温度", min: 0.05, max: 20, step: 0.01, default: 1, log: true },
  dk: { type: "choice", label: "d_k", options: [4, 64, 512], default: 64 },
  seed: { type: "number", label: "seed", min: 1, max: 999, step: 1, default: 1, integer: true },
} satisfies ParamSpecs;

describe("demo URL state", () => {
  it("reads valid namespaced values and ignores other demos' parameters", () => {
    const { state, rejected } = readState("softmax", specs, "?softmax.T=0.5&softmax.dk=512&norm.T=3");
    expect(state).toEqual({ T: 0.5, dk: 512, seed: 1 });
    expect(rejected).toEqual([]);
  });

  it("falls back to defaults for garbage, out-of-range and non-integer values and reports them", () => {
    const { state, rejected } = readState("softmax", specs, "?softmax.T=abc&softmax.dk=13&softmax.seed=2.5");
    expect(state).toEqual(defaultState(specs));
    expect(rejected).toEqual(["softmax.T=abc", "softmax.dk=13", "softmax.seed=2.5"]);
    expect(readState("softmax", specs, "?softmax.T=1e9").rejected).toEqual(["softmax.T=1e9"]);
    expect(readState("softmax", specs, "?softmax.T=Infinity").rejected).toEqual(["softmax.T=Infinity"]);
  });

  it("writes only non-default values and keeps unrelated parameters", () => {
    const url = writeState(
      "softmax",
      specs,
      { T: 0.1 + 0.2, dk: 64, seed: 7 },
      new URL("https://x/q/a/?other=1#pitfalls"),
    );
    expect(url.search).toBe("?other=1&softmax.T=0.3&softmax.seed=7");
    expect(url.hash).toBe("#pitfalls");
    const back = writeState("softmax", specs, defaultState(specs), url);
    expect(back.search).toBe("?other=1");
  });

  it("keeps large integers exact", () => {
    const big = {
      n: { type: "choice", label: "n", options: [4096, 16384, 50257], default: 4096 },
    } satisfies ParamSpecs;
    const url = writeState("cx", big, { n: 50257 }, new URL("https://x/"));
    expect(url.search).toBe("?cx.n=50257");
    expect(readState("cx", big, url.search).state.n).toBe(50257);
  });

  it("writes and reads values beyond 10²¹ (training FLOPs) without a plus sign", () => {
    const flops = {
      C: { type: "number", label: "C", min: 1e19, max: 1e26, step: 0.05, default: 5.76e23, log: true },
    } satisfies ParamSpecs;
    const url = writeState("chin", flops, { C: 1e26 }, new URL("https://x/"));
    expect(url.search).toBe("?chin.C=1e26");
    expect(readState("chin", flops, url.search).state.C).toBe(1e26);
    expect(writeState("chin", flops, { C: 2.512e24 }, new URL("https://x/")).search).toBe("?chin.C=2.512e24");
    // A link written with the sign still reads (encoded, as browsers copy it).
    expect(readState("chin", flops, "?chin.C=1e%2B25").state.C).toBe(1e25);
  });

  it("round-trips a state through the URL", () => {
    const state = { T: 2.5, dk: 4, seed: 42 };
    const url = writeState("softmax", specs, state, new URL("https://x/"));
    expect(readState("softmax", specs, url.search).state).toEqual(state);
  });
});
