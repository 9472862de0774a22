/** The init-variance demo (DL-06) as a reader uses it: activation, depth, width, seed. */
import { expect, test } from "@playwright/test";
import { analyse, type InitVarianceState, params, readouts, SCHEMES } from "../../components/demos/init-variance/model";
import { defaultState } from "../../src/lib/url-state";
import {
  axeClean,
  SCHEMES as COLOR_SCHEMES,
  type Demo,
  type DemoPage,
  demoPage,
  firstFrameWithoutJs,
  garbageFallsBack,
  resetRestoresDefaults,
  sharedLinkRestores,
} from "../support/demo-spec";

const DL06 = "/q/xavier-vs-kaiming-init/";
const NS = "init";
const INIT: Demo = { url: DL06, ns: NS };
const DEFAULTS: InitVarianceState = defaultState(params);

async function vertices(demo: DemoPage, figure: string, className: string): Promise<[number, number][]> {
  const d = (await demo.figure(figure).locator(`g.${className} path`).getAttribute("d")) ?? "";
  return [...d.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}
const ticks = (demo: DemoPage, figure: string) =>
  demo
    .figure(figure)
    .locator("svg text")
    .evaluateAll((els) => els.map((el) => el.textContent ?? ""));

async function expectReadouts(demo: DemoPage, state: InitVarianceState) {
  const texts = readouts(state);
  for (const key of ["last", "meanField", "drift"] as const) await expect(demo.readout(key)).toHaveText(texts[key]);
}

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, INIT, {
    figures: ["std", "drift"],
    maxSvgBytes: 16_000,
    shows: {
      readouts: {
        last: "第 50 层激活的 RMS（种子 1，宽 128）：N(0,1) ",
        meanField: "N(0,1) 1.4×10⁴⁵，Xavier 3.0×10⁻⁸，Kaiming 1",
        drift: ["中位数 0.6", "e^(−5L/(4n)) = 0.61"],
      },
      figures: { std: ["10⁻⁸", "10⁴⁰"] },
    },
    check: async (demo) => {
      await expectReadouts(demo, DEFAULTS);
      for (const s of SCHEMES) expect(await vertices(demo, "std", `init-${s}`)).toHaveLength(51);
      await expect(demo.figure("drift").locator("g.init-band path")).toHaveCount(1);
      await expect(demo.figure("drift").locator("g.init-drift path")).toHaveCount(1);
    },
  }));

test("ReLU's three lines are parallel on the log axis; tanh squeezes them into 0.05 … 1", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DL06);
  await demo.settled();
  // Parallel: the vertical gap between N(0,1) and Kaiming grows by the same amount every layer.
  const normal = await vertices(demo, "std", "init-normal");
  const kaiming = await vertices(demo, "std", "init-kaiming");
  const gaps = normal.map(([, y], i) => kaiming[i][1] - y);
  for (let i = 2; i < gaps.length; i++) expect(gaps[i] - gaps[i - 1]).toBeCloseTo(gaps[1] - gaps[0], 1);

  await demo.select("act").selectOption("tanh");
  const tanh = { ...DEFAULTS, act: "tanh" as const };
  await expectReadouts(demo, tanh);
  await expect(demo.readout("last")).toContainText("第 50 层平均 tanh′(z)：N(0,1) 0.1");
  await expect(demo.readout("meanField")).toHaveText(
    "无限宽（平均场）预测第 50 层：N(0,1) 0.963，Xavier 0.101，Kaiming 0.556",
  );
  await expect.poll(() => ticks(demo, "std")).toContain("0.5");
  await expect.poll(() => ticks(demo, "std")).not.toContain("10⁴⁰");
  await expect(demo.figure("drift").locator("g.init-drift")).toHaveCount(0); // e^(−5l/(4n)) is ReLU's
  await expect(page).toHaveURL(/[?&]init\.act=tanh(&|$)/);
});

