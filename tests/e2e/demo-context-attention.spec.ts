/** The context-attention demo (ATT-09) as a reader uses it: one word, two contexts, two attention rows. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const ATT09 = "/q/same-token-different-attention/";
const demo = (page: Page) => page.locator('[data-demo-ns="ctx"]');
const readout = (page: Page, key: string) => demo(page).locator(`[data-readout="${key}"]`);
const select = (page: Page, name: string) => demo(page).locator(`select[data-param="${name}"]`);
const bars = (page: Page, figure: "a" | "b") => demo(page).locator(`[data-figure="${figure}"] .ctx-bar rect`);
const heights = (page: Page, figure: "a" | "b") =>
  bars(page, figure).evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("height")).toFixed(1)).join(","));
const title = (page: Page, figure: "a" | "b") => demo(page).locator(`[data-figure="${figure}"] .ctx-title text`);

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}

test("first frame is in the HTML and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ATT09);
  for (const figure of ["a", "b"] as const) {
    await expect(demo(page).locator(`[data-figure="${figure}"] svg`)).toHaveCount(1);
    await expect(bars(page, figure)).toHaveCount(4);
  }
  await expect(title(page, "a")).toHaveText("我 吃 了 [苹果]");
  await expect(title(page, "b")).toHaveText("[苹果] 发布 了 手机");
  await expect(readout(page, "a")).toHaveText(
    "“我吃了苹果”中位置 3 的“苹果”：我 0.272，吃 0.235，了 0.261，苹果 0.232",
  );
  await expect(readout(page, "b")).toContainText("苹果 0.161，发布 0.022，了 0.211，手机 0.606");
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("without positions: the same query and the same score for 了, but different weights", async ({ page }) => {
  await page.goto(ATT09);
  await demo(page).scrollIntoViewIfNeeded();
  await rendered(page, 1); // redrawn at the real width once near the viewport
  const before = await heights(page, "a");
  await select(page, "pe").selectOption("off");
  await expect(readout(page, "why")).toContainText("query 完全相同");
  await expect(readout(page, "why")).toContainText("“了”的打分两边都是 −1.111，权重却是 0.092 与 0.156");
  await expect.poll(() => heights(page, "a")).not.toBe(before);
  // The score is printed under the bar in both figures.
  await expect(demo(page).locator('[data-figure="a"]')).toContainText("−1.11");
  await expect(demo(page).locator('[data-figure="b"]')).toContainText("−1.11");
  await expect(page).toHaveURL(/[?&]ctx\.pe=off(&|$)/);
});

test("the two 我 of one sentence get identical rows only without positional encoding", async ({ page }) => {
  await page.goto(ATT09);
  await select(page, "pair").selectOption("wo");
  await expect(title(page, "a")).toHaveText("[我] 爱 我 的 家");
  await expect(title(page, "b")).toHaveText("我 爱 [我] 的 家");
  await expect(bars(page, "a")).toHaveCount(5);
  await expect(readout(page, "why")).toContainText("最大差 0.204");
  await expect.poll(async () => (await heights(page, "a")) === (await heights(page, "b"))).toBe(false);
  await select(page, "pe").selectOption("off");
  await expect(readout(page, "why")).toContainText("完全相同（最大差 0）");
  await expect.poll(async () => (await heights(page, "a")) === (await heights(page, "b"))).toBe(true);
  await expect(page).toHaveURL(/ctx\.pair=wo/);
});

test("other pairs and heads change the rows", async ({ page }) => {
  await page.goto(ATT09);
  await select(page, "pair").selectOption("le");
  await expect(readout(page, "why")).toContainText("同一个词、同一个位置");
  await expect(bars(page, "a")).toHaveCount(4);
  await select(page, "pair").selectOption("swap");
  await expect(bars(page, "a")).toHaveCount(3);
  await expect(title(page, "b")).toHaveText("我 爱 [苹果]");
  const head1 = await readout(page, "a").textContent();
  await rendered(page, 1);
  const heights1 = await heights(page, "a");
  await select(page, "head").selectOption("2");
  await expect(readout(page, "a")).not.toHaveText(head1 ?? "");
  await expect.poll(() => heights(page, "a")).not.toBe(heights1);
  await expect(page).toHaveURL(/ctx\.head=2/);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("the two rows stack instead of squeezing side by side", async ({ page }) => {
    await page.goto(ATT09);
    const a = await demo(page).locator('[data-figure="a"]').boundingBox();
    const b = await demo(page).locator('[data-figure="b"]').boundingBox();
    expect(b?.y ?? 0).toBeGreaterThan((a?.y ?? 0) + (a?.height ?? 0) - 1);
  });
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${ATT09}?ctx.pair=wo&ctx.pe=off&ctx.head=3#try-it`);
  await expect(select(page, "pair")).toHaveValue("wo");
  await expect(select(page, "pe")).toHaveValue("off");
  await expect(select(page, "head")).toHaveValue("3");
  await expect(readout(page, "why")).toContainText("完全相同（最大差 0）");
  await rendered(page, 1);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${ATT09}?ctx.pair=banana&ctx.head=7&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["ctx.pair=banana", "ctx.head=7"]) await expect(notice).toContainText(bad);
  await expect(select(page, "pair")).toHaveValue("apple");
  await expect(readout(page, "a")).toContainText("我 0.272");
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${ATT09}?ctx.pair=le&ctx.pe=off`);
  await expect(select(page, "pair")).toHaveValue("le");
  await demo(page).locator("[data-reset]").click();
  await expect(select(page, "pair")).toHaveValue("apple");
  await expect(select(page, "pe")).toHaveValue("on");
  await expect(page).toHaveURL(new RegExp(`${ATT09}$`));
  await expect(title(page, "a")).toHaveText("我 吃 了 [苹果]");
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: ATT-09 with the demo drawn (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${ATT09}?ctx.pair=wo`);
    await demo(page).scrollIntoViewIfNeeded();
    await rendered(page, 1);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
