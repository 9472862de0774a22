/** The sinusoidal-PE demo (POS-01) as a reader uses it: heatmap, PE(p)·PE(p+k) and its per-pair terms. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { dotByOffset } from "../../components/demos/sinusoidal-pe/model";

const POS01 = "/q/why-positional-encoding-sinusoidal/";
const demo = (page: Page) => page.locator('[data-demo-ns="pe"]');
const readout = (page: Page, key: string) => demo(page).locator(`[data-readout="${key}"]`);
const figure = (page: Page, key: string) => demo(page).locator(`[data-figure="${key}"]`);

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}

async function press(page: Page, param: string, key: string) {
  await demo(page).locator(`input[data-param="${param}"]`).focus();
  await page.keyboard.press(key);
}

const heatmapHref = (page: Page) => figure(page, "heatmap").locator("g.pe-heatmap image").getAttribute("href");
const curvePath = (page: Page) => figure(page, "dots").locator("g.pe-curve path").getAttribute("d");
const tickTexts = (page: Page, key: string) =>
  figure(page, key)
    .locator("svg text")
    .evaluateAll((els) => els.map((el) => el.textContent ?? ""));
/** Per-pair terms drawn below zero (orange), and all of them. */
const terms = (page: Page) =>
  figure(page, "terms")
    .locator("g.pe-term line")
    .evaluateAll((lines) => ({
      all: lines.length,
      negative: lines.filter((l) => l.getAttribute("stroke") === "#e0803a").length,
    }));
/** Vertical distance between the outlines of rows p and p+k, in rows. */
const rowGap = (page: Page) =>
  figure(page, "heatmap")
    .locator("g.pe-row rect")
    .evaluateAll((rects) => {
      const ys = rects.map((r) => Number(r.getAttribute("y")));
      const h = Number(rects[0].getAttribute("height"));
      return Math.round((ys[1] - ys[0]) / h);
    });

