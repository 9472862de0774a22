/** The pipeline-parallel bubble demo (DIST-02) as a reader uses it. */
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

const DIST02 = "/q/model-tensor-pipeline-parallelism/";
const NS = "pipe";
const PIPE: Demo = { url: DIST02, ns: NS };

/** Bars of one kind in the Gantt chart (`pipe-fwd`, `pipe-bwd`, `pipe-idle`). */
const bars = (demo: DemoPage, kind: string) => demo.figure("gantt").locator(`g.${kind} rect`);
const widths = (demo: DemoPage, kind: string) =>
  bars(demo, kind).evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("width"))));
/** Total drawn width of the backward bars over that of the forward bars (each is inset by 0.5 px a side). */
const backwardOverForward = async (demo: DemoPage) => {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b + 1, 0);
  return sum(await widths(demo, "pipe-bwd")) / sum(await widths(demo, "pipe-fwd"));
};
/** The current-M marker on the bubble curve, in SVG units (y grows downwards). */
const marker = (demo: DemoPage) =>
  demo
    .figure("bubble")
    .locator("g.pipe-now circle")
    .evaluate((c) => [Number(c.getAttribute("cx")), Number(c.getAttribute("cy"))]);
const percent = async (demo: DemoPage) => {
  const match = /气泡占比 ([\d.]+)%/.exec((await demo.readout("bubble").textContent()) ?? "");
  return Number(match?.[1]);
};

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, PIPE, {
    figures: ["gantt", "bubble"],
    maxSvgBytes: 10_000,
    shows: {
      readouts: {
        time: "GPipe 总时长 33 个时间单位（前向 1、反向 2）",
        bubble: "气泡占比 27.3%，即 (K−1)/(M+K−1) = 3/11",
        memory: "第一个 stage（stage 0）峰值在存激活 8 个 micro-batch",
      },
      figures: { gantt: ["stage 0", "stage 3", "时间（前向耗时 = 1）"], bubble: ["M = 8：27.3%", "M = 4K"] },
    },
    check: async (demo) => {
      await expect(bars(demo, "pipe-fwd")).toHaveCount(32);
      await expect(bars(demo, "pipe-bwd")).toHaveCount(32);
      expect(await bars(demo, "pipe-idle").count()).toBeGreaterThan(0);
    },
  }));

test("more micro-batches lower the bubble; M = 1 is naive layer-wise parallelism", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DIST02);
  await demo.settled();
  const before = await percent(demo);
  const [x0, y0] = await marker(demo);
  await demo.press("M", "ArrowRight");
  await expect(demo.output("M")).toHaveText("9");
  await expect.poll(() => percent(demo)).toBeLessThan(before);
  await demo.press("M", "End");
  await expect(demo.output("M")).toHaveText("32");
  await expect(demo.readout("bubble")).toContainText("气泡占比 8.6%，即 (K−1)/(M+K−1) = 3/35");
  await expect(demo.readout("time")).toContainText("总时长 105 个时间单位");
  await expect(bars(demo, "pipe-fwd")).toHaveCount(4 * 32);
  await expect.poll(async () => (await marker(demo))[0]).toBeGreaterThan(x0);
  expect((await marker(demo))[1]).toBeGreaterThan(y0); // lower on the chart
  // GPipe keeps every forward's activations until the backwards start: M of them.
  await expect(demo.readout("memory")).toContainText("峰值在存激活 32 个 micro-batch");
  await demo.press("M", "Home");
  await expect(demo.readout("bubble")).toContainText("气泡占比 75.0%");
  await expect(bars(demo, "pipe-fwd")).toHaveCount(4);
  await expect(page).toHaveURL(/[?&]pipe\.M=1(&|$)/);
});

test("more stages add rows and a larger bubble", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DIST02);
  await demo.settled();
  const height = async () => Number(await demo.svg("gantt").getAttribute("height"));
  const h0 = await height();
  await demo.press("K", "End");
  await expect(demo.output("K")).toHaveText("8");
  await expect(demo.figure("gantt")).toContainText("stage 7");
  await expect(bars(demo, "pipe-fwd")).toHaveCount(8 * 8);
  await expect(demo.readout("bubble")).toContainText("气泡占比 46.7%，即 (K−1)/(M+K−1) = 7/15");
  expect(await height()).toBeGreaterThan(h0);
  await demo.press("K", "Home");
  await expect(demo.readout("bubble")).toContainText("气泡占比 11.1%");
  await expect(demo.figure("gantt")).not.toContainText("stage 2");
  await expect(bars(demo, "pipe-fwd")).toHaveCount(2 * 8);
});

