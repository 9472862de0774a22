/** The head-dimension-cost demo (ATT-06) as a reader uses it: constant cost with d_k = d_model/h, KV cache vs g. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const ATT06 = "/q/per-head-dimension-reduction/";
const demo = (page: Page) => page.locator('[data-demo-ns="hcost"]');
const readout = (page: Page, key: "params" | "flops" | "kv") => demo(page).locator(`[data-readout="${key}"]`);
const BLUE = "#3b6fd8";

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}

/** Positions of the current-h markers in a figure: the reduced (blue) and the full (orange) one. */
const markers = (page: Page, figure: "params" | "flops") =>
  demo(page)
    .locator(`[data-figure="${figure}"] g.hc-${figure}-now circle`)
    .evaluateAll((dots, blue) => {
      const at = (d: Element) => ({ x: Number(d.getAttribute("cx")), y: Number(d.getAttribute("cy")) });
      const reduced = dots.find((d) => d.getAttribute("fill") === blue);
      const full = dots.find((d) => d.getAttribute("fill") !== blue);
      return { reduced: reduced && at(reduced), full: full && at(full) };
    }, BLUE);

/** KV bars: heights in order of g, and the index of the highlighted (current) one. */
const kvBars = (page: Page) =>
  demo(page)
    .locator('[data-figure="kv"] g.hc-kv rect')
    .evaluateAll((rects) => ({
      heights: rects.map((r) => Number(r.getAttribute("height"))),
      current: rects.findIndex((r) => r.getAttribute("fill-opacity") === "1"),
    }));

