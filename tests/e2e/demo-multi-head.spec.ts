/** The multi-head demo (ATT-05) as a reader uses it: one heat map per head, d_k = 64/h. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const ATT05 = "/q/why-multi-head-attention/";
const demo = (page: Page) => page.locator('[data-demo-ns="mh"]');
const readout = (page: Page, key: "dims" | "row" | "peak") => demo(page).locator(`[data-readout="${key}"]`);
const titles = (page: Page) => demo(page).locator('[data-figure="heads"] g.mh-title text');
const selected = (page: Page) => demo(page).locator('[data-figure="heads"] g.mh-selected rect');

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}

/** The darkest cell of the whole figure (largest weight in any head). */
const darkest = (page: Page) =>
  demo(page)
    .locator('[data-figure="heads"] g.mh-cell rect')
    .evaluateAll((rects) => Math.max(...rects.map((r) => Number(r.getAttribute("fill-opacity")))));

test("first frame is in the HTML and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ATT05);
  await expect(demo(page).locator('[data-figure="heads"] svg')).toHaveCount(1);
  await expect(titles(page)).toHaveCount(4);
  await expect(titles(page).first()).toContainText("头 1（d_k = 16）");
  await expect(selected(page)).toHaveCount(4 * 8);
  await expect(readout(page, "dims")).toContainText("h = 4：每头 d_k = 64/4 = 16");
  await expect(readout(page, "row")).toContainText("“睡”这一行：头 1 →");
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("more heads: narrower heads, one sharp relation each; one head: weight spread thin", async ({ page }) => {
  await page.goto(ATT05);
  const h = demo(page).locator('select[data-param="h"]');
  await h.selectOption("8");
  await expect(readout(page, "dims")).toContainText("h = 8：每头 d_k = 64/8 = 8，共 8 个");
  await expect(readout(page, "row")).toContainText("头 1 → 总是 0.91；头 2 → 猫 0.91");
  await expect(titles(page)).toHaveCount(8);
  await expect(titles(page).nth(7)).toContainText("头 8（d_k = 8）");
  await expect(selected(page)).toHaveCount(8 * 8);
  await expect.poll(() => darkest(page)).toBeGreaterThan(0.9);
  await expect(page).toHaveURL(/[?&]mh\.h=8(&|$)/);

  await h.selectOption("1");
  await expect(readout(page, "dims")).toContainText("h = 1：每头 d_k = 64/1 = 64");
  await expect(titles(page)).toHaveCount(1);
  await expect(titles(page).first()).toContainText("头 1（d_k = 64）");
  const peak = Number(/最大单个权重：([\d.]+)/.exec((await readout(page, "peak").textContent()) ?? "")?.[1]);
  expect(peak).toBeLessThan(0.3);
  await expect(readout(page, "peak")).toContainText("只有一个分布");
  // The parameter count does not move with h.
  await expect(readout(page, "dims")).toContainText("4·d_model² = 16,384 个");
});

test("the query picks the highlighted row and the read-out", async ({ page }) => {
  await page.goto(ATT05);
  await demo(page).scrollIntoViewIfNeeded();
  await rendered(page, 1);
  const rowY = () =>
    selected(page).evaluateAll((rects) => [...new Set(rects.map((r) => r.getAttribute("y")))].join(","));
  const before = await rowY();
  await demo(page).locator('select[data-param="q"]').selectOption("1");
  await expect(readout(page, "row")).toContainText("“那只”这一行：");
  await expect.poll(rowY).not.toBe(before);
  await demo(page).locator('select[data-param="h"]').selectOption("8");
  await expect(readout(page, "row")).toContainText("头 6 → 猫 0.91"); // modifier → head noun
  await expect(page).toHaveURL(/mh\.q=1/);
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${ATT05}?mh.h=2&mh.q=3#try-it`);
  await expect(demo(page).locator('select[data-param="h"]')).toHaveValue("2");
  await expect(demo(page).locator('select[data-param="q"]')).toHaveValue("3");
  await expect(readout(page, "row")).toContainText("“猫”这一行");
  await rendered(page, 1);
  await expect(titles(page)).toHaveCount(2);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${ATT05}?mh.h=3&mh.q=9&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["mh.h=3", "mh.q=9"]) await expect(notice).toContainText(bad);
  await expect(demo(page).locator('select[data-param="h"]')).toHaveValue("4");
  await expect(readout(page, "dims")).toContainText("h = 4");
  await expect(page).toHaveURL(/\?other=1$/);
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: ATT-05 with the demo drawn (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${ATT05}?mh.h=8`);
    await demo(page).scrollIntoViewIfNeeded();
    await rendered(page, 1);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
