/** The mask-precision demo (ATT-07) as a reader uses it: mask value × dtype × how it is applied × bias. */
import { expect, test } from "@playwright/test";
import { cast } from "../../components/demos/mask-precision/model";
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

const ATT07 = "/q/padding-mask/";
const NS = "mask";
const MASK: Demo = { url: ATT07, ns: NS };

const nanBoxes = (demo: DemoPage) => demo.figure("full").locator(".mask-nan rect");
const headline = (demo: DemoPage, figure: string) => demo.figure(figure).locator(`.mask-headline text`);
/** Heights of the bars of a row figure, in key order. */
const barHeights = (demo: DemoPage, figure: string) =>
  demo
    .figure(figure)
    .locator(`.mask-bar rect`)
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("height"))));
/** The x positions of the two outlined cells in the overview (the current mask × dtype). */
const currentCell = (demo: DemoPage) =>
  demo
    .figure("grid")
    .locator(".mask-current rect")
    .evaluateAll((rects) => rects.map((r) => `${r.getAttribute("x")},${r.getAttribute("y")}`).join(" "));

test("first frame is in the HTML and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, MASK, {
    figures: ["partial", "full", "grid"],
    check: async (demo) => {
      // Default: −1e3 in fp16, additive. Real keys take everything; the fully masked row is finite.
      await expect(demo.figure("partial").locator(".mask-bar rect")).toHaveCount(5);
      await expect(nanBoxes(demo)).toHaveCount(0);
      await expect(demo.figure("grid").locator(".mask-grid-label text")).toHaveCount(48);
      await expect(demo.figure("grid").locator(".mask-current rect")).toHaveCount(2);
    },
    shows: {
      readoutTexts: { stored: "mask = −1e3 存成 fp16：−1000" },
      readouts: { full: "0.491、0.181、0.110、0.110、0.110" },
    },
  }));

test("the model's fp16 rounding agrees with Chromium's Math.f16round", async ({ page }) => {
  await page.goto(ATT07);
  const values = [
    0.3,
    -999.7,
    2049,
    2051,
    65504,
    65519,
    65520,
    -65520,
    1e-8,
    3e-8,
    2 ** -25,
    1 / 3,
    1e4,
    -1e9,
    0.1,
    12345.678,
  ];
  const browser = await page.evaluate(
    (xs) => xs.map((x) => (Math as unknown as { f16round: (v: number) => number }).f16round(x)),
    values,
  );
  expect(values.map((x) => cast(x, "fp16"))).toEqual(browser);
});

test("mask values: −∞ turns the fully masked row into NaN, 0 leaks, −1e9 overflows only in fp16", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT07);
  await demo.select("m").selectOption("-inf");
  await expect(demo.readout("full")).toContainText("全部 NaN");
  await expect(nanBoxes(demo)).toHaveCount(5);
  await expect(headline(demo, "full")).toHaveText("整行 NaN");
  await expect(page).toHaveURL(/[?&]mask\.m=-inf(&|$)/);

  await demo.select("m").selectOption("0");
  await expect(demo.readout("leak")).toContainText("[PAD] 共分到 18.7%");
  await expect(headline(demo, "partial")).toHaveText("[PAD] 共分到 18.7%");
  await expect(nanBoxes(demo)).toHaveCount(0);
  // Both [PAD] bars are now visible (non-zero height).
  await expect.poll(async () => (await barHeights(demo, "partial")).slice(3).every((h) => h > 5)).toBe(true);

  await demo.select("m").selectOption("-1e9");
  await expect(demo.readout("stored")).toContainText("存进去就成了 −inf");
  await expect(nanBoxes(demo)).toHaveCount(5);
  await demo.select("dtype").selectOption("bf16");
  await expect(demo.readout("stored")).toContainText("存成 bf16：−9.9824e8");
  await expect(demo.readout("full")).toContainText("均匀分布，每个 0.200");
  await expect(nanBoxes(demo)).toHaveCount(0);
});

test("dtype moves the outlined cell and changes the rounding of the fully masked row", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT07);
  await demo.select("dtype").selectOption("fp32");
  await expect(demo.readout("full")).toContainText("有限：0.511、0.188、0.114、0.093、0.093");
  await demo.rendered();
  const fp32 = await currentCell(demo);
  await demo.select("dtype").selectOption("bf16");
  await expect(demo.readout("full")).toContainText("bf16 在 −1000 附近的舍入间距是 4");
  await expect.poll(() => currentCell(demo)).not.toBe(fp32);
  await expect(page).toHaveURL(/[?&]mask\.dtype=bf16(&|$)/);
});

test("masked_fill: setting the pads to 0 leaks 14.5 %, and −1e9 on a half tensor is an error", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT07);
  await demo.select("apply").selectOption("fill");
  await demo.select("m").selectOption("0");
  await expect(demo.readout("leak")).toContainText("14.5%（e⁰ = 1，置 0 照样分走权重）");
  await expect(headline(demo, "partial")).toHaveText("[PAD] 共分到 14.5%");
  await demo.select("m").selectOption("-1e9");
  await expect(demo.readout("stored")).toContainText("会直接报错");
  const labels = () =>
    demo
      .figure("grid")
      .locator(".mask-grid-label text")
      .evaluateAll((ts) => ts.filter((t) => t.textContent === "报错").length);
  await expect.poll(labels).toBe(2);
  await expect(page).toHaveURL(/[?&]mask\.apply=fill(&|$)/);
});

test("bias: finfo.min + a score ≤ −16 overflows in fp16 and the fully masked row turns NaN", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT07);
  await demo.select("m").selectOption("min");
  await expect(demo.readout("full")).toContainText("均匀分布，每个 0.200");
  const bias = demo.input("bias");
  await bias.fill("-20");
  await expect(demo.output("bias")).toHaveText("-20");
  await expect(demo.readout("full")).toContainText("finfo.min 加上不高于 −16 的分数溢出成 −inf");
  await expect(demo.readout("trap")).toContainText("5 个位置中有 5 个溢出成 −inf");
  await expect(nanBoxes(demo)).toHaveCount(5);
  await expect(demo.figure("full")).toContainText("−inf");
  // masked_fill writes finfo.min instead of adding it: no overflow.
  await demo.select("apply").selectOption("fill");
  await expect(nanBoxes(demo)).toHaveCount(0);
  await expect(demo.readout("full")).toContainText("masked_fill 把整行写成同一个值");
  await expect(page).toHaveURL(/[?&]mask\.bias=-20(&|$)/);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, MASK, {
    params: { m: "min", dtype: "bf16", apply: "fill", bias: "-5" },
    shows: {
      selects: { m: "min", dtype: "bf16", apply: "fill" },
      outputs: { bias: "-5" },
      readouts: { stored: "mask = finfo.min 存成 bf16：−3.3895e38" },
    },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, MASK, {
    garbage: { m: "-1e5", dtype: "fp8", bias: "99" },
    defaults: { selects: { m: "-1e3", dtype: "fp16" }, readoutTexts: { stored: "mask = −1e3 存成 fp16：−1000" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, MASK, {
    params: { m: "-inf", bias: "3" },
    beforeCheck: (demo) => expect(nanBoxes(demo)).toHaveCount(5),
    defaults: { selects: { m: "-1e3" }, outputs: { bias: "0" } },
    check: (demo) => expect(nanBoxes(demo)).toHaveCount(0),
  }));

for (const scheme of SCHEMES) {
  test(`axe: ATT-07 with the demo drawn (${scheme})`, ({ page }) =>
    axeClean(page, MASK, scheme, { params: { m: "-inf" } }));
}
