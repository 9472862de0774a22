/** The Post-LN vs Pre-LN demo (NRM-04) as a reader uses it: depth, width, seed. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { analyse, type LnState, MAX_DEPTH, params, readouts } from "../../components/demos/post-vs-pre-ln/model";
import { defaultState } from "../../src/lib/url-state";

const NRM04 = "/q/post-ln-vs-pre-ln/";
const DEFAULTS: LnState = defaultState(params);
const demo = (page: Page) => page.locator('[data-demo-ns="preln"]');
const readout = (page: Page, key: "grad" | "depth" | "stream") => demo(page).locator(`[data-readout="${key}"]`);

/** Vertices of the line drawn with a mark class (one path per line mark). */
async function vertices(page: Page, figure: string, className: string): Promise<[number, number][]> {
  const d = (await demo(page).locator(`[data-figure="${figure}"] g.${className} path`).getAttribute("d")) ?? "";
  return [...d.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** The dashed "current L" rule's x position in the depth figure, as a share of the plot width (0 … 1). */
async function depthRuleShare(page: Page): Promise<number> {
  return demo(page)
    .locator('[data-figure="depth"]')
    .evaluate((figure) => {
      const rule = figure.querySelector("g.preln-here line");
      const post = figure.querySelector("g.preln-depth-post path")?.getAttribute("d") ?? "";
      const xs = [...post.matchAll(/[ML]([-\d.e]+),/g)].map((m) => Number(m[1]));
      const x = Number(rule?.getAttribute("x1") ?? rule?.getAttribute("x"));
      return (x - xs[0]) / (xs[xs.length - 1] - xs[0]);
    });
}

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}

async function press(page: Page, param: string, key: "Home" | "End") {
  await demo(page).locator(`input[data-param="${param}"]`).focus();
  await page.keyboard.press(key);
}

async function expectReadouts(page: Page, state: LnState) {
  const texts = readouts(state);
  for (const key of ["grad", "depth", "stream"] as const) await expect(readout(page, key)).toHaveText(texts[key]);
}

test("first frame is in the HTML, small, and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(NRM04);
  let bytes = 0;
  for (const figure of ["layers", "depth", "stream"]) {
    const svg = demo(page).locator(`[data-figure="${figure}"] svg`);
    await expect(svg).toHaveCount(1);
    bytes += (await svg.evaluate((el) => el.outerHTML)).length;
  }
  expect(bytes).toBeLessThan(40_000);
  await expectReadouts(page, DEFAULTS);
  // One vertex per layer, for both arrangements; the depth figure spans every L from 1 to 96.
  expect(await vertices(page, "layers", "preln-post")).toHaveLength(DEFAULTS.L);
  expect(await vertices(page, "layers", "preln-pre")).toHaveLength(DEFAULTS.L);
  expect(await vertices(page, "depth", "preln-depth-pre")).toHaveLength(MAX_DEPTH);
  expect(await vertices(page, "stream", "preln-stream-pre")).toHaveLength(DEFAULTS.L + 1);
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await expect(demo(page)).toContainText("只含 FFN 的子层");
  await context.close();
});

test("deeper Pre-LN shrinks the last layer's gradient and grows the stream; Post-LN's stays put", async ({ page }) => {
  await page.goto(NRM04);
  const at48 = analyse(DEFAULTS);
  await press(page, "L", "End");
  await expect(demo(page).locator('[data-output="L"]')).toHaveText(String(MAX_DEPTH));
  await expect(page).toHaveURL(/[?&]preln\.L=96(&|$)/);
  const deep = { ...DEFAULTS, L: MAX_DEPTH };
  await expectReadouts(page, deep);
  const at96 = analyse(deep);
  expect(at96.perLayer.pre[MAX_DEPTH - 1]).toBeLessThan(at48.perLayer.pre[47] * 0.85);
  expect(at96.stream.pre[MAX_DEPTH]).toBeGreaterThan(at48.stream.pre[48] * 1.25);
  expect(at96.perLayer.post[MAX_DEPTH - 1] / at48.perLayer.post[47]).toBeGreaterThan(0.7);
  expect(at96.perLayer.post[MAX_DEPTH - 1] / at48.perLayer.post[47]).toBeLessThan(1.4);
  await expect.poll(async () => (await vertices(page, "layers", "preln-pre")).length).toBe(MAX_DEPTH);
  await expect.poll(async () => (await vertices(page, "stream", "preln-stream-pre")).length).toBe(MAX_DEPTH + 1);
  await expect.poll(() => depthRuleShare(page)).toBeCloseTo(1, 2);

  await press(page, "L", "Home");
  await expect(demo(page).locator('[data-output="L"]')).toHaveText("1");
  await expectReadouts(page, { ...DEFAULTS, L: 1 });
  await expect.poll(async () => (await vertices(page, "layers", "preln-post")).length).toBe(1);
  await expect.poll(() => depthRuleShare(page)).toBeCloseTo(0, 2);
});

