/** The dropout train-vs-inference scaling demo (DL-04) as a reader uses it. */
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

const DL04 = "/q/dropout-train-vs-inference/";
const NS = "drop";
const DROP: Demo = { url: DL04, ns: NS };

/** x (SVG units) of the vertical rule in a mark group of the histogram. */
const ruleX = (demo: DemoPage, name: string) =>
  demo
    .figure("outputs")
    .locator(`g.${name} line`)
    .evaluate((l) => Number(l.getAttribute("x1")));
const bars = (demo: DemoPage) => demo.figure("outputs").locator("g.drop-bar rect");
/** Centres (SVG x) of the histogram's bars, left to right. */
const barCentres = (demo: DemoPage) =>
  bars(demo).evaluateAll((rs) =>
    rs.map((r) => Number(r.getAttribute("x")) + Number(r.getAttribute("width")) / 2).sort((a, b) => a - b),
  );
/** How far the furthest bar lies from the output 0 (the first bar), in units of the mean's distance. */
const reachOverMean = async (demo: DemoPage) => {
  const xs = await barCentres(demo);
  return (xs[xs.length - 1] - xs[0]) / ((await ruleX(demo, "drop-mean")) - xs[0]);
};
const ratioDot = (demo: DemoPage) =>
  demo
    .figure("ratio")
    .locator("g.drop-now circle")
    .evaluate((c) => [Number(c.getAttribute("cx")), Number(c.getAttribute("cy"))]);
/** The histogram's markup without Plot's per-render marker ids, to compare two drawings. */
const histogram = async (demo: DemoPage) => (await demo.svgOf("outputs")).replace(/plot-marker-\d+/g, "marker");
const strokeWidth = (demo: DemoPage, curve: string) =>
  demo.figure("ratio").locator(`g.drop-ratio-${curve}`).getAttribute("stroke-width");

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, DROP, {
    figures: ["outputs", "ratio"],
    maxSvgBytes: 8_000,
    shows: {
      readoutTexts: {
        train:
          "训练期输出（1000 个 seeded 掩码，q = 0.70）：蒙特卡洛均值 2.02，理论期望 2.00；标准差 0.47（理论 0.46，推理时为 0）",
        inference: "推理输出 2.00：推理 / 训练期期望 = 1.00，一致，缩放恰好一次；按蒙特卡洛均值算为 0.99",
      },
      readouts: { scheme: "inverted：训练时保留的输入 ×1/q = ×1.43" },
      figures: {
        outputs: ["训练期均值 2.02", "推理输出 2.00", "训练期单元输出 s"],
        ratio: ["两次缩放：1 − p", "乘 p：p/q"],
      },
    },
    check: async (d) => {
      // Inverted dropout: the train-time mean and the inference output sit on top of each other.
      expect(Math.abs((await ruleX(d, "drop-mean")) - (await ruleX(d, "drop-inference")))).toBeLessThan(5);
      await expect(bars(d)).toHaveCount(7);
    },
  }));

test("the drop rate spreads the train-time outputs while inverted dropout keeps mean = inference", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DL04);
  await demo.settled();
  const reach = await reachOverMean(demo);
  expect(reach).toBeGreaterThan(1.2);
  expect(reach).toBeLessThan(2);
  const [x0] = await ratioDot(demo);
  await demo.press("p", "End");
  await expect(demo.output("p")).toHaveText("0.9");
  await expect(demo.readout("train")).toContainText("q = 0.10）");
  await expect(demo.readout("train")).toContainText("理论期望 2.00；");
  await expect(demo.readout("train")).toContainText("（理论 2.12，推理时为 0）"); // √(4·0.9/(0.1·8))
  await expect(demo.readout("inference")).toContainText("推理 / 训练期期望 = 1.00，一致");
  await expect(demo.readout("scheme")).toContainText("×1/q = ×10.00");
  await expect.poll(async () => (await ratioDot(demo))[0]).toBeGreaterThan(x0 + 100);
  // Kept inputs are scaled by 1/q = 10: single passes land far to the right of the mean (2).
  await expect.poll(() => reachOverMean(demo)).toBeGreaterThan(2.5);
  await demo.press("p", "Home");
  await expect(demo.output("p")).toHaveText("0");
  await expect(demo.readout("inference")).toContainText("p = 0 时不丢弃，各写法都是恒等");
  await expect(demo.readout("train")).toContainText("标准差 0.00（理论 0.00");
  // No dropout: every pass gives the same output, one bar.
  await expect(bars(demo)).toHaveCount(1);
  await page.keyboard.press("ArrowRight");
  await expect(demo.output("p")).toHaveText("0.05");
  await expect(page).toHaveURL(/[?&]drop\.p=0\.05(&|$)/);
});

