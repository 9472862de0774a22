/** The residual-gradient demo (NRM-01) as a reader uses it: depth, weight scale, seed. */
import { expect, test } from "@playwright/test";
import {
  analyse,
  params,
  type ResidualState,
  readouts,
  VARIANTS,
} from "../../components/demos/residual-gradient/model";
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

const NRM01 = "/q/residual-connections/";
const DEFAULTS: ResidualState = defaultState(params);
const NS = "resgrad";
const RESGRAD: Demo = { url: NRM01, ns: NS };

async function vertices(demo: DemoPage, figure: string, className: string): Promise<[number, number][]> {
  const d = (await demo.figure(figure).locator(`g.${className} path`).getAttribute("d")) ?? "";
  return [...d.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** The y tick labels of the gradient figure (log axis: their range shows how far the curves spread). */
const gradTicks = (demo: DemoPage) =>
  demo
    .figure("grad")
    .locator("svg text")
    .evaluateAll((els) => els.map((el) => el.textContent ?? ""));

async function expectReadouts(demo: DemoPage, state: ResidualState) {
  const texts = readouts(state);
  for (const key of ["input", "layers"] as const) {
    await expect(demo.readout(key)).toHaveText(texts[key]);
  }
}

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, RESGRAD, {
    figures: ["grad", "size"],
    maxSvgBytes: 30_000,
    check: async (demo) => {
      await expectReadouts(demo, DEFAULTS);
      for (const v of VARIANTS) expect(await vertices(demo, "grad", `resgrad-${v}`)).toHaveLength(DEFAULTS.L + 1);
      // Three end dots, the plain one far below the others (the gradient vanished).
      await expect(demo.figure("grad").locator("g.resgrad-end circle")).toHaveCount(3);
      expect(await gradTicks(demo)).toContain("10⁻⁶");
    },
  }));

test("depth: every line gets one vertex per layer and the plain gradient vanishes further", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(NRM01);
  await demo.press("L", "End");
  await expect(demo.output("L")).toHaveText("100");
  await expect(page).toHaveURL(/[?&]resgrad\.L=100(&|$)/);
  const deep = { ...DEFAULTS, L: 100 };
  await expectReadouts(demo, deep);
  await expect(demo.readout("layers")).toContainText("100 层连乘");
  for (const v of VARIANTS) {
    await expect.poll(async () => (await vertices(demo, "grad", `resgrad-${v}`)).length).toBe(101);
  }
  expect(analyse(deep).plain.grad[0]).toBeLessThan(analyse(DEFAULTS).plain.grad[0] * 1e-3);
  await expect.poll(() => gradTicks(demo)).toContain("10⁻⁹");

  await demo.press("L", "Home");
  await expect(demo.output("L")).toHaveText("2");
  await expectReadouts(demo, { ...DEFAULTS, L: 2 });
  await expect.poll(async () => (await vertices(demo, "size", "resgrad-size-plain")).length).toBe(3);
});

test("weight scale: σ = 2 makes the plain gradient explode instead of vanish", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(NRM01);
  await demo.press("sigma", "End");
  await expect(demo.output("sigma")).toHaveText("2");
  await expect(page).toHaveURL(/[?&]resgrad\.sigma=2(&|$)/);
  const big = { ...DEFAULTS, sigma: 2 };
  await expectReadouts(demo, big);
  const a = analyse(big);
  expect(a.plain.grad[0]).toBeGreaterThan(10);
  // The plain line's input end now sits above the top (1): smaller SVG y is higher.
  await expect
    .poll(async () => {
      const pts = await vertices(demo, "grad", "resgrad-plain");
      return pts[0][1] < pts[pts.length - 1][1];
    })
    .toBe(true);

  await demo.press("sigma", "Home");
  await expect(demo.output("sigma")).toHaveText("0.3");
  await expectReadouts(demo, { ...DEFAULTS, sigma: 0.3 });
  await expect.poll(() => gradTicks(demo)).toContain("10⁻²⁵");
});

test("another seed draws other weights: new numbers, same picture", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(NRM01);
  const before = await demo.figure("grad").locator("g.resgrad-residual path").getAttribute("d");
  await demo.press("seed", "End");
  await expect(demo.output("seed")).toHaveText("50");
  const other = { ...DEFAULTS, seed: 50 };
  await expectReadouts(demo, other);
  await expect.poll(() => demo.figure("grad").locator("g.resgrad-residual path").getAttribute("d")).not.toBe(before);
  const a = analyse(other);
  expect(a.plain.grad[0]).toBeLessThan(1e-4);
  expect(a.residual.grad[0]).toBeGreaterThan(5);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, RESGRAD, {
    params: { L: "20", sigma: "1.5", seed: "9" },
    shows: { outputs: { L: "20", sigma: "1.5", seed: "9" } },
    check: async (demo) => {
      await expectReadouts(demo, { L: 20, sigma: 1.5, seed: 9 });
      await expect.poll(async () => (await vertices(demo, "grad", "resgrad-scaled")).length).toBe(21);
    },
    redraw: false,
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, RESGRAD, {
    garbage: { L: "1", sigma: "x", seed: "-3" },
    defaults: { outputs: { L: "50" } },
    check: (demo) => expectReadouts(demo, DEFAULTS),
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, RESGRAD, {
    params: { sigma: "1.2" },
    before: { outputs: { sigma: "1.2" } },
    defaults: { outputs: { sigma: "0.8" } },
    check: (demo) => expectReadouts(demo, DEFAULTS),
  }));

for (const scheme of SCHEMES) {
  test(`axe: NRM-01 with the demo (${scheme})`, ({ page }) => axeClean(page, RESGRAD, scheme, { wait: "networkidle" }));
}
