/** The RoPE demo (POS-04): rotated (q, k) pairs, shift invariance, score vs m − n, wavelengths vs L. */
import { expect, test } from "@playwright/test";
import { queryKey, scoreByOffset, slowPairs } from "../../components/demos/rope-rotation/model";
import { frequencies } from "../../components/demos/sinusoidal-pe/model";
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

const POS04 = "/q/why-llama-uses-rope/";
const NS = "rope";
const ROPE: Demo = { url: POS04, ns: NS };

const fmt2 = (v: number) => v.toFixed(2).replace("-", "−");

/** The clocks' q arrows (path d) and their angle/contribution captions. */
const arrows = (demo: DemoPage) =>
  demo
    .figure("clocks")
    .locator("g.rope-q path")
    .evaluateAll((paths) => paths.map((p) => p.getAttribute("d")));
const captions = (demo: DemoPage) =>
  demo
    .figure("clocks")
    .locator("g.rope-term text")
    .evaluateAll((els) => els.map((el) => el.textContent ?? ""));
/** Distinct y coordinates of the RoPE line in the shift figure (1 = flat). */
const flatYs = (demo: DemoPage) =>
  demo
    .figure("shift")
    .locator("g.rope-flat path")
    .evaluate(
      (p) => new Set([...(p.getAttribute("d") ?? "").matchAll(/[ML][-\d.]+,([-\d.]+)/g)].map((m) => m[1])).size,
    );
const additiveYs = (demo: DemoPage) =>
  demo
    .figure("shift")
    .locator("g.rope-additive path")
    .evaluate(
      (p) => new Set([...(p.getAttribute("d") ?? "").matchAll(/[ML][-\d.]+,([-\d.]+)/g)].map((m) => m[1])).size,
    );
const nowX = (demo: DemoPage) =>
  demo
    .figure("relative")
    .locator("g.rope-now circle")
    .evaluate((c) => Number(c.getAttribute("cx")));
const defaultScore = () => {
  const { q, k } = queryKey(128, 1);
  return scoreByOffset(q, k, 7, frequencies(128, 10_000));
};

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, ROPE, {
    figures: ["clocks", "shift", "relative", "spectrum"],
    maxSvgBytes: 45_000,
    check: async (demo) => {
      await expect(demo.figure("clocks").locator("g.rope-q path")).toHaveCount(4);
      await expect(demo.figure("clocks").locator("g.rope-k path")).toHaveCount(4);
      await expect(demo.figure("spectrum").locator("g.rope-pair circle")).toHaveCount(64);
    },
    shows: {
      readouts: {
        score: `q_m·k_n = ${fmt2(defaultScore())}`,
        spectrum: "64 组频率里有 23 组波长超过 L = 2,048",
      },
    },
    controlGroups: 2, // the second sits by the spectrum
  }));

test("shifting m and n together turns the arrows but keeps every angle and the score", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(POS04);
  await demo.press("s", "ArrowRight"); // s = 1
  await demo.rendered();
  const before = { arrows: await arrows(demo), captions: await captions(demo) };
  expect(before.captions).toHaveLength(4); // one two-line caption per clock
  await demo.press("s", "End"); // s = 4096
  await expect(demo.output("s")).toHaveText("4096");
  await expect(page).toHaveURL(/[?&]rope\.s=4096(&|$)/);
  const score = fmt2(defaultScore());
  await expect(demo.readout("score")).toContainText(`q_4108·k_4101 = ${score}，与平移前相同`);
  await expect.poll(() => arrows(demo)).not.toEqual(before.arrows);
  expect(await captions(demo)).toEqual(before.captions);
  // The shift figure: RoPE is one horizontal line, the additive contrast is not.
  expect(await flatYs(demo)).toBe(1);
  expect(await additiveYs(demo)).toBeGreaterThan(50);
  await expect(demo.figure("shift")).toContainText(`RoPE：${score}`);
});

test("moving m or n alone changes the offset, the angles and the score", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(POS04);
  await demo.press("m", "ArrowRight"); // m = 13, m − n = 8
  await demo.rendered();
  await expect(demo.readout("score")).toContainText("m − n = 8");
  const captionsAt8 = await captions(demo);
  const xAt8 = await nowX(demo);
  await demo.press("n", "ArrowLeft"); // n = 4, m − n = 9
  await expect(demo.readout("score")).toContainText("m − n = 9");
  const { q, k } = queryKey(128, 1);
  await expect(demo.readout("score")).toContainText(
    `q_m·k_n = ${fmt2(scoreByOffset(q, k, 9, frequencies(128, 10_000)))}`,
  );
  await expect.poll(() => captions(demo)).not.toEqual(captionsAt8);
  await expect.poll(() => nowX(demo)).toBeGreaterThan(xAt8);
  await demo.press("n", "End"); // n = 255: key after the query, m − n = −242
  await expect(demo.readout("direction")).toContainText("m − n = −242 时打分");
  await expect.poll(() => nowX(demo)).toBeLessThan(xAt8);
});

test("the base changes the wavelengths; the training length moves the line", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(POS04);
  await demo.press("base", "End"); // base = 10^7
  await expect(demo.output("base")).toHaveText("10000000");
  await expect(demo.readout("spectrum")).toContainText(`有 ${slowPairs(128, 1e7, 2048)} 组波长超过`);
  expect(slowPairs(128, 1e7, 2048)).toBeGreaterThan(23);
  await expect(demo.figure("spectrum")).toContainText("虚线：base 10,000");
  await demo.press("base", "Home"); // base = 100
  await expect(demo.readout("spectrum")).toContainText(`有 ${slowPairs(128, 100, 2048)} 组波长超过`);
  await demo.select("L").selectOption("512");
  await expect(demo.readout("spectrum")).toContainText("L = 512");
  await expect(demo.figure("spectrum")).toContainText("L = 512");
});

test("Llama 3's base and length give 29 of 64 slow pairs (shared link)", ({ page }) =>
  sharedLinkRestores(page, ROPE, {
    params: { base: "500000", L: "8192" },
    shows: {
      outputs: { base: "500000" },
      selects: { L: "8192" },
      readouts: { spectrum: "64 组频率里有 29 组波长超过 L = 8,192" },
    },
    afterRedraw: (demo) => expect(demo.figure("spectrum")).toContainText("29/64 组波长 > L"),
  }));

test("d_head sets the number of pairs; the seed draws another q and k", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(POS04);
  await demo.select("d").selectOption("8");
  await expect(demo.readout("spectrum")).toContainText("d_head = 8");
  await expect(demo.figure("spectrum").locator("g.rope-pair circle")).toHaveCount(4);
  await expect(demo.figure("clocks")).toContainText("第 3 组");
  const score = (await demo.readout("score").textContent()) ?? "";
  await demo.press("seed", "End"); // seed = 50
  await expect(demo.output("seed")).toHaveText("50");
  await expect.poll(async () => (await demo.readout("score").textContent()) ?? "").not.toBe(score);
  await expect(page).toHaveURL(/rope\.d=8/);
});

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, ROPE, {
    garbage: { m: "256", d: "100", base: "0" },
    defaults: { outputs: { m: "12" }, readouts: { spectrum: "有 23 组" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, ROPE, {
    params: { s: "100", m: "40" },
    before: { outputs: { s: "100" } },
    defaults: { outputs: { s: "0", m: "12" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: POS-04 with the demo (${scheme})`, ({ page }) => axeClean(page, ROPE, scheme, { wait: "networkidle" }));
}
