/** The activation-curves demo (DL-03) as a reader uses it: Swish's β and the probe x. */
import { expect, test } from "@playwright/test";
import { type ActivationCurvesState, params, readouts } from "../../components/demos/activation-curves/model";
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

const DL03 = "/q/swish-vs-relu/";
const NS = "swish";
const SWISH: Demo = { url: DL03, ns: NS };
const DEFAULTS: ActivationCurvesState = defaultState(params);

/** The centre of the minimum's ring on the value plot (smaller y is higher). */
const minimum = (demo: DemoPage) =>
  demo
    .figure("values")
    .locator("g.actcurve-min circle")
    .evaluate((c) => [Number(c.getAttribute("cx")), Number(c.getAttribute("cy"))]);
const probeX = (demo: DemoPage, figure: string) =>
  demo
    .figure(figure)
    .locator("g.actcurve-probe circle")
    .evaluateAll((dots) => dots.map((d) => Number(d.getAttribute("cx"))));
const path = (demo: DemoPage, figure: string, className: string) =>
  demo.figure(figure).locator(`g.${className} path`).first().getAttribute("d");

async function expectReadouts(demo: DemoPage, state: ActivationCurvesState) {
  const texts = readouts(state);
  for (const key of ["probe", "minimum", "limits"] as const) await expect(demo.readout(key)).toHaveText(texts[key]);
}

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, SWISH, {
    figures: ["values", "slopes"],
    maxSvgBytes: 14_000,
    shows: {
      readouts: {
        probe: "Swish₁（SiLU） −0.238（导数 −0.0908）",
        minimum: ["β = 1 就是 SiLU", "x* = −1.2785/β = −1.278", "−W(1/e)/β = −0.2785"],
      },
      figures: { values: "最小值（−1.28, −0.278）", slopes: "f′(x)" },
    },
    check: async (demo) => {
      await expectReadouts(demo, DEFAULTS);
      await expect(demo.figure("values").locator("g.actcurve-min circle")).toHaveCount(1);
      await expect(demo.figure("slopes").locator("g.actcurve-extreme circle")).toHaveCount(2);
      await expect(demo.figure("values").locator("g.actcurve-probe circle")).toHaveCount(3);
    },
  }));

test("β → 10: Swish hugs ReLU and its minimum shrinks by 1/β towards the origin", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DL03);
  await demo.settled();
  const [x0, y0] = await minimum(demo);
  const swish = await path(demo, "values", "actcurve-swish");
  const fixed = await path(demo, "values", "actcurve-fixed");
  await demo.press("beta", "End");
  await expect(demo.output("beta")).toHaveText("10");
  await expectReadouts(demo, { ...DEFAULTS, beta: 10 });
  await expect(demo.readout("minimum")).toContainText("x* = −1.2785/β = −0.1278，最小值 −W(1/e)/β = −0.02785");
  await expect(demo.readout("limits")).toContainText("与 ReLU 的最大差距 W(1/e)/β = 0.0278");
  await expect.poll(async () => (await minimum(demo))[0]).toBeGreaterThan(x0);
  expect((await minimum(demo))[1]).toBeLessThan(y0); // −0.028 sits higher than −0.278
  await expect.poll(() => path(demo, "values", "actcurve-swish")).not.toBe(swish);
  expect(await path(demo, "values", "actcurve-fixed")).toBe(fixed); // ReLU and GELU do not depend on β
  // The derivative's extremes move in to ±0.24 but keep their values (two dots on the dotted rules).
  await expect(demo.figure("slopes").locator("g.actcurve-extreme circle")).toHaveCount(2);
  await expect(page).toHaveURL(/[?&]swish\.beta=10(&|$)/);
});

test("β → 0.1: Swish is nearly the line x/2 and its minimum leaves the plot", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DL03);
  await demo.settled();
  await demo.press("beta", "Home");
  await expect(demo.output("beta")).toHaveText("0.1");
  await expectReadouts(demo, { ...DEFAULTS, beta: 0.1 });
  await expect(demo.readout("minimum")).toContainText("−12.78（在图左侧之外）");
  await expect(demo.figure("values").locator("g.actcurve-min circle")).toHaveCount(0);
  await expect(demo.figure("slopes").locator("g.actcurve-extreme circle")).toHaveCount(0); // at ±24
});

test("β ≈ 1.7 is GELU's approximation xσ(1.702x): the gap to GELU drops to about 0.02", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DL03);
  await demo.input("beta").focus();
  for (let i = 0; i < 23; i++) await page.keyboard.press("ArrowRight");
  await expect(demo.output("beta")).toHaveText("1.7");
  const state = { ...DEFAULTS, beta: 1.698 };
  await expectReadouts(demo, state);
  const gap = Number(/与 GELU 的最大差距 ([\d.]+)/.exec(readouts(state).limits)?.[1]);
  expect(gap).toBeGreaterThan(0.019);
  expect(gap).toBeLessThan(0.022);
  await expect(page).toHaveURL(/[?&]swish\.beta=1\.698(&|$)/);
});

test("the probe slider moves the dots on both plots and the values in the read-out", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DL03);
  await demo.settled();
  const before = await probeX(demo, "values");
  await demo.press("x", "Home");
  await expect(demo.output("x")).toHaveText("-5");
  await expect(demo.readout("probe")).toHaveText(readouts({ ...DEFAULTS, x: -5 }).probe);
  await expect.poll(async () => (await probeX(demo, "values"))[0]).toBeLessThan(before[0]);
  await demo.press("x", "End");
  await expect(demo.output("x")).toHaveText("3");
  await expect(demo.readout("probe")).toContainText(
    "x = 3：ReLU 3（导数 1），GELU 3（导数 1.01），Swish₁（SiLU） 2.86",
  );
  await expect.poll(async () => (await probeX(demo, "slopes"))[0]).toBeGreaterThan(before[0]);
  await expect(demo.readout("minimum")).toHaveText(readouts(DEFAULTS).minimum); // the probe does not move it
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, SWISH, {
    params: { beta: "4", x: "0.5" },
    shows: { outputs: { beta: "4", x: "0.5" } },
    check: (demo) => expectReadouts(demo, { beta: 4, x: 0.5 }),
    afterRedraw: async (demo) => {
      await expect(demo.figure("values")).toContainText("最小值（−0.32, −0.0696）");
    },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, SWISH, {
    garbage: { beta: "0", x: "9" },
    defaults: { outputs: { beta: "1", x: "-2" } },
    check: (demo) => expectReadouts(demo, DEFAULTS),
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, SWISH, {
    params: { beta: "0.5", x: "1" },
    before: { outputs: { beta: "0.5", x: "1" } },
    defaults: { outputs: { beta: "1", x: "-2" } },
    check: (demo) => expectReadouts(demo, DEFAULTS),
  }));

for (const scheme of SCHEMES) {
  test(`axe: DL-03 with the demo (${scheme})`, ({ page }) => axeClean(page, SWISH, scheme, { params: { beta: "3" } }));
}
