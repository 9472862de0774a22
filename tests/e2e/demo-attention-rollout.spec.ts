/** The raw attention vs rollout vs gradient × input demo (ARC-10) as a reader uses it. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const ARC10 = "/q/transformer-interpretability/";
const demo = (page: Page) => page.locator('[data-demo-ns="rollout"]');
const readout = (page: Page, key: "cls" | "grad") => demo(page).locator(`[data-readout="${key}"]`);
const figure = (page: Page, key: string) => demo(page).locator(`[data-figure="${key}"]`);
const svgOf = (page: Page, key: string) =>
  figure(page, key)
    .locator("svg")
    .evaluate((el) => el.outerHTML);
/** Bar heights in the [CLS] figure: per token, raw attention then rollout. */
const clsBars = (page: Page) =>
  figure(page, "cls")
    .locator("g.ro-bar rect")
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("height"))));
/** Signed bar lengths in the gradient figure (positive: pushes towards 负面), token order. */
const gradBars = (page: Page) =>
  figure(page, "grad")
    .locator("g.ro-grad rect")
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

test("first frame is in the HTML, small, and agrees with the article's cell", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ARC10);
  let bytes = 0;
  for (const key of ["cls", "grad", "maps"]) {
    await expect(figure(page, key).locator("svg")).toHaveCount(1);
    bytes += (await svgOf(page, key)).length;
  }
  expect(bytes).toBeLessThan(40_000);
  await expect(readout(page, "cls")).toContainText("第 3 层原始注意力给“不”“好看”共 0.10");
  await expect(readout(page, "cls")).toContainText("[CLS] 0.499，电影 0.167，不 0.142，好看 0.191");
  await expect(readout(page, "grad")).toContainText("不 +2.28，好看 −1.53；之和 0.75 = F");
  await expect(figure(page, "maps").locator("g.ro-cell rect")).toHaveCount(32);
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("the layer slider picks the raw layer and how far rollout multiplies", async ({ page }) => {
  await page.goto(ARC10);
  await settled(page);
  const before = await clsBars(page);
  await press(page, "layer", "Home");
  await expect(demo(page).locator('[data-output="layer"]')).toHaveText("1");
  await expect(readout(page, "cls")).toContainText("第 1 层原始注意力给“不”“好看”共 0.20");
  await expect(readout(page, "cls")).toContainText("rollout（r = 0.5，第 1–1 层）给 0.10");
  await expect(readout(page, "grad")).toContainText("F（负面分数）= 0.10");
  await expect(figure(page, "maps")).toContainText("第 1 层原始注意力");
  await expect.poll(async () => (await clsBars(page))[0]).toBeGreaterThan(before[0]); // raw [CLS]→[CLS]: 0.6 → 0.7
  await expect(page).toHaveURL(/[?&]rollout\.layer=1(&|$)/);
});

test("the residual weight changes rollout but not the raw attention or the gradients", async ({ page }) => {
  await page.goto(ARC10);
  await settled(page);
  const grad = await svgOf(page, "grad");
  const before = await clsBars(page);
  await press(page, "r", "End");
  await expect(demo(page).locator('[data-output="r"]')).toHaveText("1");
  await expect(readout(page, "cls")).toContainText("给 0.00；rollout：[CLS] 1.000");
  await expect.poll(async () => (await clsBars(page))[1]).toBeGreaterThan(before[1]); // rollout [CLS] → 1
  await press(page, "r", "Home");
  await expect(readout(page, "cls")).toContainText("rollout（r = 0，第 1–3 层）给 0.55");
  const after = await clsBars(page);
  expect(after[0]).toBeCloseTo(before[0], 6); // the raw bars stay
  expect(await svgOf(page, "grad")).toBe(grad);
});

test("another value matrix flips F while attention and rollout stay put", async ({ page }) => {
  await page.goto(ARC10);
  await settled(page);
  const cls = await svgOf(page, "cls");
  const maps = await svgOf(page, "maps");
  const [, , neg, pos] = await gradBars(page);
  expect(neg).toBeGreaterThan(pos);
  await demo(page).locator('select[data-param="values"]').selectOption("skewed");
  await expect(readout(page, "grad")).toContainText("F（负面分数）= −2.68，判为正面");
  await expect(readout(page, "grad")).toContainText("不 +0.62，好看 −3.30");
  await expect.poll(async () => (await gradBars(page))[3]).toBeGreaterThan(neg); // 好看 now dominates
  expect(await svgOf(page, "cls")).toBe(cls);
  expect(await svgOf(page, "maps")).toBe(maps);
  await expect(page).toHaveURL(/rollout\.values=skewed/);
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${ARC10}?rollout.layer=2&rollout.r=0.9&rollout.values=skewed#try-it`);
  await expect(demo(page).locator('[data-output="layer"]')).toHaveText("2");
  await expect(demo(page).locator('[data-output="r"]')).toHaveText("0.9");
  await expect(demo(page).locator('select[data-param="values"]')).toHaveValue("skewed");
  await expect(readout(page, "cls")).toContainText("rollout（r = 0.9，第 1–2 层）");
  await expect(readout(page, "grad")).toContainText("判为正面");
  await rendered(page, 1);
  await expect(figure(page, "maps")).toContainText("第 2 层原始注意力");
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${ARC10}?rollout.layer=4&rollout.r=x&rollout.values=random&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["rollout.layer=4", "rollout.r=x", "rollout.values=random"])
    await expect(notice).toContainText(bad);
  await expect(readout(page, "cls")).toContainText("给 0.33");
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${ARC10}?rollout.r=0.1&rollout.values=skewed`);
  await expect(demo(page).locator('[data-output="r"]')).toHaveText("0.1");
  await demo(page).locator("[data-reset]").click();
  await expect(demo(page).locator('[data-output="r"]')).toHaveText("0.5");
  await expect(readout(page, "grad")).toContainText("判为负面");
  await expect(page).toHaveURL(new RegExp(`${ARC10}$`));
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: ARC-10 with the demo (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${ARC10}?rollout.values=skewed`);
    await demo(page).scrollIntoViewIfNeeded();
    await rendered(page, 1);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