test("depth: one vertex per layer, down to 2 layers", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DL06);
  await demo.press("L", "Home");
  await expect(demo.output("L")).toHaveText("2");
  await expectReadouts(demo, { ...DEFAULTS, L: 2 });
  await expect(demo.readout("meanField")).toHaveText("无限宽（平均场）预测第 2 层：N(0,1) 64，Xavier 0.5，Kaiming 1");
  await expect.poll(async () => (await vertices(demo, "std", "init-xavier")).length).toBe(3);
  await expect.poll(async () => (await vertices(demo, "drift", "init-seeded")).length).toBe(3);
  await demo.press("L", "End");
  await expect(demo.output("L")).toHaveText("50");
  await expect.poll(async () => (await vertices(demo, "std", "init-xavier")).length).toBe(51);
});

test("width: the Kaiming spread narrows at 512 and the typical value sinks at 16", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DL06);
  await demo.settled();
  const spread = (n: number) => {
    const { band } = analyse({ ...DEFAULTS, n });
    return band.p90[50] / band.p10[50];
  };
  await demo.press("n", "End");
  await expect(demo.output("n")).toHaveText("512");
  await expectReadouts(demo, { ...DEFAULTS, n: 512 });
  await expect(demo.readout("drift")).toContainText("e^(−5L/(4n)) = 0.89");
  expect(spread(512)).toBeLessThan(spread(128) / 2);
  await expect.poll(() => ticks(demo, "std")).toContain("10⁶⁰"); // N(0,1) now multiplies by 16 a layer
  await demo.press("n", "Home");
  await expect(demo.output("n")).toHaveText("16");
  await expectReadouts(demo, { ...DEFAULTS, n: 16 });
  await expect(demo.readout("drift")).toContainText("e^(−5L/(4n)) = 0.02");
  // The drift figure's axis reaches far below 0.1 now.
  await expect.poll(async () => (await ticks(demo, "drift")).some((t) => /^0\.00|10⁻/.test(t))).toBe(true);
  await demo.input("n").focus();
  await page.keyboard.press("ArrowRight");
  await expect(demo.output("n")).toHaveText("32");
  await expect(page).toHaveURL(/[?&]init\.n=32(&|$)/);
});

test("another seed redraws the run; the spread over many networks stays", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DL06);
  await demo.settled();
  const seeded = await demo.figure("drift").locator("g.init-seeded path").getAttribute("d");
  const drift = readouts(DEFAULTS).drift;
  await demo.press("seed", "End");
  await expect(demo.output("seed")).toHaveText("50");
  await expectReadouts(demo, { ...DEFAULTS, seed: 50 });
  await expect(demo.readout("last")).toContainText("种子 50，");
  await expect(demo.readout("drift")).toHaveText(drift);
  await expect.poll(() => demo.figure("drift").locator("g.init-seeded path").getAttribute("d")).not.toBe(seeded);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, INIT, {
    params: { act: "tanh", L: "30", n: "256", seed: "7" },
    shows: { selects: { act: "tanh" }, outputs: { L: "30", n: "256", seed: "7" } },
    check: (demo) => expectReadouts(demo, { act: "tanh", L: 30, n: 256, seed: 7 }),
    afterRedraw: async (demo) => {
      await expect.poll(async () => (await vertices(demo, "std", "init-kaiming")).length).toBe(31);
    },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, INIT, {
    garbage: { act: "gelu", L: "0", n: "1024", seed: "1.5" },
    defaults: { selects: { act: "relu" }, outputs: { L: "50", n: "128", seed: "1" } },
    check: (demo) => expectReadouts(demo, DEFAULTS),
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, INIT, {
    params: { act: "tanh", n: "64" },
    before: { selects: { act: "tanh" }, outputs: { n: "64" } },
    defaults: { selects: { act: "relu" }, outputs: { n: "128" } },
    check: (demo) => expectReadouts(demo, DEFAULTS),
  }));

for (const scheme of COLOR_SCHEMES) {
  test(`axe: DL-06 with the demo (${scheme})`, ({ page }) => axeClean(page, INIT, scheme, { params: { act: "tanh" } }));
}
