/** The Post-LN vs Pre-LN demo (NRM-04) as a reader uses it: depth, width, seed. */
import { expect, test } from "@playwright/test";
import { analyse, type LnState, MAX_DEPTH, params, readouts } from "../../components/demos/post-vs-pre-ln/model";
import { defaultState } from "../../src/lib/url-state";
import {
  axeClean,
  type Demo,
  type DemoPage,
  demoPage,
  firstFrameWithoutJs,
  garbageFallsBack,
  resetRestoresDefaults,
  SCHEMES,
  sharedLinkRestores,
} from "../support/demo-spec";

const NRM04 = "/q/post-ln-vs-pre-ln/";
const DEFAULTS: LnState = defaultState(params);
const NS = "preln";
const PRELN: Demo = { url: NRM04, ns: NS };

/** Vertices of the line drawn with a mark class (one path per line mark). */
async function vertices(demo: DemoPage, figure: string, className: string): Promise<[number, number][]> {
  const d = (await demo.figure(figure).locator(`g.${className} path`).getAttribute("d")) ?? "";
  return [...d.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** The dashed "current L" rule's x position in the depth figure, as a share of the plot width (0 … 1). */
async function depthRuleShare(demo: DemoPage): Promise<number> {
  return demo.figure("depth").evaluate((figure) => {
    const rule = figure.querySelector("g.preln-here line");
    const post = figure.querySelector("g.preln-depth-post path")?.getAttribute("d") ?? "";
    const xs = [...post.matchAll(/[ML]([-\d.e]+),/g)].map((m) => Number(m[1]));
    const x = Number(rule?.getAttribute("x1") ?? rule?.getAttribute("x"));
    return (x - xs[0]) / (xs[xs.length - 1] - xs[0]);
  });
}

async function expectReadouts(demo: DemoPage, state: LnState) {
  const texts = readouts(state);
  for (const key of ["grad", "depth", "stream"] as const) await expect(demo.readout(key)).toHaveText(texts[key]);
}

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, PRELN, {
    figures: ["layers", "depth", "stream"],
    maxSvgBytes: 40_000,
    check: async (demo) => {
      await expectReadouts(demo, DEFAULTS);
      // One vertex per layer, for both arrangements; the depth figure spans every L from 1 to 96.
      expect(await vertices(demo, "layers", "preln-post")).toHaveLength(DEFAULTS.L);
      expect(await vertices(demo, "layers", "preln-pre")).toHaveLength(DEFAULTS.L);
      expect(await vertices(demo, "depth", "preln-depth-pre")).toHaveLength(MAX_DEPTH);
      expect(await vertices(demo, "stream", "preln-stream-pre")).toHaveLength(DEFAULTS.L + 1);
    },
    after: (demo) => expect(demo.root).toContainText("只含 FFN 的子层"),
  }));

test("deeper Pre-LN shrinks the last layer's gradient and grows the stream; Post-LN's stays put", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(NRM04);
  const at48 = analyse(DEFAULTS);
  await demo.press("L", "End");
  await expect(demo.output("L")).toHaveText(String(MAX_DEPTH));
  await expect(page).toHaveURL(/[?&]preln\.L=96(&|$)/);
  const deep = { ...DEFAULTS, L: MAX_DEPTH };
  await expectReadouts(demo, deep);
  const at96 = analyse(deep);
  expect(at96.perLayer.pre[MAX_DEPTH - 1]).toBeLessThan(at48.perLayer.pre[47] * 0.85);
  expect(at96.stream.pre[MAX_DEPTH]).toBeGreaterThan(at48.stream.pre[48] * 1.25);
  expect(at96.perLayer.post[MAX_DEPTH - 1] / at48.perLayer.post[47]).toBeGreaterThan(0.7);
  expect(at96.perLayer.post[MAX_DEPTH - 1] / at48.perLayer.post[47]).toBeLessThan(1.4);
  await expect.poll(async () => (await vertices(demo, "layers", "preln-pre")).length).toBe(MAX_DEPTH);
  await expect.poll(async () => (await vertices(demo, "stream", "preln-stream-pre")).length).toBe(MAX_DEPTH + 1);
  await expect.poll(() => depthRuleShare(demo)).toBeCloseTo(1, 2);

  await demo.press("L", "Home");
  await expect(demo.output("L")).toHaveText("1");
  await expectReadouts(demo, { ...DEFAULTS, L: 1 });
  await expect.poll(async () => (await vertices(demo, "layers", "preln-post")).length).toBe(1);
  await expect.poll(() => depthRuleShare(demo)).toBeCloseTo(0, 2);
});

test("the width rescales every gradient (≈ d) and keeps the depth pattern", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(NRM04);
  await demo.select("d").selectOption("16");
  await expect(page).toHaveURL(/[?&]preln\.d=16(&|$)/);
  const narrow = { ...DEFAULTS, d: 16 as const };
  await expectReadouts(demo, narrow);
  await expect(demo.readout("grad")).toContainText("d = 16");
  const a = analyse(narrow);
  const b = analyse(DEFAULTS);
  expect(a.perLayer.pre[47]).toBeLessThan(b.perLayer.pre[47] / 2.5);
  // The y axis follows: its ticks now include 2 (a Pre-LN top gradient near 16/√50 ≈ 2.3).
  await expect
    .poll(() =>
      demo
        .figure("layers")
        .locator("svg text")
        .evaluateAll((els) => els.map((el) => el.textContent)),
    )
    .toContain("2");
});

test("another seed redraws the lines: Post-LN's profile moves much more than Pre-LN's", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(NRM04);
  const before = analyse(DEFAULTS);
  const postBefore = await demo.figure("layers").locator("g.preln-post path").getAttribute("d");
  await demo.press("seed", "End");
  await expect(demo.output("seed")).toHaveText("50");
  const other = { ...DEFAULTS, seed: 50 };
  await expectReadouts(demo, other);
  await expect.poll(() => demo.figure("layers").locator("g.preln-post path").getAttribute("d")).not.toBe(postBefore);
  const after = analyse(other);
  const change = (k: "post" | "pre") =>
    Math.max(...after.perLayer[k].map((v, i) => Math.abs(Math.log(v / before.perLayer[k][i]))));
  expect(change("post")).toBeGreaterThan(change("pre"));
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, PRELN, {
    params: { L: "12", d: "32", seed: "7" },
    shows: { outputs: { L: "12", seed: "7" }, selects: { d: "32" } },
    check: (demo) => expectReadouts(demo, { L: 12, d: 32, seed: 7 }),
    afterRedraw: async (demo) => {
      expect(await vertices(demo, "layers", "preln-pre")).toHaveLength(12);
    },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, PRELN, {
    garbage: { L: "abc", d: "7", seed: "2.5" },
    defaults: { outputs: { L: String(DEFAULTS.L) } },
    check: (demo) => expectReadouts(demo, DEFAULTS),
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, PRELN, {
    params: { L: "20", d: "128" },
    before: { outputs: { L: "20" } },
    defaults: { outputs: { L: String(DEFAULTS.L) }, selects: { d: "64" } },
    check: (demo) => expectReadouts(demo, DEFAULTS),
  }));

for (const scheme of SCHEMES) {
  test(`axe: NRM-04 with the demo (${scheme})`, ({ page }) => axeClean(page, PRELN, scheme, { wait: "networkidle" }));
}
