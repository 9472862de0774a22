/** The L1 vs L2 update-rule demo (DL-05) as a reader uses it. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const DL05 = "/q/l1-vs-l2-regularization/";
const demo = (page: Page) => page.locator('[data-demo-ns="reg"]');
const readout = (page: Page, key: "zeros" | "plane") => demo(page).locator(`[data-readout="${key}"]`);

/** The proximal rule's exact-zero count, as the read-out states it. */
async function proxZeros(page: Page): Promise<number> {
  const text = (await readout(page, "zeros").textContent()) ?? "";
  const match = /L1 proximal (\d+)，/.exec(text);
  if (!match) throw new Error(`no proximal count in: ${text}`);
  return Number(match[1]);
}

/** The 2-D figure's start point, a fixed model constant (START2): with the origin it gives the scale. */
const START: [number, number] = [-0.5, 1.6];

/**
 * Centre of a dot mark (by class) in the 2-D plane figure, in data units: the origin is where the two
 * axis rules cross and the start dot sits at START. The browser redraws the first frame at the real
 * width, so drawn positions are compared in data units, not SVG units.
 */
async function dotAt(page: Page, className: string): Promise<[number, number]> {
  return demo(page)
    .locator('[data-figure="plane"]')
    .evaluate(
      (figure, [cls, start]) => {
        const num = (sel: string, attr: string) => Number(figure.querySelector(sel)?.getAttribute(attr));
        const ox = num("g.reg-axis-w1 line", "x1");
        const oy = num("g.reg-axis-w2 line", "y1");
        const unit = (ox - num("g.reg-start circle", "cx")) / -start[0];
        const cx = num(`g.${cls} circle`, "cx");
        const cy = num(`g.${cls} circle`, "cy");
        return [(cx - ox) / unit, (oy - cy) / unit] as [number, number];
      },
      [className, START] as const,
    );
}

/** Distance from the L2 path's drawn end point to the origin, in data units. */
async function l2EndToOrigin(page: Page): Promise<number> {
  const [x, y] = await dotAt(page, "reg-end-l2");
  return Math.hypot(x, y);
}

/**
 * How far the subgradient weights still swing over the last third of the run: the largest vertical
 * spread, over the 8 paths in the upper figure's subgradient panel, of the vertices drawn there. In the
 * zoomed view the panel’s y scale is fixed (±0.25 in a fixed height), so SVG units compare directly.
 */
async function subJitter(page: Page): Promise<number> {
  return demo(page)
    .locator('[data-figure="paths"] g.reg-paths-sub path')
    .evaluateAll((paths) =>
      Math.max(
        ...paths.map((path) => {
          const pts = [...(path.getAttribute("d") ?? "").matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => [
            Number(m[1]),
            Number(m[2]),
          ]);
          const x0 = pts[0][0];
          const x1 = pts[pts.length - 1][0];
          const ys = pts.filter(([x]) => x >= x0 + (2 / 3) * (x1 - x0)).map(([, y]) => y);
          return Math.max(...ys) - Math.min(...ys);
        }),
      ),
    );
}

/** All text drawn in the upper figure (tick labels and panel titles). */
const pathsText = (page: Page) =>
  demo(page)
    .locator('[data-figure="paths"] svg text')
    .evaluateAll((els) => els.map((el) => el.textContent ?? ""));

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}

async function press(page: Page, param: string, key: "Home" | "End") {
  await demo(page).locator(`input[data-param="${param}"]`).focus();
  await page.keyboard.press(key);
}

