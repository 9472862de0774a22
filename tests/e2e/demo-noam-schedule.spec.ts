/** The Noam learning-rate schedule demo (TRN-01) as a reader uses it. */
import { expect, test } from "@playwright/test";
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

const TRN01 = "/q/transformer-lr-schedule-and-dropout/";
const NS = "noam";
const NOAM: Demo = { url: TRN01, ns: NS };

/** Centre of the peak marker, in SVG units (y grows downwards). */
const peakDot = (demo: DemoPage) =>
  demo
    .figure("schedule")
    .locator("g.noam-peak circle")
    .evaluate((d) => [Number(d.getAttribute("cx")), Number(d.getAttribute("cy"))]);
/** x of the probe markers (one per drawn schedule). */
const probeDots = (demo: DemoPage) =>
  demo
    .figure("schedule")
    .locator("g.noam-probe circle")
    .evaluateAll((dots) => dots.map((d) => Number(d.getAttribute("cx"))));
const paths = (demo: DemoPage, name: string) => demo.figure("schedule").locator(`g.${name} path`);

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, NOAM, {
    figures: ["schedule"],
    maxSvgBytes: 8_000,
    shows: {
      readouts: {
        peak: "峰值学习率 6.99e-4（第 4000 步）",
        probe: "第 100000 步：Noam 1.40e-4，是峰值的 0.20",
      },
      figures: { schedule: ["峰值 6.99e-4，第 4000 步", "step（对数轴）"] },
    },
  }));

test("a longer warm-up lowers and delays the peak; the base curve appears as a reference", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(TRN01);
  await demo.settled();
  const [x0, y0] = await peakDot(demo);
  await expect(paths(demo, "noam-base")).toHaveCount(0);
  await demo.press("warmup", "End");
  await expect(demo.output("warmup")).toHaveText("20000");
  await expect(demo.readout("peak")).toContainText("峰值学习率 3.13e-4（第 20000 步）");
  await expect.poll(async () => (await peakDot(demo))[0]).toBeGreaterThan(x0);
  await expect(paths(demo, "noam-base")).toHaveCount(1);
  // The y axis now spans the base peak, so the lower peak sits lower on the chart.
  expect((await peakDot(demo))[1]).toBeGreaterThan(y0);
  // After the warm-up, w drops out: the rate at step 100000 is the same as with w = 4000.
  await expect(demo.readout("probe")).toContainText("第 100000 步：Noam 1.40e-4，是峰值的 0.45");
  await demo.press("warmup", "Home");
  await expect(demo.readout("peak")).toContainText("峰值学习率 1.98e-3（第 500 步）");
  await expect.poll(async () => (await peakDot(demo))[0]).toBeLessThan(x0);
  await expect(page).toHaveURL(/[?&]noam\.warmup=500(&|$)/);
});

test("d_model scales the whole curve by its inverse square root", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(TRN01);
  await demo.press("dModel", "End");
  await expect(demo.output("dModel")).toHaveText("4096");
  await expect(demo.readout("peak")).toContainText(
    "峰值学习率 2.47e-4（第 4000 步），即 (d_model·w)^−0.5 = (4096·4000)^−0.5",
  );
  await expect(demo.readout("probe")).toContainText("Noam 4.94e-5，是峰值的 0.20");
  await page.keyboard.press("ArrowLeft"); // one quarter-octave down
  await expect(demo.output("dModel")).toHaveText("3444");
  await demo.press("dModel", "Home");
  await expect(demo.readout("peak")).toContainText("峰值学习率 1.40e-3（第 4000 步）");
  await expect(paths(demo, "noam-base")).toHaveCount(1);
});

test("the probe slider moves the marker and says which branch it is on", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(TRN01);
  await demo.settled();
  const [before] = await probeDots(demo);
  await demo.press("probe", "Home");
  await expect(demo.output("probe")).toHaveText("500");
  await expect(demo.readout("probe")).toContainText("第 500 步：Noam 8.73e-5，是峰值的 0.13（仍在 warm-up");
  await expect.poll(async () => (await probeDots(demo))[0]).toBeLessThan(before);
  await demo.press("probe", "End");
  await expect(demo.readout("probe")).toContainText("第 300000 步：Noam 8.07e-5，是峰值的 0.12（衰减段");
});

test("the cosine overlay decays to 10% by the end of training; its peak and length are adjustable", async ({
  page,
}) => {
  const demo = demoPage(page, NS);
  await page.goto(TRN01);
  await demo.settled();
  await demo.select("compare").selectOption("cosine");
  await expect(paths(demo, "noam-cosine")).toHaveCount(1);
  await expect.poll(async () => (await probeDots(demo)).length).toBe(2);
  await expect(demo.readout("cosine")).toContainText(
    "余弦对照：峰值 7.00e-4，100000 步内降到峰值的 10%；第 100000 步为 7.00e-5（峰值的 0.10）",
  );
  const [, y0] = await peakDot(demo);
  await demo.press("peak", "End");
  await expect(demo.readout("cosine")).toContainText("峰值 1.00e-2");
  // The y axis grows to the cosine's peak, so the Noam peak drops towards the axis.
  await expect.poll(async () => (await peakDot(demo))[1]).toBeGreaterThan(y0 + 50);
  await demo.press("total", "Home");
  await expect(demo.output("total")).toHaveText("20000");
  await expect(demo.readout("probe")).toContainText("训练结束（第 20000 步）时仍有峰值的 0.45");
  await demo.select("compare").selectOption("none");
  await expect(paths(demo, "noam-cosine")).toHaveCount(0);
  await expect(page).toHaveURL(/noam\.total=20000/);
});

test("the axis select switches between log and linear steps", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(TRN01);
  await demo.settled();
  const [xLog] = await peakDot(demo);
  await demo.select("axis").selectOption("linear");
  await expect.poll(async () => (await demo.figure("schedule").textContent()) ?? "").not.toContain("对数轴");
  // On a linear axis, step 4000 of 100000 sits near the left edge.
  expect((await peakDot(demo))[0]).toBeLessThan(xLog / 2);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, NOAM, {
    params: { dModel: "1024", warmup: "8000", compare: "cosine", peak: "0.0003", axis: "linear" },
    shows: {
      outputs: { dModel: "1024", warmup: "8000" },
      selects: { compare: "cosine", axis: "linear" },
      readouts: { peak: "峰值学习率 3.49e-4（第 8000 步）", cosine: "峰值 3.00e-4" },
    },
    afterRedraw: async (demo) => {
      await expect(paths(demo, "noam-cosine")).toHaveCount(1);
      await expect(paths(demo, "noam-base")).toHaveCount(1);
    },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, NOAM, {
    garbage: { dModel: "100", warmup: "abc", compare: "linear", peak: "1" },
    defaults: { outputs: { dModel: "512", warmup: "4000" }, readouts: { peak: "6.99e-4" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, NOAM, {
    params: { warmup: "8000", compare: "cosine" },
    before: { outputs: { warmup: "8000" }, selects: { compare: "cosine" } },
    defaults: { outputs: { warmup: "4000" }, selects: { compare: "none" }, readouts: { peak: "6.99e-4" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: TRN-01 with the demo (${scheme})`, ({ page }) =>
    axeClean(page, NOAM, scheme, { params: { compare: "cosine", warmup: "8000" } }));
}
