/** The position-bias demo (POS-03): Shaw clipping, T5 buckets, ALiBi slopes and RoPE decay against distance. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { ropeBound } from "../../components/demos/position-bias/model";

const POS03 = "/q/positional-encoding-variants/";
const demo = (page: Page) => page.locator('[data-demo-ns="pbias"]');
const readout = (page: Page, key: string) => demo(page).locator(`[data-readout="${key}"]`);
const figure = (page: Page, key: string) => demo(page).locator(`[data-figure="${key}"]`);

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}

async function press(page: Page, param: string, key: string) {
  await demo(page).locator(`input[data-param="${param}"]`).focus();
  await page.keyboard.press(key);
}

/** x of the distance probe in a panel, as a share of the plot width (the three panels share the axis). */
const probeShare = (page: Page, key: string) =>
  figure(page, key).evaluate((el) => {
    const svg = el.querySelector("svg");
    const x = Number(el.querySelector("g.pb-probe line")?.getAttribute("x1"));
    const width = Number(svg?.getAttribute("width"));
    return (x - 44) / (width - 44 - 16);
  });
const path = (page: Page, key: string, cls: string) =>
  figure(page, key).locator(`g.${cls} path`).first().getAttribute("d");
const texts = (page: Page, key: string) =>
  figure(page, key)
    .locator("svg text")
    .evaluateAll((els) => els.map((el) => el.textContent ?? ""));

test("first frame is in the HTML, small, and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(POS03);
  let bytes = 0;
  for (const key of ["index", "alibi", "rope"]) {
    const svg = figure(page, key).locator("svg");
    await expect(svg).toHaveCount(1);
    bytes += (await svg.evaluate((el) => el.outerHTML)).length;
  }
  expect(bytes).toBeLessThan(24_000);
  await expect(readout(page, "shaw")).toContainText("clip(−20, 16) = −16");
  await expect(readout(page, "t5")).toContainText("距离 20 落在 17 号桶");
  await expect(readout(page, "alibi")).toContainText("偏置 −10.00");
  await expect(readout(page, "alibi")).toContainText("4.5×10^-5");
  await expect(figure(page, "alibi").locator("g.pb-alibi-other path")).toHaveCount(7);
  // Both control groups (the per-scheme one sits under the chart) need JavaScript.
  await expect(demo(page).locator(".demo-controls")).toHaveCount(2);
  for (const group of await demo(page).locator(".demo-controls").all()) await expect(group).toBeHidden();
  await context.close();
});

test("the distance probe moves across all three panels and the read-out follows it", async ({ page }) => {
  await page.goto(POS03);
  await press(page, "probe", "ArrowRight"); // n = 21
  await rendered(page, 1);
  for (const key of ["index", "alibi", "rope"]) expect(await probeShare(page, key)).toBeCloseTo(21 / 256, 2);
  await press(page, "probe", "Home"); // n = 0
  await expect(readout(page, "t5")).toContainText("距离 0 落在 0 号桶");
  await expect(readout(page, "alibi")).toContainText("偏置 0，");
  await expect(readout(page, "rope")).toContainText("是距离 0 时的 100%");
  await expect.poll(() => probeShare(page, "rope")).toBeCloseTo(0, 2);
  await press(page, "probe", "End"); // n = 1024: beyond the axis, drawn at its end
  await expect(readout(page, "t5")).toContainText("距离 1024 落在 31 号桶");
  await expect(readout(page, "shaw")).toContainText("clip(−1024, 16) = −16");
  await expect(readout(page, "rope")).toContainText(`${Math.round((100 * ropeBound(1024)) / 32.5)}%`);
  await expect.poll(() => probeShare(page, "index")).toBeCloseTo(1, 2);
  await expect(page).toHaveURL(/[?&]pbias\.probe=1024(&|$)/);
});

test("the axis range, Shaw's k and the T5 direction redraw the parameter panel", async ({ page }) => {
  await page.goto(POS03);
  await demo(page).locator('select[data-param="nmax"]').selectOption("1024");
  await expect.poll(() => texts(page, "rope")).toContain("1000");
  await expect(readout(page, "rope")).toContainText("距离 1024 处是");
  const shawBefore = await path(page, "index", "pb-shaw");
  await press(page, "k", "End"); // k = 64
  await expect(readout(page, "shaw")).toContainText("clip(−20, 64) = −20");
  await expect(readout(page, "shaw")).toContainText("2k+1 = 129 个标签");
  await expect.poll(() => path(page, "index", "pb-shaw")).not.toBe(shawBefore);
  await expect.poll(() => texts(page, "index")).toContain("Shaw：min(n, 64)");
  const t5Before = await path(page, "index", "pb-t5");
  await demo(page).locator('select[data-param="t5"]').selectOption("enc");
  await expect(readout(page, "t5")).toContainText("0–7 各占一个桶");
  await expect(readout(page, "t5")).toContainText("全在 15 号桶");
  await expect(readout(page, "t5")).toContainText("距离 20 落在 10 号桶");
  await expect.poll(() => path(page, "index", "pb-t5")).not.toBe(t5Before);
});

