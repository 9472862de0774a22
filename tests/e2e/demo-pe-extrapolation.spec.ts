/** The extrapolation demo (POS-02): the learned table ends at L_max, the sinusoidal PE reaches new values. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { unseenPairs } from "../../components/demos/pe-extrapolation/model";

const POS02 = "/q/fixed-vs-learned-positional-encoding/";
const demo = (page: Page) => page.locator('[data-demo-ns="pex"]');
const readout = (page: Page, key: string) => demo(page).locator(`[data-readout="${key}"]`);
const figure = (page: Page, key: string) => demo(page).locator(`[data-figure="${key}"]`);

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}

/** Share of the position axis that is shaded as unseen (one facet's shading rect against the table bar). */
const unseenShare = (page: Page) =>
  figure(page, "track").evaluate((el) => {
    const shade = el.querySelector("g.pex-unseen rect");
    const table = el.querySelector("g.pex-table rect");
    const shadeWidth = Number(shade?.getAttribute("width"));
    const tableWidth = Number(table?.getAttribute("width"));
    return shadeWidth / (shadeWidth + tableWidth);
  });
/** Number of drawn stretches of never-seen values (red) in the traces. */
const freshLength = (page: Page) =>
  figure(page, "track")
    .locator("g.pex-fresh path")
    .evaluateAll((paths) => paths.reduce((acc, p) => acc + (p.getAttribute("d") ?? "").length, 0));

test("first frame is in the HTML, small, and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(POS02);
  let bytes = 0;
  for (const key of ["track", "circles", "coverage"]) {
    const svg = figure(page, key).locator("svg");
    await expect(svg).toHaveCount(1);
    bytes += (await svg.evaluate((el) => el.outerHTML)).length;
  }
  expect(bytes).toBeLessThan(42_000);
  await expect(readout(page, "table")).toContainText("512 × 512 = 262,144 个参数");
  await expect(readout(page, "unseen")).toContainText("256 对频率中有 133 对");
  await expect(figure(page, "track")).toContainText("第 512 行");
  await expect(figure(page, "coverage")).toContainText("133/256 对不到 1 圈");
  expect(await unseenShare(page)).toBeCloseTo(0.5, 2);
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("L_max moves where the table ends and how many pairs stay below one turn", async ({ page }) => {
  await page.goto(POS02);
  await demo(page).locator('select[data-param="L"]').selectOption("4096");
  await expect(page).toHaveURL(/[?&]pex\.L=4096(&|$)/);
  await expect(readout(page, "table")).toContainText("4,096 × 512 = 2,097,152 个参数");
  const fewer = unseenPairs(512, 4096);
  expect(fewer).toBeLessThan(133);
  await expect(readout(page, "unseen")).toContainText(`有 ${fewer} 对`);
  await expect(figure(page, "track")).toContainText("第 4,096 行");
  await expect(figure(page, "coverage")).toContainText(`${fewer}/256 对不到 1 圈`);
  await demo(page).locator('select[data-param="L"]').selectOption("128");
  await expect(readout(page, "unseen")).toContainText(`有 ${unseenPairs(512, 128)} 对`);
  expect(unseenPairs(512, 128)).toBeGreaterThan(133);
});

test("a wider range shades more of the axis and draws more never-seen values", async ({ page }) => {
  await page.goto(POS02);
  await demo(page).locator('select[data-param="range"]').selectOption("1.5");
  await rendered(page, 1);
  expect(await unseenShare(page)).toBeCloseTo(1 / 3, 2);
  await expect(readout(page, "range")).toContainText("也只到 0.19 圈");
  const short = await freshLength(page);
  await demo(page).locator('select[data-param="range"]').selectOption("8");
  await expect(readout(page, "range")).toContainText("横轴到位置 4,096");
  await expect.poll(() => unseenShare(page)).toBeCloseTo(7 / 8, 2);
  await expect.poll(() => freshLength(page)).toBeGreaterThan(short);
  // The slowest example pair (wavelength 4,080, 0.13 turns in training) now completes a turn.
  await expect(readout(page, "range")).toContainText("第 180 对");
  await expect(readout(page, "range")).not.toContainText("也只到");
});

test("d_model changes the number of pairs and the parameter count", async ({ page }) => {
  await page.goto(POS02);
  await demo(page).locator('select[data-param="d"]').selectOption("768");
  await expect(readout(page, "table")).toContainText("512 × 768 = 393,216 个参数");
  await expect(readout(page, "unseen")).toContainText(`384 对频率中有 ${unseenPairs(768, 512)} 对`);
  await demo(page).locator('select[data-param="d"]').selectOption("64");
  await expect(readout(page, "unseen")).toContainText(`32 对频率中有 ${unseenPairs(64, 512)} 对`);
  await expect(figure(page, "coverage")).toContainText(`${unseenPairs(64, 512)}/32 对不到 1 圈`);
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${POS02}?pex.L=1024&pex.range=4&pex.d=1600#try-it`);
  await expect(demo(page).locator('select[data-param="L"]')).toHaveValue("1024");
  await expect(demo(page).locator('select[data-param="range"]')).toHaveValue("4");
  await expect(demo(page).locator('select[data-param="d"]')).toHaveValue("1600");
  await expect(readout(page, "table")).toContainText("1,024 × 1,600 = 1,638,400 个参数");
  await rendered(page, 1);
  await expect(figure(page, "track")).toContainText("第 1,024 行");
  expect(await unseenShare(page)).toBeCloseTo(0.75, 2);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${POS02}?pex.L=100&pex.range=x&pex.d=-1&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["pex.L=100", "pex.range=x", "pex.d=-1"]) await expect(notice).toContainText(bad);
  await expect(readout(page, "table")).toContainText("512 × 512 = 262,144 个参数");
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${POS02}?pex.L=2048`);
  await expect(demo(page).locator('select[data-param="L"]')).toHaveValue("2048");
  await demo(page).locator("[data-reset]").click();
  await expect(demo(page).locator('select[data-param="L"]')).toHaveValue("512");
  await expect(page).toHaveURL(new RegExp(`${POS02}$`));
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: POS-02 with the demo (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(POS02);
    await demo(page).scrollIntoViewIfNeeded();
    await page.waitForLoadState("networkidle");
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
