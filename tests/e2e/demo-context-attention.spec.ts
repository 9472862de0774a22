/** The context-attention demo (ATT-09) as a reader uses it: one word, two contexts, two attention rows. */
import { expect, test } from "@playwright/test";
import {
  axeClean,
  type Demo,
  type DemoPage,
  demoPage,
  firstFrameWithoutJs,
  garbageFallsBack,
  resetRestoresDefaults,
  SCHEMES,
  sharedLinkRestores,
} from "../support/demo-spec";

const ATT09 = "/q/same-token-different-attention/";
const NS = "ctx";
const CTX: Demo = { url: ATT09, ns: NS };

const bars = (demo: DemoPage, figure: "a" | "b") => demo.figure(figure).locator(`.ctx-bar rect`);
const heights = (demo: DemoPage, figure: "a" | "b") =>
  bars(demo, figure).evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("height")).toFixed(1)).join(","));
const title = (demo: DemoPage, figure: "a" | "b") => demo.figure(figure).locator(`.ctx-title text`);

test("first frame is in the HTML and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, CTX, {
    figures: ["a", "b"],
    check: async (demo) => {
      for (const figure of ["a", "b"] as const) await expect(bars(demo, figure)).toHaveCount(4);
      await expect(title(demo, "a")).toHaveText("我 吃 了 [苹果]");
      await expect(title(demo, "b")).toHaveText("[苹果] 发布 了 手机");
    },
    shows: {
      readoutTexts: { a: "“我吃了苹果”中位置 3 的“苹果”：我 0.272，吃 0.235，了 0.261，苹果 0.232" },
      readouts: { b: "苹果 0.161，发布 0.022，了 0.211，手机 0.606" },
    },
  }));

test("without positions: the same query and the same score for 了, but different weights", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT09);
  await demo.root.scrollIntoViewIfNeeded();
  await demo.rendered(); // redrawn at the real width once near the viewport
  const before = await heights(demo, "a");
  await demo.select("pe").selectOption("off");
  await expect(demo.readout("why")).toContainText("query 完全相同");
  await expect(demo.readout("why")).toContainText("“了”的打分两边都是 −1.111，权重却是 0.092 与 0.156");
  await expect.poll(() => heights(demo, "a")).not.toBe(before);
  // The score is printed under the bar in both figures.
  await expect(demo.figure("a")).toContainText("−1.11");
  await expect(demo.figure("b")).toContainText("−1.11");
  await expect(page).toHaveURL(/[?&]ctx\.pe=off(&|$)/);
});

test("the two 我 of one sentence get identical rows only without positional encoding", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT09);
  await demo.select("pair").selectOption("wo");
  await expect(title(demo, "a")).toHaveText("[我] 爱 我 的 家");
  await expect(title(demo, "b")).toHaveText("我 爱 [我] 的 家");
  await expect(bars(demo, "a")).toHaveCount(5);
  await expect(demo.readout("why")).toContainText("最大差 0.204");
  await expect.poll(async () => (await heights(demo, "a")) === (await heights(demo, "b"))).toBe(false);
  await demo.select("pe").selectOption("off");
  await expect(demo.readout("why")).toContainText("完全相同（最大差 0）");
  await expect.poll(async () => (await heights(demo, "a")) === (await heights(demo, "b"))).toBe(true);
  await expect(page).toHaveURL(/ctx\.pair=wo/);
});

test("other pairs and heads change the rows", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT09);
  await demo.select("pair").selectOption("le");
  await expect(demo.readout("why")).toContainText("同一个词、同一个位置");
  await expect(bars(demo, "a")).toHaveCount(4);
  await demo.select("pair").selectOption("swap");
  await expect(bars(demo, "a")).toHaveCount(3);
  await expect(title(demo, "b")).toHaveText("我 爱 [苹果]");
  const head1 = await demo.readout("a").textContent();
  await demo.rendered();
  const heights1 = await heights(demo, "a");
  await demo.select("head").selectOption("2");
  await expect(demo.readout("a")).not.toHaveText(head1 ?? "");
  await expect.poll(() => heights(demo, "a")).not.toBe(heights1);
  await expect(page).toHaveURL(/ctx\.head=2/);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("the two rows stack instead of squeezing side by side", async ({ page }) => {
    const demo = demoPage(page, NS);
    await page.goto(ATT09);
    const a = await demo.figure("a").boundingBox();
    const b = await demo.figure("b").boundingBox();
    expect(b?.y ?? 0).toBeGreaterThan((a?.y ?? 0) + (a?.height ?? 0) - 1);
  });
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, CTX, {
    params: { pair: "wo", pe: "off", head: "3" },
    shows: { selects: { pair: "wo", pe: "off", head: "3" }, readouts: { why: "完全相同（最大差 0）" } },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, CTX, {
    garbage: { pair: "banana", head: "7" },
    defaults: { selects: { pair: "apple" }, readouts: { a: "我 0.272" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, CTX, {
    params: { pair: "le", pe: "off" },
    before: { selects: { pair: "le" } },
    defaults: { selects: { pair: "apple", pe: "on" } },
    check: (demo) => expect(title(demo, "a")).toHaveText("我 吃 了 [苹果]"),
  }));

for (const scheme of SCHEMES) {
  test(`axe: ATT-09 with the demo drawn (${scheme})`, ({ page }) =>
    axeClean(page, CTX, scheme, { params: { pair: "wo" } }));
}
