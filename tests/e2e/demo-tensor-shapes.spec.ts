/** The tensor-shapes demo (ARC-01) as a reader uses it: a clickable block diagram plus two charts. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const ARC01 = "/q/transformer-architecture-overview/";
const demo = (page: Page) => page.locator('[data-demo-ns="shapes"]');
const readout = (page: Page, key: string) => demo(page).locator(`[data-readout="${key}"]`);
const block = (page: Page, id: string) => demo(page).locator(`button[data-block="${id}"]`);
const figure = (page: Page, key: string) => demo(page).locator(`[data-figure="${key}"]`);
const svgOf = (page: Page, key: string) =>
  figure(page, key)
    .locator("svg")
    .evaluate((el) => el.outerHTML);
/** Fill colours of the bars in a chart, top to bottom (orange marks the selection). */
const fills = (page: Page, key: string, cls: string) =>
  figure(page, key)
    .locator(`g.${cls} rect`)
    .evaluateAll((rects) => rects.map((r) => r.getAttribute("fill")));
const ORANGE = "#e0803a";

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}

/** Scrolls the demo into view and waits for its redraw at the real width, so later SVGs compare. */
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
  await page.goto(ARC01);
  let bytes = 0;
  for (const key of ["params", "sizes"]) {
    await expect(figure(page, key).locator("svg")).toHaveCount(1);
    bytes += (await svgOf(page, key)).length;
  }
  expect(bytes).toBeLessThan(40_000);
  await expect(readout(page, "totals")).toContainText("每层编码器 3,152,384");
  await expect(readout(page, "totals")).toContainText("合计 63.08M");
  await expect(readout(page, "block")).toContainText("(2, 8, 10, 10)");
  await expect(block(page, "scores")).toHaveAttribute("aria-pressed", "true");
  await expect(block(page, "logits")).toContainText("(2, 9, 37000)");
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("clicking a block selects it, highlights its bar and updates the URL", async ({ page }) => {
  await page.goto(ARC01);
  const before = await fills(page, "sizes", "ts-size");
  expect(before.indexOf(ORANGE)).toBe(4); // 自注意力打分
  await block(page, "crossScores").click();
  await expect(block(page, "crossScores")).toHaveAttribute("aria-pressed", "true");
  await expect(block(page, "scores")).toHaveAttribute("aria-pressed", "false");
  await expect(demo(page).locator('select[data-param="block"]')).toHaveValue("crossScores");
  await expect(readout(page, "block")).toContainText("解码器·交叉注意力打分：形状 (2, 8, 9, 10)");
  await expect(readout(page, "block")).toContainText("参数 1,051,648（每层；6 层共 6,309,888）");
  await expect(page).toHaveURL(/[?&]shapes\.block=crossScores(&|$)/);
  await expect.poll(async () => (await fills(page, "sizes", "ts-size")).indexOf(ORANGE)).toBe(12);
  // The parameter chart marks the part the block belongs to: 解码器交叉注意力 (5th row).
  await expect.poll(async () => (await fills(page, "params", "ts-part")).indexOf(ORANGE)).toBe(4);

  // The select drives the same state (and the pressed button follows it).
  await demo(page).locator('select[data-param="block"]').selectOption("logits");
  await expect(block(page, "logits")).toHaveAttribute("aria-pressed", "true");
  await expect(readout(page, "block")).toContainText("(2, 9, 37000)");
  await expect(readout(page, "block")).toContainText("与 embedding 共享权重");
  await expect.poll(async () => (await fills(page, "params", "ts-part")).indexOf(ORANGE)).toBe(0);
});

test("batch and lengths reshape the tensors; only n grows the n × n scores", async ({ page }) => {
  await page.goto(ARC01);
  await settled(page);
  const paramsBefore = await svgOf(page, "params");
  const sizesBefore = await svgOf(page, "sizes");

  await press(page, "B", "End");
  await expect(demo(page).locator('[data-output="B"]')).toHaveText("64");
  await expect(readout(page, "shape-srcIds")).toHaveText("(64, 10)");
  await expect(readout(page, "block")).toContainText("(64, 8, 10, 10)，51,200 个元素");

  await press(page, "n", "End");
  await expect(demo(page).locator('[data-output="n"]')).toHaveText("4096");
  await expect(readout(page, "shape-scores")).toHaveText("(64, 8, 4096, 4096)");
  await expect(readout(page, "shape-crossScores")).toHaveText("(64, 8, 9, 4096)");
  await expect(readout(page, "block")).toContainText("8,589,934,592 个元素；参数 0");
  await expect(page).toHaveURL(/shapes\.n=4096/);
  await expect.poll(() => svgOf(page, "sizes")).not.toBe(sizesBefore);
  await expect(figure(page, "sizes")).toContainText("8.59B");
  // Lengths never change a parameter count: the parameter chart is not redrawn.
  expect(await svgOf(page, "params")).toBe(paramsBefore);
  await expect(readout(page, "totals")).toContainText("合计 63.08M");

  await press(page, "m", "Home");
  await expect(demo(page).locator('[data-output="m"]')).toHaveText("1");
  await expect(readout(page, "shape-selfScores")).toHaveText("(64, 8, 1, 1)");
  await expect(readout(page, "shape-logits")).toHaveText("(64, 1, 37000)");
});

