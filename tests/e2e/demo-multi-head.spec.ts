/** The multi-head demo (ATT-05) as a reader uses it: one heat map per head, d_k = 64/h. */
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

const ATT05 = "/q/why-multi-head-attention/";
const NS = "mh";
const MH: Demo = { url: ATT05, ns: NS };

const titles = (demo: DemoPage) => demo.figure("heads").locator("g.mh-title text");
const selected = (demo: DemoPage) => demo.figure("heads").locator("g.mh-selected rect");

/** The darkest cell of the whole figure (largest weight in any head). */
const darkest = (demo: DemoPage) =>
  demo
    .figure("heads")
    .locator("g.mh-cell rect")
    .evaluateAll((rects) => Math.max(...rects.map((r) => Number(r.getAttribute("fill-opacity")))));

test("first frame is in the HTML and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, MH, {
    figures: ["heads"],
    check: async (demo) => {
      await expect(titles(demo)).toHaveCount(4);
      await expect(titles(demo).first()).toContainText("头 1（d_k = 16）");
      await expect(selected(demo)).toHaveCount(4 * 8);
    },
    shows: { readouts: { dims: "h = 4：每头 d_k = 64/4 = 16", row: "“睡”这一行：头 1 →" } },
  }));

test("more heads: narrower heads, one sharp relation each; one head: weight spread thin", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT05);
  const h = demo.select("h");
  await h.selectOption("8");
  await expect(demo.readout("dims")).toContainText("h = 8：每头 d_k = 64/8 = 8，共 8 个");
  await expect(demo.readout("row")).toContainText("头 1 → 总是 0.91；头 2 → 猫 0.91");
  await expect(titles(demo)).toHaveCount(8);
  await expect(titles(demo).nth(7)).toContainText("头 8（d_k = 8）");
  await expect(selected(demo)).toHaveCount(8 * 8);
  await expect.poll(() => darkest(demo)).toBeGreaterThan(0.9);
  await expect(page).toHaveURL(/[?&]mh\.h=8(&|$)/);

  await h.selectOption("1");
  await expect(demo.readout("dims")).toContainText("h = 1：每头 d_k = 64/1 = 64");
  await expect(titles(demo)).toHaveCount(1);
  await expect(titles(demo).first()).toContainText("头 1（d_k = 64）");
  const peak = Number(/最大单个权重：([\d.]+)/.exec((await demo.readout("peak").textContent()) ?? "")?.[1]);
  expect(peak).toBeLessThan(0.3);
  await expect(demo.readout("peak")).toContainText("只有一个分布");
  // The parameter count does not move with h.
  await expect(demo.readout("dims")).toContainText("4·d_model² = 16,384 个");
});

test("the query picks the highlighted row and the read-out", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT05);
  await demo.root.scrollIntoViewIfNeeded();
  await demo.rendered();
  const rowY = () =>
    selected(demo).evaluateAll((rects) => [...new Set(rects.map((r) => r.getAttribute("y")))].join(","));
  const before = await rowY();
  await demo.select("q").selectOption("1");
  await expect(demo.readout("row")).toContainText("“那只”这一行：");
  await expect.poll(rowY).not.toBe(before);
  await demo.select("h").selectOption("8");
  await expect(demo.readout("row")).toContainText("头 6 → 猫 0.91"); // modifier → head noun
  await expect(page).toHaveURL(/mh\.q=1/);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, MH, {
    params: { h: "2", q: "3" },
    shows: { selects: { h: "2", q: "3" }, readouts: { row: "“猫”这一行" } },
    afterRedraw: (demo) => expect(titles(demo)).toHaveCount(2),
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, MH, {
    garbage: { h: "3", q: "9" },
    defaults: { selects: { h: "4" }, readouts: { dims: "h = 4" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: ATT-05 with the demo drawn (${scheme})`, ({ page }) => axeClean(page, MH, scheme, { params: { h: "8" } }));
}
