/** The cross-attention heatmap (ARC-06) as a reader uses it. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const ARC06 = "/q/encoder-decoder-cross-attention/";
const demo = (page: Page) => page.locator('[data-demo-ns="xattn"]');
const readout = (page: Page, key: "row" | "pad") => demo(page).locator(`[data-readout="${key}"]`);
const figure = (page: Page, key: string) => demo(page).locator(`[data-figure="${key}"]`);
const svgOf = (page: Page, key: string) =>
  figure(page, key)
    .locator("svg")
    .evaluate((el) => el.outerHTML);
const cells = (page: Page, cls: "xa-cell" | "xa-blocked") => figure(page, "map").locator(`g.${cls} rect`);
/** y of the outlined (selected) row. */
const rowY = (page: Page) =>
  figure(page, "map")
    .locator("g.xa-row rect")
    .first()
    .evaluate((r) => Number(r.getAttribute("y")));
/** Heights of the selected row's bars, source order (pads last). */
const barHeights = (page: Page) =>
  figure(page, "row")
    .locator("g.xa-bar rect")
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("height"))));

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}
async function settled(page: Page) {
  await demo(page).scrollIntoViewIfNeeded();
  await rendered(page, 1);
  await page.waitForTimeout(300);
}
async function press(page: Page, param: string, key: "Home" | "End") {
  await demo(page).locator(`input[data-param="${param}"]`).focus();
  await page.keyboard.press(key);
}

test("first frame is in the HTML, small, and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ARC06);
  let bytes = 0;
  for (const key of ["map", "row"]) {
    await expect(figure(page, key).locator("svg")).toHaveCount(1);
    bytes += (await svgOf(page, key)).length;
  }
  expect(bytes).toBeLessThan(40_000);
  // 7 target rows × (6 words + 3 masked pads)
  await expect(cells(page, "xa-cell")).toHaveCount(42);
  await expect(cells(page, "xa-blocked")).toHaveCount(21);
  await expect(readout(page, "row")).toContainText("目标 “昨天” 最关注源端 “yesterday”");
  await expect(readout(page, "pad")).toContainText("3 个 <pad> 列被屏蔽，权重恰为 0");
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("head 1 follows the reordering, head 2 only the diagonal", async ({ page }) => {
  await page.goto(ARC06);
  await settled(page);
  const head = demo(page).locator('select[data-param="head"]');
  await head.selectOption("1");
  await expect(readout(page, "row")).toContainText("最关注源端 “yesterday”（0.85）");
  await expect(page).toHaveURL(/[?&]xattn\.head=1(&|$)/);
  const yesterday = (await barHeights(page))[5];
  await head.selectOption("2");
  await expect(readout(page, "row")).toContainText("最关注源端 “saw”");
  await expect.poll(async () => (await barHeights(page))[5]).toBeLessThan(yesterday / 10);
});

test("padding adds masked columns; switching the mask off lets them take weight", async ({ page }) => {
  await page.goto(ARC06);
  await settled(page);
  await press(page, "pad", "End");
  await expect(demo(page).locator('[data-output="pad"]')).toHaveText("4");
  await expect(readout(page, "row")).toContainText("T × S = 7 × 10");
  await expect(cells(page, "xa-blocked")).toHaveCount(28);
  await expect(readout(page, "pad")).toContainText("最大差 0）");

  await demo(page).locator('select[data-param="mask"]').selectOption("off");
  await expect(cells(page, "xa-blocked")).toHaveCount(0);
  await expect(cells(page, "xa-cell")).toHaveCount(70);
  await expect(readout(page, "pad")).toContainText(/4 个 <pad> 列平均分走 \d+\.\d% 的权重，最多的是 “猫” 一行/);
  await expect(readout(page, "pad")).not.toContainText("最大差 0）");
  await expect.poll(async () => Math.min(...(await barHeights(page)).slice(6))).toBeGreaterThan(0);
  await expect(page).toHaveURL(/xattn\.mask=off/);

  await press(page, "pad", "Home");
  await expect(cells(page, "xa-cell")).toHaveCount(42);
  await expect(readout(page, "pad")).toContainText("没有 padding");
});

test("the row slider moves the outline and the bar chart", async ({ page }) => {
  await page.goto(ARC06);
  await settled(page);
  const y0 = await rowY(page);
  const bars = await svgOf(page, "row");
  await press(page, "row", "End");
  await expect(demo(page).locator('[data-output="row"]')).toHaveText("7");
  await expect(readout(page, "row")).toContainText("目标 “猫” 最关注源端 “cat”");
  await expect.poll(() => rowY(page)).toBeGreaterThan(y0);
  await expect.poll(() => svgOf(page, "row")).not.toBe(bars);
  await expect(figure(page, "row")).toContainText("“猫”的权重");
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${ARC06}?xattn.head=2&xattn.pad=1&xattn.mask=off&xattn.row=7#try-it`);
  await expect(demo(page).locator('select[data-param="head"]')).toHaveValue("2");
  await expect(demo(page).locator('[data-output="pad"]')).toHaveText("1");
  await expect(demo(page).locator('select[data-param="mask"]')).toHaveValue("off");
  await expect(demo(page).locator('[data-output="row"]')).toHaveText("7");
  await expect(readout(page, "row")).toContainText("目标 “猫”");
  await expect(readout(page, "pad")).toContainText("1 个 <pad> 列平均分走");
  await rendered(page, 1);
  await expect(cells(page, "xa-cell")).toHaveCount(49);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${ARC06}?xattn.pad=-1&xattn.row=0.5&xattn.mask=maybe&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["xattn.pad=-1", "xattn.row=0.5", "xattn.mask=maybe"]) await expect(notice).toContainText(bad);
  await expect(readout(page, "pad")).toContainText("3 个 <pad> 列被屏蔽");
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${ARC06}?xattn.mask=off&xattn.row=5`);
  await expect(readout(page, "row")).toContainText("目标 “一只”");
  await demo(page).locator("[data-reset]").click();
  await expect(readout(page, "row")).toContainText("目标 “昨天”");
  await expect(demo(page).locator('select[data-param="mask"]')).toHaveValue("on");
  await expect(page).toHaveURL(new RegExp(`${ARC06}$`));
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: ARC-06 with the demo (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${ARC06}?xattn.mask=off`);
    await demo(page).scrollIntoViewIfNeeded();
    await rendered(page, 1);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
