/** The attention FLOPs demo (LONG-01) as a reader uses it. */
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

const LONG01 = "/q/attention-time-complexity/";
const NS = "flops";
const FLOPS: Demo = { url: LONG01, ns: NS };

/** [cx, cy] of the current-n dots in a figure (cost: linear, then n²). */
const nowDots = (demo: DemoPage, key: string) =>
  demo
    .figure(key)
    .locator("g.af-now circle")
    .evaluateAll((dots) => dots.map((d) => [Number(d.getAttribute("cx")), Number(d.getAttribute("cy"))]));
/** The crossover label in the cost figure and its x as a share of the figure's width. */
const crossLabel = (demo: DemoPage) =>
  demo
    .figure("cost")
    .locator("svg")
    .evaluate((svg) => {
      const label = [...svg.querySelectorAll("text")].find((t) => /^n = \d+d$/.test(t.textContent ?? ""));
      const x = Number(/translate\(([-\d.]+)/.exec(label?.getAttribute("transform") ?? "")?.[1] ?? Number.NaN);
      return { text: label?.textContent, x: x / Number(svg.getAttribute("width")) };
    });
/** Bar widths of the breakdown, top to bottom: Q/K/V, W_O, FFN, QKᵀ, PV. */
const splitWidths = (demo: DemoPage) =>
  demo
    .figure("split")
    .locator("g.af-bar rect")
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("width"))));

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, FLOPS, {
    figures: ["cost", "share", "split"],
    maxSvgBytes: 16_000,
    shows: {
      readouts: {
        flops: "n = 4,096，d = 4,096（n/d = 1）：线性项 24nd² = 1.65 TFLOPs",
        share: ["n² 项占整层的 14.3%", "交点 n = 6d = 24,576", "因果 kernel 跳过一半后占 7.7%"],
      },
      figures: { cost: "n = 6d", share: ["d 14%", "6d 50%", "16d 73%", "64d 91%"] },
    },
    check: (demo) => expect(demo.figure("cost").locator("g.af-now circle")).toHaveCount(2),
  }));

test("the length slider moves the marker; past 6d the n² term is on top", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(LONG01);
  await demo.settled();
  const [linBefore, quadBefore] = await nowDots(demo, "cost");
  expect(quadBefore[1]).toBeGreaterThan(linBefore[1]); // n = d: the n² dot is lower
  const [shareBefore] = await nowDots(demo, "share");

  await demo.press("n", "ArrowRight");
  await expect(demo.output("n")).toHaveText("4467"); // 4096 · 2^(1/8)
  await expect(demo.readout("share")).toContainText("15.4%");

  await demo.press("n", "End");
  await expect(demo.output("n")).toHaveText("1048576");
  await expect(demo.readout("flops")).toContainText("n = 1,048,576，d = 4,096（n/d = 256）");
  await expect(demo.readout("share")).toContainText("n² 项占整层的 97.7%（n/(n + 6d)），n² 项占大头");
  await expect(page).toHaveURL(/[?&]flops\.n=1048576(&|$)/);
  await expect.poll(async () => (await nowDots(demo, "cost"))[0][0]).toBeGreaterThan(linBefore[0]);
  const [lin, quad] = await nowDots(demo, "cost");
  expect(quad[1]).toBeLessThan(lin[1]); // higher on the chart
  expect((await nowDots(demo, "share"))[0][1]).toBeLessThan(shareBefore[1]);
  // The breakdown: QKᵀ and PV now dwarf the FFN.
  const [, , ffn, qk, pv] = await splitWidths(demo);
  expect(qk).toBeGreaterThan(ffn);
  expect(pv).toBeCloseTo(qk, 3);

  await demo.press("n", "Home");
  await expect(demo.output("n")).toHaveText("128");
  await expect(demo.readout("share")).toContainText("0.5%");
  await expect.poll(async () => (await nowDots(demo, "cost"))[0][0]).toBeLessThan(linBefore[0]);
});

test("d_model moves the crossover n = 6d; the share at n = d stays 14.3%", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(LONG01);
  await demo.settled();
  const before = await crossLabel(demo);
  expect(before.text).toBe("n = 6d");
  await demo.press("d", "End");
  await expect(demo.output("d")).toHaveText("16384");
  await expect(demo.readout("share")).toContainText("交点 n = 6d = 98,304");
  await expect(demo.readout("share")).toContainText("n² 项占整层的 4.0%");
  await expect.poll(async () => (await crossLabel(demo)).x).toBeGreaterThan(before.x);

  await demo.press("d", "Home");
  await expect(demo.output("d")).toHaveText("256");
  await expect(demo.readout("share")).toContainText("交点 n = 6d = 1,536");
  await expect(demo.readout("share")).toContainText("n² 项占整层的 72.7%"); // n = 16d
  await expect.poll(async () => (await crossLabel(demo)).x).toBeLessThan(before.x);
  await expect(page).toHaveURL(/[?&]flops\.d=256(&|$)/);
});

test("the causal kernel halves the n² part and moves the crossover to 12d", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(LONG01);
  await demo.settled();
  const [linBefore, quadBefore] = await nowDots(demo, "cost");
  const widthsBefore = await splitWidths(demo);
  await demo.select("mask").selectOption("causal");
  await expect(demo.readout("flops")).toContainText("n² 项 2n²d = 137 GFLOPs");
  await expect(demo.readout("share")).toContainText(
    "n² 项占整层的 7.7%（n/(n + 12d)），线性项占大头；交点 n = 12d = 49,152",
  );
  await expect(demo.readout("share")).toContainText("不跳过时占 14.3%");
  await expect.poll(async () => (await crossLabel(demo)).text).toBe("n = 12d");
  await expect(demo.figure("share")).toContainText("12d 50%");
  await expect(demo.figure("split")).toContainText("QKᵀ n²d");
  // Half the n² FLOPs: the n² dot drops a factor 2 further below the linear one (the axis rescales).
  const [lin, quad] = await nowDots(demo, "cost");
  expect(quad[1] - lin[1]).toBeGreaterThan(quadBefore[1] - linBefore[1] + 3);
  const widths = await splitWidths(demo);
  expect(widths[3]).toBeLessThan(widthsBefore[3]);
  expect(widths[2]).toBeGreaterThan(widthsBefore[2]); // the FFN's share grows
  await expect(page).toHaveURL(/flops\.mask=causal/);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, FLOPS, {
    params: { d: "768", n: "4608", mask: "full" },
    shows: {
      outputs: { d: "768", n: "4608" },
      selects: { mask: "full" },
      readouts: { share: "n² 项占整层的 50.0%（n/(n + 6d)），两项相等；交点 n = 6d = 4,608" },
    },
    afterRedraw: (demo) => expect(demo.figure("split")).toContainText("QKᵀ 2n²d"),
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, FLOPS, {
    garbage: { d: "100", n: "4096.5", mask: "flash" },
    defaults: { outputs: { d: "4096", n: "4096" }, selects: { mask: "full" }, readouts: { share: "14.3%" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, FLOPS, {
    params: { n: "65536", mask: "causal" },
    before: { outputs: { n: "65536" }, readouts: { share: "57.1%" } },
    defaults: { outputs: { n: "4096" }, selects: { mask: "full" }, readouts: { share: "14.3%" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: LONG-01 with the demo (${scheme})`, ({ page }) =>
    axeClean(page, FLOPS, scheme, { params: { mask: "causal" } }));
}
