/** The Table 1 demo (ARC-02) as a reader uses it. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const ARC02 = "/q/transformer-vs-rnn/";
const demo = (page: Page) => page.locator('[data-demo-ns="cx"]');
const readout = (page: Page, key: "cost" | "steps") => demo(page).locator(`[data-readout="${key}"]`);
const figure = (page: Page, key: string) => demo(page).locator(`[data-figure="${key}"]`);
const svgOf = (page: Page, key: string) =>
  figure(page, key)
    .locator("svg")
    .evaluate((el) => el.outerHTML);
/** x (SVG units) of the current-n dots in a figure, and their y values. */
const nowDots = (page: Page, key: string) =>
  figure(page, key)
    .locator("g.cx-now circle")
    .evaluateAll((dots) => dots.map((d) => [Number(d.getAttribute("cx")), Number(d.getAttribute("cy"))]));
/** x of the crossover label ("n = d" / "n = 2d") in the cost figure, as a share of the plot width. */
const crossLabel = (page: Page) =>
  figure(page, "cost")
    .locator("svg")
    .evaluate((svg) => {
      const label = [...svg.querySelectorAll("text")].find((t) => /^n = 2?d$/.test(t.textContent ?? ""));
      const x = Number(/translate\(([-\d.]+)/.exec(label?.getAttribute("transform") ?? "")?.[1] ?? Number.NaN);
      return { text: label?.textContent, x: x / Number(svg.getAttribute("width")) };
    });

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
  await page.goto(ARC02);
  let bytes = 0;
  for (const key of ["cost", "seq", "path"]) {
    await expect(figure(page, key).locator("svg")).toHaveCount(1);
    bytes += (await svgOf(page, key)).length;
  }
  expect(bytes).toBeLessThan(40_000);
  await expect(readout(page, "cost")).toContainText("自注意力 1.34 亿，循环层 1.34 亿，比值 1");
  await expect(readout(page, "steps")).toContainText("膨胀卷积 6（连续卷积 171）");
  await expect(figure(page, "cost").locator("g.cx-now circle")).toHaveCount(4);
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("the length slider moves the marker along every curve and sets the ratio n/d", async ({ page }) => {
  await page.goto(ARC02);
  await settled(page);
  const [attnBefore] = await nowDots(page, "cost");
  await press(page, "n", "End");
  await expect(demo(page).locator('[data-output="n"]')).toHaveText("8192");
  // The article's last table row: 344 亿 vs 21.5 亿, 16 times.
  await expect(readout(page, "cost")).toContainText("n = 8192，d = 512：自注意力 344 亿，循环层 21.5 亿，比值 16");
  await expect(readout(page, "steps")).toContainText("循环层 8192 步");
  await expect(page).toHaveURL(/[?&]cx\.n=8192(&|$)/);
  await expect.poll(async () => (await nowDots(page, "cost"))[0][0]).toBeGreaterThan(attnBefore[0]);
  // The attention dot climbed above the recurrent one (smaller y is higher).
  const [attn, rnn] = await nowDots(page, "cost");
  expect(attn[1]).toBeLessThan(rnn[1]);
  await expect.poll(async () => (await nowDots(page, "seq"))[0][1]).toBeLessThan(40);

  await press(page, "n", "Home");
  await expect(readout(page, "cost")).toContainText("n = 16，d = 512");
  await expect(readout(page, "cost")).toContainText("比值 0.0313");
  await expect.poll(async () => (await nowDots(page, "cost"))[0][0]).toBeLessThan(attnBefore[0]);
});

test("d moves the crossover, and whole-layer counting moves it to n = 2d", async ({ page }) => {
  await page.goto(ARC02);
  await settled(page);
  const before = await crossLabel(page);
  expect(before.text).toBe("n = d");
  await demo(page).locator('select[data-param="d"]').selectOption("2048");
  await expect(readout(page, "cost")).toContainText("在 n = 2048 时相等");
  await expect(readout(page, "cost")).toContainText("比值 0.25");
  await expect.poll(async () => (await crossLabel(page)).x).toBeGreaterThan(before.x);

  await demo(page).locator('select[data-param="d"]').selectOption("512");
  await demo(page).locator('select[data-param="count"]').selectOption("macs");
  await expect(readout(page, "cost")).toContainText("循环层（LSTM）");
  await expect(readout(page, "cost")).toContainText("4nd² + 2n²d 与 LSTM 的 8nd² 在 n = 1024 时相等");
  await expect.poll(async () => (await crossLabel(page)).text).toBe("n = 2d");
  await expect(figure(page, "cost")).toContainText("每层乘加次数");
  await expect(page).toHaveURL(/cx\.count=macs/);
});

test("kernel width and neighbourhood change the convolution and restricted-attention rows only", async ({ page }) => {
  await page.goto(ARC02);
  await settled(page);
  const seqBefore = await svgOf(page, "seq");
  const pathBefore = await nowDots(page, "path");
  await press(page, "k", "End");
  await expect(demo(page).locator('[data-output="k"]')).toHaveText("9");
  await expect(readout(page, "steps")).toContainText("膨胀卷积 3（连续卷积 57）");
  await expect(readout(page, "cost")).toContainText("卷积 k=9 12.1 亿");
  // The dilated-convolution dot (third) dropped from 6 to 3 layers: it moved down.
  await expect.poll(async () => (await nowDots(page, "path"))[2][1]).toBeGreaterThan(pathBefore[2][1]);

  await demo(page).locator('select[data-param="r"]').selectOption("512");
  await expect(readout(page, "steps")).toContainText("受限自注意力 1");
  await expect(readout(page, "cost")).toContainText("受限自注意力 r=512 1.34 亿");
  // The sequential-operations figure depends on n alone and was not redrawn.
  expect(await svgOf(page, "seq")).toBe(seqBefore);
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${ARC02}?cx.n=8192&cx.d=1024&cx.k=5&cx.r=128&cx.count=macs#try-it`);
  await expect(demo(page).locator('[data-output="n"]')).toHaveText("8192");
  await expect(demo(page).locator('select[data-param="d"]')).toHaveValue("1024");
  await expect(demo(page).locator('[data-output="k"]')).toHaveText("5");
  await expect(demo(page).locator('select[data-param="r"]')).toHaveValue("128");
  await expect(demo(page).locator('select[data-param="count"]')).toHaveValue("macs");
  await expect(readout(page, "cost")).toContainText("在 n = 2048 时相等");
  await expect(readout(page, "steps")).toContainText("膨胀卷积 6（连续卷积 1639）");
  await expect(readout(page, "steps")).toContainText("受限自注意力 64");
  await rendered(page, 1);
  await expect.poll(async () => (await crossLabel(page)).text).toBe("n = 2d");
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${ARC02}?cx.n=1e9&cx.k=2.5&cx.count=flops&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["cx.n=1e9", "cx.k=2.5", "cx.count=flops"]) await expect(notice).toContainText(bad);
  await expect(demo(page).locator('[data-output="n"]')).toHaveText("512");
  await expect(readout(page, "cost")).toContainText("比值 1");
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${ARC02}?cx.n=2048&cx.count=macs`);
  await expect(demo(page).locator('[data-output="n"]')).toHaveText("2048");
  await demo(page).locator("[data-reset]").click();
  await expect(demo(page).locator('[data-output="n"]')).toHaveText("512");
  await expect(demo(page).locator('select[data-param="count"]')).toHaveValue("lead");
  await expect(page).toHaveURL(new RegExp(`${ARC02}$`));
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: ARC-02 with the demo (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${ARC02}?cx.n=2048`);
    await demo(page).scrollIntoViewIfNeeded();
    await rendered(page, 1);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
