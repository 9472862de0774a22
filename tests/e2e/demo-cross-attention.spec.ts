/** The cross-attention heatmap (ARC-06) as a reader uses it. */
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

const ARC06 = "/q/encoder-decoder-cross-attention/";
const NS = "xattn";
const XATTN: Demo = { url: ARC06, ns: NS };

const cells = (demo: DemoPage, cls: "xa-cell" | "xa-blocked") => demo.figure("map").locator(`g.${cls} rect`);
/** y of the outlined (selected) row. */
const rowY = (demo: DemoPage) =>
  demo
    .figure("map")
    .locator("g.xa-row rect")
    .first()
    .evaluate((r) => Number(r.getAttribute("y")));
/** Heights of the selected row's bars, source order (pads last). */
const barHeights = (demo: DemoPage) =>
  demo
    .figure("row")
    .locator("g.xa-bar rect")
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("height"))));

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, XATTN, {
    figures: ["map", "row"],
    maxSvgBytes: 40_000,
    check: async (demo) => {
      // 7 target rows × (6 words + 3 masked pads)
      await expect(cells(demo, "xa-cell")).toHaveCount(42);
      await expect(cells(demo, "xa-blocked")).toHaveCount(21);
    },
    shows: {
      readouts: { row: "目标 “昨天” 最关注源端 “yesterday”", pad: "3 个 <pad> 列被屏蔽，权重恰为 0" },
    },
  }));

test("head 1 follows the reordering, head 2 only the diagonal", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC06);
  await demo.settled();
  const head = demo.select("head");
  await head.selectOption("1");
  await expect(demo.readout("row")).toContainText("最关注源端 “yesterday”（0.85）");
  await expect(page).toHaveURL(/[?&]xattn\.head=1(&|$)/);
  const yesterday = (await barHeights(demo))[5];
  await head.selectOption("2");
  await expect(demo.readout("row")).toContainText("最关注源端 “saw”");
  await expect.poll(async () => (await barHeights(demo))[5]).toBeLessThan(yesterday / 10);
});

test("padding adds masked columns; switching the mask off lets them take weight", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC06);
  await demo.settled();
  await demo.press("pad", "End");
  await expect(demo.output("pad")).toHaveText("4");
  await expect(demo.readout("row")).toContainText("T × S = 7 × 10");
  await expect(cells(demo, "xa-blocked")).toHaveCount(28);
  await expect(demo.readout("pad")).toContainText("最大差 0）");

  await demo.select("mask").selectOption("off");
  await expect(cells(demo, "xa-blocked")).toHaveCount(0);
  await expect(cells(demo, "xa-cell")).toHaveCount(70);
  await expect(demo.readout("pad")).toContainText(/4 个 <pad> 列平均分走 \d+\.\d% 的权重，最多的是 “猫” 一行/);
  await expect(demo.readout("pad")).not.toContainText("最大差 0）");
  await expect.poll(async () => Math.min(...(await barHeights(demo)).slice(6))).toBeGreaterThan(0);
  await expect(page).toHaveURL(/xattn\.mask=off/);

  await demo.press("pad", "Home");
  await expect(cells(demo, "xa-cell")).toHaveCount(42);
  await expect(demo.readout("pad")).toContainText("没有 padding");
});

test("the row slider moves the outline and the bar chart", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC06);
  await demo.settled();
  const y0 = await rowY(demo);
  const bars = await demo.svgOf("row");
  await demo.press("row", "End");
  await expect(demo.output("row")).toHaveText("7");
  await expect(demo.readout("row")).toContainText("目标 “猫” 最关注源端 “cat”");
  await expect.poll(() => rowY(demo)).toBeGreaterThan(y0);
  await expect.poll(() => demo.svgOf("row")).not.toBe(bars);
  await expect(demo.figure("row")).toContainText("“猫”的权重");
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, XATTN, {
    params: { head: "2", pad: "1", mask: "off", row: "7" },
    shows: {
      selects: { head: "2", mask: "off" },
      outputs: { pad: "1", row: "7" },
      readouts: { row: "目标 “猫”", pad: "1 个 <pad> 列平均分走" },
    },
    afterRedraw: (demo) => expect(cells(demo, "xa-cell")).toHaveCount(49),
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, XATTN, {
    garbage: { pad: "-1", row: "0.5", mask: "maybe" },
    defaults: { readouts: { pad: "3 个 <pad> 列被屏蔽" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, XATTN, {
    params: { mask: "off", row: "5" },
    before: { readouts: { row: "目标 “一只”" } },
    defaults: { readouts: { row: "目标 “昨天”" }, selects: { mask: "on" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: ARC-06 with the demo (${scheme})`, ({ page }) =>
    axeClean(page, XATTN, scheme, { params: { mask: "off" } }));
}
