/** The tensor-shapes demo (ARC-01) as a reader uses it: a clickable block diagram plus two charts. */
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

const ARC01 = "/q/transformer-architecture-overview/";
const NS = "shapes";
const SHAPES: Demo = { url: ARC01, ns: NS };

const block = (demo: DemoPage, id: string) => demo.root.locator(`button[data-block="${id}"]`);
/** Fill colours of the bars in a chart, top to bottom (orange marks the selection). */
const fills = (demo: DemoPage, key: string, cls: string) =>
  demo
    .figure(key)
    .locator(`g.${cls} rect`)
    .evaluateAll((rects) => rects.map((r) => r.getAttribute("fill")));
const ORANGE = "#e0803a";

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, SHAPES, {
    figures: ["params", "sizes"],
    maxSvgBytes: 40_000,
    shows: { readouts: { totals: ["每层编码器 3,152,384", "合计 63.08M"], block: "(2, 8, 10, 10)" } },
    check: async (demo) => {
      await expect(block(demo, "scores")).toHaveAttribute("aria-pressed", "true");
      await expect(block(demo, "logits")).toContainText("(2, 9, 37000)");
    },
  }));

test("clicking a block selects it, highlights its bar and updates the URL", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC01);
  const before = await fills(demo, "sizes", "ts-size");
  expect(before.indexOf(ORANGE)).toBe(4); // 自注意力打分
  await block(demo, "crossScores").click();
  await expect(block(demo, "crossScores")).toHaveAttribute("aria-pressed", "true");
  await expect(block(demo, "scores")).toHaveAttribute("aria-pressed", "false");
  await expect(demo.select("block")).toHaveValue("crossScores");
  await expect(demo.readout("block")).toContainText("解码器·交叉注意力打分：形状 (2, 8, 9, 10)");
  await expect(demo.readout("block")).toContainText("参数 1,051,648（每层；6 层共 6,309,888）");
  await expect(page).toHaveURL(/[?&]shapes\.block=crossScores(&|$)/);
  await expect.poll(async () => (await fills(demo, "sizes", "ts-size")).indexOf(ORANGE)).toBe(12);
  // The parameter chart marks the part the block belongs to: 解码器交叉注意力 (5th row).
  await expect.poll(async () => (await fills(demo, "params", "ts-part")).indexOf(ORANGE)).toBe(4);

  // The select drives the same state (and the pressed button follows it).
  await demo.select("block").selectOption("logits");
  await expect(block(demo, "logits")).toHaveAttribute("aria-pressed", "true");
  await expect(demo.readout("block")).toContainText("(2, 9, 37000)");
  await expect(demo.readout("block")).toContainText("与 embedding 共享权重");
  await expect.poll(async () => (await fills(demo, "params", "ts-part")).indexOf(ORANGE)).toBe(0);
});

test("batch and lengths reshape the tensors; only n grows the n × n scores", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC01);
  await demo.settled();
  const paramsBefore = await demo.svgOf("params");
  const sizesBefore = await demo.svgOf("sizes");

  await demo.press("B", "End");
  await expect(demo.output("B")).toHaveText("64");
  await expect(demo.readout("shape-srcIds")).toHaveText("(64, 10)");
  await expect(demo.readout("block")).toContainText("(64, 8, 10, 10)，51,200 个元素");

  await demo.press("n", "End");
  await expect(demo.output("n")).toHaveText("4096");
  await expect(demo.readout("shape-scores")).toHaveText("(64, 8, 4096, 4096)");
  await expect(demo.readout("shape-crossScores")).toHaveText("(64, 8, 9, 4096)");
  await expect(demo.readout("block")).toContainText("8,589,934,592 个元素；参数 0");
  await expect(page).toHaveURL(/shapes\.n=4096/);
  await expect.poll(() => demo.svgOf("sizes")).not.toBe(sizesBefore);
  await expect(demo.figure("sizes")).toContainText("8.59B");
  // Lengths never change a parameter count: the parameter chart is not redrawn.
  expect(await demo.svgOf("params")).toBe(paramsBefore);
  await expect(demo.readout("totals")).toContainText("合计 63.08M");

  await demo.press("m", "Home");
  await expect(demo.output("m")).toHaveText("1");
  await expect(demo.readout("shape-selfScores")).toHaveText("(64, 8, 1, 1)");
  await expect(demo.readout("shape-logits")).toHaveText("(64, 1, 37000)");
});

