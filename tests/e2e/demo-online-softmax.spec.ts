/** The online softmax demo (LONG-06) as a reader uses it. */
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

const LONG06 = "/q/safe-and-online-softmax/";
const NS = "online";
const ONLINE: Demo = { url: LONG06, ns: NS };

/** Bars drawn in the ℓ trace (one per block read; the naive chart draws log₁₀ ℓ). */
const traceBars = (demo: DemoPage) => demo.figure("trace").locator("g.os-bar rect").count();
/** Current outputs drawn as dots (finite ones) and NaN labels in the probability chart. */
const estDots = (demo: DemoPage) => demo.figure("probs").locator("g.os-est circle").count();
const nanLabels = (demo: DemoPage) => demo.figure("probs").locator("g.os-nan text").count();
/** y of the running-max label in the logit chart (SVG units; smaller is higher). */
const mLabelY = (demo: DemoPage) =>
  demo
    .figure("logits")
    .locator("g.os-m text")
    .evaluate((t) => Number(/translate\([-\d.]+,([-\d.]+)/.exec(t.getAttribute("transform") ?? "")?.[1] ?? Number.NaN));

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, ONLINE, {
    figures: ["logits", "trace", "probs"],
    maxSvgBytes: 20_000,
    shows: {
      readouts: {
        stream: ["已处理 6/6 块（前 24 个 logit，B = 4）：running m = 92.0，ℓ = 2.1859", "e^(−1.7) = 0.183"],
        result: "扫完全部 6 块，与一次性 softmax 的最大差 0（逐位相同）",
      },
      figures: { logits: ["m = 92.0", "e^x 上溢线 88.72"], trace: ["e^−1.7", "e^−21.0"] },
    },
    check: async (demo) => {
      expect(await traceBars(demo)).toBe(6);
      expect(await estDots(demo)).toBe(24);
    },
  }));

test("the progress slider replays the stream block by block", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(LONG06);
  await demo.settled();
  const mBefore = await mLabelY(demo);
  await demo.press("t", "Home");
  await expect(demo.output("t")).toHaveText("1");
  await expect(demo.readout("stream")).toContainText(
    "已处理 1/6 块（前 4 个 logit，B = 4）：running m = 45.2，ℓ = 1；第 1 块",
  );
  await expect(demo.readout("result")).toContainText("此时只归一化了前 4 个 logit，与一次性 softmax 的最大差 1.000");
  await expect.poll(() => traceBars(demo)).toBe(1);
  expect(await estDots(demo)).toBe(4);
  expect(await mLabelY(demo)).toBeGreaterThan(mBefore); // m = 45.2 sits lower than 92.0

  for (let i = 0; i < 8; i++) await page.keyboard.press("ArrowRight"); // t = 9: block 3
  await expect(demo.output("t")).toHaveText("9");
  await expect(demo.readout("stream")).toContainText("已处理 3/6 块（前 12 个 logit，B = 4）：running m = 55.1");
  await expect(demo.readout("stream")).toContainText(
    "第 3 块把 m 从 46.8 抬到 55.1，旧的 ℓ 乘 e^(m_旧 − m_新) = e^(−8.3) = 2.49e−4",
  );
  await expect.poll(() => traceBars(demo)).toBe(3);
  await expect(page).toHaveURL(/[?&]online\.t=9(&|$)/);

  await demo.press("t", "End");
  await expect(demo.readout("result")).toHaveText("扫完全部 6 块，与一次性 softmax 的最大差 0（逐位相同）");
  await expect.poll(() => traceBars(demo)).toBe(6);
});

test("every block size ends at the one-shot softmax", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(LONG06);
  await demo.settled();
  await demo.press("block", "ArrowLeft");
  await expect(demo.output("block")).toHaveText("3");
  await expect(demo.readout("stream")).toContainText("已处理 8/8 块");
  await expect(demo.readout("stream")).toContainText("第 8 块的最大值 91.6 没超过 m，换算因子 e^0 = 1");
  await expect(demo.readout("result")).toHaveText("扫完全部 8 块，与一次性 softmax 的最大差 3.0e−8（fp32 舍入量级）");
  await expect.poll(() => traceBars(demo)).toBe(8);

  await demo.press("block", "Home");
  await expect(demo.output("block")).toHaveText("1");
  await expect(demo.readout("stream")).toContainText(
    "已处理 24/24 块（前 24 个 logit，B = 1）：running m = 92.0，ℓ = 2.1859",
  );
  await expect.poll(() => traceBars(demo)).toBe(24);

  await demo.press("block", "End");
  await expect(demo.output("block")).toHaveText("24");
  await expect(demo.readout("stream")).toContainText("已处理 1/1 块（前 24 个 logit，B = 24）");
  await expect(demo.readout("result")).toContainText("最大差 0（逐位相同）");
  await expect.poll(() => traceBars(demo)).toBe(1);
  await expect(page).toHaveURL(/[?&]online\.block=24(&|$)/);
});

