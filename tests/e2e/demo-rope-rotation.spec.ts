/** The RoPE demo (POS-04): rotated (q, k) pairs, shift invariance, score vs m − n, wavelengths vs L. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { queryKey, scoreByOffset, slowPairs } from "../../components/demos/rope-rotation/model";
import { frequencies } from "../../components/demos/sinusoidal-pe/model";

const POS04 = "/q/why-llama-uses-rope/";
const demo = (page: Page) => page.locator('[data-demo-ns="rope"]');
const readout = (page: Page, key: string) => demo(page).locator(`[data-readout="${key}"]`);
const figure = (page: Page, key: string) => demo(page).locator(`[data-figure="${key}"]`);
const fmt2 = (v: number) => v.toFixed(2).replace("-", "−");

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}

async function press(page: Page, param: string, key: string) {
  await demo(page).locator(`input[data-param="${param}"]`).focus();
  await page.keyboard.press(key);
}

/** The clocks' q arrows (path d) and their angle/contribution captions. */
const arrows = (page: Page) =>
  figure(page, "clocks")
    .locator("g.rope-q path")
    .evaluateAll((paths) => paths.map((p) => p.getAttribute("d")));
const captions = (page: Page) =>
  figure(page, "clocks")
    .locator("g.rope-term text")
    .evaluateAll((els) => els.map((el) => el.textContent ?? ""));
/** Distinct y coordinates of the RoPE line in the shift figure (1 = flat). */
const flatYs = (page: Page) =>
  figure(page, "shift")
    .locator("g.rope-flat path")
    .evaluate(
      (p) => new Set([...(p.getAttribute("d") ?? "").matchAll(/[ML][-\d.]+,([-\d.]+)/g)].map((m) => m[1])).size,
    );
const additiveYs = (page: Page) =>
  figure(page, "shift")
    .locator("g.rope-additive path")
    .evaluate(
      (p) => new Set([...(p.getAttribute("d") ?? "").matchAll(/[ML][-\d.]+,([-\d.]+)/g)].map((m) => m[1])).size,
    );
const nowX = (page: Page) =>
  figure(page, "relative")
    .locator("g.rope-now circle")
    .evaluate((c) => Number(c.getAttribute("cx")));
const defaultScore = () => {
  const { q, k } = queryKey(128, 1);
  return scoreByOffset(q, k, 7, frequencies(128, 10_000));
};

test("first frame is in the HTML, small, and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(POS04);
  let bytes = 0;
  for (const key of ["clocks", "shift", "relative", "spectrum"]) {
    const svg = figure(page, key).locator("svg");
    await expect(svg).toHaveCount(1);
    bytes += (await svg.evaluate((el) => el.outerHTML)).length;
  }
  expect(bytes).toBeLessThan(45_000);
  await expect(figure(page, "clocks").locator("g.rope-q path")).toHaveCount(4);
  await expect(figure(page, "clocks").locator("g.rope-k path")).toHaveCount(4);
  await expect(figure(page, "spectrum").locator("g.rope-pair circle")).toHaveCount(64);
  await expect(readout(page, "score")).toContainText(`q_m·k_n = ${fmt2(defaultScore())}`);
  await expect(readout(page, "spectrum")).toContainText("64 组频率里有 23 组波长超过 L = 2,048");
  // Both control groups (the second sits by the spectrum) need JavaScript.
  await expect(demo(page).locator(".demo-controls")).toHaveCount(2);
  for (const group of await demo(page).locator(".demo-controls").all()) await expect(group).toBeHidden();
  await context.close();
});

test("shifting m and n together turns the arrows but keeps every angle and the score", async ({ page }) => {
  await page.goto(POS04);
  await press(page, "s", "ArrowRight"); // s = 1
  await rendered(page, 1);
  const before = { arrows: await arrows(page), captions: await captions(page) };
  expect(before.captions).toHaveLength(4); // one two-line caption per clock
  await press(page, "s", "End"); // s = 4096
  await expect(demo(page).locator('[data-output="s"]')).toHaveText("4096");
  await expect(page).toHaveURL(/[?&]rope\.s=4096(&|$)/);
  const score = fmt2(defaultScore());
  await expect(readout(page, "score")).toContainText(`q_4108·k_4101 = ${score}，与平移前相同`);
  await expect.poll(() => arrows(page)).not.toEqual(before.arrows);
  expect(await captions(page)).toEqual(before.captions);
  // The shift figure: RoPE is one horizontal line, the additive contrast is not.
  expect(await flatYs(page)).toBe(1);
  expect(await additiveYs(page)).toBeGreaterThan(50);
  await expect(figure(page, "shift")).toContainText(`RoPE：${score}`);
});

