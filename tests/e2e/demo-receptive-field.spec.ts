/** The receptive-field demo (ATT-10) as a reader uses it: depth, kernel, window and sequence length. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const ATT10 = "/q/self-attention-vs-convolution/";
const demo = (page: Page) => page.locator('[data-demo-ns="rf"]');
const readout = (page: Page, key: string) => demo(page).locator(`[data-readout="${key}"]`);
const select = (page: Page, name: string) => demo(page).locator(`select[data-param="${name}"]`);
/** Numbers printed at the end of the four bars (layers needed), in order conv, dilated, window, full. */
const layerLabels = (page: Page) =>
  demo(page)
    .locator('[data-figure="layers"] .rf-layers text')
    .evaluateAll((ts) => ts.map((t) => t.textContent).join(","));
const barOpacities = (page: Page) =>
  demo(page)
    .locator('[data-figure="layers"] .rf-bar rect')
    .evaluateAll((rects) => rects.map((r) => r.getAttribute("fill-opacity")).join(","));
const depthX = (page: Page) =>
  demo(page)
    .locator('[data-figure="growth"] .rf-depth line')
    .evaluate((l) => Number(l.getAttribute("x1") ?? l.getAttribute("x")));

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}

test("first frame is in the HTML and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ATT10);
  for (const figure of ["growth", "layers"]) {
    await expect(demo(page).locator(`[data-figure="${figure}"] svg`)).toHaveCount(1);
  }
  await expect(demo(page).locator('[data-figure="growth"] .rf-line path')).toHaveCount(4);
  expect(await layerLabels(page)).toBe("4096,13,16,1");
  await expect(readout(page, "layers")).toHaveText(
    "覆盖 n = 8192 个位置需要：卷积 4096 层，空洞卷积 13 层，滑动窗口注意力 16 层，全局自注意力 1 层",
  );
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("depth moves the marker and decides which structures already cover the sequence", async ({ page }) => {
  await page.goto(ATT10);
  const L = demo(page).locator('input[data-param="L"]');
  await L.fill("1");
  await expect(demo(page).locator('[data-output="L"]')).toHaveText("1");
  await expect(readout(page, "rf")).toContainText(
    "L = 1 层（k = 3，w = 512）时的理论感受野：卷积 3，空洞卷积 3，滑动窗口注意力 513",
  );
  await rendered(page, 1);
  const left = await depthX(page);
  // Only full attention covers 8192 positions with one layer.
  await expect.poll(() => barOpacities(page)).toBe("0.35,0.35,0.35,0.85");
  await L.focus();
  await page.keyboard.press("End"); // L = 64
  await expect(demo(page).locator('[data-output="L"]')).toHaveText("64");
  await expect.poll(() => depthX(page)).toBeGreaterThan(left);
  await expect.poll(() => barOpacities(page)).toBe("0.35,0.85,0.85,0.85");
  await expect(readout(page, "rf")).toContainText("卷积 129");
  await expect(page).toHaveURL(/[?&]rf\.L=64(&|$)/);
});

test("kernel, window and length change the layers needed", async ({ page }) => {
  await page.goto(ATT10);
  await select(page, "k").selectOption("9");
  await expect(readout(page, "layers")).toContainText("卷积 1024 层，空洞卷积 11 层");
  await expect.poll(() => layerLabels(page)).toBe("1024,11,16,1");
  await select(page, "w").selectOption("4096");
  await expect.poll(() => layerLabels(page)).toBe("1024,11,2,1");
  await select(page, "n").selectOption("131072");
  await expect(readout(page, "layers")).toContainText("滑动窗口注意力 32 层"); // Mistral 7B: 32 × 4096
  await expect(readout(page, "cost")).toContainText("全局注意力的 n² 项成为瓶颈");
  await select(page, "n").selectOption("2048");
  await expect(readout(page, "cost")).toContainText("全局注意力的主项反而比卷积小");
  await expect(page).toHaveURL(/rf\.k=9/);
  await expect(page).toHaveURL(/rf\.w=4096/);
  await expect(page).toHaveURL(/rf\.n=2048/);
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${ATT10}?rf.L=32&rf.w=4096&rf.n=131072#try-it`);
  await expect(demo(page).locator('[data-output="L"]')).toHaveText("32");
  await expect(select(page, "w")).toHaveValue("4096");
  await expect(select(page, "n")).toHaveValue("131072");
  await expect(readout(page, "rf")).toContainText("滑动窗口注意力 131072（已覆盖全序列，理论值 131073）");
  await rendered(page, 1);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${ATT10}?rf.L=0&rf.k=4&rf.n=abc&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["rf.L=0", "rf.k=4", "rf.n=abc"]) await expect(notice).toContainText(bad);
  await expect(demo(page).locator('[data-output="L"]')).toHaveText("16");
  await expect(readout(page, "layers")).toContainText("卷积 4096 层");
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${ATT10}?rf.L=3&rf.k=5`);
  await expect(demo(page).locator('[data-output="L"]')).toHaveText("3");
  await demo(page).locator("[data-reset]").click();
  await expect(demo(page).locator('[data-output="L"]')).toHaveText("16");
  await expect(select(page, "k")).toHaveValue("3");
  await expect(page).toHaveURL(new RegExp(`${ATT10}$`));
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: ATT-10 with the demo drawn (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${ATT10}?rf.L=8`);
    await demo(page).scrollIntoViewIfNeeded();
    await rendered(page, 1);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
