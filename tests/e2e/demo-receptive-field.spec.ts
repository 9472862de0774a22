/** The receptive-field demo (ATT-10) as a reader uses it: depth, kernel, window and sequence length. */
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

const ATT10 = "/q/self-attention-vs-convolution/";
const NS = "rf";
const RF: Demo = { url: ATT10, ns: NS };

/** Numbers printed at the end of the four bars (layers needed), in order conv, dilated, window, full. */
const layerLabels = (demo: DemoPage) =>
  demo
    .figure("layers")
    .locator(".rf-layers text")
    .evaluateAll((ts) => ts.map((t) => t.textContent).join(","));
const barOpacities = (demo: DemoPage) =>
  demo
    .figure("layers")
    .locator(".rf-bar rect")
    .evaluateAll((rects) => rects.map((r) => r.getAttribute("fill-opacity")).join(","));
const depthX = (demo: DemoPage) =>
  demo
    .figure("growth")
    .locator(".rf-depth line")
    .evaluate((l) => Number(l.getAttribute("x1") ?? l.getAttribute("x")));

test("first frame is in the HTML and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, RF, {
    figures: ["growth", "layers"],
    check: async (demo) => {
      await expect(demo.figure("growth").locator(".rf-line path")).toHaveCount(4);
      expect(await layerLabels(demo)).toBe("4096,13,16,1");
    },
    shows: {
      readoutTexts: {
        layers: "覆盖 n = 8192 个位置需要：卷积 4096 层，空洞卷积 13 层，滑动窗口注意力 16 层，全局自注意力 1 层",
      },
    },
  }));

test("depth moves the marker and decides which structures already cover the sequence", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT10);
  const L = demo.input("L");
  await L.fill("1");
  await expect(demo.output("L")).toHaveText("1");
  await expect(demo.readout("rf")).toContainText(
    "L = 1 层（k = 3，w = 512）时的理论感受野：卷积 3，空洞卷积 3，滑动窗口注意力 513",
  );
  await demo.rendered();
  const left = await depthX(demo);
  // Only full attention covers 8192 positions with one layer.
  await expect.poll(() => barOpacities(demo)).toBe("0.35,0.35,0.35,0.85");
  await L.focus();
  await page.keyboard.press("End"); // L = 64
  await expect(demo.output("L")).toHaveText("64");
  await expect.poll(() => depthX(demo)).toBeGreaterThan(left);
  await expect.poll(() => barOpacities(demo)).toBe("0.35,0.85,0.85,0.85");
  await expect(demo.readout("rf")).toContainText("卷积 129");
  await expect(page).toHaveURL(/[?&]rf\.L=64(&|$)/);
});

test("kernel, window and length change the layers needed", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT10);
  await demo.select("k").selectOption("9");
  await expect(demo.readout("layers")).toContainText("卷积 1024 层，空洞卷积 11 层");
  await expect.poll(() => layerLabels(demo)).toBe("1024,11,16,1");
  await demo.select("w").selectOption("4096");
  await expect.poll(() => layerLabels(demo)).toBe("1024,11,2,1");
  await demo.select("n").selectOption("131072");
  await expect(demo.readout("layers")).toContainText("滑动窗口注意力 32 层"); // Mistral 7B: 32 × 4096
  await expect(demo.readout("cost")).toContainText("全局注意力的 n² 项成为瓶颈");
  await demo.select("n").selectOption("2048");
  await expect(demo.readout("cost")).toContainText("全局注意力的主项反而比卷积小");
  await expect(page).toHaveURL(/rf\.k=9/);
  await expect(page).toHaveURL(/rf\.w=4096/);
  await expect(page).toHaveURL(/rf\.n=2048/);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, RF, {
    params: { L: "32", w: "4096", n: "131072" },
    shows: {
      outputs: { L: "32" },
      selects: { w: "4096", n: "131072" },
      readouts: { rf: "滑动窗口注意力 131072（已覆盖全序列，理论值 131073）" },
    },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, RF, {
    garbage: { L: "0", k: "4", n: "abc" },
    defaults: { outputs: { L: "16" }, readouts: { layers: "卷积 4096 层" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, RF, {
    params: { L: "3", k: "5" },
    before: { outputs: { L: "3" } },
    defaults: { outputs: { L: "16" }, selects: { k: "3" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: ATT-10 with the demo drawn (${scheme})`, ({ page }) => axeClean(page, RF, scheme, { params: { L: "8" } }));
}
