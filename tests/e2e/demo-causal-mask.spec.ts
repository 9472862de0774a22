/** The causal-mask demo as a reader uses it: ATT-08 (mask explorer) and ARC-08 (timeline and per-step cost). */
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

const ATT08 = "/q/causal-mask-decoder-self-attention/";
const ARC08 = "/q/transformer-parallelism/";
const NS = "causal";
const CAUSAL: Demo = { url: ATT08, ns: NS };

const cells = (demo: DemoPage, status: string) => demo.figure("grid").locator(`.causal-${status} rect`);
/** y of the outlined (selected) row in the mask grid. */
const selectedRowY = (demo: DemoPage) =>
  demo
    .figure("grid")
    .locator(".causal-row rect")
    .first()
    .evaluate((r) => Number(r.getAttribute("y")));
/** Timeline cells filled with the "read from the KV cache" colour. */
const cacheReads = (demo: DemoPage) =>
  demo
    .figure("timeline")
    .locator(".causal-pass rect")
    .evaluateAll((rects) => rects.filter((r) => r.getAttribute("fill") === "#2f9e6e").length);
const costHeights = (demo: DemoPage) =>
  demo
    .figure("cost")
    .locator(".causal-cost rect")
    .evaluateAll((rects) => rects.map((r) => Math.round(Number(r.getAttribute("height")))));

test("first frame is in the HTML and readable without JavaScript (ATT-08 and ARC-08)", ({ browser }) =>
  firstFrameWithoutJs(browser, CAUSAL, {
    figures: ["grid"],
    check: async (demo) => {
      await expect(demo.figure("timeline")).toHaveCount(0);
      await expect(cells(demo, "visible")).toHaveCount(21);
      await expect(cells(demo, "masked")).toHaveCount(15);
    },
    shows: {
      readouts: { mask: "可见 21 / 36 个位置", row: "位置 3（吃）的 query 看到 <s> 我 喜欢 吃（4 个 key）" },
    },
    after: async (demo) => {
      await demo.page.goto(ARC08);
      for (const figure of ["grid", "timeline", "cost"]) await expect(demo.svg(figure)).toHaveCount(1);
      await expect(demo.readout("flops")).toContainText("无 KV cache 51.54 GFLOPs（4.0 倍）");
    },
  }));

test("the query position moves the highlighted row and what it sees", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT08);
  await demo.input("i").fill("1");
  await expect(demo.readout("row")).toContainText("位置 1（我）的 query 看到 <s> 我（2 个 key），看不到后面 4 个");
  await expect(demo.readout("row")).toContainText("预测 “喜欢”");
  await demo.rendered();
  const high = await selectedRowY(demo);
  await demo.input("i").fill("5");
  await expect(demo.readout("row")).toContainText("看到全部 6 个 key");
  await expect.poll(() => selectedRowY(demo)).toBeGreaterThan(high);
  await expect(page).toHaveURL(/[?&]causal\.i=5(&|$)/);
});

test("generation: a KV cache computes one new row, no cache recomputes the prefix", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT08);
  await demo.select("mode").selectOption("gen");
  await expect(demo.readout("row")).toContainText("生成第 4 步");
  await expect(cells(demo, "cached")).toHaveCount(3);
  await expect(cells(demo, "fresh")).toHaveCount(1);
  await expect(demo.figure("grid").locator(".causal-future rect")).toHaveCount(20);
  await demo.select("cache").selectOption("off");
  await expect(demo.readout("row")).toContainText("4 行、10 个 q·k");
  await expect(cells(demo, "fresh")).toHaveCount(10);
  await expect(cells(demo, "cached")).toHaveCount(0);
  await expect(page).toHaveURL(/causal\.mode=gen/);
  await expect(page).toHaveURL(/causal\.cache=off/);
});

test("the sequence length resizes the mask and clamps the query", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ATT08);
  const n = demo.input("n");
  await n.focus();
  await page.keyboard.press("End"); // n = 9
  await expect(demo.output("n")).toHaveText("9");
  await expect(demo.readout("mask")).toContainText("可见 45 / 81 个位置");
  await expect(cells(demo, "visible")).toHaveCount(45);
  await n.fill("3");
  await expect(demo.readout("row")).toContainText("位置 2（喜欢）的 query 看到全部 3 个 key"); // i = 3 → clamped to 2
  await expect(cells(demo, "masked")).toHaveCount(3);
});

test("ARC-08: the timeline and the per-step cost follow the KV-cache toggle", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC08);
  await demo.select("mode").selectOption("gen");
  await expect(demo.readout("row")).toContainText("生成第 4 步");
  await demo.rendered();
  await expect.poll(() => cacheReads(demo)).toBe(15); // 0 + 1 + … + 5 reads of cached K/V
  await expect.poll(async () => new Set(await costHeights(demo)).size).toBe(1); // ≈ constant per step
  await demo.select("cache").selectOption("off");
  await expect(demo.readout("work")).toContainText("无 KV cache 共算 21 行、56 个 q·k");
  await expect.poll(() => cacheReads(demo)).toBe(0);
  await expect
    .poll(async () => {
      const h = await costHeights(demo);
      return h.every((v, i) => i === 0 || v > h[i - 1]);
    })
    .toBe(true);
  await expect(demo.readout("flops")).toContainText(
    "第 4 个 token：有 KV cache 12.89 GFLOPs，无 KV cache 51.54 GFLOPs",
  );
  await demo.input("i").fill("0");
  await expect(demo.readout("flops")).toContainText("（1.0 倍）");
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, CAUSAL, {
    url: ARC08,
    params: { mode: "gen", i: "2", cache: "off", n: "8" },
    shows: {
      selects: { mode: "gen", cache: "off" },
      outputs: { i: "2", n: "8" },
      readouts: { row: "生成第 3 步（无 KV cache）" },
    },
    afterRedraw: (demo) => expect(cells(demo, "fresh")).toHaveCount(6),
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, CAUSAL, {
    garbage: { i: "1.5", n: "20", mode: "beam" },
    defaults: { selects: { mode: "train" }, readouts: { mask: "可见 21 / 36" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, CAUSAL, {
    params: { mode: "gen", n: "4" },
    before: { outputs: { n: "4" } },
    defaults: { selects: { mode: "train" }, outputs: { n: "6" } },
    check: (demo) => expect(cells(demo, "visible")).toHaveCount(21),
  }));

for (const scheme of SCHEMES) {
  test(`axe: ${ATT08} with the demo drawn (${scheme})`, ({ page }) =>
    axeClean(page, CAUSAL, scheme, { params: { mode: "gen" } }));
}
for (const scheme of SCHEMES) {
  test(`axe: ${ARC08} with the demo drawn (${scheme})`, ({ page }) =>
    axeClean(page, CAUSAL, scheme, { url: ARC08, params: { cache: "off" } }));
}