test("first frame is in the HTML and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ATT06);
  for (const figure of ["params", "flops", "kv"]) {
    await expect(demo(page).locator(`[data-figure="${figure}"] svg`)).toHaveCount(1);
  }
  await expect(demo(page).locator('[data-figure="kv"] g.hc-kv rect')).toHaveCount(4); // g = 1, 2, 4, 8
  await expect(readout(page, "params")).toContainText("参数 1,048,576 = 4·d_model²，与 h 无关");
  await expect(readout(page, "flops")).toContainText("= 1.61 GFLOPs");
  await expect(readout(page, "kv")).toContainText("512 个 token × 1 层共 1 MiB");
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("h moves along a flat line with d_k = d_model/h and up a rising one without it", async ({ page }) => {
  await page.goto(ATT06);
  const h = demo(page).locator('select[data-param="h"]');
  await h.selectOption("1");
  await expect(readout(page, "params")).toContainText("h = 1，每头 d_k = 512/1 = 512：参数 1,048,576");
  await rendered(page, 1);
  const one = await markers(page, "params");
  // At h = 1 the two schemes are the same layer.
  expect(one.full?.y).toBeCloseTo(one.reduced?.y ?? 0, 3);

  await h.selectOption("64");
  await expect(readout(page, "params")).toContainText("每头 d_k = 512/64 = 8：参数 1,048,576");
  await expect(readout(page, "params")).toContainText("则是 67,108,864，64 倍");
  await expect(readout(page, "flops")).toContainText("= 1.61 GFLOPs");
  await expect(readout(page, "flops")).toContainText("不降维 103 GFLOPs");
  await expect
    .poll(async () => (await markers(page, "params")).reduced?.x)
    .toBeGreaterThan((one.reduced?.x ?? 0) + 100);
  const many = await markers(page, "params");
  expect(many.reduced?.y).toBeCloseTo(one.reduced?.y ?? 0, 3); // flat
  expect(many.full?.y).toBeLessThan((one.full?.y ?? 0) - 50); // higher on screen: 64×
  const flops = await markers(page, "flops");
  expect(flops.full?.y).toBeLessThan((flops.reduced?.y ?? 0) - 50);
  // MHA KV cache (g = h) does not depend on h either.
  await expect(readout(page, "kv")).toContainText("共 1 MiB");
  await expect(demo(page).locator('[data-figure="kv"] g.hc-kv rect')).toHaveCount(7);
  await expect(page).toHaveURL(/[?&]hcost\.h=64(&|$)/);
});

test("d_model and n change the counts; n leaves the parameters alone", async ({ page }) => {
  await page.goto(ATT06);
  await demo(page).locator('select[data-param="n"]').selectOption("4096");
  await expect(readout(page, "flops")).toContainText("n = 4096：");
  await expect(readout(page, "params")).toContainText("参数 1,048,576");
  await expect(readout(page, "kv")).toContainText("4096 个 token × 1 层共 8 MiB");
  await demo(page).locator('select[data-param="dModel"]').selectOption("4096");
  await expect(readout(page, "params")).toContainText("每头 d_k = 4096/8 = 512：参数 67,108,864");
  await expect(page).toHaveURL(/hcost\.dModel=4096/);
  await expect(page).toHaveURL(/hcost\.n=4096/);
});

test("fewer KV heads shrink only the KV cache; layers multiply it", async ({ page }) => {
  await page.goto(ATT06);
  await demo(page).scrollIntoViewIfNeeded();
  await rendered(page, 1);
  const mha = await kvBars(page);
  expect(mha.current).toBe(3);
  const params = await readout(page, "params").textContent();
  const kv = demo(page).locator('select[data-param="kv"]');

  await kv.selectOption("1");
  await expect(readout(page, "kv")).toContainText("KV cache（MQA，g = 1）：每 token 每层 2·g·d_k = 128 个数");
  await expect(readout(page, "kv")).toContainText("省到 1/8");
  await expect.poll(async () => (await kvBars(page)).current).toBe(0);
  const bars = await kvBars(page);
  expect(bars.heights[0] * 8).toBeCloseTo(bars.heights[3], 0);
  await expect(readout(page, "params")).toHaveText(params ?? "");

  await kv.selectOption("32"); // more KV heads than query heads: counted as g = h
  await expect(readout(page, "kv")).toContainText("KV cache（标准多头，g = 8）");

  await kv.selectOption("2");
  await expect(readout(page, "kv")).toContainText("GQA，g = 2");
  await demo(page).locator('select[data-param="layers"]').selectOption("80");
  await expect(readout(page, "kv")).toContainText("512 个 token × 80 层共 20 MiB；标准多头时是 80 MiB，省到 1/4");
  await expect(page).toHaveURL(/hcost\.kv=2/);
  await expect(page).toHaveURL(/hcost\.layers=80/);
});

test("a shared link restores the Llama 2 70B example", async ({ page }) => {
  await page.goto(`${ATT06}?hcost.dModel=8192&hcost.h=64&hcost.kv=8&hcost.n=4096&hcost.layers=80#try-it`);
  await expect(demo(page).locator('select[data-param="h"]')).toHaveValue("64");
  await expect(demo(page).locator('select[data-param="kv"]')).toHaveValue("8");
  await expect(readout(page, "kv")).toContainText("每 token 每层 2·g·d_k = 2,048 个数（fp16 4 KiB）");
  await expect(readout(page, "kv")).toContainText("4096 个 token × 80 层共 1.25 GiB；标准多头时是 10 GiB，省到 1/8");
  await rendered(page, 1);
  await expect.poll(async () => (await kvBars(page)).current).toBe(3);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${ATT06}?hcost.h=3&hcost.kv=0&hcost.layers=x&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["hcost.h=3", "hcost.kv=0", "hcost.layers=x"]) await expect(notice).toContainText(bad);
  await expect(demo(page).locator('select[data-param="h"]')).toHaveValue("8");
  await expect(demo(page).locator('select[data-param="kv"]')).toHaveValue("h");
  await expect(readout(page, "kv")).toContainText("512 个 token × 1 层共 1 MiB");
  await expect(page).toHaveURL(/\?other=1$/);
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: ATT-06 with the demo drawn (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${ATT06}?hcost.kv=1`);
    await demo(page).scrollIntoViewIfNeeded();
    await rendered(page, 1);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