test("the big configuration counts about 2.14 亿 parameters", async ({ page }) => {
  await page.goto(ARC01);
  await settled(page);
  const paramsBefore = await svgOf(page, "params");
  await demo(page).locator('select[data-param="d"]').selectOption("1024");
  await demo(page).locator('select[data-param="h"]').selectOption("16");
  await expect(readout(page, "shape-heads")).toHaveText("(2, 16, 10, 64)");
  await demo(page).locator('select[data-param="dff"]').selectOption("4096");
  await expect(readout(page, "shape-ffnHidden")).toHaveText("(2, 10, 4096)");
  await expect(readout(page, "totals")).toContainText("每层编码器 12,596,224");
  await expect(readout(page, "totals")).toContainText("合计 214.25M");
  await expect.poll(() => svgOf(page, "params")).not.toBe(paramsBefore);
  await expect(figure(page, "params")).toContainText("37.89M"); // the shared embedding, 37000 × 1024
  await expect(page).toHaveURL(/shapes\.d=1024/);

  await demo(page).locator('select[data-param="h"]').selectOption("1");
  await expect(readout(page, "shape-heads")).toHaveText("(2, 1, 10, 1024)");
  await expect(readout(page, "totals")).toContainText("合计 214.25M"); // heads do not change the count
});

test("more layers and a bigger vocabulary change the totals", async ({ page }) => {
  await page.goto(ARC01);
  await press(page, "N", "End");
  await expect(demo(page).locator('[data-output="N"]')).toHaveText("24");
  await expect(readout(page, "encLayers")).toHaveText("编码器层 ×24");
  await expect(readout(page, "totals")).toContainText("编码器、解码器各 24 层");
  await expect(figure(page, "params")).toContainText("编码器 FFN ×24");
  await press(page, "N", "Home");
  await expect(readout(page, "totals")).toContainText("合计 26.30M"); // 18,944,000 + 7,356,416
  await demo(page).locator('select[data-param="V"]').selectOption("41000");
  await expect(readout(page, "shape-logits")).toHaveText("(2, 9, 41000)");
  await expect(readout(page, "totals")).toContainText("共享 embedding 20,992,000");
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${ARC01}?shapes.block=qkv&shapes.d=1024&shapes.h=16&shapes.dff=4096&shapes.n=100#try-it`);
  await expect(demo(page).locator('select[data-param="block"]')).toHaveValue("qkv");
  await expect(block(page, "qkv")).toHaveAttribute("aria-pressed", "true");
  await expect(demo(page).locator('[data-output="n"]')).toHaveText("100");
  await expect(readout(page, "block")).toContainText("Q、K、V 投影：形状 (2, 100, 1024) × 3");
  await expect(readout(page, "totals")).toContainText("合计 214.25M");
  await rendered(page, 1);
  await expect.poll(async () => (await fills(page, "sizes", "ts-size")).indexOf(ORANGE)).toBe(2);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${ARC01}?shapes.B=abc&shapes.h=3&shapes.block=attention&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["shapes.B=abc", "shapes.h=3", "shapes.block=attention"]) await expect(notice).toContainText(bad);
  await expect(demo(page).locator('[data-output="B"]')).toHaveText("2");
  await expect(block(page, "scores")).toHaveAttribute("aria-pressed", "true");
  await expect(readout(page, "totals")).toContainText("合计 63.08M");
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults, the pressed block and the URL", async ({ page }) => {
  await page.goto(`${ARC01}?shapes.block=encOut&shapes.B=8`);
  await expect(block(page, "encOut")).toHaveAttribute("aria-pressed", "true");
  await demo(page).locator("[data-reset]").click();
  await expect(block(page, "scores")).toHaveAttribute("aria-pressed", "true");
  await expect(block(page, "encOut")).toHaveAttribute("aria-pressed", "false");
  await expect(demo(page).locator('[data-output="B"]')).toHaveText("2");
  await expect(page).toHaveURL(new RegExp(`${ARC01}$`));
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: ARC-01 with the demo (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${ARC01}?shapes.block=ffnHidden`);
    await demo(page).scrollIntoViewIfNeeded();
    await rendered(page, 1);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
