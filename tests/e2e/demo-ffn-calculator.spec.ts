/** The FFN calculator (ARC-05) as a reader uses it. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const ARC05 = "/q/feed-forward-network/";
const demo = (page: Page) => page.locator('[data-demo-ns="ffn"]');
const readout = (page: Page, key: "ffn" | "act") => demo(page).locator(`[data-readout="${key}"]`);
const figure = (page: Page, key: string) => demo(page).locator(`[data-figure="${key}"]`);
const svgOf = (page: Page, key: string) =>
  figure(page, key)
    .locator("svg")
    .evaluate((el) => el.outerHTML);
const ORANGE = "#e0803a";
/** Bar fills top to bottom: ReLU 4d, GELU 4d, SwiGLU 4d, SwiGLU ⅔·4d. */
const barFills = (page: Page) =>
  figure(page, "sizes")
    .locator("g.ffn-bar rect")
    .evaluateAll((rects) => rects.map((r) => r.getAttribute("fill")));
const barWidths = (page: Page) =>
  figure(page, "sizes")
    .locator("g.ffn-bar rect")
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("width"))));
const probeX = (page: Page) =>
  figure(page, "acts")
    .locator("g.ffn-probe circle")
    .evaluateAll((dots) => dots.map((d) => Number(d.getAttribute("cx"))));
const roundDot = (page: Page) =>
  figure(page, "rounding")
    .locator("g.ffn-round-now circle")
    .evaluate((d) => [Number(d.getAttribute("cx")), Number(d.getAttribute("cy"))]);

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

test("first frame is in the HTML, small, and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ARC05);
  let bytes = 0;
  for (const key of ["sizes", "rounding", "acts"]) {
    await expect(figure(page, key).locator("svg")).toHaveCount(1);
    bytes += (await svgOf(page, key)).length;
  }
  expect(bytes).toBeLessThan(40_000);
  await expect(readout(page, "ffn")).toContainText("取整到 256 的倍数得 11008；参数 135,266,304");
  await expect(readout(page, "ffn")).toContainText("多 0.78%");
  await expect(figure(page, "sizes")).toContainText("135.3M · 0.271 GFLOPs");
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("the structure select moves the highlight; PaLM's SwiGLU at 4d costs 50% more", async ({ page }) => {
  await page.goto(ARC05);
  await settled(page);
  expect((await barFills(page)).indexOf(ORANGE)).toBe(3);
  const [relu, , palm, llama] = await barWidths(page);
  expect(palm / relu).toBeCloseTo(1.5, 2);
  expect(llama / relu).toBeCloseTo(1.0078, 2);
  const select = demo(page).locator('select[data-param="variant"]');
  await select.selectOption("swigluPalm");
  await expect(readout(page, "ffn")).toContainText("是 ReLU 4d 的 1.5000 倍（多 50.00%）");
  await expect.poll(async () => (await barFills(page)).indexOf(ORANGE)).toBe(2);
  await select.selectOption("gelu");
  await expect(readout(page, "ffn")).toContainText("隐藏维度 4d = 16384；参数 134,217,728（就是基准）");
  await expect(readout(page, "act")).toContainText("本结构用 GELU");
  await expect.poll(async () => (await barFills(page)).indexOf(ORANGE)).toBe(1);
  await expect(page).toHaveURL(/[?&]ffn\.variant=gelu(&|$)/);
});

test("small d and coarse rounding make SwiGLU's ⅔·4d visibly bigger", async ({ page }) => {
  await page.goto(ARC05);
  await settled(page);
  const [x0, y0] = await roundDot(page);
  await demo(page).locator('select[data-param="d"]').selectOption("512");
  await expect(readout(page, "ffn")).toContainText("⌊8·512/3⌋ = 1365，取整到 256 的倍数得 1536");
  await expect(readout(page, "ffn")).toContainText("多 12.50%");
  await expect.poll(async () => (await roundDot(page))[0]).toBeLessThan(x0);
  expect((await roundDot(page))[1]).toBeLessThan(y0); // higher on the chart
  await demo(page).locator('select[data-param="multiple"]').selectOption("1");
  await expect(readout(page, "ffn")).toContainText("得 1365");
  await expect(readout(page, "ffn")).toContainText("少 0.02%");
  await expect(page).toHaveURL(/ffn\.multiple=1/);
});

test("biases add 2H + d to a SwiGLU FFN", async ({ page }) => {
  await page.goto(ARC05);
  await demo(page).locator('select[data-param="bias"]').selectOption("bias");
  await expect(readout(page, "ffn")).toContainText("参数 135,292,416");
  await demo(page).locator('select[data-param="d"]').selectOption("512");
  await demo(page).locator('select[data-param="variant"]').selectOption("relu");
  await expect(readout(page, "ffn")).toContainText("参数 2,099,712"); // the original base FFN
});

test("the x slider moves the probe; the curve select switches to derivatives", async ({ page }) => {
  await page.goto(ARC05);
  await settled(page);
  const before = await probeX(page);
  await press(page, "x", "Home");
  await expect(demo(page).locator('[data-output="x"]')).toHaveText("-4");
  await expect(readout(page, "act")).toContainText("x = −4：ReLU 0（导数 0），GELU 0（导数");
  await expect.poll(async () => (await probeX(page))[0]).toBeLessThan(before[0]);
  await press(page, "x", "End");
  await expect(readout(page, "act")).toContainText("x = 4：ReLU 4.000（导数 1.000），GELU 4.000");
  await expect.poll(async () => (await probeX(page))[0]).toBeGreaterThan(before[0]);
  const sizes = await svgOf(page, "sizes");
  await demo(page).locator('select[data-param="curve"]').selectOption("slope");
  await expect.poll(async () => (await figure(page, "acts").textContent()) ?? "").toContain("f′(x)");
  expect(await svgOf(page, "sizes")).toBe(sizes); // the parameter chart does not depend on the curves
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${ARC05}?ffn.variant=relu&ffn.d=768&ffn.bias=bias&ffn.x=0.5&ffn.curve=slope#try-it`);
  await expect(demo(page).locator('select[data-param="variant"]')).toHaveValue("relu");
  await expect(demo(page).locator('select[data-param="d"]')).toHaveValue("768");
  await expect(demo(page).locator('[data-output="x"]')).toHaveText("0.5");
  await expect(readout(page, "ffn")).toContainText("隐藏维度 4d = 3072；参数 4,722,432");
  await expect(readout(page, "act")).toContainText("x = 0.5：ReLU 0.500（导数 1.000）");
  await rendered(page, 1);
  await expect.poll(async () => (await figure(page, "acts").textContent()) ?? "").toContain("f′(x)");
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${ARC05}?ffn.d=4000&ffn.x=9&ffn.variant=geglu&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["ffn.d=4000", "ffn.x=9", "ffn.variant=geglu"]) await expect(notice).toContainText(bad);
  await expect(readout(page, "ffn")).toContainText("11008");
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${ARC05}?ffn.d=512&ffn.variant=relu`);
  await expect(demo(page).locator('select[data-param="d"]')).toHaveValue("512");
  await demo(page).locator("[data-reset]").click();
  await expect(demo(page).locator('select[data-param="d"]')).toHaveValue("4096");
  await expect(readout(page, "ffn")).toContainText("11008");
  await expect(page).toHaveURL(new RegExp(`${ARC05}$`));
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: ARC-05 with the demo (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${ARC05}?ffn.curve=slope`);
    await demo(page).scrollIntoViewIfNeeded();
    await rendered(page, 1);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
