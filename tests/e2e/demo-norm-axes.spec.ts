/** The norm-axes demo (NRM-02) as a reader uses it: BN vs LN axes, padding, batch size. */
import { expect, test } from "@playwright/test";
import { D, sequenceLengths, T } from "../../components/demos/norm-axes/model";
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

const NRM02 = "/q/layernorm-vs-batchnorm/";
const NS = "norm";
const NORM: Demo = { url: NRM02, ns: NS };

/** Cells the chosen mode averages over (real and padded). */
const highlighted = (demo: DemoPage) => demo.figure("cells").locator(".norm-hl rect");
const highlightedPads = (demo: DemoPage) => demo.figure("cells").locator(".norm-hl-pad rect");
const allPads = async (demo: DemoPage) =>
  (await demo.figure("cells").locator(".norm-pad rect").count()) + (await highlightedPads(demo).count());
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

async function number(demo: DemoPage, key: string, pattern: RegExp): Promise<number> {
  const text = (await demo.readout(key).textContent()) ?? "";
  const match = pattern.exec(text);
  expect(match, `${pattern} in "${text}"`).not.toBeNull();
  return Number(match?.[1]);
}
const bnPadMean = (demo: DemoPage) => number(demo, "bn", /含 padding 时均值 (-?[\d.]+)/);
const bnRealMean = (demo: DemoPage) => number(demo, "bn", /只算真实 token：均值 (-?[\d.]+)/);
const noiseStd = (demo: DemoPage) => number(demo, "noise", /标准差 ([\d.]+)/);

/** Centre of the orange frame around the selected element, in page pixels. */
async function selectedAt(demo: DemoPage) {
  const box = await demo.figure("cells").locator(".norm-sel rect").boundingBox();
  expect(box).not.toBeNull();
  return {
    x: Math.round((box?.x ?? 0) + (box?.width ?? 0) / 2),
    y: Math.round((box?.y ?? 0) + (box?.height ?? 0) / 2),
  };
}

test("first frame is in the HTML and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, NORM, {
    figures: ["cells", "normed", "noise"],
    check: async (demo) => {
      // Default: BatchNorm with padding included, B = 4 → feature k's whole column in every sequence.
      await expect(highlighted(demo)).toHaveCount(4 * T);
      await expect(demo.figure("cells").locator(".norm-sel rect")).toHaveCount(1);
    },
    shows: {
      readouts: { bn: "含 padding 时均值 1.68，方差 1.95（24 个数", ln: "LN（token b=2，t=2）：均值 0.88" },
    },
  }));

test("BN highlights B·T cells (B·T_real when masked), LN highlights the d features of one token", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(NRM02);
  const realTokens = sum(sequenceLengths(4, 0.3));
  await expect(highlighted(demo)).toHaveCount(4 * T);
  await expect(highlightedPads(demo)).toHaveCount(4 * T - realTokens);
  const value = demo.readout("value");
  await expect(value).toContainText("BN（含 padding）后 (2.98 − 1.68)");

  await demo.select("stats").selectOption("mask");
  await expect(demo.readout("value")).toContainText("BN（只算真实 token）后 (2.98 − 2.38)");
  await expect(highlighted(demo)).toHaveCount(realTokens);
  await expect(highlightedPads(demo)).toHaveCount(0);
  await expect(page).toHaveURL(/[?&]norm\.stats=mask(&|$)/);
  // The second figure: real tokens' BN outputs, in both statistics rows.
  await expect(demo.figure("normed").locator(".norm-out circle")).toHaveCount(2 * realTokens);

  await demo.select("mode").selectOption("ln");
  await expect(value).toContainText("LN 后 (2.98 − 0.88)");
  await expect(highlighted(demo)).toHaveCount(D);
  await expect(demo.figure("normed").locator(".norm-out rect")).toHaveCount(D);
  await expect(page).toHaveURL(/[?&]norm\.mode=ln(&|$)/);
});

test("padding pulls the unmasked BN mean towards 0 by (1 − p) and leaves LN's statistics alone", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(NRM02);
  const pad = demo.input("pad");
  await pad.fill("0");
  await expect(demo.output("pad")).toHaveText("0");
  await expect(demo.readout("bn")).toContainText("padding 占 0%");
  await expect.poll(() => allPads(demo)).toBe(0);
  expect(await bnPadMean(demo)).toBe(await bnRealMean(demo));
  const cleanMean = await bnPadMean(demo);

  await pad.focus();
  await page.keyboard.press("End"); // 0.8
  await expect(demo.output("pad")).toHaveText("0.8");
  const share = (await number(demo, "bn", /padding 占 (\d+)%/)) / 100;
  expect(share).toBeGreaterThan(0.7);
  const padMean = await bnPadMean(demo);
  const realMean = await bnRealMean(demo);
  expect(padMean).not.toBe(cleanMean);
  expect(padMean).toBeLessThan(realMean / 2);
  expect(Math.abs(padMean - (1 - share) * realMean)).toBeLessThan(0.03);
  await expect.poll(() => allPads(demo)).toBe((4 * T - sum(sequenceLengths(4, 0.8))) * D); // grey cells
  await expect(highlighted(demo)).toHaveCount(4 * T); // unmasked BN still averages over the pads

  // LayerNorm of a real token: the same statistics at any padding share.
  await demo.select("mode").selectOption("ln");
  await demo.input("t").fill("1");
  await expect(demo.readout("ln")).toContainText("LN（token b=2，t=1）");
  const lnPadded = await demo.readout("ln").textContent();
  await pad.fill("0");
  await expect(demo.readout("bn")).toContainText("padding 占 0%");
  await expect(demo.readout("ln")).toHaveText(lnPadded ?? "");
});

