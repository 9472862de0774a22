/** The norm-axes demo (NRM-02) as a reader uses it: BN vs LN axes, padding, batch size. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { D, sequenceLengths, T } from "../../components/demos/norm-axes/model";

const NRM02 = "/q/layernorm-vs-batchnorm/";
const demo = (page: Page) => page.locator('[data-demo-ns="norm"]');
/** Cells the chosen mode averages over (real and padded). */
const highlighted = (page: Page) => demo(page).locator('[data-figure="cells"] .norm-hl rect');
const highlightedPads = (page: Page) => demo(page).locator('[data-figure="cells"] .norm-hl-pad rect');
const allPads = async (page: Page) =>
  (await demo(page).locator('[data-figure="cells"] .norm-pad rect').count()) + (await highlightedPads(page).count());
const readout = (page: Page, key: string) => demo(page).locator(`[data-readout="${key}"]`);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}

async function number(page: Page, key: string, pattern: RegExp): Promise<number> {
  const text = (await readout(page, key).textContent()) ?? "";
  const match = pattern.exec(text);
  expect(match, `${pattern} in "${text}"`).not.toBeNull();
  return Number(match?.[1]);
}
const bnPadMean = (page: Page) => number(page, "bn", /含 padding 时均值 (-?[\d.]+)/);
const bnRealMean = (page: Page) => number(page, "bn", /只算真实 token：均值 (-?[\d.]+)/);
const noiseStd = (page: Page) => number(page, "noise", /标准差 ([\d.]+)/);

/** Centre of the orange frame around the selected element, in page pixels. */
async function selectedAt(page: Page) {
  const box = await demo(page).locator('[data-figure="cells"] .norm-sel rect').boundingBox();
  expect(box).not.toBeNull();
  return {
    x: Math.round((box?.x ?? 0) + (box?.width ?? 0) / 2),
    y: Math.round((box?.y ?? 0) + (box?.height ?? 0) / 2),
  };
}

