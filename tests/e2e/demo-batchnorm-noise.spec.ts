/** The batchnorm-noise demo (NRM-03) as a reader uses it: batch size, momentum, steps, seed. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { analyse, BATCH_GRID, type BnState, params, readouts } from "../../components/demos/batchnorm-noise/model";
import { defaultState } from "../../src/lib/url-state";

const NRM03 = "/q/batchnorm-formula-pros-cons/";
const DEFAULTS: BnState = defaultState(params);
const demo = (page: Page) => page.locator('[data-demo-ns="bnoise"]');

async function vertices(page: Page, className: string): Promise<[number, number][]> {
  const d = (await demo(page).locator(`[data-figure="modes"] g.${className} path`).getAttribute("d")) ?? "";
  return [...d.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Spread (std) of a line's vertical positions over its last `tail` vertices, in SVG units. */
async function spread(page: Page, className: string, tail = 100): Promise<number> {
  const ys = (await vertices(page, className)).slice(-tail).map(([, y]) => y);
  const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
  return Math.sqrt(ys.reduce((a, y) => a + (y - mean) ** 2, 0) / ys.length);
}

/** The dashed "current m" rule in the noise figure, as a share of the x axis from m = 2 to m = 256 (log₂). */
async function ruleShare(page: Page): Promise<number> {
  return demo(page)
    .locator('[data-figure="noise"]')
    .evaluate((figure) => {
      const x = Number(figure.querySelector("g.bn-here line")?.getAttribute("x1"));
      const dots = [...figure.querySelectorAll("g.bn-emp circle")].map((c) => Number(c.getAttribute("cx")));
      return (x - Math.min(...dots)) / (Math.max(...dots) - Math.min(...dots));
    });
}