test("shifting every logit moves m but not ℓ or the result", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(LONG06);
  await demo.settled();
  const mBefore = await mLabelY(demo);
  await demo.press("shift", "End");
  await expect(demo.output("shift")).toHaveText("20");
  await expect(demo.readout("stream")).toContainText("running m = 112.0，ℓ = 2.1859");
  await expect(demo.readout("result")).toContainText("最大差 0（逐位相同）");
  await demo.press("shift", "Home");
  await expect(demo.output("shift")).toHaveText("-200");
  await expect(demo.readout("stream")).toContainText("running m = −108.0，ℓ = 2.1859");
  await expect.poll(() => mLabelY(demo)).toBeGreaterThan(mBefore);
  await expect(page).toHaveURL(/[?&]online\.shift=-200(&|$)/);
});

test("the naive fp32 version overflows to Infinity and NaN, and works once shifted down", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(LONG06);
  await demo.settled();
  await demo.select("mode").selectOption("naive");
  await expect(demo.readout("stream")).toContainText("ℓ = Σe^x = Infinity：x20 = 90.3 > 88.72，e^x 上溢为 Infinity");
  await expect(demo.readout("result")).toHaveText(
    "扫完全部 6 块，与一次性 softmax 的最大差 NaN，输出里 4 个 NaN、20 个 0",
  );
  await expect.poll(() => nanLabels(demo)).toBe(4);
  await expect(demo.figure("trace")).toContainText("Inf");
  await expect(demo.figure("trace")).toContainText("fp32 最大值 3.4e38");
  await expect(demo.figure("logits").locator("g.os-m")).toHaveCount(0); // no max is subtracted
  await expect(page).toHaveURL(/online\.mode=naive/);

  // c = −4: no single e^x overflows, but their sum does.
  await demo.input("shift").focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press("ArrowLeft");
  await expect(demo.output("shift")).toHaveText("-4");
  await expect(demo.readout("stream")).toContainText("每个 e^x 都有限，但累加超过 fp32 最大值 3.4e38");
  await expect(demo.readout("result")).toContainText("输出全是 0");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect(demo.output("shift")).toHaveText("-5");
  await expect(demo.readout("stream")).toContainText("还没有溢出");
  await expect(demo.readout("result")).toHaveText("扫完全部 6 块，与一次性 softmax 的最大差 6.0e−8（fp32 舍入量级）");
  await expect.poll(() => nanLabels(demo)).toBe(0);
  expect(await estDots(demo)).toBe(24);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, ONLINE, {
    params: { block: "3", t: "10", shift: "-60.5", mode: "online" },
    shows: {
      outputs: { block: "3", t: "10", shift: "-60.5" },
      selects: { mode: "online" },
      readouts: {
        stream: "已处理 4/8 块（前 12 个 logit，B = 3）：running m = −5.4，ℓ = 1.0003",
        result: "扫完全部块后是 6.0e−8（fp32 舍入量级）",
      },
    },
    afterRedraw: async (demo) => {
      await expect.poll(() => traceBars(demo)).toBe(4);
    },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, ONLINE, {
    garbage: { block: "0", t: "2.5", shift: "abc", mode: "fast" },
    defaults: { outputs: { block: "4", t: "24", shift: "0" }, readouts: { stream: "running m = 92.0，ℓ = 2.1859" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, ONLINE, {
    params: { mode: "naive", t: "8" },
    before: { selects: { mode: "naive" }, outputs: { t: "8" }, readouts: { stream: "还没有溢出" } },
    defaults: { selects: { mode: "online" }, outputs: { t: "24" }, readouts: { result: "最大差 0（逐位相同）" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: LONG-06 with the demo (${scheme})`, ({ page }) =>
    axeClean(page, ONLINE, scheme, { params: { mode: "naive" } }));
}
