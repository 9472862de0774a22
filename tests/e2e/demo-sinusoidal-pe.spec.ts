/** The sinusoidal-PE demo (POS-01) as a reader uses it: heatmap, PE(p)·PE(p+k) and its per-pair terms. */
import { expect, test } from "@playwright/test";
import { dotByOffset } from "../../components/demos/sinusoidal-pe/model";
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

const POS01 = "/q/why-positional-encoding-sinusoidal/";
const NS = "pe";
const PE: Demo = { url: POS01, ns: NS };

const heatmapHref = (demo: DemoPage) => demo.figure("heatmap").locator("g.pe-heatmap image").getAttribute("href");
const curvePath = (demo: DemoPage) => demo.figure("dots").locator("g.pe-curve path").getAttribute("d");
const tickTexts = (demo: DemoPage, key: string) =>
  demo
    .figure(key)
    .locator("svg text")
    .evaluateAll((els) => els.map((el) => el.textContent ?? ""));
/** Per-pair terms drawn below zero (orange), and all of them. */
const terms = (demo: DemoPage) =>
  demo
    .figure("terms")
    .locator("g.pe-term line")
    .evaluateAll((lines) => ({
      all: lines.length,
      negative: lines.filter((l) => l.getAttribute("stroke") === "#e0803a").length,
    }));
/** Vertical distance between the outlines of rows p and p+k, in rows. */
const rowGap = (demo: DemoPage) =>
  demo
    .figure("heatmap")
    .locator("g.pe-row rect")
    .evaluateAll((rects) => {
      const ys = rects.map((r) => Number(r.getAttribute("y")));
      const h = Number(rects[0].getAttribute("height"));
      return Math.round((ys[1] - ys[0]) / h);
    });

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, PE, {
    figures: ["heatmap", "dots", "terms"],
    maxSvgBytes: 32_000,
    check: async (demo) => {
      expect(await heatmapHref(demo)).toMatch(/^data:image\/png;base64,/);
      await expect(demo.figure("heatmap").locator("g.pe-row rect")).toHaveCount(2);
      await expect(demo.figure("terms").locator("g.pe-term line")).toHaveCount(32);
    },
    shows: {
      readouts: { dot: ["PE(37)·PE(45) = 22.4", "PE(500)·PE(508) = 22.4"], decay: "d_model = 64" },
    },
  }));

test("moving p scrolls the heatmap but leaves the dot-product curve and its value unchanged", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(POS01);
  await demo.press("p", "ArrowRight"); // p = 38: first render at the real width
  await expect(demo.output("p")).toHaveText("38");
  await demo.rendered();
  const curve = await curvePath(demo);
  const href = await heatmapHref(demo);
  await demo.press("p", "End"); // p = 1000
  await expect(demo.output("p")).toHaveText("1000");
  await expect(page).toHaveURL(/[?&]pe\.p=1000(&|$)/);
  await expect(demo.readout("dot")).toContainText("PE(1000)·PE(1008) = 22.4");
  await expect.poll(() => heatmapHref(demo)).not.toBe(href);
  await expect.poll(() => tickTexts(demo, "heatmap")).toContain("1000");
  expect(await curvePath(demo)).toBe(curve);
  // The markers of the reader's start are all on the curve for any p (three starts: 3 marker groups).
  await expect(demo.figure("dots").locator("g.pe-start")).toHaveCount(3);
});

test("k moves the second outlined row and changes the terms; the read-out keeps p-independence", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(POS01);
  await demo.press("k", "ArrowLeft"); // k = 7
  await demo.rendered();
  expect(await rowGap(demo)).toBe(7);
  await demo.press("k", "End"); // k = 40
  await expect(demo.output("k")).toHaveText("40");
  const value = dotByOffset(40, 64, 10_000).toFixed(1);
  await expect(demo.readout("dot")).toContainText(`PE(37)·PE(77) = ${value}`);
  await expect(demo.readout("dot")).toContainText(`PE(0)·PE(40) = ${value}`);
  await expect.poll(() => rowGap(demo)).toBe(40);
  await expect(demo.figure("terms")).toContainText(`cos(40·ω_i) 求和 = ${value}`);
  await demo.press("k", "Home"); // k = 0: every term is cos 0 = 1
  await expect(demo.readout("dot")).toContainText("PE(37)·PE(37) = 32.0");
  await expect.poll(async () => (await terms(demo)).negative).toBe(0);
});

test("d_model sets the number of columns and pairs and gives the article's numbers at 512", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(POS01);
  await demo.select("d").selectOption("512");
  await expect(demo.readout("decay")).toContainText("249.1、173.8、112.0、45.0");
  await expect(demo.readout("decay")).toContainText("√(d/2) = 16.00");
  await expect.poll(async () => (await terms(demo)).all).toBe(256);
  await expect.poll(() => tickTexts(demo, "heatmap")).toContain("448");
  await demo.select("d").selectOption("16");
  await expect.poll(async () => (await terms(demo)).all).toBe(8);
  await expect(page).toHaveURL(/[?&]pe\.d=16(&|$)/);
});

test("a larger base slows the low-frequency pairs: fewer terms turn negative", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(POS01);
  await demo.press("base", "Home"); // base = 10
  await expect(demo.output("base")).toHaveText("10");
  await demo.rendered();
  const small = (await terms(demo)).negative;
  await demo.press("base", "End"); // base = 1,000,000
  await expect(demo.output("base")).toHaveText("1000000");
  await expect(demo.readout("decay")).toContainText("base = 1,000,000");
  await expect.poll(async () => (await terms(demo)).negative).toBeLessThan(small);
  await expect(demo.readout("wave")).toContainText("第 31 对");
});

test("the k range widens the curve's axis", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(POS01);
  await demo.select("span").selectOption("1000");
  await expect(page).toHaveURL(/[?&]pe\.span=1000(&|$)/);
  await expect.poll(() => tickTexts(demo, "dots")).toContain("1,000");
  await demo.select("span").selectOption("50");
  await expect.poll(() => tickTexts(demo, "dots")).toContain("50");
  expect(await tickTexts(demo, "dots")).not.toContain("1,000");
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, PE, {
    params: { d: "512", base: "500000", p: "200", k: "3", span: "500" },
    shows: {
      selects: { d: "512", span: "500" },
      outputs: { base: "500000", p: "200", k: "3" },
      readouts: { dot: "PE(200)·PE(203)" },
    },
    afterRedraw: (demo) => expect(demo.figure("terms").locator("g.pe-term line")).toHaveCount(256),
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, PE, {
    garbage: { d: "7", base: "abc", p: "5000" },
    defaults: { outputs: { p: "37" }, readouts: { dot: "PE(37)·PE(45) = 22.4" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, PE, {
    params: { p: "300", d: "128" },
    before: { outputs: { p: "300" } },
    defaults: { outputs: { p: "37" }, selects: { d: "64" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: POS-01 with the demo (${scheme})`, ({ page }) => axeClean(page, PE, scheme, { wait: "networkidle" }));
}
