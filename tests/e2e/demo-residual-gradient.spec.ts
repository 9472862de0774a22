/** The residual-gradient demo (NRM-01) as a reader uses it: depth, weight scale, seed. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import {
  analyse,
  params,
  type ResidualState,
  readouts,
  VARIANTS,
} from "../../components/demos/residual-gradient/model";
import { defaultState } from "../../src/lib/url-state";

const NRM01 = "/q/residual-connections/";
const DEFAULTS: ResidualState = defaultState(params);
const demo = (page: Page) => page.locator('[data-demo-ns="resgrad"]');

async function vertices(page: Page, figure: string, className: string): Promise<[number, number][]> {
  const d = (await demo(page).locator(`[data-figure="${figure}"] g.${className} path`).getAttribute("d")) ?? "";
  return [...d.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** The y tick labels of the gradient figure (log axis: their range shows how far the curves spread). */
const gradTicks = (page: Page) =>
  demo(page)
    .locator('[data-figure="grad"] svg text')
    .evaluateAll((els) => els.map((el) => el.textContent ?? ""));

async function expectReadouts(page: Page, state: ResidualState) {
  const texts = readouts(state);
  for (const key of ["input", "layers"] as const) {
    await expect(demo(page).locator(`[data-readout="${key}"]`)).toHaveText(texts[key]);
  }
}

async function press(page: Page, param: string, key: "Home" | "End") {
  await demo(page).locator(`input[data-param="${param}"]`).focus();
  await page.keyboard.press(key);
}

test("first frame is in the HTML, small, and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(NRM01);
  let bytes = 0;
  for (const figure of ["grad", "size"]) {
    const svg = demo(page).locator(`[data-figure="${figure}"] svg`);
    await expect(svg).toHaveCount(1);
    bytes += (await svg.evaluate((el) => el.outerHTML)).length;
  }
  expect(bytes).toBeLessThan(30_000);
  await expectReadouts(page, DEFAULTS);
  for (const v of VARIANTS) expect(await vertices(page, "grad", `resgrad-${v}`)).toHaveLength(DEFAULTS.L + 1);
  // Three end dots, the plain one far below the others (the gradient vanished).
  await expect(demo(page).locator('[data-figure="grad"] g.resgrad-end circle')).toHaveCount(3);
  expect(await gradTicks(page)).toContain("10⁻⁶");
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("depth: every line gets one vertex per layer and the plain gradient vanishes further", async ({ page }) => {
  await page.goto(NRM01);
  await press(page, "L", "End");
  await expect(demo(page).locator('[data-output="L"]')).toHaveText("100");
  await expect(page).toHaveURL(/[?&]resgrad\.L=100(&|$)/);
  const deep = { ...DEFAULTS, L: 100 };
  await expectReadouts(page, deep);
  await expect(demo(page).locator('[data-readout="layers"]')).toContainText("100 层连乘");
  for (const v of VARIANTS) {
    await expect.poll(async () => (await vertices(page, "grad", `resgrad-${v}`)).length).toBe(101);
  }
  expect(analyse(deep).plain.grad[0]).toBeLessThan(analyse(DEFAULTS).plain.grad[0] * 1e-3);
  await expect.poll(() => gradTicks(page)).toContain("10⁻⁹");

  await press(page, "L", "Home");
  await expect(demo(page).locator('[data-output="L"]')).toHaveText("2");
  await expectReadouts(page, { ...DEFAULTS, L: 2 });
  await expect.poll(async () => (await vertices(page, "size", "resgrad-size-plain")).length).toBe(3);
});

test("weight scale: σ = 2 makes the plain gradient explode instead of vanish", async ({ page }) => {
  await page.goto(NRM01);
  await press(page, "sigma", "End");
  await expect(demo(page).locator('[data-output="sigma"]')).toHaveText("2");
  await expect(page).toHaveURL(/[?&]resgrad\.sigma=2(&|$)/);
  const big = { ...DEFAULTS, sigma: 2 };
  await expectReadouts(page, big);
  const a = analyse(big);
  expect(a.plain.grad[0]).toBeGreaterThan(10);
  // The plain line's input end now sits above the top (1): smaller SVG y is higher.
  await expect
    .poll(async () => {
      const pts = await vertices(page, "grad", "resgrad-plain");
      return pts[0][1] < pts[pts.length - 1][1];
    })
    .toBe(true);

  await press(page, "sigma", "Home");
  await expect(demo(page).locator('[data-output="sigma"]')).toHaveText("0.3");
  await expectReadouts(page, { ...DEFAULTS, sigma: 0.3 });
  await expect.poll(() => gradTicks(page)).toContain("10⁻²⁵");
});

test("another seed draws other weights: new numbers, same picture", async ({ page }) => {
  await page.goto(NRM01);
  const before = await demo(page).locator('[data-figure="grad"] g.resgrad-residual path').getAttribute("d");
  await press(page, "seed", "End");
  await expect(demo(page).locator('[data-output="seed"]')).toHaveText("50");
  const other = { ...DEFAULTS, seed: 50 };
  await expectReadouts(page, other);
  await expect
    .poll(() => demo(page).locator('[data-figure="grad"] g.resgrad-residual path').getAttribute("d"))
    .not.toBe(before);
  const a = analyse(other);
  expect(a.plain.grad[0]).toBeLessThan(1e-4);
  expect(a.residual.grad[0]).toBeGreaterThan(5);
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${NRM01}?resgrad.L=20&resgrad.sigma=1.5&resgrad.seed=9#try-it`);
  await expect(demo(page).locator('[data-output="L"]')).toHaveText("20");
  await expect(demo(page).locator('[data-output="sigma"]')).toHaveText("1.5");
  await expect(demo(page).locator('[data-output="seed"]')).toHaveText("9");
  await expectReadouts(page, { L: 20, sigma: 1.5, seed: 9 });
  await expect.poll(async () => (await vertices(page, "grad", "resgrad-scaled")).length).toBe(21);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${NRM01}?resgrad.L=1&resgrad.sigma=x&resgrad.seed=-3&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["resgrad.L=1", "resgrad.sigma=x", "resgrad.seed=-3"]) await expect(notice).toContainText(bad);
  await expect(demo(page).locator('[data-output="L"]')).toHaveText("50");
  await expectReadouts(page, DEFAULTS);
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${NRM01}?resgrad.sigma=1.2`);
  await expect(demo(page).locator('[data-output="sigma"]')).toHaveText("1.2");
  await demo(page).locator("[data-reset]").click();
  await expect(demo(page).locator('[data-output="sigma"]')).toHaveText("0.8");
  await expectReadouts(page, DEFAULTS);
  await expect(page).toHaveURL(new RegExp(`${NRM01}$`));
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: NRM-01 with the demo (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(NRM01);
    await demo(page).scrollIntoViewIfNeeded();
    await page.waitForLoadState("networkidle");
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
