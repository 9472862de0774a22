/** The FFN calculator (ARC-05) as a reader uses it. */
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

const ARC05 = "/q/feed-forward-network/";
const NS = "ffn";
const FFN: Demo = { url: ARC05, ns: NS };

const ORANGE = "#e0803a";
/** Bar fills top to bottom: ReLU 4d, GELU 4d, SwiGLU 4d, SwiGLU ⅔·4d. */
const barFills = (demo: DemoPage) =>
  demo
    .figure("sizes")
    .locator("g.ffn-bar rect")
    .evaluateAll((rects) => rects.map((r) => r.getAttribute("fill")));
const barWidths = (demo: DemoPage) =>
  demo
    .figure("sizes")
    .locator("g.ffn-bar rect")
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("width"))));
const probeX = (demo: DemoPage) =>
  demo
    .figure("acts")
    .locator("g.ffn-probe circle")
    .evaluateAll((dots) => dots.map((d) => Number(d.getAttribute("cx"))));
const roundDot = (demo: DemoPage) =>
  demo
    .figure("rounding")
    .locator("g.ffn-round-now circle")
    .evaluate((d) => [Number(d.getAttribute("cx")), Number(d.getAttribute("cy"))]);

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, FFN, {
    figures: ["sizes", "rounding", "acts"],
    maxSvgBytes: 40_000,
    shows: {
      readouts: { ffn: ["取整到 256 的倍数得 11008；参数 135,266,304", "多 0.78%"] },
      figures: { sizes: "135.3M · 0.271 GFLOPs" },
    },
  }));

test("the structure select moves the highlight; PaLM's SwiGLU at 4d costs 50% more", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC05);
  await demo.settled();
  expect((await barFills(demo)).indexOf(ORANGE)).toBe(3);
  const [relu, , palm, llama] = await barWidths(demo);
  expect(palm / relu).toBeCloseTo(1.5, 2);
  expect(llama / relu).toBeCloseTo(1.0078, 2);
  const select = demo.select("variant");
  await select.selectOption("swigluPalm");
  await expect(demo.readout("ffn")).toContainText("是 ReLU 4d 的 1.5000 倍（多 50.00%）");
  await expect.poll(async () => (await barFills(demo)).indexOf(ORANGE)).toBe(2);
  await select.selectOption("gelu");
  await expect(demo.readout("ffn")).toContainText("隐藏维度 4d = 16384；参数 134,217,728（就是基准）");
  await expect(demo.readout("act")).toContainText("本结构用 GELU");
  await expect.poll(async () => (await barFills(demo)).indexOf(ORANGE)).toBe(1);
  await expect(page).toHaveURL(/[?&]ffn\.variant=gelu(&|$)/);
});

test("small d and coarse rounding make SwiGLU's ⅔·4d visibly bigger", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC05);
  await demo.settled();
  const [x0, y0] = await roundDot(demo);
  await demo.select("d").selectOption("512");
  await expect(demo.readout("ffn")).toContainText("⌊8·512/3⌋ = 1365，取整到 256 的倍数得 1536");
  await expect(demo.readout("ffn")).toContainText("多 12.50%");
  await expect.poll(async () => (await roundDot(demo))[0]).toBeLessThan(x0);
  expect((await roundDot(demo))[1]).toBeLessThan(y0); // higher on the chart
  await demo.select("multiple").selectOption("1");
  await expect(demo.readout("ffn")).toContainText("得 1365");
  await expect(demo.readout("ffn")).toContainText("少 0.02%");
  await expect(page).toHaveURL(/ffn\.multiple=1/);
});

test("biases add 2H + d to a SwiGLU FFN", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC05);
  await demo.select("bias").selectOption("bias");
  await expect(demo.readout("ffn")).toContainText("参数 135,292,416");
  await demo.select("d").selectOption("512");
  await demo.select("variant").selectOption("relu");
  await expect(demo.readout("ffn")).toContainText("参数 2,099,712"); // the original base FFN
});

test("the x slider moves the probe; the curve select switches to derivatives", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC05);
  await demo.settled();
  const before = await probeX(demo);
  await demo.press("x", "Home");
  await expect(demo.output("x")).toHaveText("-4");
  await expect(demo.readout("act")).toContainText("x = −4：ReLU 0（导数 0），GELU 0（导数");
  await expect.poll(async () => (await probeX(demo))[0]).toBeLessThan(before[0]);
  await demo.press("x", "End");
  await expect(demo.readout("act")).toContainText("x = 4：ReLU 4.000（导数 1.000），GELU 4.000");
  await expect.poll(async () => (await probeX(demo))[0]).toBeGreaterThan(before[0]);
  const sizes = await demo.svgOf("sizes");
  await demo.select("curve").selectOption("slope");
  await expect.poll(async () => (await demo.figure("acts").textContent()) ?? "").toContain("f′(x)");
  expect(await demo.svgOf("sizes")).toBe(sizes); // the parameter chart does not depend on the curves
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, FFN, {
    params: { variant: "relu", d: "768", bias: "bias", x: "0.5", curve: "slope" },
    shows: {
      selects: { variant: "relu", d: "768" },
      outputs: { x: "0.5" },
      readouts: { ffn: "隐藏维度 4d = 3072；参数 4,722,432", act: "x = 0.5：ReLU 0.500（导数 1.000）" },
    },
    afterRedraw: (demo) => expect.poll(async () => (await demo.figure("acts").textContent()) ?? "").toContain("f′(x)"),
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, FFN, {
    garbage: { d: "4000", x: "9", variant: "geglu" },
    defaults: { readouts: { ffn: "11008" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, FFN, {
    params: { d: "512", variant: "relu" },
    before: { selects: { d: "512" } },
    defaults: { selects: { d: "4096" }, readouts: { ffn: "11008" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: ARC-05 with the demo (${scheme})`, ({ page }) =>
    axeClean(page, FFN, scheme, { params: { curve: "slope" } }));
}
