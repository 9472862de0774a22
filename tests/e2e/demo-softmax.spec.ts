/** The softmax-saturation demo as a reader uses it (ATT-02: scale + d_k panel; DEC-02: temperature). */
import { expect, test } from "@playwright/test";
import {
  type Demo,
  type DemoPage,
  demoPage,
  firstFrameWithoutJs,
  garbageFallsBack,
  resetRestoresDefaults,
  sharedLinkRestores,
} from "../support/demo-spec";

const ATT02 = "/q/why-scale-by-sqrt-dk/";
const NS = "softmax";
const SOFTMAX: Demo = { url: ATT02, ns: NS };

/** Height of the tallest bar in the probability chart, in SVG units. */
async function topBarHeight(demo: DemoPage): Promise<number> {
  return demo
    .figure("probs")
    .locator("rect")
    .evaluateAll((rects) => Math.max(...rects.map((r) => Number(r.getAttribute("height") ?? 0))));
}

test("first frame is in the HTML and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, SOFTMAX, {
    figures: ["probs", "curve", "dkLogits", "dkProbs"],
    shows: { readouts: { probs: "最大概率 0.50" } },
  }));

test("lowering the temperature grows the top bar, saturates the read-out and updates the URL", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT02);
  const before = await topBarHeight(demo);
  const slider = demo.input("T");
  await slider.focus();
  await page.keyboard.press("Home"); // the slider's minimum: T = 0.05
  await expect(demo.output("T")).toHaveText("0.05");
  await expect(demo.readout("probs")).toContainText("最大概率 1.00");
  await expect(demo.readout("probs")).toContainText("梯度范数 ‖J‖ = 0.00");
  await expect.poll(() => topBarHeight(demo)).toBeGreaterThan(before * 1.5);
  await expect(page).toHaveURL(/[?&]softmax\.T=0\.05(&|$)/);
  // Raising it flattens the distribution again.
  await page.keyboard.press("End");
  await expect(demo.output("T")).toHaveText("20");
  await expect.poll(() => topBarHeight(demo)).toBeLessThan(before);
});

test("a larger d_k spreads the unscaled scores and saturates their softmax", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT02);
  const spread = () =>
    demo
      .figure("dkLogits")
      .locator("circle")
      .evaluateAll((dots) => {
        const xs = dots.map((d) => Number(d.getAttribute("cx")));
        return Math.max(...xs) - Math.min(...xs);
      });
  await demo.select("dk").selectOption("4");
  await expect(demo.readout("dk")).toContainText("d_k = 4：");
  await demo.rendered();
  const readout = demo.readout("dk");
  const smallMaxP = Number(/最大概率平均 ([\d.]+)/.exec((await readout.textContent()) ?? "")?.[1]);
  await demo.select("dk").selectOption("1024");
  await expect(readout).toContainText("d_k = 1024：");
  const largeMaxP = Number(/最大概率平均 ([\d.]+)/.exec((await readout.textContent()) ?? "")?.[1]);
  expect(largeMaxP).toBeGreaterThan(0.9);
  expect(largeMaxP).toBeGreaterThan(smallMaxP);
  // The x axis rescales to the data, so compare axis labels instead of pixel spread.
  await expect.poll(async () => (await demo.figure("dkLogits").textContent()) ?? "").toMatch(/40/);
  expect(await spread()).toBeGreaterThan(0);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, SOFTMAX, {
    params: { T: "0.1", dk: "1024", seed: "7" },
    shows: { outputs: { T: "0.1", seed: "7" }, selects: { dk: "1024" }, readouts: { probs: "T = 0.1：最大概率 1.00" } },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, SOFTMAX, {
    garbage: { T: "abc", dk: "7" },
    defaults: { outputs: { T: "1" }, readouts: { probs: "最大概率 0.50" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, SOFTMAX, {
    params: { T: "0.2" },
    before: { outputs: { T: "0.2" } },
    defaults: { outputs: { T: "1" } },
  }));

test.describe("share", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });
  test("copies a link that carries the current settings", async ({ page }) => {
    const demo = demoPage(page, NS);
    await page.goto(ATT02);
    await demo.select("dk").selectOption("256");
    await demo.share.click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\?softmax\.dk=256/);
  });
});

test("DEC-02 words it as temperature and has no d_k panel", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto("/q/temperature-top-k-top-p/");
  await expect(demo.root.locator(".demo-title")).toHaveText("温度如何改变 softmax");
  await expect(demo.root.locator('[data-param="dk"]')).toHaveCount(0);
  await expect(demo.figure("dkProbs")).toHaveCount(0);
  await demo.input("T").focus();
  await page.keyboard.press("Home");
  await expect(demo.readout("probs")).toContainText("最大概率 1.00");
});

test("pages without a demo load no Plot code", async ({ page }) => {
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(r.url());
  });
  for (const path of ["/", "/c/att/", "/search/", "/q/how-self-attention-works/"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  expect(scripts.filter((u) => /chart|plot-runtime|plot-marks|src\./.test(u))).toEqual([]);
});