test("the width rescales every gradient (≈ d) and keeps the depth pattern", async ({ page }) => {
  await page.goto(NRM04);
  await demo(page).locator('select[data-param="d"]').selectOption("16");
  await expect(page).toHaveURL(/[?&]preln\.d=16(&|$)/);
  const narrow = { ...DEFAULTS, d: 16 as const };
  await expectReadouts(page, narrow);
  await expect(readout(page, "grad")).toContainText("d = 16");
  const a = analyse(narrow);
  const b = analyse(DEFAULTS);
  expect(a.perLayer.pre[47]).toBeLessThan(b.perLayer.pre[47] / 2.5);
  // The y axis follows: its ticks now include 2 (a Pre-LN top gradient near 16/√50 ≈ 2.3).
  await expect
    .poll(() =>
      demo(page)
        .locator('[data-figure="layers"] svg text')
        .evaluateAll((els) => els.map((el) => el.textContent)),
    )
    .toContain("2");
});

test("another seed redraws the lines: Post-LN's profile moves much more than Pre-LN's", async ({ page }) => {
  await page.goto(NRM04);
  const before = analyse(DEFAULTS);
  const postBefore = await demo(page).locator('[data-figure="layers"] g.preln-post path').getAttribute("d");
  await press(page, "seed", "End");
  await expect(demo(page).locator('[data-output="seed"]')).toHaveText("50");
  const other = { ...DEFAULTS, seed: 50 };
  await expectReadouts(page, other);
  await expect
    .poll(() => demo(page).locator('[data-figure="layers"] g.preln-post path').getAttribute("d"))
    .not.toBe(postBefore);
  const after = analyse(other);
  const change = (k: "post" | "pre") =>
    Math.max(...after.perLayer[k].map((v, i) => Math.abs(Math.log(v / before.perLayer[k][i]))));
  expect(change("post")).toBeGreaterThan(change("pre"));
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${NRM04}?preln.L=12&preln.d=32&preln.seed=7#try-it`);
  await expect(demo(page).locator('[data-output="L"]')).toHaveText("12");
  await expect(demo(page).locator('select[data-param="d"]')).toHaveValue("32");
  await expect(demo(page).locator('[data-output="seed"]')).toHaveText("7");
  await expectReadouts(page, { L: 12, d: 32, seed: 7 });
  await rendered(page, 1);
  expect(await vertices(page, "layers", "preln-pre")).toHaveLength(12);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${NRM04}?preln.L=abc&preln.d=7&preln.seed=2.5&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["preln.L=abc", "preln.d=7", "preln.seed=2.5"]) await expect(notice).toContainText(bad);
  await expect(demo(page).locator('[data-output="L"]')).toHaveText(String(DEFAULTS.L));
  await expectReadouts(page, DEFAULTS);
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${NRM04}?preln.L=20&preln.d=128`);
  await expect(demo(page).locator('[data-output="L"]')).toHaveText("20");
  await demo(page).locator("[data-reset]").click();
  await expect(demo(page).locator('[data-output="L"]')).toHaveText(String(DEFAULTS.L));
  await expect(demo(page).locator('select[data-param="d"]')).toHaveValue("64");
  await expectReadouts(page, DEFAULTS);
  await expect(page).toHaveURL(new RegExp(`${NRM04}$`));
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: NRM-04 with the demo (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(NRM04);
    await demo(page).scrollIntoViewIfNeeded();
    await page.waitForLoadState("networkidle");
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
