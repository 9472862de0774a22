/** The raw attention vs rollout vs gradient × input demo (ARC-10) as a reader uses it. */
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

const ARC10 = "/q/transformer-interpretability/";
const NS = "rollout";
const ROLLOUT: Demo = { url: ARC10, ns: NS };

/** Bar heights in the [CLS] figure: per token, raw attention then rollout. */
const clsBars = (demo: DemoPage) =>
  demo
    .figure("cls")
    .locator("g.ro-bar rect")
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("height"))));
/** Signed bar lengths in the gradient figure (positive: pushes towards 负面), token order. */
const gradBars = (demo: DemoPage) =>
  demo
    .figure("grad")
    .locator("g.ro-grad rect")
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("height"))));

test("first frame is in the HTML, small, and agrees with the article's cell", ({ browser }) =>
  firstFrameWithoutJs(browser, ROLLOUT, {
    figures: ["cls", "grad", "maps"],
    maxSvgBytes: 40_000,
    shows: {
      readouts: {
        cls: ["第 3 层原始注意力给“不”“好看”共 0.10", "[CLS] 0.499，电影 0.167，不 0.142，好看 0.191"],
        grad: "不 +2.28，好看 −1.53；之和 0.75 = F",
      },
    },
    check: (demo) => expect(demo.figure("maps").locator("g.ro-cell rect")).toHaveCount(32),
  }));

test("the layer slider picks the raw layer and how far rollout multiplies", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC10);
  await demo.settled();
  const before = await clsBars(demo);
  await demo.press("layer", "Home");
  await expect(demo.output("layer")).toHaveText("1");
  await expect(demo.readout("cls")).toContainText("第 1 层原始注意力给“不”“好看”共 0.20");
  await expect(demo.readout("cls")).toContainText("rollout（r = 0.5，第 1–1 层）给 0.10");
  await expect(demo.readout("grad")).toContainText("F（负面分数）= 0.10");
  await expect(demo.figure("maps")).toContainText("第 1 层原始注意力");
  await expect.poll(async () => (await clsBars(demo))[0]).toBeGreaterThan(before[0]); // raw [CLS]→[CLS]: 0.6 → 0.7
  await expect(page).toHaveURL(/[?&]rollout\.layer=1(&|$)/);
});

test("the residual weight changes rollout but not the raw attention or the gradients", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC10);
  await demo.settled();
  const grad = await demo.svgOf("grad");
  const before = await clsBars(demo);
  await demo.press("r", "End");
  await expect(demo.output("r")).toHaveText("1");
  await expect(demo.readout("cls")).toContainText("给 0.00；rollout：[CLS] 1.000");
  await expect.poll(async () => (await clsBars(demo))[1]).toBeGreaterThan(before[1]); // rollout [CLS] → 1
  await demo.press("r", "Home");
  await expect(demo.readout("cls")).toContainText("rollout（r = 0，第 1–3 层）给 0.55");
  const after = await clsBars(demo);
  expect(after[0]).toBeCloseTo(before[0], 6); // the raw bars stay
  expect(await demo.svgOf("grad")).toBe(grad);
});

test("another value matrix flips F while attention and rollout stay put", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC10);
  await demo.settled();
  const cls = await demo.svgOf("cls");
  const maps = await demo.svgOf("maps");
  const [, , neg, pos] = await gradBars(demo);
  expect(neg).toBeGreaterThan(pos);
  await demo.select("values").selectOption("skewed");
  await expect(demo.readout("grad")).toContainText("F（负面分数）= −2.68，判为正面");
  await expect(demo.readout("grad")).toContainText("不 +0.62，好看 −3.30");
  await expect.poll(async () => (await gradBars(demo))[3]).toBeGreaterThan(neg); // 好看 now dominates
  expect(await demo.svgOf("cls")).toBe(cls);
  expect(await demo.svgOf("maps")).toBe(maps);
  await expect(page).toHaveURL(/rollout\.values=skewed/);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, ROLLOUT, {
    params: { layer: "2", r: "0.9", values: "skewed" },
    shows: {
      outputs: { layer: "2", r: "0.9" },
      selects: { values: "skewed" },
      readouts: { cls: "rollout（r = 0.9，第 1–2 层）", grad: "判为正面" },
    },
    afterRedraw: (demo) => expect(demo.figure("maps")).toContainText("第 2 层原始注意力"),
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, ROLLOUT, {
    garbage: { layer: "4", r: "x", values: "random" },
    defaults: { readouts: { cls: "给 0.33" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, ROLLOUT, {
    params: { r: "0.1", values: "skewed" },
    before: { outputs: { r: "0.1" } },
    defaults: { outputs: { r: "0.5" }, readouts: { grad: "判为负面" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: ARC-10 with the demo (${scheme})`, ({ page }) =>
    axeClean(page, ROLLOUT, scheme, { params: { values: "skewed" } }));
}