test("moving m or n alone changes the offset, the angles and the score", async ({ page }) => {
  await page.goto(POS04);
  await press(page, "m", "ArrowRight"); // m = 13, m − n = 8
  await rendered(page, 1);
  await expect(readout(page, "score")).toContainText("m − n = 8");
  const captionsAt8 = await captions(page);
  const xAt8 = await nowX(page);
  await press(page, "n", "ArrowLeft"); // n = 4, m − n = 9
  await expect(readout(page, "score")).toContainText("m − n = 9");
  const { q, k } = queryKey(128, 1);
  await expect(readout(page, "score")).toContainText(
    `q_m·k_n = ${fmt2(scoreByOffset(q, k, 9, frequencies(128, 10_000)))}`,
  );
  await expect.poll(() => captions(page)).not.toEqual(captionsAt8);
  await expect.poll(() => nowX(page)).toBeGreaterThan(xAt8);
  await press(page, "n", "End"); // n = 255: key after the query, m − n = −242
  await expect(readout(page, "direction")).toContainText("m − n = −242 时打分");
  await expect.poll(() => nowX(page)).toBeLessThan(xAt8);
});

test("the base changes the wavelengths; the training length moves the line", async ({ page }) => {
  await page.goto(POS04);
  await press(page, "base", "End"); // base = 10^7
  await expect(demo(page).locator('[data-output="base"]')).toHaveText("10000000");
  await expect(readout(page, "spectrum")).toContainText(`有 ${slowPairs(128, 1e7, 2048)} 组波长超过`);
  expect(slowPairs(128, 1e7, 2048)).toBeGreaterThan(23);
  await expect(figure(page, "spectrum")).toContainText("虚线：base 10,000");
  await press(page, "base", "Home"); // base = 100
  await expect(readout(page, "spectrum")).toContainText(`有 ${slowPairs(128, 100, 2048)} 组波长超过`);
  await demo(page).locator('select[data-param="L"]').selectOption("512");
  await expect(readout(page, "spectrum")).toContainText("L = 512");
  await expect(figure(page, "spectrum")).toContainText("L = 512");
});

test("Llama 3's base and length give 29 of 64 slow pairs (shared link)", async ({ page }) => {
  await page.goto(`${POS04}?rope.base=500000&rope.L=8192#try-it`);
  await expect(demo(page).locator('[data-output="base"]')).toHaveText("500000");
  await expect(demo(page).locator('select[data-param="L"]')).toHaveValue("8192");
  await expect(readout(page, "spectrum")).toContainText("64 组频率里有 29 组波长超过 L = 8,192");
  await rendered(page, 1);
  await expect(figure(page, "spectrum")).toContainText("29/64 组波长 > L");
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("d_head sets the number of pairs; the seed draws another q and k", async ({ page }) => {
  await page.goto(POS04);
  await demo(page).locator('select[data-param="d"]').selectOption("8");
  await expect(readout(page, "spectrum")).toContainText("d_head = 8");
  await expect(figure(page, "spectrum").locator("g.rope-pair circle")).toHaveCount(4);
  await expect(figure(page, "clocks")).toContainText("第 3 组");
  const score = (await readout(page, "score").textContent()) ?? "";
  await press(page, "seed", "End"); // seed = 50
  await expect(demo(page).locator('[data-output="seed"]')).toHaveText("50");
  await expect.poll(async () => (await readout(page, "score").textContent()) ?? "").not.toBe(score);
  await expect(page).toHaveURL(/rope\.d=8/);
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${POS04}?rope.m=256&rope.d=100&rope.base=0&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["rope.m=256", "rope.d=100", "rope.base=0"]) await expect(notice).toContainText(bad);
  await expect(demo(page).locator('[data-output="m"]')).toHaveText("12");
  await expect(readout(page, "spectrum")).toContainText("有 23 组");
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${POS04}?rope.s=100&rope.m=40`);
  await expect(demo(page).locator('[data-output="s"]')).toHaveText("100");
  await demo(page).locator("[data-reset]").click();
  await expect(demo(page).locator('[data-output="s"]')).toHaveText("0");
  await expect(demo(page).locator('[data-output="m"]')).toHaveText("12");
  await expect(page).toHaveURL(new RegExp(`${POS04}$`));
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: POS-04 with the demo (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(POS04);
    await demo(page).scrollIntoViewIfNeeded();
    await page.waitForLoadState("networkidle");
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