test("a smaller batch highlights fewer cells and makes BN's mean noisier", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(NRM02);
  const batch = demo.input("batch");
  await batch.focus();
  await page.keyboard.press("End"); // B = 8
  await expect(demo.output("batch")).toHaveText("8");
  await expect(highlighted(demo)).toHaveCount(8 * T);
  await expect(demo.readout("noise")).toContainText("batch = 8 时");
  const stdLarge = await noiseStd(demo);
  const drawsAt = () =>
    demo
      .figure("noise")
      .locator(".norm-draw circle")
      .evaluateAll((dots) => dots.map((d) => Number(d.getAttribute("cx"))).reduce((a, b) => a + b, 0) / dots.length);
  await demo.rendered();
  const xLarge = await drawsAt();

  await page.keyboard.press("Home"); // B = 1
  await expect(demo.output("batch")).toHaveText("1");
  await expect(highlighted(demo)).toHaveCount(T);
  await expect(demo.readout("noise")).toContainText("batch = 1 时");
  expect(await noiseStd(demo)).toBeGreaterThan(1.5 * stdLarge);
  await expect.poll(drawsAt).toBeLessThan(xLarge); // the orange draws move to the B = 1 column
  await expect(page).toHaveURL(/[?&]norm\.batch=1(&|$)/);
  // b = 2 is beyond a batch of 1: the read-outs fall back to the last sequence.
  await expect(demo.readout("ln")).toContainText("token b=1");

  // One sequence with a single real token, masked BN: one number, variance 0, output β = 0.
  await demo.input("pad").fill("0.8");
  await demo.select("stats").selectOption("mask");
  await demo.input("t").fill("1");
  await expect(demo.readout("value")).toContainText("只有 1 个数参与统计，方差为 0，输出恒为 β = 0");
  await expect(highlighted(demo)).toHaveCount(1);
});

test("b, t, k and the seed move the selection and the data", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(NRM02);
  // k moves the BN column (and the frame) sideways. First draw once in the browser (at the real width).
  await demo.input("k").fill("3");
  await expect(demo.readout("bn")).toContainText("BN（特征 k=3）");
  await demo.rendered();
  const start = await selectedAt(demo);
  const columnX = () =>
    highlighted(demo).evaluateAll((rects) => [...new Set(rects.map((r) => r.getAttribute("x")))].join(","));
  const column = await columnX();
  await demo.input("k").fill("7");
  await expect(demo.readout("bn")).toContainText("BN（特征 k=7）");
  await expect.poll(columnX).not.toBe(column);
  await expect.poll(async () => (await selectedAt(demo)).x).toBeGreaterThan(start.x);

  // t moves the frame down; in LN mode the highlighted row follows it.
  await demo.select("mode").selectOption("ln");
  const rowY = () =>
    highlighted(demo).evaluateAll((rects) => [...new Set(rects.map((r) => r.getAttribute("y")))].join(","));
  const row = await rowY();
  await demo.input("t").fill("5");
  await expect(demo.readout("ln")).toContainText("token b=2，t=5");
  await expect.poll(rowY).not.toBe(row);
  await expect.poll(async () => (await selectedAt(demo)).y).toBeGreaterThan(start.y);

  // b = 3 starts the second row of panels (2 per row on phones, 4 on wide screens): the frame moves.
  const before = await selectedAt(demo);
  await demo.input("b").fill("3");
  await expect(demo.readout("ln")).toContainText("token b=3，t=5");
  await expect.poll(async () => JSON.stringify(await selectedAt(demo))).not.toBe(JSON.stringify(before));
  await expect(page).toHaveURL(/norm\.b=3/);

  // A new seed draws new activations: new numbers and new cell colours.
  const fills = () =>
    demo
      .figure("cells")
      .locator(".norm-cell rect")
      .evaluateAll((rects) => rects.map((r) => r.getAttribute("fill")).join(","));
  const oldFills = await fills();
  const oldBn = await demo.readout("bn").textContent();
  await demo.input("seed").fill("9");
  await expect(demo.output("seed")).toHaveText("9");
  await expect(demo.readout("bn")).not.toHaveText(oldBn ?? "");
  await expect.poll(fills).not.toBe(oldFills);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, NORM, {
    params: { mode: "ln", batch: "6", pad: "0.5", k: "2", stats: "mask", seed: "3" },
    shows: {
      selects: { mode: "ln", stats: "mask" },
      outputs: { batch: "6", pad: "0.5", k: "2", seed: "3" },
      readouts: { bn: "BN（特征 k=2）", noise: "batch = 6 时" },
    },
    afterRedraw: (demo) => expect(highlighted(demo)).toHaveCount(D),
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, NORM, {
    garbage: { batch: "abc", pad: "2", mode: "gn" },
    defaults: { outputs: { batch: "4" }, selects: { mode: "bn" }, readouts: { bn: "含 padding 时均值 1.68" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, NORM, {
    params: { batch: "2", mode: "ln" },
    before: { outputs: { batch: "2" } },
    defaults: { outputs: { batch: "4" }, selects: { mode: "bn" } },
    check: (demo) => expect(highlighted(demo)).toHaveCount(4 * T),
  }));

for (const scheme of SCHEMES) {
  test(`axe: NRM-02 with the demo drawn (${scheme})`, ({ page }) =>
    axeClean(page, NORM, scheme, { params: { mode: "ln" } }));
}
