/** The attention-scoring demo (ATT-03) as a reader uses it: score spreads vs d_k, and the cost of scoring. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const ATT03 = "/q/dot-product-vs-additive-attention/";
const demo = (page: Page) => page.locator('[data-demo-ns="score"]');
const readout = (page: Page, key: "std" | "ops" | "mem") => demo(page).locator(`[data-readout="${key}"]`);

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}

/** The highlighted (current d_k) points on the std curve: their mean x position in SVG units. */
const currentX = (page: Page) =>
  demo(page)
    .locator('[data-figure="std"] g.score-current circle')
    .evaluateAll((dots) => dots.reduce((acc, d) => acc + Number(d.getAttribute("cx")), 0) / dots.length);

/** Horizontal spread of each row of samples (rows told apart by their y position), widest first. */
const rowSpreads = (page: Page) =>
  demo(page)
    .locator('[data-figure="samples"] g.score-sample circle')
    .evaluateAll((dots) => {
      const rows = new Map<string, number[]>();
      for (const d of dots) {
        const y = d.getAttribute("cy") ?? "";
        rows.set(y, [...(rows.get(y) ?? []), Number(d.getAttribute("cx"))]);
      }
      return [...rows.entries()]
        .sort((a, b) => Number(a[0]) - Number(b[0]))
        .map(([, xs]) => Math.max(...xs) - Math.min(...xs));
    });

/** Widths of the memory bars: [dot, additive]. */
const memWidths = (page: Page) =>
  demo(page)
    .locator('[data-figure="mem"] g.score-mem rect')
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("width"))));

test("first frame is in the HTML and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ATT03);
  for (const figure of ["std", "samples", "ops", "mem"]) {
    await expect(demo(page).locator(`[data-figure="${figure}"] svg`)).toHaveCount(1);
  }
  // 3 curves × 9 dimensions, 3 rows × 40 samples, 3 operation segments, 2 memory bars
  await expect(demo(page).locator('[data-figure="std"] g.score-point circle')).toHaveCount(27);
  await expect(demo(page).locator('[data-figure="std"] g.score-current circle')).toHaveCount(3);
  await expect(demo(page).locator('[data-figure="samples"] g.score-sample circle')).toHaveCount(120);
  await expect(demo(page).locator('[data-figure="ops"] g.score-op rect')).toHaveCount(3);
  await expect(readout(page, "std")).toContainText("d_k = 64：不缩放点积的标准差 ≈");
  await expect(readout(page, "ops")).toContainText("点积 6.7×10⁷ 次乘加");
  await expect(readout(page, "mem")).toContainText("点积是 4 MiB 的分数矩阵，加性是 256 MiB 的 tanh 值");
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("d_k moves the marker, spreads only the unscaled scores and scales the additive memory", async ({ page }) => {
  await page.goto(ATT03);
  const dk = demo(page).locator('select[data-param="dk"]');
  await dk.selectOption("4");
  await expect(readout(page, "std")).toContainText("d_k = 4：");
  await expect(readout(page, "std")).toContainText("（√d_k = 2.0）");
  await rendered(page, 1);
  const xSmall = await currentX(page);
  const [dotSmall, scaledSmall] = await rowSpreads(page);
  expect((await memWidths(page))[0] / (await memWidths(page))[1]).toBeCloseTo(1 / 4, 3);

  await dk.selectOption("1024");
  await expect(readout(page, "std")).toContainText("d_k = 1024：");
  await expect(readout(page, "mem")).toContainText("是前者的 d_a = 1024 倍");
  await expect.poll(() => currentX(page)).toBeGreaterThan(xSmall + 100);
  const [dotLarge, scaledLarge, additiveLarge] = await rowSpreads(page);
  // On a shared x axis, unscaled q·k spreads ~√1024 = 32 times wider than q·k/√d_k; at d_k = 4 only ~2 times.
  expect(dotLarge / scaledLarge).toBeGreaterThan(10);
  expect(dotLarge / additiveLarge).toBeGreaterThan(10);
  expect(dotSmall / scaledSmall).toBeLessThan(4);
  const unscaled = Number(/标准差 ≈ ([\d.]+)/.exec((await readout(page, "std").textContent()) ?? "")?.[1]);
  expect(unscaled).toBeGreaterThan(27);
  expect(unscaled).toBeLessThan(37);
  // Memory bars share one scale: the score matrix is 1/d_a of the tanh tensor.
  const [dotBar, additiveBar] = await memWidths(page);
  expect(dotBar / additiveBar).toBeCloseTo(1 / 1024, 3);
  await expect(page).toHaveURL(/[?&]score\.dk=1024(&|$)/);
});

test("n rescales the operation counts; additive always does 3× the dot product's operations", async ({ page }) => {
  await page.goto(ATT03);
  const opWidths = () =>
    demo(page)
      .locator('[data-figure="ops"] g.score-op rect')
      .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("width"))));
  const axis = () => demo(page).locator('[data-figure="ops"]').textContent();
  await demo(page).locator('select[data-param="n"]').selectOption("8192");
  await expect(readout(page, "ops")).toContainText("n = 8192，d_k = d_a = 64：点积 4.3×10⁹ 次乘加");
  await expect(readout(page, "mem")).toContainText("点积是 256 MiB 的分数矩阵，加性是 16 GiB 的 tanh 值");
  await expect.poll(axis).toMatch(/\dG/);
  const [dot, additiveMacs, additiveElementwise] = await opWidths();
  expect(additiveMacs).toBeCloseTo(dot, 3);
  expect(additiveElementwise).toBeCloseTo(2 * dot, 3);
  await demo(page).locator('select[data-param="n"]').selectOption("128");
  await expect(readout(page, "ops")).toContainText("点积 1×10⁶ 次乘加");
  await expect.poll(axis).not.toMatch(/\dG/);
  await expect(page).toHaveURL(/[?&]score\.n=128(&|$)/);
});

