/** The ×√d_model demo (ARC-04) as a reader uses it. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const ARC04 = "/q/embedding-scale-sqrt-dmodel/";
const demo = (page: Page) => page.locator('[data-demo-ns="emb"]');
const readout = (page: Page, key: "std" | "norm" | "share") => demo(page).locator(`[data-readout="${key}"]`);
const figure = (page: Page, key: string) => demo(page).locator(`[data-figure="${key}"]`);
const svgOf = (page: Page, key: string) =>
  figure(page, key)
    .locator("svg")
    .evaluate((el) => el.outerHTML);
/** Number of embedding-histogram bars drawn in each row (不乘, 乘 √d). */
const barCounts = (page: Page) =>
  figure(page, "hist")
    .locator("g.es-emb")
    .evaluateAll((groups) => groups.map((g) => g.querySelectorAll("rect").length));
/** The position-encoding curves' path data. */
const peCurves = (page: Page) =>
  figure(page, "hist")
    .locator("g.es-pe path")
    .evaluateAll((paths) => paths.map((p) => p.getAttribute("d")).join("|"));
/** x (SVG units) of the current-d dots in the share figure. */
const shareDots = (page: Page) =>
  figure(page, "share")
    .locator("g.es-now circle")
    .evaluateAll((dots) => dots.map((d) => Number(d.getAttribute("cx"))));

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}
async function settled(page: Page) {
  await demo(page).scrollIntoViewIfNeeded();
  await rendered(page, 1);
  await page.waitForTimeout(300);
}

test("first frame is in the HTML, small, and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ARC04);
  let bytes = 0;
  for (const key of ["hist", "share"]) {
    await expect(figure(page, key).locator("svg")).toHaveCount(1);
    bytes += (await svgOf(page, key)).length;
  }
  expect(bytes).toBeLessThan(40_000);
  await expect(readout(page, "share")).toHaveText("位置编码占输入能量 ‖x‖² 的比例：不乘 99.6%，乘 √d 33.3%");
  await expect(readout(page, "std")).toContainText("embedding 元素标准差 0.044，乘 √d 后 1.00");
  await expect(figure(page, "hist")).toContainText("PE 占输入能量 33.3%");
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("×√d spreads the embedding entries to the scale of the position encoding", async ({ page }) => {
  await page.goto(ARC04);
  await settled(page);
  const [plain, scaled] = await barCounts(page);
  // Unscaled, N(0, 1/d) entries (std 0.044) fill a couple of bins; scaled (std 1) they span the window.
  expect(plain).toBeLessThanOrEqual(6);
  expect(scaled).toBeGreaterThan(40);
});

test("d_model moves the marker; with N(0, 1/d) and ×√d the share stays 1/3", async ({ page }) => {
  await page.goto(ARC04);
  await settled(page);
  const before = await shareDots(page);
  await demo(page).locator('select[data-param="d"]').selectOption("4096");
  await expect(readout(page, "share")).toHaveText("位置编码占输入能量 ‖x‖² 的比例：不乘 100.0%，乘 √d 33.3%");
  await expect(readout(page, "norm")).toContainText("‖p‖ = √(d/2) = 45.3");
  await expect(page).toHaveURL(/[?&]emb\.d=4096(&|$)/);
  await expect.poll(async () => (await shareDots(page))[0]).toBeGreaterThan(before[0]);
});

test("other initialisations tip the balance either way", async ({ page }) => {
  await page.goto(ARC04);
  await settled(page);
  const init = demo(page).locator('select[data-param="init"]');
  await init.selectOption("torch");
  await expect(readout(page, "share")).toContainText("乘 √d 0.1%");
  await expect(readout(page, "std")).toContainText("乘 √d 后 22.6");
  await expect(figure(page, "hist")).toContainText("落在 ±3 之外");
  // Most N(0, 22.6²) entries fall outside the window: few bars with tiny heights remain in the lower row.
  await expect.poll(async () => (await barCounts(page))[0]).toBeGreaterThan(40);
  await init.selectOption("xavier");
  await expect(readout(page, "share")).toContainText("乘 √d 94.8%");
  await expect(readout(page, "std")).toContainText("embedding 元素标准差 0.0073，乘 √d 后 0.165");
  await init.selectOption("gpt2");
  await expect(readout(page, "share")).toContainText("不乘 99.9%");
  await expect(page).toHaveURL(/emb\.init=gpt2/);
});

test("the number of positions changes the position-encoding histogram, not its RMS", async ({ page }) => {
  await page.goto(ARC04);
  await settled(page);
  const before = await peCurves(page);
  const shareBefore = await svgOf(page, "share");
  await demo(page).locator('select[data-param="positions"]').selectOption("16");
  await expect(readout(page, "std")).toContainText("位置编码元素均方根 0.707（前 16 个位置）");
  await expect.poll(() => peCurves(page)).not.toBe(before);
  expect(await svgOf(page, "share")).toBe(shareBefore); // depends on d and the init only
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${ARC04}?emb.d=1024&emb.init=xavier&emb.positions=512#try-it`);
  await expect(demo(page).locator('select[data-param="d"]')).toHaveValue("1024");
  await expect(demo(page).locator('select[data-param="init"]')).toHaveValue("xavier");
  await expect(demo(page).locator('select[data-param="positions"]')).toHaveValue("512");
  await expect(readout(page, "std")).toContainText("前 512 个位置");
  await expect(readout(page, "norm")).toContainText("‖p‖ = √(d/2) = 22.6");
  await rendered(page, 1);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${ARC04}?emb.d=500&emb.init=he&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("emb.d=500");
  await expect(notice).toContainText("emb.init=he");
  await expect(demo(page).locator('select[data-param="d"]')).toHaveValue("512");
  await expect(readout(page, "share")).toContainText("乘 √d 33.3%");
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${ARC04}?emb.init=torch`);
  await expect(readout(page, "share")).toContainText("乘 √d 0.1%");
  await demo(page).locator("[data-reset]").click();
  await expect(demo(page).locator('select[data-param="init"]')).toHaveValue("invD");
  await expect(readout(page, "share")).toContainText("乘 √d 33.3%");
  await expect(page).toHaveURL(new RegExp(`${ARC04}$`));
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: ARC-04 with the demo (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${ARC04}?emb.init=xavier`);
    await demo(page).scrollIntoViewIfNeeded();
    await rendered(page, 1);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