test("ALiBi: the head count sets the lines, the head index picks the bold one", async ({ page }) => {
  await page.goto(POS03);
  await demo(page).locator('select[data-param="heads"]').selectOption("32");
  await expect(figure(page, "alibi").locator("g.pb-alibi-other path")).toHaveCount(31);
  await expect(readout(page, "alibi")).toContainText("ALiBi（H = 32）");
  await press(page, "head", "End"); // h = 64 → clamped to 32
  await expect(demo(page).locator('[data-output="head"]')).toHaveText("64");
  await expect(readout(page, "alibi")).toContainText("第 32 个头（斜率 1/256）");
  await expect.poll(() => texts(page, "alibi")).toContain("第 32 头：斜率 1/256");
  await demo(page).locator('select[data-param="heads"]').selectOption("4");
  await expect(figure(page, "alibi").locator("g.pb-alibi-other path")).toHaveCount(3);
  await expect(readout(page, "alibi")).toContainText("斜率 1/4、1/16、1/64、1/256");
  await expect(readout(page, "alibi")).toContainText("第 4 个头");
});

test("a larger RoPE base decays more slowly and shows the base-10,000 reference", async ({ page }) => {
  await page.goto(POS03);
  const percent = async () =>
    Number(/距离 256 处是 (\d+)%/.exec((await readout(page, "rope").textContent()) ?? "")?.[1]);
  const before = await percent();
  await expect(figure(page, "rope")).not.toContainText("虚线");
  await expect(figure(page, "rope").locator("g.pb-rope-ref path")).toHaveCount(0);
  await press(page, "ropeBase", "End"); // base = 10^7
  await expect(demo(page).locator('[data-output="ropeBase"]')).toHaveText("10000000");
  await expect(readout(page, "rope")).toContainText("base = 10,000,000");
  await expect.poll(percent).toBeGreaterThan(before);
  await expect(figure(page, "rope")).toContainText("虚线：base 10,000");
  await expect(figure(page, "rope").locator("g.pb-rope-ref path")).toHaveCount(1);
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${POS03}?pbias.nmax=128&pbias.probe=64&pbias.k=4&pbias.t5=enc&pbias.heads=16&pbias.head=3#try-it`);
  await expect(demo(page).locator('select[data-param="nmax"]')).toHaveValue("128");
  await expect(demo(page).locator('[data-output="probe"]')).toHaveText("64");
  await expect(demo(page).locator('[data-output="k"]')).toHaveText("4");
  await expect(demo(page).locator('select[data-param="t5"]')).toHaveValue("enc");
  await expect(readout(page, "t5")).toContainText("距离 64 落在 14 号桶");
  await expect(readout(page, "alibi")).toContainText("第 3 个头");
  await rendered(page, 1);
  await expect(figure(page, "alibi").locator("g.pb-alibi-other path")).toHaveCount(15);
  expect(await probeShare(page, "alibi")).toBeCloseTo(0.5, 2);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${POS03}?pbias.k=0&pbias.t5=both&pbias.ropeBase=1e99&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["pbias.k=0", "pbias.t5=both", "pbias.ropeBase=1e99"]) await expect(notice).toContainText(bad);
  await expect(readout(page, "shaw")).toContainText("Shaw（k = 16）");
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${POS03}?pbias.heads=64&pbias.probe=500`);
  await expect(demo(page).locator('[data-output="probe"]')).toHaveText("500");
  await demo(page).locator("[data-reset]").click();
  await expect(demo(page).locator('[data-output="probe"]')).toHaveText("20");
  await expect(demo(page).locator('select[data-param="heads"]')).toHaveValue("8");
  await expect(page).toHaveURL(new RegExp(`${POS03}$`));
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: POS-03 with the demo (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(POS03);
    await demo(page).scrollIntoViewIfNeeded();
    await page.waitForLoadState("networkidle");
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
