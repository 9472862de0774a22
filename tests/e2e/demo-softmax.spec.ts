/** The softmax-saturation demo as a reader uses it (ATT-02: scale + d_k panel; DEC-02: temperature). */
import { expect, type Page, test } from "@playwright/test";

const ATT02 = "/q/why-scale-by-sqrt-dk/";
const demo = (page: Page) => page.locator('[data-demo-ns="softmax"]');

/** Height of the tallest bar in the probability chart, in SVG units. */
async function topBarHeight(page: Page): Promise<number> {
  return demo(page)
    .locator('[data-figure="probs"] rect')
    .evaluateAll((rects) => Math.max(...rects.map((r) => Number(r.getAttribute("height") ?? 0))));
}

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}

test("first frame is in the HTML and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ATT02);
  for (const figure of ["probs", "curve", "dkLogits", "dkProbs"]) {
    await expect(demo(page).locator(`[data-figure="${figure}"] svg`)).toHaveCount(1);
  }
  await expect(demo(page).locator('[data-readout="probs"]')).toContainText("最大概率 0.50");
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("lowering the temperature grows the top bar, saturates the read-out and updates the URL", async ({ page }) => {
  await page.goto(ATT02);
  const before = await topBarHeight(page);
  const slider = demo(page).locator('input[data-param="T"]');
  await slider.focus();
  await page.keyboard.press("Home"); // the slider's minimum: T = 0.05
  await expect(demo(page).locator('[data-output="T"]')).toHaveText("0.05");
  await expect(demo(page).locator('[data-readout="probs"]')).toContainText("最大概率 1.00");
  await expect(demo(page).locator('[data-readout="probs"]')).toContainText("梯度范数 ‖J‖ = 0.00");
  await expect.poll(() => topBarHeight(page)).toBeGreaterThan(before * 1.5);
  await expect(page).toHaveURL(/[?&]softmax\.T=0\.05(&|$)/);
  // Raising it flattens the distribution again.
  await page.keyboard.press("End");
  await expect(demo(page).locator('[data-output="T"]')).toHaveText("20");
  await expect.poll(() => topBarHeight(page)).toBeLessThan(before);
});

test("a larger d_k spreads the unscaled scores and saturates their softmax", async ({ page }) => {
  await page.goto(ATT02);
  const spread = () =>
    demo(page)
      .locator('[data-figure="dkLogits"] circle')
      .evaluateAll((dots) => {
        const xs = dots.map((d) => Number(d.getAttribute("cx")));
        return Math.max(...xs) - Math.min(...xs);
      });
  await demo(page).locator('select[data-param="dk"]').selectOption("4");
  await expect(demo(page).locator('[data-readout="dk"]')).toContainText("d_k = 4：");
  await rendered(page, 1);
  const readout = demo(page).locator('[data-readout="dk"]');
  const smallMaxP = Number(/最大概率平均 ([\d.]+)/.exec((await readout.textContent()) ?? "")?.[1]);
  await demo(page).locator('select[data-param="dk"]').selectOption("1024");
  await expect(readout).toContainText("d_k = 1024：");
  const largeMaxP = Number(/最大概率平均 ([\d.]+)/.exec((await readout.textContent()) ?? "")?.[1]);
  expect(largeMaxP).toBeGreaterThan(0.9);
  expect(largeMaxP).toBeGreaterThan(smallMaxP);
  // The x axis rescales to the data, so compare axis labels instead of pixel spread.
  await expect
    .poll(async () => (await demo(page).locator('[data-figure="dkLogits"]').textContent()) ?? "")
    .toMatch(/40/);
  expect(await spread()).toBeGreaterThan(0);
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${ATT02}?softmax.T=0.1&softmax.dk=1024&softmax.seed=7#try-it`);
  await expect(demo(page).locator('[data-output="T"]')).toHaveText("0.1");
  await expect(demo(page).locator('select[data-param="dk"]')).toHaveValue("1024");
  await expect(demo(page).locator('[data-output="seed"]')).toHaveText("7");
  await expect(demo(page).locator('[data-readout="probs"]')).toContainText("T = 0.1：最大概率 1.00");
  await rendered(page, 1);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${ATT02}?softmax.T=abc&softmax.dk=7&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("softmax.T=abc");
  await expect(notice).toContainText("softmax.dk=7");
  await expect(demo(page).locator('[data-output="T"]')).toHaveText("1");
  await expect(demo(page).locator('[data-readout="probs"]')).toContainText("最大概率 0.50");
  // The bad parameters leave the address bar; unrelated ones stay.
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${ATT02}?softmax.T=0.2`);
  await expect(demo(page).locator('[data-output="T"]')).toHaveText("0.2");
  await demo(page).locator("[data-reset]").click();
  await expect(demo(page).locator('[data-output="T"]')).toHaveText("1");
  await expect(page).toHaveURL(new RegExp(`${ATT02}$`));
});

test.describe("share", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });
  test("copies a link that carries the current settings", async ({ page }) => {
    await page.goto(ATT02);
    await demo(page).locator('select[data-param="dk"]').selectOption("256");
    await demo(page).locator("[data-share]").click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\?softmax\.dk=256/);
  });
});

test("DEC-02 words it as temperature and has no d_k panel", async ({ page }) => {
  await page.goto("/q/temperature-top-k-top-p/");
  await expect(demo(page).locator(".demo-title")).toHaveText("温度如何改变 softmax");
  await expect(demo(page).locator('[data-param="dk"]')).toHaveCount(0);
  await expect(demo(page).locator('[data-figure="dkProbs"]')).toHaveCount(0);
  await demo(page).locator('input[data-param="T"]').focus();
  await page.keyboard.press("Home");
  await expect(demo(page).locator('[data-readout="probs"]')).toContainText("最大概率 1.00");
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
