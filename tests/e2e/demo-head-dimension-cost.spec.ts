/** The head-dimension-cost demo (ATT-06) as a reader uses it: constant cost with d_k = d_model/h, KV cache vs g. */
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

const ATT06 = "/q/per-head-dimension-reduction/";
const NS = "hcost";
const HCOST: Demo = { url: ATT06, ns: NS };

const BLUE = "#3b6fd8";

/** Positions of the current-h markers in a figure: the reduced (blue) and the full (orange) one. */
const markers = (demo: DemoPage, figure: "params" | "flops") =>
  demo
    .figure(figure)
    .locator(`g.hc-${figure}-now circle`)
    .evaluateAll((dots, blue) => {
      const at = (d: Element) => ({ x: Number(d.getAttribute("cx")), y: Number(d.getAttribute("cy")) });
      const reduced = dots.find((d) => d.getAttribute("fill") === blue);
      const full = dots.find((d) => d.getAttribute("fill") !== blue);
      return { reduced: reduced && at(reduced), full: full && at(full) };
    }, BLUE);

/** KV bars: heights in order of g, and the index of the highlighted (current) one. */
const kvBars = (demo: DemoPage) =>
  demo
    .figure("kv")
    .locator("g.hc-kv rect")
    .evaluateAll((rects) => ({
      heights: rects.map((r) => Number(r.getAttribute("height"))),
      current: rects.findIndex((r) => r.getAttribute("fill-opacity") === "1"),
    }));

test("first frame is in the HTML and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, HCOST, {
    figures: ["params", "flops", "kv"],
    check: async (demo) => {
      await expect(demo.figure("kv").locator("g.hc-kv rect")).toHaveCount(4); // g = 1, 2, 4, 8
    },
    shows: {
      readouts: {
        params: "参数 1,048,576 = 4·d_model²，与 h 无关",
        flops: "= 1.61 GFLOPs",
        kv: "512 个 token × 1 层共 1 MiB",
      },
    },
  }));

test("h moves along a flat line with d_k = d_model/h and up a rising one without it", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT06);
  const h = demo.select("h");
  await h.selectOption("1");
  await expect(demo.readout("params")).toContainText("h = 1，每头 d_k = 512/1 = 512：参数 1,048,576");
  await demo.rendered();
  const one = await markers(demo, "params");
  // At h = 1 the two schemes are the same layer.
  expect(one.full?.y).toBeCloseTo(one.reduced?.y ?? 0, 3);

  await h.selectOption("64");
  await expect(demo.readout("params")).toContainText("每头 d_k = 512/64 = 8：参数 1,048,576");
  await expect(demo.readout("params")).toContainText("则是 67,108,864，64 倍");
  await expect(demo.readout("flops")).toContainText("= 1.61 GFLOPs");
  await expect(demo.readout("flops")).toContainText("不降维 103 GFLOPs");
  await expect
    .poll(async () => (await markers(demo, "params")).reduced?.x)
    .toBeGreaterThan((one.reduced?.x ?? 0) + 100);
  const many = await markers(demo, "params");
  expect(many.reduced?.y).toBeCloseTo(one.reduced?.y ?? 0, 3); // flat
  expect(many.full?.y).toBeLessThan((one.full?.y ?? 0) - 50); // higher on screen: 64×
  const flops = await markers(demo, "flops");
  expect(flops.full?.y).toBeLessThan((flops.reduced?.y ?? 0) - 50);
  // MHA KV cache (g = h) does not depend on h either.
  await expect(demo.readout("kv")).toContainText("共 1 MiB");
  await expect(demo.figure("kv").locator("g.hc-kv rect")).toHaveCount(7);
  await expect(page).toHaveURL(/[?&]hcost\.h=64(&|$)/);
});

test("d_model and n change the counts; n leaves the parameters alone", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT06);
  await demo.select("n").selectOption("4096");
  await expect(demo.readout("flops")).toContainText("n = 4096：");
  await expect(demo.readout("params")).toContainText("参数 1,048,576");
  await expect(demo.readout("kv")).toContainText("4096 个 token × 1 层共 8 MiB");
  await demo.select("dModel").selectOption("4096");
  await expect(demo.readout("params")).toContainText("每头 d_k = 4096/8 = 512：参数 67,108,864");
  await expect(page).toHaveURL(/hcost\.dModel=4096/);
  await expect(page).toHaveURL(/hcost\.n=4096/);
});

test("fewer KV heads shrink only the KV cache; layers multiply it", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT06);
  await demo.root.scrollIntoViewIfNeeded();
  await demo.rendered();
  const mha = await kvBars(demo);
  expect(mha.current).toBe(3);
  const params = await demo.readout("params").textContent();
  const kv = demo.select("kv");

  await kv.selectOption("1");
  await expect(demo.readout("kv")).toContainText("KV cache（MQA，g = 1）：每 token 每层 2·g·d_k = 128 个数");
  await expect(demo.readout("kv")).toContainText("省到 1/8");
  await expect.poll(async () => (await kvBars(demo)).current).toBe(0);
  const bars = await kvBars(demo);
  expect(bars.heights[0] * 8).toBeCloseTo(bars.heights[3], 0);
  await expect(demo.readout("params")).toHaveText(params ?? "");

  await kv.selectOption("32"); // more KV heads than query heads: counted as g = h
  await expect(demo.readout("kv")).toContainText("KV cache（标准多头，g = 8）");

  await kv.selectOption("2");
  await expect(demo.readout("kv")).toContainText("GQA，g = 2");
  await demo.select("layers").selectOption("80");
  await expect(demo.readout("kv")).toContainText("512 个 token × 80 层共 20 MiB；标准多头时是 80 MiB，省到 1/4");
  await expect(page).toHaveURL(/hcost\.kv=2/);
  await expect(page).toHaveURL(/hcost\.layers=80/);
});

test("a shared link restores the Llama 2 70B example", ({ page }) =>
  sharedLinkRestores(page, HCOST, {
    params: { dModel: "8192", h: "64", kv: "8", n: "4096", layers: "80" },
    shows: {
      selects: { h: "64", kv: "8" },
      readouts: {
        kv: [
          "每 token 每层 2·g·d_k = 2,048 个数（fp16 4 KiB）",
          "4096 个 token × 80 层共 1.25 GiB；标准多头时是 10 GiB，省到 1/8",
        ],
      },
    },
    afterRedraw: (demo) => expect.poll(async () => (await kvBars(demo)).current).toBe(3),
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, HCOST, {
    garbage: { h: "3", kv: "0", layers: "x" },
    defaults: { selects: { h: "8", kv: "h" }, readouts: { kv: "512 个 token × 1 层共 1 MiB" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: ATT-06 with the demo drawn (${scheme})`, ({ page }) =>
    axeClean(page, HCOST, scheme, { params: { kv: "1" } }));
}
