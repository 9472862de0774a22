/** The shared-wq-wk demo (ATT-04) as a reader uses it: symmetric scores and a diagonal bias when W_Q = W_K. */
import { expect, test } from "@playwright/test";
import {
  axeClean,
  type Demo,
  type DemoPage,
  demoPage,
  firstFrameWithoutJs,
  garbageFallsBack,
  SCHEMES,
  sharedLinkRestores,
} from "../support/demo-spec";

const ATT04 = "/q/why-separate-wq-wk/";
const NS = "qk";
const QK: Demo = { url: ATT04, ns: NS };

async function diagonalMean(demo: DemoPage): Promise<number> {
  const text = (await demo.readout("diag").textContent()) ?? "";
  return Number(/^对角线平均权重 ([\d.]+)/.exec(text)?.[1]);
}

/**
 * Mean shade of the weight cells on the diagonal and off it. Cells are told apart by position: the
 * weight panel's cells sit in a grid, and a diagonal cell has the same column rank as row rank.
 */
const weightShades = (demo: DemoPage) =>
  demo
    .figure("heat")
    .locator("g.qk-weight rect")
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
const offDiagonal = (demo: DemoPage) =>
  demo.figure("sym").evaluate((figure) => {
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

test("first frame is in the HTML and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, QK, {
    figures: ["heat", "sym"],
    check: async (demo) => {
      await expect(demo.figure("heat").locator("g.qk-score rect")).toHaveCount(64);
      await expect(demo.figure("heat").locator("g.qk-weight rect")).toHaveCount(64);
      await expect(demo.figure("sym").locator("g.qk-pair circle")).toHaveCount(28);
    },
    shows: { readouts: { sym: "不对称", compare: "同一组 token 与权重，对角线平均权重：独立 0." } },
  }));

test("sharing W makes the scores symmetric and moves the weight onto the diagonal", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT04);
  const mode = demo.select("mode");
  await demo.root.scrollIntoViewIfNeeded();
  await demo.rendered();
  expect(await offDiagonal(demo)).toBeGreaterThan(5);
  const indep = await weightShades(demo);
  expect(indep.diag).toBeLessThan(0.4);
  expect(await diagonalMean(demo)).toBeLessThan(0.3);

  await mode.selectOption("shared");
  await expect(demo.readout("sym")).toContainText("max |s_ij − s_ji| = 0.00，关于对角线对称");
  await expect(demo.readout("diag")).toContainText("8 行中有 8 行的最大权重落在自己身上");
  await expect.poll(() => offDiagonal(demo)).toBeLessThan(0.01);
  await expect.poll(async () => (await weightShades(demo)).diag).toBeGreaterThan(0.8);
  expect((await weightShades(demo)).off).toBeLessThan(0.1);
  expect(await diagonalMean(demo)).toBeGreaterThan(0.85);
  await expect(page).toHaveURL(/[?&]qk\.mode=shared(&|$)/);

  await mode.selectOption("none");
  await expect(demo.readout("diag")).toContainText("对角线平均权重 1.00");
  await expect(demo.readout("sym")).toContainText("关于对角线对称");
});

test("token count, d_model, d_k and the seed change what is drawn", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(`${ATT04}?qk.mode=shared`);
  await expect(demo.readout("sym")).toContainText("关于对角线对称");
  const wide = await diagonalMean(demo);

  // A 2-dimensional shared projection: ‖q_i‖² is small, the diagonal bias much weaker.
  await demo.select("dk").selectOption("2");
  await expect.poll(() => diagonalMean(demo)).toBeLessThan(wide - 0.3);
  await expect(page).toHaveURL(/qk\.dk=2/);

  const n = demo.input("n");
  await n.fill("16");
  await expect(demo.output("n")).toHaveText("16");
  await expect(demo.readout("diag")).toContainText("16 行中有");
  await expect(demo.readout("diag")).toContainText("1/n = 0.063");
  await expect(demo.figure("heat").locator("g.qk-weight rect")).toHaveCount(256);
  await expect(demo.figure("sym").locator("g.qk-pair circle")).toHaveCount(120);
  await n.focus();
  await page.keyboard.press("Home");
  await expect(demo.output("n")).toHaveText("4");
  await expect(demo.figure("heat").locator("g.qk-score rect")).toHaveCount(16);

  const shades = () =>
    demo
      .figure("heat")
      .locator("g.qk-score rect")
      .evaluateAll((rects) => rects.map((r) => `${r.getAttribute("fill")}${r.getAttribute("fill-opacity")}`).join());
  const before = await shades();
  const compare = await demo.readout("compare").textContent();
  await demo.select("dModel").selectOption("512");
  await expect(demo.readout("compare")).not.toHaveText(compare ?? "");
  await expect.poll(shades).not.toBe(before);
  await expect(page).toHaveURL(/qk\.dModel=512/);

  const afterModel = await shades();
  await demo.input("seed").fill("9");
  await expect(demo.output("seed")).toHaveText("9");
  await expect.poll(shades).not.toBe(afterModel);
  await expect(page).toHaveURL(/qk\.seed=9/);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, QK, {
    params: { mode: "none", n: "12", dModel: "64", dk: "8", seed: "5" },
    shows: {
      selects: { mode: "none", dModel: "64", dk: "8" },
      outputs: { n: "12", seed: "5" },
      readouts: { diag: "12 行中有 12 行" },
    },
    afterRedraw: (demo) => expect(demo.figure("heat").locator("g.qk-weight rect")).toHaveCount(144),
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, QK, {
    garbage: { mode: "both", n: "40", dk: "7" },
    defaults: { selects: { mode: "indep" }, outputs: { n: "8" }, readouts: { sym: "不对称" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: ATT-04 with the demo drawn (${scheme})`, ({ page }) =>
    axeClean(page, QK, scheme, { params: { mode: "shared" } }));
}