test("a new seed draws new vectors", async ({ page }) => {
  await page.goto(ATT03);
  const positions = () =>
    demo(page)
      .locator('[data-figure="samples"] g.score-sample circle')
      .evaluateAll((dots) => dots.map((d) => d.getAttribute("cx")).join(","));
  await demo(page).locator('input[data-param="seed"]').fill("2");
  await expect(demo(page).locator('[data-output="seed"]')).toHaveText("2");
  await rendered(page, 1);
  const before = await positions();
  const text = await readout(page, "std").textContent();
  await demo(page).locator('input[data-param="seed"]').fill("42");
  await expect(demo(page).locator('[data-output="seed"]')).toHaveText("42");
  await expect(readout(page, "std")).not.toHaveText(text ?? "");
  await expect.poll(positions).not.toBe(before);
  await expect(readout(page, "ops")).toContainText("点积 6.7×10⁷ 次乘加"); // counts do not depend on the seed
  await expect(page).toHaveURL(/[?&]score\.seed=42(&|$)/);
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${ATT03}?score.dk=256&score.n=4096&score.seed=7#try-it`);
  await expect(demo(page).locator('select[data-param="dk"]')).toHaveValue("256");
  await expect(demo(page).locator('select[data-param="n"]')).toHaveValue("4096");
  await expect(demo(page).locator('[data-output="seed"]')).toHaveText("7");
  await expect(readout(page, "std")).toContainText("d_k = 256：");
  await expect(readout(page, "ops")).toContainText("n = 4096，d_k = d_a = 256");
  await rendered(page, 1);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${ATT03}?score.dk=3&score.seed=abc&score.n=-1&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["score.dk=3", "score.seed=abc", "score.n=-1"]) await expect(notice).toContainText(bad);
  await expect(demo(page).locator('select[data-param="dk"]')).toHaveValue("64");
  await expect(readout(page, "ops")).toContainText("n = 1024，d_k = d_a = 64");
  await expect(page).toHaveURL(/\?other=1$/);
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: ATT-03 with the demo drawn (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${ATT03}?score.dk=512`);
    await demo(page).scrollIntoViewIfNeeded();
    await rendered(page, 1);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
