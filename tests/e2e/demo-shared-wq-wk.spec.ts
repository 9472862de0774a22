/** The shared-wq-wk demo (ATT-04) as a reader uses it: symmetric scores and a diagonal bias when W_Q = W_K. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const ATT04 = "/q/why-separate-wq-wk/";
const demo = (page: Page) => page.locator('[data-demo-ns="qk"]');
const readout = (page: Page, key: "sym" | "diag" | "compare") => demo(page).locator(`[data-readout="${key}"]`);

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}

async function diagonalMean(page: Page): Promise<number> {
  const text = (await readout(page, "diag").textContent()) ?? "";
  return Number(/^对角线平均权重 ([\d.]+)/.exec(text)?.[1]);
}

/**
 * Mean shade of the weight cells on the diagonal and off it. Cells are told apart by position: the
 * weight panel's cells sit in a grid, and a diagonal cell has the same column rank as row rank.
 */
const weightShades = (page: Page) =>
  demo(page)
    .locator('[data-figure="heat"] g.qk-weight rect')
    .evaluateAll((rects) => {
      const xs = [...new Set(rects.map((r) => Number(r.getAttribute("x"))))].sort((a, b) => a - b);
      const ys = [...new Set(rects.map((r) => Number(r.getAttribute("y"))))].sort((a, b) => a - b);
      let diag = 0;
      let off = 0;
      for (const r of rects) {
        const opacity = Number(r.getAttribute("fill-opacity"));
        if (xs.indexOf(Number(r.getAttribute("x"))) === ys.indexOf(Number(r.getAttribute("y")))) diag += opacity;
        else off += opacity;
      }
      return { diag: diag / ys.length, off: off / (rects.length - ys.length) };
    });

/** Largest distance (SVG units) from a pair's dot to the dashed s_ij = s_ji line. */
const offDiagonal = (page: Page) =>
  demo(page)
    .locator('[data-figure="sym"]')
    .evaluate((figure) => {
      const d = figure.querySelector("g.qk-identity path")?.getAttribute("d") ?? "";
      const [x1, y1, x2, y2] = [...d.matchAll(/-?[\d.]+/g)].map((m) => Number(m[0]));
      const len = Math.hypot(x2 - x1, y2 - y1);
      return Math.max(
        ...[...figure.querySelectorAll("g.qk-pair circle")].map((c) => {
          const cx = Number(c.getAttribute("cx"));
          const cy = Number(c.getAttribute("cy"));
          return Math.abs((x2 - x1) * (y1 - cy) - (x1 - cx) * (y2 - y1)) / len;
        }),
      );
    });

test("first frame is in the HTML and readable without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ATT04);
  for (const figure of ["heat", "sym"])
    await expect(demo(page).locator(`[data-figure="${figure}"] svg`)).toHaveCount(1);
  await expect(demo(page).locator('[data-figure="heat"] g.qk-score rect')).toHaveCount(64);
  await expect(demo(page).locator('[data-figure="heat"] g.qk-weight rect')).toHaveCount(64);
  await expect(demo(page).locator('[data-figure="sym"] g.qk-pair circle')).toHaveCount(28);
  await expect(readout(page, "sym")).toContainText("不对称");
  await expect(readout(page, "compare")).toContainText("同一组 token 与权重，对角线平均权重：独立 0.");
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await context.close();
});

test("sharing W makes the scores symmetric and moves the weight onto the diagonal", async ({ page }) => {
  await page.goto(ATT04);
  const mode = demo(page).locator('select[data-param="mode"]');
  await demo(page).scrollIntoViewIfNeeded();
  await rendered(page, 1);
  expect(await offDiagonal(page)).toBeGreaterThan(5);
  const indep = await weightShades(page);
  expect(indep.diag).toBeLessThan(0.4);
  expect(await diagonalMean(page)).toBeLessThan(0.3);

  await mode.selectOption("shared");
  await expect(readout(page, "sym")).toContainText("max |s_ij − s_ji| = 0.00，关于对角线对称");
  await expect(readout(page, "diag")).toContainText("8 行中有 8 行的最大权重落在自己身上");
  await expect.poll(() => offDiagonal(page)).toBeLessThan(0.01);
  await expect.poll(async () => (await weightShades(page)).diag).toBeGreaterThan(0.8);
  expect((await weightShades(page)).off).toBeLessThan(0.1);
  expect(await diagonalMean(page)).toBeGreaterThan(0.85);
  await expect(page).toHaveURL(/[?&]qk\.mode=shared(&|$)/);

  await mode.selectOption("none");
  await expect(readout(page, "diag")).toContainText("对角线平均权重 1.00");
  await expect(readout(page, "sym")).toContainText("关于对角线对称");
});