test("each variant: the original matches at q·2, scaling twice under-shoots by q, the drop rate by p/q", async ({
  page,
}) => {
  const demo = demoPage(page, NS);
  await page.goto(DL04);
  await demo.settled();
  const ratioSvg = await demo.svgOf("ratio");
  expect(await strokeWidth(demo, "ok")).toBe("3");

  await demo.select("variant").selectOption("standard");
  await expect(demo.readout("inference")).toContainText("推理输出 1.40：推理 / 训练期期望 = 1.00，一致");
  await expect(demo.readout("train")).toContainText("蒙特卡洛均值 1.41，理论期望 1.40");
  await expect(demo.readout("scheme")).toContainText("经典写法：训练时不缩放，推理时 ×q = ×0.70");
  await expect(demo.figure("outputs")).toContainText("推理输出 1.40");
  await expect
    .poll(async () => Math.abs((await ruleX(demo, "drop-mean")) - (await ruleX(demo, "drop-inference"))))
    .toBeLessThan(5);

  await demo.select("variant").selectOption("double");
  await expect(demo.readout("inference")).toContainText(
    "推理输出 1.40：推理 / 训练期期望 = 0.70，推理输出偏小，是期望的 0.70 倍（= q = 1 − p）",
  );
  await expect(demo.readout("train")).toContainText("蒙特卡洛均值 2.02，理论期望 2.00");
  // The inference rule now sits left of the mean, at 0.7 of its distance from 0.
  await expect
    .poll(async () => (await ruleX(demo, "drop-mean")) - (await ruleX(demo, "drop-inference")))
    .toBeGreaterThan(50);
  expect(await strokeWidth(demo, "double")).toBe("3");
  expect(await strokeWidth(demo, "ok")).toBe("1.5");
  expect(await demo.svgOf("ratio")).not.toBe(ratioSvg);

  await demo.select("variant").selectOption("rate");
  await expect(demo.readout("inference")).toContainText(
    "推理输出 0.60：推理 / 训练期期望 = 0.43，推理输出偏小，是期望的 0.43 倍（= p/q）",
  );
  await expect(demo.readout("scheme")).toContainText("乘丢弃率：训练时不缩放，推理时 ×p = ×0.30");
  await expect.poll(() => strokeWidth(demo, "rate")).toBe("3");
  await demo.press("p", "End");
  await expect(demo.readout("inference")).toContainText("推理输出偏大，是期望的 9.00 倍");
  await expect(page).toHaveURL(/drop\.variant=rate/);
});

test("the number of inputs: one input gives two outputs (0 or 2/q), sixteen a narrower binomial", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DL04);
  await demo.settled();
  await demo.press("n", "Home");
  await expect(demo.output("n")).toHaveText("1");
  await expect(demo.readout("train")).toContainText("蒙特卡洛均值 2.06，理论期望 2.00；标准差 1.28（理论 1.31");
  await expect(bars(demo)).toHaveCount(2);
  await demo.press("n", "End");
  await expect(demo.output("n")).toHaveText("16");
  await expect(demo.readout("train")).toContainText("标准差 0.33（理论 0.33");
  await expect.poll(() => bars(demo).count()).toBeGreaterThan(8);
  await expect(page).toHaveURL(/drop\.n=16/);
});

test("more Monte-Carlo passes pull the mean towards 2; another seed draws other masks", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DL04);
  await demo.settled();
  const before = await histogram(demo);
  await demo.select("samples").selectOption("100");
  await expect(demo.readout("train")).toContainText("训练期输出（100 个 seeded 掩码，q = 0.70）：蒙特卡洛均值 2.07");
  await demo.select("samples").selectOption("10000");
  await expect(demo.readout("train")).toContainText("训练期输出（10000 个 seeded 掩码，q = 0.70）：蒙特卡洛均值 2.01");
  await expect(demo.readout("inference")).toContainText("按蒙特卡洛均值算为 1.00");
  await demo.select("samples").selectOption("1000");
  await expect(demo.readout("train")).toContainText("蒙特卡洛均值 2.02");
  await expect.poll(() => histogram(demo)).toBe(before); // deterministic: same seed, same drawing
  await demo.press("seed", "ArrowRight");
  await expect(demo.output("seed")).toHaveText("2");
  await expect(demo.readout("train")).toContainText("蒙特卡洛均值 1.99，理论期望 2.00；标准差 0.48");
  await expect(demo.readout("inference")).toContainText("推理输出 2.00");
  await expect.poll(() => histogram(demo)).not.toBe(before);
  await expect(page).toHaveURL(/drop\.seed=2/);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, DROP, {
    params: { p: "0.5", variant: "double", n: "4", samples: "10000", seed: "7" },
    shows: {
      outputs: { p: "0.5", n: "4", seed: "7" },
      selects: { variant: "double", samples: "10000" },
      readouts: {
        train: "训练期输出（10000 个 seeded 掩码，q = 0.50）：蒙特卡洛均值 2.01，理论期望 2.00；标准差 0.99（理论 1.00",
        inference: "推理输出 1.00：推理 / 训练期期望 = 0.50，推理输出偏小，是期望的 0.50 倍（= q = 1 − p）",
      },
    },
    afterRedraw: async (demo) => {
      await expect(bars(demo)).toHaveCount(5);
      await expect(demo.figure("outputs")).toContainText("推理输出 1.00");
    },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, DROP, {
    garbage: { p: "0.95", variant: "twice", n: "2.5", samples: "500", seed: "x" },
    defaults: {
      outputs: { p: "0.3", n: "8", seed: "1" },
      selects: { variant: "inverted", samples: "1000" },
      readouts: { inference: "推理输出 2.00：推理 / 训练期期望 = 1.00" },
    },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, DROP, {
    params: { p: "0.6", variant: "rate", n: "2" },
    before: { outputs: { p: "0.6", n: "2" }, selects: { variant: "rate" }, readouts: { inference: "1.50 倍" } },
    defaults: {
      outputs: { p: "0.3", n: "8" },
      selects: { variant: "inverted" },
      readouts: { train: "蒙特卡洛均值 2.02" },
    },
  }));

for (const scheme of SCHEMES) {
  test(`axe: DL-04 with the demo (${scheme})`, ({ page }) =>
    axeClean(page, DROP, scheme, { params: { variant: "double", p: "0.5" } }));
}