test("first frame is in the HTML, small, and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(POS01);
  let bytes = 0;
  for (const key of ["heatmap", "dots", "terms"]) {
    const svg = figure(page, key).locator("svg");
    await expect(svg).toHaveCount(1);
    bytes += (await svg.evaluate((el) => el.outerHTML)).length;
  }
  expect(bytes).toBeLessThan(32_000);
  expect(await heatmapHref(page)).toMatch(/^data:image\/png;base64,/);
  await expect(figure(page, "heatmap").locator("g.pe-row rect")).toHaveCount(2);
  await expect(figure(page, "terms").locator("g.pe-term line")).toHaveCount(32);
  await expect(readout(page, "dot")).toContainText("PE(37)·PE(45) = 22.4");
  await expect(readout(page, "dot")).toContainText("PE(500)·PE(508) = 22.4");
  await expect(readout(page, "decay")).toContainText("d_model = 64");
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("moving p scrolls the heatmap but leaves the dot-product curve and its value unchanged", async ({ page }) => {
  await page.goto(POS01);
  await press(page, "p", "ArrowRight"); // p = 38: first render at the real width
  await expect(demo(page).locator('[data-output="p"]')).toHaveText("38");
  await rendered(page, 1);
  const curve = await curvePath(page);
  const href = await heatmapHref(page);
  await press(page, "p", "End"); // p = 1000
  await expect(demo(page).locator('[data-output="p"]')).toHaveText("1000");
  await expect(page).toHaveURL(/[?&]pe\.p=1000(&|$)/);
  await expect(readout(page, "dot")).toContainText("PE(1000)·PE(1008) = 22.4");
  await expect.poll(() => heatmapHref(page)).not.toBe(href);
  await expect.poll(() => tickTexts(page, "heatmap")).toContain("1000");
  expect(await curvePath(page)).toBe(curve);
  // The markers of the reader's start are all on the curve for any p (three starts: 3 marker groups).
  await expect(figure(page, "dots").locator("g.pe-start")).toHaveCount(3);
});

test("k moves the second outlined row and changes the terms; the read-out keeps p-independence", async ({ page }) => {
  await page.goto(POS01);
  await press(page, "k", "ArrowLeft"); // k = 7
  await rendered(page, 1);
  expect(await rowGap(page)).toBe(7);
  await press(page, "k", "End"); // k = 40
  await expect(demo(page).locator('[data-output="k"]')).toHaveText("40");
  const value = dotByOffset(40, 64, 10_000).toFixed(1);
  await expect(readout(page, "dot")).toContainText(`PE(37)·PE(77) = ${value}`);
  await expect(readout(page, "dot")).toContainText(`PE(0)·PE(40) = ${value}`);
  await expect.poll(() => rowGap(page)).toBe(40);
  await expect(figure(page, "terms")).toContainText(`cos(40·ω_i) 求和 = ${value}`);
  await press(page, "k", "Home"); // k = 0: every term is cos 0 = 1
  await expect(readout(page, "dot")).toContainText("PE(37)·PE(37) = 32.0");
  await expect.poll(async () => (await terms(page)).negative).toBe(0);
});

test("d_model sets the number of columns and pairs and gives the article's numbers at 512", async ({ page }) => {
  await page.goto(POS01);
  await demo(page).locator('select[data-param="d"]').selectOption("512");
  await expect(readout(page, "decay")).toContainText("249.1、173.8、112.0、45.0");
  await expect(readout(page, "decay")).toContainText("√(d/2) = 16.00");
  await expect.poll(async () => (await terms(page)).all).toBe(256);
  await expect.poll(() => tickTexts(page, "heatmap")).toContain("448");
  await demo(page).locator('select[data-param="d"]').selectOption("16");
  await expect.poll(async () => (await terms(page)).all).toBe(8);
  await expect(page).toHaveURL(/[?&]pe\.d=16(&|$)/);
});

test("a larger base slows the low-frequency pairs: fewer terms turn negative", async ({ page }) => {
  await page.goto(POS01);
  await press(page, "base", "Home"); // base = 10
  await expect(demo(page).locator('[data-output="base"]')).toHaveText("10");
  await rendered(page, 1);
  const small = (await terms(page)).negative;
  await press(page, "base", "End"); // base = 1,000,000
  await expect(demo(page).locator('[data-output="base"]')).toHaveText("1000000");
  await expect(readout(page, "decay")).toContainText("base = 1,000,000");
  await expect.poll(async () => (await terms(page)).negative).toBeLessThan(small);
  await expect(readout(page, "wave")).toContainText("第 31 对");
});

test("the k range widens the curve's axis", async ({ page }) => {
  await page.goto(POS01);
  await demo(page).locator('select[data-param="span"]').selectOption("1000");
  await expect(page).toHaveURL(/[?&]pe\.span=1000(&|$)/);
  await expect.poll(() => tickTexts(page, "dots")).toContain("1,000");
  await demo(page).locator('select[data-param="span"]').selectOption("50");
  await expect.poll(() => tickTexts(page, "dots")).toContain("50");
  expect(await tickTexts(page, "dots")).not.toContain("1,000");
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${POS01}?pe.d=512&pe.base=500000&pe.p=200&pe.k=3&pe.span=500#try-it`);
  await expect(demo(page).locator('select[data-param="d"]')).toHaveValue("512");
  await expect(demo(page).locator('[data-output="base"]')).toHaveText("500000");
  await expect(demo(page).locator('[data-output="p"]')).toHaveText("200");
  await expect(demo(page).locator('[data-output="k"]')).toHaveText("3");
  await expect(demo(page).locator('select[data-param="span"]')).toHaveValue("500");
  await expect(readout(page, "dot")).toContainText("PE(200)·PE(203)");
  await rendered(page, 1);
  await expect(figure(page, "terms").locator("g.pe-term line")).toHaveCount(256);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${POS01}?pe.d=7&pe.base=abc&pe.p=5000&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["pe.d=7", "pe.base=abc", "pe.p=5000"]) await expect(notice).toContainText(bad);
  await expect(demo(page).locator('[data-output="p"]')).toHaveText("37");
  await expect(readout(page, "dot")).toContainText("PE(37)·PE(45) = 22.4");
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${POS01}?pe.p=300&pe.d=128`);
  await expect(demo(page).locator('[data-output="p"]')).toHaveText("300");
  await demo(page).locator("[data-reset]").click();
  await expect(demo(page).locator('[data-output="p"]')).toHaveText("37");
  await expect(demo(page).locator('select[data-param="d"]')).toHaveValue("64");
  await expect(page).toHaveURL(new RegExp(`${POS01}$`));
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: POS-01 with the demo (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(POS01);
    await demo(page).scrollIntoViewIfNeeded();
    await page.waitForLoadState("networkidle");
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