test("the big configuration counts about 2.14 亿 parameters", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC01);
  await demo.settled();
  const paramsBefore = await demo.svgOf("params");
  await demo.select("d").selectOption("1024");
  await demo.select("h").selectOption("16");
  await expect(demo.readout("shape-heads")).toHaveText("(2, 16, 10, 64)");
  await demo.select("dff").selectOption("4096");
  await expect(demo.readout("shape-ffnHidden")).toHaveText("(2, 10, 4096)");
  await expect(demo.readout("totals")).toContainText("每层编码器 12,596,224");
  await expect(demo.readout("totals")).toContainText("合计 214.25M");
  await expect.poll(() => demo.svgOf("params")).not.toBe(paramsBefore);
  await expect(demo.figure("params")).toContainText("37.89M"); // the shared embedding, 37000 × 1024
  await expect(page).toHaveURL(/shapes\.d=1024/);

  await demo.select("h").selectOption("1");
  await expect(demo.readout("shape-heads")).toHaveText("(2, 1, 10, 1024)");
  await expect(demo.readout("totals")).toContainText("合计 214.25M"); // heads do not change the count
});

test("more layers and a bigger vocabulary change the totals", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC01);
  await demo.press("N", "End");
  await expect(demo.output("N")).toHaveText("24");
  await expect(demo.readout("encLayers")).toHaveText("编码器层 ×24");
  await expect(demo.readout("totals")).toContainText("编码器、解码器各 24 层");
  await expect(demo.figure("params")).toContainText("编码器 FFN ×24");
  await demo.press("N", "Home");
  await expect(demo.readout("totals")).toContainText("合计 26.30M"); // 18,944,000 + 7,356,416
  await demo.select("V").selectOption("41000");
  await expect(demo.readout("shape-logits")).toHaveText("(2, 9, 41000)");
  await expect(demo.readout("totals")).toContainText("共享 embedding 20,992,000");
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, SHAPES, {
    params: { block: "qkv", d: "1024", h: "16", dff: "4096", n: "100" },
    shows: {
      selects: { block: "qkv" },
      outputs: { n: "100" },
      readouts: { block: "Q、K、V 投影：形状 (2, 100, 1024) × 3", totals: "合计 214.25M" },
    },
    check: (demo) => expect(block(demo, "qkv")).toHaveAttribute("aria-pressed", "true"),
    afterRedraw: (demo) => expect.poll(async () => (await fills(demo, "sizes", "ts-size")).indexOf(ORANGE)).toBe(2),
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, SHAPES, {
    garbage: { B: "abc", h: "3", block: "attention" },
    defaults: { outputs: { B: "2" }, readouts: { totals: "合计 63.08M" } },
    check: (demo) => expect(block(demo, "scores")).toHaveAttribute("aria-pressed", "true"),
  }));

test("reset restores defaults, the pressed block and the URL", ({ page }) =>
  resetRestoresDefaults(page, SHAPES, {
    params: { block: "encOut", B: "8" },
    beforeCheck: (demo) => expect(block(demo, "encOut")).toHaveAttribute("aria-pressed", "true"),
    defaults: { outputs: { B: "2" } },
    check: async (demo) => {
      await expect(block(demo, "scores")).toHaveAttribute("aria-pressed", "true");
      await expect(block(demo, "encOut")).toHaveAttribute("aria-pressed", "false");
    },
  }));

for (const scheme of SCHEMES) {
  test(`axe: ARC-01 with the demo (${scheme})`, ({ page }) =>
    axeClean(page, SHAPES, scheme, { params: { block: "ffnHidden" } }));
}