async function expectReadouts(page: Page, state: BnState) {
  const texts = readouts(state);
  for (const key of ["noise", "running", "mismatch"] as const) {
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
  await page.goto(NRM03);
  let bytes = 0;
  for (const figure of ["noise", "modes"]) {
    const svg = demo(page).locator(`[data-figure="${figure}"] svg`);
    await expect(svg).toHaveCount(1);
    bytes += (await svg.evaluate((el) => el.outerHTML)).length;
  }
  expect(bytes).toBeLessThan(40_000);
  await expectReadouts(page, DEFAULTS);
  // Three statistics per batch size on the grid, three rings at the current m.
  await expect(demo(page).locator('[data-figure="noise"] g.bn-emp circle')).toHaveCount(3 * BATCH_GRID.length);
  await expect(demo(page).locator('[data-figure="noise"] g.bn-emp-here circle')).toHaveCount(3);
  // Train mode: one value per step; eval mode: the initial running statistics plus one per step.
  expect(await vertices(page, "bn-train")).toHaveLength(DEFAULTS.steps);
  expect(await vertices(page, "bn-eval")).toHaveLength(DEFAULTS.steps + 1);
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("a bigger batch moves the marker right and calms the train-mode output", async ({ page }) => {
  await page.goto(NRM03);
  await expect.poll(() => ruleShare(page)).toBeCloseTo(1 / 7, 2); // log₂ 4 between log₂ 2 and log₂ 256
  const calmBefore = await spread(page, "bn-train");
  await press(page, "m", "End");
  await expect(demo(page).locator('[data-output="m"]')).toHaveText("256");
  await expect(page).toHaveURL(/[?&]bnoise\.m=256(&|$)/);
  const big = { ...DEFAULTS, m: 256 };
  await expectReadouts(page, big);
  await expect.poll(() => ruleShare(page)).toBeCloseTo(1, 2);
  await expect.poll(() => spread(page, "bn-train")).toBeLessThan(calmBefore / 3);
  const a = analyse(big);
  expect(a.noise.probeStd).toBeLessThan(0.12);

  await press(page, "m", "Home");
  await expect(demo(page).locator('[data-output="m"]')).toHaveText("2");
  await expectReadouts(page, { ...DEFAULTS, m: 2 });
  await expect(demo(page).locator('[data-readout="noise"]')).toContainText("总是 ±1");
  // With m = 2 the probe's train-mode output is exactly ±1 (up to ε): only two heights.
  await expect
    .poll(async () => new Set((await vertices(page, "bn-train")).map(([, y]) => Math.round(y))).size)
    .toBeLessThanOrEqual(4);
});

test("momentum: small is slow and smooth, 1 copies every batch", async ({ page }) => {
  await page.goto(NRM03);
  const smoothBefore = await spread(page, "bn-eval");
  await press(page, "momentum", "End");
  await expect(demo(page).locator('[data-output="momentum"]')).toHaveText("1");
  await expect(page).toHaveURL(/[?&]bnoise\.momentum=1(&|$)/);
  await expectReadouts(page, { ...DEFAULTS, momentum: 1 });
  await expect.poll(() => spread(page, "bn-eval")).toBeGreaterThan(smoothBefore * 2);

  await press(page, "momentum", "Home");
  await expect(demo(page).locator('[data-output="momentum"]')).toHaveText("0.01");
  const slow = { ...DEFAULTS, momentum: 0.01 };
  await expectReadouts(page, slow);
  expect(analyse(slow).running[30].evalOut).toBeGreaterThan(2.5); // still far from 1 after 30 steps
  await expect.poll(() => spread(page, "bn-eval")).toBeLessThan(smoothBefore);
});

test("steps: the lines get one vertex per training step", async ({ page }) => {
  await page.goto(NRM03);
  await press(page, "steps", "Home");
  await expect(demo(page).locator('[data-output="steps"]')).toHaveText("10");
  await expectReadouts(page, { ...DEFAULTS, steps: 10 });
  await expect(demo(page).locator('[data-readout="running"]')).toContainText("训练 10 步后");
  await expect.poll(async () => (await vertices(page, "bn-train")).length).toBe(10);
  await press(page, "steps", "End");
  await expect(demo(page).locator('[data-output="steps"]')).toHaveText("1000");
  await expectReadouts(page, { ...DEFAULTS, steps: 1000 });
  await expect.poll(async () => (await vertices(page, "bn-eval")).length).toBe(1001);
});

test("another seed draws other batches", async ({ page }) => {
  await page.goto(NRM03);
  const before = await demo(page).locator('[data-figure="modes"] g.bn-train path').getAttribute("d");
  await press(page, "seed", "End");
  await expect(demo(page).locator('[data-output="seed"]')).toHaveText("50");
  await expectReadouts(page, { ...DEFAULTS, seed: 50 });
  await expect
    .poll(() => demo(page).locator('[data-figure="modes"] g.bn-train path').getAttribute("d"))
    .not.toBe(before);
});

test("a shared link restores the settings (an off-grid m adds its own column)", async ({ page }) => {
  await page.goto(`${NRM03}?bnoise.m=5&bnoise.momentum=0.3&bnoise.steps=50&bnoise.seed=3#try-it`);
  await expect(demo(page).locator('[data-output="m"]')).toHaveText("5");
  await expect(demo(page).locator('[data-output="momentum"]')).toHaveText("0.3");
  await expect(demo(page).locator('[data-output="steps"]')).toHaveText("50");
  await expectReadouts(page, { m: 5, momentum: 0.3, steps: 50, seed: 3 });
  await expect(demo(page).locator('[data-figure="noise"] g.bn-emp circle')).toHaveCount(3 * (BATCH_GRID.length + 1));
  await expect.poll(async () => (await vertices(page, "bn-train")).length).toBe(50);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${NRM03}?bnoise.m=1&bnoise.momentum=fast&bnoise.steps=99999&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["bnoise.m=1", "bnoise.momentum=fast", "bnoise.steps=99999"])
    await expect(notice).toContainText(bad);
  await expect(demo(page).locator('[data-output="m"]')).toHaveText("4");
  await expectReadouts(page, DEFAULTS);
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${NRM03}?bnoise.m=64&bnoise.steps=20`);
  await expect(demo(page).locator('[data-output="m"]')).toHaveText("64");
  await demo(page).locator("[data-reset]").click();
  await expect(demo(page).locator('[data-output="m"]')).toHaveText("4");
  await expectReadouts(page, DEFAULTS);
  await expect(page).toHaveURL(new RegExp(`${NRM03}$`));
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: NRM-03 with the demo (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(NRM03);
    await demo(page).scrollIntoViewIfNeeded();
    await page.waitForLoadState("networkidle");
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