test("first frame is in the HTML, small, and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(DL05);
  let bytes = 0;
  for (const figure of ["paths", "plane"]) {
    const svg = demo(page).locator(`[data-figure="${figure}"] svg`);
    await expect(svg).toHaveCount(1);
    bytes += (await svg.evaluate((el) => el.outerHTML)).length;
  }
  expect(bytes).toBeLessThan(40_000);
  await expect(readout(page, "zeros")).toContainText(
    "60 步后 8 个权重中恰为 0 的个数：L1 次梯度 0，L1 proximal 4，L2 0",
  );
  await expect(readout(page, "plane")).toContainText("proximal (0.643, 0)");
  await expect(demo(page).locator('[data-figure="paths"]')).toContainText("L1 proximal · 恰为 0：4/8");
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("raising λ zeroes more weights under the proximal step and pulls the L2 end point toward 0", async ({ page }) => {
  await page.goto(DL05);
  const zerosBefore = await proxZeros(page);
  const distBefore = await l2EndToOrigin(page);
  expect(zerosBefore).toBe(4);

  await press(page, "lambda", "End"); // λ = 2
  await expect(demo(page).locator('[data-output="lambda"]')).toHaveText("2");
  await expect(page).toHaveURL(/[?&]reg\.lambda=2(&|$)/);
  await expect(readout(page, "zeros")).toContainText("L1 proximal 8，");
  await expect(readout(page, "plane")).toContainText("最优解 L1 (0, 0)（在原点）");
  await expect(demo(page).locator('[data-figure="paths"]')).toContainText("L1 proximal · 恰为 0：8/8");
  // The subgradient and L2 rules still end with no weight exactly 0.
  await expect(readout(page, "zeros")).toContainText("L1 次梯度 0，");
  await expect(readout(page, "zeros")).toContainText("L2 0（");
  await expect.poll(() => l2EndToOrigin(page)).toBeLessThan(distBefore * 0.6);

  await press(page, "lambda", "Home"); // λ = 0: no penalty, all three rules are plain gradient descent
  await expect(demo(page).locator('[data-output="lambda"]')).toHaveText("0");
  await expect(readout(page, "zeros")).toContainText("L1 proximal 0，");
  await expect(readout(page, "plane")).toContainText("（不在坐标轴上）");
  await expect.poll(() => l2EndToOrigin(page)).toBeGreaterThan(distBefore * 1.3);
});

test("the learning rate sets the subgradient jitter and how far the paths get", async ({ page }) => {
  await page.goto(`${DL05}?reg.view=zoom`);
  await rendered(page, 1);
  const jitterBefore = await subJitter(page);
  expect(jitterBefore).toBeGreaterThan(0);
  const [sx, sy] = await dotAt(page, "reg-start");
  const [ex, ey] = await dotAt(page, "reg-end-l2");
  const travelBefore = Math.hypot(ex - sx, ey - sy);

  await press(page, "eta", "End"); // η = 0.3
  await expect(demo(page).locator('[data-output="eta"]')).toHaveText("0.3");
  await expect(readout(page, "zeros")).toContainText("ηλ = 0.15");
  await expect.poll(() => subJitter(page)).toBeGreaterThan(jitterBefore * 2);

  await press(page, "eta", "Home"); // η = 0.01: 60 steps are too few to reach the optimum
  await expect(demo(page).locator('[data-output="eta"]')).toHaveText("0.01");
  await expect(readout(page, "zeros")).toContainText("L1 proximal 0，");
  await expect
    .poll(async () => {
      const [x, y] = await dotAt(page, "reg-end-l2");
      return Math.hypot(x - sx, y - sy);
    })
    .toBeLessThan(travelBefore * 0.75);
});

test("more steps extend the paths and let a small learning rate reach the exact zeros", async ({ page }) => {
  await page.goto(`${DL05}?reg.eta=0.01`);
  await expect(readout(page, "zeros")).toContainText("L1 proximal 0，");
  await press(page, "steps", "End");
  await expect(demo(page).locator('[data-output="steps"]')).toHaveText("300");
  await expect(readout(page, "zeros")).toContainText("300 步后");
  await expect(readout(page, "zeros")).toContainText("L1 proximal 4，");
  await expect.poll(() => pathsText(page)).toContain("300"); // the step axis now runs to 300
  await press(page, "steps", "Home");
  await expect(demo(page).locator('[data-output="steps"]')).toHaveText("10");
  await expect(readout(page, "zeros")).toContainText("10 步后");
  await expect.poll(() => pathsText(page)).toContain("10");
  expect(await pathsText(page)).not.toContain("300");
});

test("zooming the upper figure on 0 rescales its y axis", async ({ page }) => {
  await page.goto(DL05);
  const ticks = () => pathsText(page);
  expect(await ticks()).toContain("1.0");
  await demo(page).locator('select[data-param="view"]').selectOption("zoom");
  await expect(page).toHaveURL(/[?&]reg\.view=zoom(&|$)/);
  await expect.poll(ticks).toContain("0.1");
  expect(await ticks()).not.toContain("1.0");
  // Exact zeros (filled end dots) are all still in view: 4 in the proximal panel.
  await expect(demo(page).locator('[data-figure="paths"] g.reg-zero-end circle')).toHaveCount(4);
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${DL05}?reg.lambda=2&reg.eta=0.3&reg.steps=300&reg.view=zoom#try-it`);
  await expect(demo(page).locator('[data-output="lambda"]')).toHaveText("2");
  await expect(demo(page).locator('[data-output="eta"]')).toHaveText("0.3");
  await expect(demo(page).locator('[data-output="steps"]')).toHaveText("300");
  await expect(demo(page).locator('select[data-param="view"]')).toHaveValue("zoom");
  await expect(readout(page, "zeros")).toContainText("300 步后");
  await expect(readout(page, "zeros")).toContainText("L1 proximal 8，");
  await expect(readout(page, "zeros")).toContainText("ηλ = 0.6");
  await rendered(page, 1);
  await expect(demo(page).locator('[data-figure="paths"]')).toContainText("L1 proximal · 恰为 0：8/8");
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${DL05}?reg.lambda=abc&reg.steps=7&reg.view=log&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("reg.lambda=abc");
  await expect(notice).toContainText("reg.steps=7");
  await expect(notice).toContainText("reg.view=log");
  await expect(demo(page).locator('[data-output="lambda"]')).toHaveText("0.5");
  await expect(demo(page).locator('[data-output="steps"]')).toHaveText("60");
  await expect(readout(page, "zeros")).toContainText("L1 proximal 4，");
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${DL05}?reg.lambda=1.5&reg.view=zoom`);
  await expect(demo(page).locator('[data-output="lambda"]')).toHaveText("1.5");
  await demo(page).locator("[data-reset]").click();
  await expect(demo(page).locator('[data-output="lambda"]')).toHaveText("0.5");
  await expect(demo(page).locator('select[data-param="view"]')).toHaveValue("full");
  await expect(readout(page, "zeros")).toContainText("L1 proximal 4，");
  await expect(page).toHaveURL(new RegExp(`${DL05}$`));
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: DL-05 with the demo (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000); // a long article with KaTeX: axe needs a while
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(DL05);
    await demo(page).scrollIntoViewIfNeeded();
    await page.waitForLoadState("networkidle");
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