test("token count, d_model, d_k and the seed change what is drawn", async ({ page }) => {
  await page.goto(`${ATT04}?qk.mode=shared`);
  await expect(readout(page, "sym")).toContainText("关于对角线对称");
  const wide = await diagonalMean(page);

  // A 2-dimensional shared projection: ‖q_i‖² is small, the diagonal bias much weaker.
  await demo(page).locator('select[data-param="dk"]').selectOption("2");
  await expect.poll(() => diagonalMean(page)).toBeLessThan(wide - 0.3);
  await expect(page).toHaveURL(/qk\.dk=2/);

  const n = demo(page).locator('input[data-param="n"]');
  await n.fill("16");
  await expect(demo(page).locator('[data-output="n"]')).toHaveText("16");
  await expect(readout(page, "diag")).toContainText("16 行中有");
  await expect(readout(page, "diag")).toContainText("1/n = 0.063");
  await expect(demo(page).locator('[data-figure="heat"] g.qk-weight rect')).toHaveCount(256);
  await expect(demo(page).locator('[data-figure="sym"] g.qk-pair circle')).toHaveCount(120);
  await n.focus();
  await page.keyboard.press("Home");
  await expect(demo(page).locator('[data-output="n"]')).toHaveText("4");
  await expect(demo(page).locator('[data-figure="heat"] g.qk-score rect')).toHaveCount(16);

  const shades = () =>
    demo(page)
      .locator('[data-figure="heat"] g.qk-score rect')
      .evaluateAll((rects) => rects.map((r) => `${r.getAttribute("fill")}${r.getAttribute("fill-opacity")}`).join());
  const before = await shades();
  const compare = await readout(page, "compare").textContent();
  await demo(page).locator('select[data-param="dModel"]').selectOption("512");
  await expect(readout(page, "compare")).not.toHaveText(compare ?? "");
  await expect.poll(shades).not.toBe(before);
  await expect(page).toHaveURL(/qk\.dModel=512/);

  const afterModel = await shades();
  await demo(page).locator('input[data-param="seed"]').fill("9");
  await expect(demo(page).locator('[data-output="seed"]')).toHaveText("9");
  await expect.poll(shades).not.toBe(afterModel);
  await expect(page).toHaveURL(/qk\.seed=9/);
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${ATT04}?qk.mode=none&qk.n=12&qk.dModel=64&qk.dk=8&qk.seed=5#try-it`);
  await expect(demo(page).locator('select[data-param="mode"]')).toHaveValue("none");
  await expect(demo(page).locator('[data-output="n"]')).toHaveText("12");
  await expect(demo(page).locator('select[data-param="dModel"]')).toHaveValue("64");
  await expect(demo(page).locator('select[data-param="dk"]')).toHaveValue("8");
  await expect(demo(page).locator('[data-output="seed"]')).toHaveText("5");
  await expect(readout(page, "diag")).toContainText("12 行中有 12 行");
  await rendered(page, 1);
  await expect(demo(page).locator('[data-figure="heat"] g.qk-weight rect')).toHaveCount(144);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${ATT04}?qk.mode=both&qk.n=40&qk.dk=7&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["qk.mode=both", "qk.n=40", "qk.dk=7"]) await expect(notice).toContainText(bad);
  await expect(demo(page).locator('select[data-param="mode"]')).toHaveValue("indep");
  await expect(demo(page).locator('[data-output="n"]')).toHaveText("8");
  await expect(readout(page, "sym")).toContainText("不对称");
  await expect(page).toHaveURL(/\?other=1$/);
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: ATT-04 with the demo drawn (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${ATT04}?qk.mode=shared`);
    await demo(page).scrollIntoViewIfNeeded();
    await rendered(page, 1);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
    expect(serious).toEqual([]);
  });
}
