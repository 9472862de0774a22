/** The attention-scoring demo (ATT-03) as a reader uses it: score spreads vs d_k, and the cost of scoring. */
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

const ATT03 = "/q/dot-product-vs-additive-attention/";
const NS = "score";
const SCORE: Demo = { url: ATT03, ns: NS };

/** The highlighted (current d_k) points on the std curve: their mean x position in SVG units. */
const currentX = (demo: DemoPage) =>
  demo
    .figure("std")
    .locator("g.score-current circle")
    .evaluateAll((dots) => dots.reduce((acc, d) => acc + Number(d.getAttribute("cx")), 0) / dots.length);

/** Horizontal spread of each row of samples (rows told apart by their y position), widest first. */
const rowSpreads = (demo: DemoPage) =>
  demo
    .figure("samples")
    .locator("g.score-sample circle")
    .evaluateAll((dots) => {
      const rows = new Map<string, number[]>();
      for (const d of dots) {
        const y = d.getAttribute("cy") ?? "";
        rows.set(y, [...(rows.get(y) ?? []), Number(d.getAttribute("cx"))]);
      }
      return [...rows.entries()]
        .sort((a, b) => Number(a[0]) - Number(b[0]))
        .map(([, xs]) => Math.max(...xs) - Math.min(...xs));
    });

/** Widths of the memory bars: [dot, additive]. */
const memWidths = (demo: DemoPage) =>
  demo
    .figure("mem")
    .locator("g.score-mem rect")
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("width"))));

test("first frame is in the HTML and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, SCORE, {
    figures: ["std", "samples", "ops", "mem"],
    check: async (demo) => {
      // 3 curves × 9 dimensions, 3 rows × 40 samples, 3 operation segments, 2 memory bars
      await expect(demo.figure("std").locator("g.score-point circle")).toHaveCount(27);
      await expect(demo.figure("std").locator("g.score-current circle")).toHaveCount(3);
      await expect(demo.figure("samples").locator("g.score-sample circle")).toHaveCount(120);
      await expect(demo.figure("ops").locator("g.score-op rect")).toHaveCount(3);
    },
    shows: {
      readouts: {
        std: "d_k = 64：不缩放点积的标准差 ≈",
        ops: "点积 6.7×10⁷ 次乘加",
        mem: "点积是 4 MiB 的分数矩阵，加性是 256 MiB 的 tanh 值",
      },
    },
  }));

test("d_k moves the marker, spreads only the unscaled scores and scales the additive memory", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT03);
  const dk = demo.select("dk");
  await dk.selectOption("4");
  await expect(demo.readout("std")).toContainText("d_k = 4：");
  await expect(demo.readout("std")).toContainText("（√d_k = 2.0）");
  await demo.rendered();
  const xSmall = await currentX(demo);
  const [dotSmall, scaledSmall] = await rowSpreads(demo);
  expect((await memWidths(demo))[0] / (await memWidths(demo))[1]).toBeCloseTo(1 / 4, 3);

  await dk.selectOption("1024");
  await expect(demo.readout("std")).toContainText("d_k = 1024：");
  await expect(demo.readout("mem")).toContainText("是前者的 d_a = 1024 倍");
  await expect.poll(() => currentX(demo)).toBeGreaterThan(xSmall + 100);
  const [dotLarge, scaledLarge, additiveLarge] = await rowSpreads(demo);
  // On a shared x axis, unscaled q·k spreads ~√1024 = 32 times wider than q·k/√d_k; at d_k = 4 only ~2 times.
  expect(dotLarge / scaledLarge).toBeGreaterThan(10);
  expect(dotLarge / additiveLarge).toBeGreaterThan(10);
  expect(dotSmall / scaledSmall).toBeLessThan(4);
  const unscaled = Number(/标准差 ≈ ([\d.]+)/.exec((await demo.readout("std").textContent()) ?? "")?.[1]);
  expect(unscaled).toBeGreaterThan(27);
  expect(unscaled).toBeLessThan(37);
  // Memory bars share one scale: the score matrix is 1/d_a of the tanh tensor.
  const [dotBar, additiveBar] = await memWidths(demo);
  expect(dotBar / additiveBar).toBeCloseTo(1 / 1024, 3);
  await expect(page).toHaveURL(/[?&]score\.dk=1024(&|$)/);
});

test("n rescales the operation counts; additive always does 3× the dot product's operations", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT03);
  const opWidths = () =>
    demo
      .figure("ops")
      .locator("g.score-op rect")
      .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("width"))));
  const axis = () => demo.figure("ops").textContent();
  await demo.select("n").selectOption("8192");
  await expect(demo.readout("ops")).toContainText("n = 8192，d_k = d_a = 64：点积 4.3×10⁹ 次乘加");
  await expect(demo.readout("mem")).toContainText("点积是 256 MiB 的分数矩阵，加性是 16 GiB 的 tanh 值");
  await expect.poll(axis).toMatch(/\dG/);
  const [dot, additiveMacs, additiveElementwise] = await opWidths();
  expect(additiveMacs).toBeCloseTo(dot, 3);
  expect(additiveElementwise).toBeCloseTo(2 * dot, 3);
  await demo.select("n").selectOption("128");
  await expect(demo.readout("ops")).toContainText("点积 1×10⁶ 次乘加");
  await expect.poll(axis).not.toMatch(/\dG/);
  await expect(page).toHaveURL(/[?&]score\.n=128(&|$)/);
});

test("a new seed draws new vectors", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT03);
  const positions = () =>
    demo
      .figure("samples")
      .locator("g.score-sample circle")
      .evaluateAll((dots) => dots.map((d) => d.getAttribute("cx")).join(","));
  await demo.input("seed").fill("2");
  await expect(demo.output("seed")).toHaveText("2");
  await demo.rendered();
  const before = await positions();
  const text = await demo.readout("std").textContent();
  await demo.input("seed").fill("42");
  await expect(demo.output("seed")).toHaveText("42");
  await expect(demo.readout("std")).not.toHaveText(text ?? "");
  await expect.poll(positions).not.toBe(before);
  await expect(demo.readout("ops")).toContainText("点积 6.7×10⁷ 次乘加"); // counts do not depend on the seed
  await expect(page).toHaveURL(/[?&]score\.seed=42(&|$)/);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, SCORE, {
    params: { dk: "256", n: "4096", seed: "7" },
    shows: {
      selects: { dk: "256", n: "4096" },
      outputs: { seed: "7" },
      readouts: { std: "d_k = 256：", ops: "n = 4096，d_k = d_a = 256" },
    },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, SCORE, {
    garbage: { dk: "3", seed: "abc", n: "-1" },
    defaults: { selects: { dk: "64" }, readouts: { ops: "n = 1024，d_k = d_a = 64" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: ATT-03 with the demo drawn (${scheme})`, ({ page }) =>
    axeClean(page, SCORE, scheme, { params: { dk: "512" } }));
}