test("first frame is in the HTML and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(NRM02);
  for (const figure of ["cells", "normed", "noise"]) {
    await expect(demo(page).locator(`[data-figure="${figure}"] svg`)).toHaveCount(1);
  }
  // Default: BatchNorm with padding included, B = 4 → feature k's whole column in every sequence.
  await expect(highlighted(page)).toHaveCount(4 * T);
  await expect(demo(page).locator('[data-figure="cells"] .norm-sel rect')).toHaveCount(1);
  await expect(readout(page, "bn")).toContainText("含 padding 时均值 1.68，方差 1.95（24 个数");
  await expect(readout(page, "ln")).toContainText("LN（token b=2，t=2）：均值 0.88");
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("BN highlights B·T cells (B·T_real when masked), LN highlights the d features of one token", async ({ page }) => {
  await page.goto(NRM02);
  const realTokens = sum(sequenceLengths(4, 0.3));
  await expect(highlighted(page)).toHaveCount(4 * T);
  await expect(highlightedPads(page)).toHaveCount(4 * T - realTokens);
  const value = readout(page, "value");
  await expect(value).toContainText("BN（含 padding）后 (2.98 − 1.68)");

  await demo(page).locator('select[data-param="stats"]').selectOption("mask");
  await expect(readout(page, "value")).toContainText("BN（只算真实 token）后 (2.98 − 2.38)");
  await expect(highlighted(page)).toHaveCount(realTokens);
  await expect(highlightedPads(page)).toHaveCount(0);
  await expect(page).toHaveURL(/[?&]norm\.stats=mask(&|$)/);
  // The second figure: real tokens' BN outputs, in both statistics rows.
  await expect(demo(page).locator('[data-figure="normed"] .norm-out circle')).toHaveCount(2 * realTokens);

  await demo(page).locator('select[data-param="mode"]').selectOption("ln");
  await expect(value).toContainText("LN 后 (2.98 − 0.88)");
  await expect(highlighted(page)).toHaveCount(D);
  await expect(demo(page).locator('[data-figure="normed"] .norm-out rect')).toHaveCount(D);
  await expect(page).toHaveURL(/[?&]norm\.mode=ln(&|$)/);
});

test("padding pulls the unmasked BN mean towards 0 by (1 − p) and leaves LN's statistics alone", async ({ page }) => {
  await page.goto(NRM02);
  const pad = demo(page).locator('input[data-param="pad"]');
  await pad.fill("0");
  await expect(demo(page).locator('[data-output="pad"]')).toHaveText("0");
  await expect(readout(page, "bn")).toContainText("padding 占 0%");
  await expect.poll(() => allPads(page)).toBe(0);
  expect(await bnPadMean(page)).toBe(await bnRealMean(page));
  const cleanMean = await bnPadMean(page);

  await pad.focus();
  await page.keyboard.press("End"); // 0.8
  await expect(demo(page).locator('[data-output="pad"]')).toHaveText("0.8");
  const share = (await number(page, "bn", /padding 占 (\d+)%/)) / 100;
  expect(share).toBeGreaterThan(0.7);
  const padMean = await bnPadMean(page);
  const realMean = await bnRealMean(page);
  expect(padMean).not.toBe(cleanMean);
  expect(padMean).toBeLessThan(realMean / 2);
  expect(Math.abs(padMean - (1 - share) * realMean)).toBeLessThan(0.03);
  await expect.poll(() => allPads(page)).toBe((4 * T - sum(sequenceLengths(4, 0.8))) * D); // grey cells
  await expect(highlighted(page)).toHaveCount(4 * T); // unmasked BN still averages over the pads

  // LayerNorm of a real token: the same statistics at any padding share.
  await demo(page).locator('select[data-param="mode"]').selectOption("ln");
  await demo(page).locator('input[data-param="t"]').fill("1");
  await expect(readout(page, "ln")).toContainText("LN（token b=2，t=1）");
  const lnPadded = await readout(page, "ln").textContent();
  await pad.fill("0");
  await expect(readout(page, "bn")).toContainText("padding 占 0%");
  await expect(readout(page, "ln")).toHaveText(lnPadded ?? "");
});

test("a smaller batch highlights fewer cells and makes BN's mean noisier", async ({ page }) => {
  await page.goto(NRM02);
  const batch = demo(page).locator('input[data-param="batch"]');
  await batch.focus();
  await page.keyboard.press("End"); // B = 8
  await expect(demo(page).locator('[data-output="batch"]')).toHaveText("8");
  await expect(highlighted(page)).toHaveCount(8 * T);
  await expect(readout(page, "noise")).toContainText("batch = 8 时");
  const stdLarge = await noiseStd(page);
  const drawsAt = () =>
    demo(page)
      .locator('[data-figure="noise"] .norm-draw circle')
      .evaluateAll((dots) => dots.map((d) => Number(d.getAttribute("cx"))).reduce((a, b) => a + b, 0) / dots.length);
  await rendered(page, 1);
  const xLarge = await drawsAt();

  await page.keyboard.press("Home"); // B = 1
  await expect(demo(page).locator('[data-output="batch"]')).toHaveText("1");
  await expect(highlighted(page)).toHaveCount(T);
  await expect(readout(page, "noise")).toContainText("batch = 1 时");
  expect(await noiseStd(page)).toBeGreaterThan(1.5 * stdLarge);
  await expect.poll(drawsAt).toBeLessThan(xLarge); // the orange draws move to the B = 1 column
  await expect(page).toHaveURL(/[?&]norm\.batch=1(&|$)/);
  // b = 2 is beyond a batch of 1: the read-outs fall back to the last sequence.
  await expect(readout(page, "ln")).toContainText("token b=1");

  // One sequence with a single real token, masked BN: one number, variance 0, output β = 0.
  await demo(page).locator('input[data-param="pad"]').fill("0.8");
  await demo(page).locator('select[data-param="stats"]').selectOption("mask");
  await demo(page).locator('input[data-param="t"]').fill("1");
  await expect(readout(page, "value")).toContainText("只有 1 个数参与统计，方差为 0，输出恒为 β = 0");
  await expect(highlighted(page)).toHaveCount(1);
});

test("b, t, k and the seed move the selection and the data", async ({ page }) => {
  await page.goto(NRM02);
  // k moves the BN column (and the frame) sideways. First draw once in the browser (at the real width).
  await demo(page).locator('input[data-param="k"]').fill("3");
  await expect(readout(page, "bn")).toContainText("BN（特征 k=3）");
  await rendered(page, 1);
  const start = await selectedAt(page);
  const columnX = () =>
    highlighted(page).evaluateAll((rects) => [...new Set(rects.map((r) => r.getAttribute("x")))].join(","));
  const column = await columnX();
  await demo(page).locator('input[data-param="k"]').fill("7");
  await expect(readout(page, "bn")).toContainText("BN（特征 k=7）");
  await expect.poll(columnX).not.toBe(column);
  await expect.poll(async () => (await selectedAt(page)).x).toBeGreaterThan(start.x);

  // t moves the frame down; in LN mode the highlighted row follows it.
  await demo(page).locator('select[data-param="mode"]').selectOption("ln");
  const rowY = () =>
    highlighted(page).evaluateAll((rects) => [...new Set(rects.map((r) => r.getAttribute("y")))].join(","));
  const row = await rowY();
  await demo(page).locator('input[data-param="t"]').fill("5");
  await expect(readout(page, "ln")).toContainText("token b=2，t=5");
  await expect.poll(rowY).not.toBe(row);
  await expect.poll(async () => (await selectedAt(page)).y).toBeGreaterThan(start.y);

  // b = 3 starts the second row of panels (2 per row on phones, 4 on wide screens): the frame moves.
  const before = await selectedAt(page);
  await demo(page).locator('input[data-param="b"]').fill("3");
  await expect(readout(page, "ln")).toContainText("token b=3，t=5");
  await expect.poll(async () => JSON.stringify(await selectedAt(page))).not.toBe(JSON.stringify(before));
  await expect(page).toHaveURL(/norm\.b=3/);

  // A new seed draws new activations: new numbers and new cell colours.
  const fills = () =>
    demo(page)
      .locator('[data-figure="cells"] .norm-cell rect')
      .evaluateAll((rects) => rects.map((r) => r.getAttribute("fill")).join(","));
  const oldFills = await fills();
  const oldBn = await readout(page, "bn").textContent();
  await demo(page).locator('input[data-param="seed"]').fill("9");
  await expect(demo(page).locator('[data-output="seed"]')).toHaveText("9");
  await expect(readout(page, "bn")).not.toHaveText(oldBn ?? "");
  await expect.poll(fills).not.toBe(oldFills);
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${NRM02}?norm.mode=ln&norm.batch=6&norm.pad=0.5&norm.k=2&norm.stats=mask&norm.seed=3#try-it`);
  await expect(demo(page).locator('select[data-param="mode"]')).toHaveValue("ln");
  await expect(demo(page).locator('select[data-param="stats"]')).toHaveValue("mask");
  await expect(demo(page).locator('[data-output="batch"]')).toHaveText("6");
  await expect(demo(page).locator('[data-output="pad"]')).toHaveText("0.5");
  await expect(demo(page).locator('[data-output="k"]')).toHaveText("2");
  await expect(demo(page).locator('[data-output="seed"]')).toHaveText("3");
  await expect(readout(page, "bn")).toContainText("BN（特征 k=2）");
  await expect(readout(page, "noise")).toContainText("batch = 6 时");
  await rendered(page, 1);
  await expect(highlighted(page)).toHaveCount(D);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${NRM02}?norm.batch=abc&norm.pad=2&norm.mode=gn&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["norm.batch=abc", "norm.pad=2", "norm.mode=gn"]) await expect(notice).toContainText(bad);
  await expect(demo(page).locator('[data-output="batch"]')).toHaveText("4");
  await expect(demo(page).locator('select[data-param="mode"]')).toHaveValue("bn");
  await expect(readout(page, "bn")).toContainText("含 padding 时均值 1.68");
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${NRM02}?norm.batch=2&norm.mode=ln`);
  await expect(demo(page).locator('[data-output="batch"]')).toHaveText("2");
  await demo(page).locator("[data-reset]").click();
  await expect(demo(page).locator('[data-output="batch"]')).toHaveText("4");
  await expect(demo(page).locator('select[data-param="mode"]')).toHaveValue("bn");
  await expect(page).toHaveURL(new RegExp(`${NRM02}$`));
  await expect(highlighted(page)).toHaveCount(4 * T);
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: NRM-02 with the demo drawn (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000); // axe over a long KaTeX-heavy article takes ~20 s
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${NRM02}?norm.mode=ln`);
    await demo(page).scrollIntoViewIfNeeded();
    await rendered(page, 1);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