test("switching to 1F1B keeps the bubble and lowers the peak activations to K", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DIST02);
  await demo.settled();
  const gantt = await demo.svgOf("gantt");
  const curve = await demo.svgOf("bubble");
  const bubble = (await demo.readout("bubble").textContent()) ?? "";
  await expect(demo.readout("memory")).toContainText(
    "峰值在存激活 8 个 micro-batch（1F1B 为 min(K, M) = 4）；各 stage 8/8/8/8",
  );
  await demo.select("schedule").selectOption("1f1b");
  await expect(demo.readout("memory")).toContainText(
    "峰值在存激活 4 个 micro-batch（GPipe 为 M = 8）；各 stage 4/3/2/1",
  );
  await expect(demo.readout("time")).toContainText("1F1B 总时长 33 个时间单位");
  await expect(demo.readout("bubble")).toHaveText(bubble);
  await expect.poll(() => demo.svgOf("gantt")).not.toBe(gantt);
  // Same operations, interleaved differently; the bubble curve does not depend on the schedule.
  await expect(bars(demo, "pipe-fwd")).toHaveCount(32);
  expect(await demo.svgOf("bubble")).toBe(curve);
  // With fewer micro-batches than stages, stage 0 holds all M under both schedules.
  await demo.press("M", "Home");
  await demo.page.keyboard.press("ArrowRight");
  await expect(demo.output("M")).toHaveText("2");
  await expect(demo.readout("memory")).toContainText("峰值在存激活 2 个 micro-batch");
  await expect(page).toHaveURL(/pipe\.schedule=1f1b/);
});

test("the backward/forward ratio stretches the backward bars but leaves the bubble", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DIST02);
  await demo.settled();
  await demo.select("ratio").selectOption("1");
  await expect(demo.readout("time")).toContainText("总时长 22 个时间单位（前向 1、反向 1）");
  await expect(demo.readout("bubble")).toContainText("气泡占比 27.3%");
  await expect.poll(() => backwardOverForward(demo)).toBeCloseTo(1, 1);
  await demo.select("ratio").selectOption("3");
  await expect(demo.readout("time")).toContainText("总时长 44 个时间单位（前向 1、反向 3）");
  await expect(demo.readout("bubble")).toContainText("气泡占比 27.3%");
  // Bar ends are rounded to whole pixels, so compare the totals, not one bar.
  await expect.poll(() => backwardOverForward(demo)).toBeGreaterThan(2.8);
  expect(await backwardOverForward(demo)).toBeLessThan(3.2);
});

test("cells are labelled with their micro-batch while they fit, not when the chart is dense", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DIST02);
  await demo.settled();
  const labels = demo.figure("gantt").locator("g.pipe-label text");
  await expect(labels).toHaveCount(64);
  await expect(labels.first()).toHaveText("1");
  await demo.press("K", "End");
  await demo.press("M", "End");
  await expect(bars(demo, "pipe-fwd")).toHaveCount(8 * 32);
  await expect.poll(() => labels.count()).toBeLessThan(2 * 8 * 32);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, PIPE, {
    params: { K: "6", M: "12", schedule: "1f1b", ratio: "3" },
    shows: {
      outputs: { K: "6", M: "12" },
      selects: { schedule: "1f1b", ratio: "3" },
      readouts: {
        time: "1F1B 总时长 68 个时间单位（前向 1、反向 3）",
        bubble: "气泡占比 29.4%，即 (K−1)/(M+K−1) = 5/17",
        memory: "峰值在存激活 6 个 micro-batch（GPipe 为 M = 12）；各 stage 6/5/4/3/2/1",
      },
    },
    afterRedraw: async (demo) => {
      await expect(bars(demo, "pipe-fwd")).toHaveCount(72);
      await expect(demo.figure("bubble")).toContainText("M = 12：29.4%");
    },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, PIPE, {
    garbage: { K: "9", M: "abc", schedule: "interleaved", ratio: "4" },
    defaults: {
      outputs: { K: "4", M: "8" },
      selects: { schedule: "gpipe", ratio: "2" },
      readouts: { bubble: "27.3%" },
    },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, PIPE, {
    params: { K: "2", schedule: "1f1b" },
    before: { outputs: { K: "2" }, selects: { schedule: "1f1b" }, readouts: { bubble: "11.1%" } },
    defaults: { outputs: { K: "4" }, selects: { schedule: "gpipe" }, readouts: { bubble: "27.3%" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: DIST-02 with the demo (${scheme})`, ({ page }) =>
    axeClean(page, PIPE, scheme, { params: { schedule: "1f1b", ratio: "1" } }));
}
