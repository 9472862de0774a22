/** The mask-precision demo (ATT-07) as a reader uses it: mask value × dtype × how it is applied × bias. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { cast } from "../../components/demos/mask-precision/model";

const ATT07 = "/q/padding-mask/";
const demo = (page: Page) => page.locator('[data-demo-ns="mask"]');
const readout = (page: Page, key: string) => demo(page).locator(`[data-readout="${key}"]`);
const nanBoxes = (page: Page) => demo(page).locator('[data-figure="full"] .mask-nan rect');
const headline = (page: Page, figure: string) => demo(page).locator(`[data-figure="${figure}"] .mask-headline text`);
const select = (page: Page, name: string) => demo(page).locator(`select[data-param="${name}"]`);
/** Heights of the bars of a row figure, in key order. */
const barHeights = (page: Page, figure: string) =>
  demo(page)
    .locator(`[data-figure="${figure}"] .mask-bar rect`)
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("height"))));
/** The x positions of the two outlined cells in the overview (the current mask × dtype). */
const currentCell = (page: Page) =>
  demo(page)
    .locator('[data-figure="grid"] .mask-current rect')
    .evaluateAll((rects) => rects.map((r) => `${r.getAttribute("x")},${r.getAttribute("y")}`).join(" "));

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}

test("first frame is in the HTML and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ATT07);
  for (const figure of ["partial", "full", "grid"]) {
    await expect(demo(page).locator(`[data-figure="${figure}"] svg`)).toHaveCount(1);
  }
  // Default: −1e3 in fp16, additive. Real keys take everything; the fully masked row is finite.
  await expect(demo(page).locator('[data-figure="partial"] .mask-bar rect')).toHaveCount(5);
  await expect(nanBoxes(page)).toHaveCount(0);
  await expect(demo(page).locator('[data-figure="grid"] .mask-grid-label text')).toHaveCount(48);
  await expect(demo(page).locator('[data-figure="grid"] .mask-current rect')).toHaveCount(2);
  await expect(readout(page, "stored")).toHaveText("mask = −1e3 存成 fp16：−1000");
  await expect(readout(page, "full")).toContainText("0.491、0.181、0.110、0.110、0.110");
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("the model's fp16 rounding agrees with Chromium's Math.f16round", async ({ page }) => {
  await page.goto(ATT07);
  const values = [
    0.3,
    -999.7,
    2049,
    2051,
    65504,
    65519,
    65520,
    -65520,
    1e-8,
    3e-8,
    2 ** -25,
    1 / 3,
    1e4,
    -1e9,
    0.1,
    12345.678,
  ];
  const browser = await page.evaluate(
    (xs) => xs.map((x) => (Math as unknown as { f16round: (v: number) => number }).f16round(x)),
    values,
  );
  expect(values.map((x) => cast(x, "fp16"))).toEqual(browser);
});

test("mask values: −∞ turns the fully masked row into NaN, 0 leaks, −1e9 overflows only in fp16", async ({ page }) => {
  await page.goto(ATT07);
  await select(page, "m").selectOption("-inf");
  await expect(readout(page, "full")).toContainText("全部 NaN");
  await expect(nanBoxes(page)).toHaveCount(5);
  await expect(headline(page, "full")).toHaveText("整行 NaN");
  await expect(page).toHaveURL(/[?&]mask\.m=-inf(&|$)/);

  await select(page, "m").selectOption("0");
  await expect(readout(page, "leak")).toContainText("[PAD] 共分到 18.7%");
  await expect(headline(page, "partial")).toHaveText("[PAD] 共分到 18.7%");
  await expect(nanBoxes(page)).toHaveCount(0);
  // Both [PAD] bars are now visible (non-zero height).
  await expect.poll(async () => (await barHeights(page, "partial")).slice(3).every((h) => h > 5)).toBe(true);

  await select(page, "m").selectOption("-1e9");
  await expect(readout(page, "stored")).toContainText("存进去就成了 −inf");
  await expect(nanBoxes(page)).toHaveCount(5);
  await select(page, "dtype").selectOption("bf16");
  await expect(readout(page, "stored")).toContainText("存成 bf16：−9.9824e8");
  await expect(readout(page, "full")).toContainText("均匀分布，每个 0.200");
  await expect(nanBoxes(page)).toHaveCount(0);
});

test("dtype moves the outlined cell and changes the rounding of the fully masked row", async ({ page }) => {
  await page.goto(ATT07);
  await select(page, "dtype").selectOption("fp32");
  await expect(readout(page, "full")).toContainText("有限：0.511、0.188、0.114、0.093、0.093");
  await rendered(page, 1);
  const fp32 = await currentCell(page);
  await select(page, "dtype").selectOption("bf16");
  await expect(readout(page, "full")).toContainText("bf16 在 −1000 附近的舍入间距是 4");
  await expect.poll(() => currentCell(page)).not.toBe(fp32);
  await expect(page).toHaveURL(/[?&]mask\.dtype=bf16(&|$)/);
});

test("masked_fill: setting the pads to 0 leaks 14.5 %, and −1e9 on a half tensor is an error", async ({ page }) => {
  await page.goto(ATT07);
  await select(page, "apply").selectOption("fill");
  await select(page, "m").selectOption("0");
  await expect(readout(page, "leak")).toContainText("14.5%（e⁰ = 1，置 0 照样分走权重）");
  await expect(headline(page, "partial")).toHaveText("[PAD] 共分到 14.5%");
  await select(page, "m").selectOption("-1e9");
  await expect(readout(page, "stored")).toContainText("会直接报错");
  const labels = () =>
    demo(page)
      .locator('[data-figure="grid"] .mask-grid-label text')
      .evaluateAll((ts) => ts.filter((t) => t.textContent === "报错").length);
  await expect.poll(labels).toBe(2);
  await expect(page).toHaveURL(/[?&]mask\.apply=fill(&|$)/);
});

test("bias: finfo.min + a score ≤ −16 overflows in fp16 and the fully masked row turns NaN", async ({ page }) => {
  await page.goto(ATT07);
  await select(page, "m").selectOption("min");
  await expect(readout(page, "full")).toContainText("均匀分布，每个 0.200");
  const bias = demo(page).locator('input[data-param="bias"]');
  await bias.fill("-20");
  await expect(demo(page).locator('[data-output="bias"]')).toHaveText("-20");
  await expect(readout(page, "full")).toContainText("finfo.min 加上不高于 −16 的分数溢出成 −inf");
  await expect(readout(page, "trap")).toContainText("5 个位置中有 5 个溢出成 −inf");
  await expect(nanBoxes(page)).toHaveCount(5);
  await expect(demo(page).locator('[data-figure="full"]')).toContainText("−inf");
  // masked_fill writes finfo.min instead of adding it: no overflow.
  await select(page, "apply").selectOption("fill");
  await expect(nanBoxes(page)).toHaveCount(0);
  await expect(readout(page, "full")).toContainText("masked_fill 把整行写成同一个值");
  await expect(page).toHaveURL(/[?&]mask\.bias=-20(&|$)/);
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${ATT07}?mask.m=min&mask.dtype=bf16&mask.apply=fill&mask.bias=-5#try-it`);
  await expect(select(page, "m")).toHaveValue("min");
  await expect(select(page, "dtype")).toHaveValue("bf16");
  await expect(select(page, "apply")).toHaveValue("fill");
  await expect(demo(page).locator('[data-output="bias"]')).toHaveText("-5");
  await expect(readout(page, "stored")).toContainText("mask = finfo.min 存成 bf16：−3.3895e38");
  await rendered(page, 1);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${ATT07}?mask.m=-1e5&mask.dtype=fp8&mask.bias=99&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["mask.m=-1e5", "mask.dtype=fp8", "mask.bias=99"]) await expect(notice).toContainText(bad);
  await expect(select(page, "m")).toHaveValue("-1e3");
  await expect(select(page, "dtype")).toHaveValue("fp16");
  await expect(readout(page, "stored")).toHaveText("mask = −1e3 存成 fp16：−1000");
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${ATT07}?mask.m=-inf&mask.bias=3`);
  await expect(nanBoxes(page)).toHaveCount(5);
  await demo(page).locator("[data-reset]").click();
  await expect(select(page, "m")).toHaveValue("-1e3");
  await expect(demo(page).locator('[data-output="bias"]')).toHaveText("0");
  await expect(page).toHaveURL(new RegExp(`${ATT07}$`));
  await expect(nanBoxes(page)).toHaveCount(0);
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: ATT-07 with the demo drawn (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${ATT07}?mask.m=-inf`);
    await demo(page).scrollIntoViewIfNeeded();
    await rendered(page, 1);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
