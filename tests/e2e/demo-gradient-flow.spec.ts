/** The gradient-flow demo (DL-01) as a reader uses it: activation, depth, weight scale, seed, clipping. */
import { expect, test } from "@playwright/test";
import { analyse, type GradientFlowState, params, readouts } from "../../components/demos/gradient-flow/model";
import { defaultState } from "../../src/lib/url-state";
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

const DL01 = "/q/vanishing-exploding-gradients/";
const NS = "gradflow";
const GRADFLOW: Demo = { url: DL01, ns: NS };
const DEFAULTS: GradientFlowState = defaultState(params);

/** The vertices of a line mark's path, in SVG coordinates (smaller y is higher on the chart). */
async function vertices(demo: DemoPage, figure: string, className: string): Promise<[number, number][]> {
  const d = (await demo.figure(figure).locator(`g.${className} path`).getAttribute("d")) ?? "";
  return [...d.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** How far the input end of the measured line sits above its top end, in pixels. */
async function rise(demo: DemoPage): Promise<number> {
  const pts = await vertices(demo, "grad", "gradflow-measured");
  return pts[pts.length - 1][1] - pts[0][1];
}

async function expectReadouts(demo: DemoPage, state: GradientFlowState) {
  const texts = readouts(state);
  for (const key of ["chi", "grad", "clip"] as const) await expect(demo.readout(key)).toHaveText(texts[key]);
}

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, GRADFLOW, {
    figures: ["grad", "weights"],
    maxSvgBytes: 12_000,
    shows: {
      readouts: { chi: ["≈ 0.5（第 30 层；各层相同）", "√χ = 0.707"], grad: "平均场预测 3.1×10⁻⁵", clip: "未开裁剪" },
      figures: { grad: "10⁻⁴", weights: "全局范数" },
    },
    check: async (demo) => {
      await expectReadouts(demo, DEFAULTS);
      expect(await vertices(demo, "grad", "gradflow-measured")).toHaveLength(31);
      expect(await vertices(demo, "grad", "gradflow-meanfield")).toHaveLength(31);
      expect(await vertices(demo, "weights", "gradflow-w")).toHaveLength(30);
      await expect(demo.figure("grad").locator("g.gradflow-clipped")).toHaveCount(0);
    },
  }));

test("activation: sigmoid vanishes much faster than ReLU, tanh at v = 1 much slower", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DL01);
  await demo.settled();
  expect(await rise(demo)).toBeLessThan(0); // the input end is lower: vanishing
  await expect(demo.figure("grad")).toContainText("10⁻⁴");
  await demo.select("act").selectOption("sigmoid");
  await expect(demo.readout("chi")).toContainText("≈ 0.0557（第 30 层；各层 0.0448–0.0557）");
  await expectReadouts(demo, { ...DEFAULTS, act: "sigmoid" });
  // The log axis now reaches down to 10⁻¹⁶: the gradient at the input is ~10⁻¹⁹.
  await expect(demo.figure("grad")).toContainText("10⁻¹⁶");
  await expect(page).toHaveURL(/[?&]gradflow\.act=sigmoid(&|$)/);
  await demo.select("act").selectOption("tanh");
  await expect(demo.readout("chi")).toContainText("≈ 0.967");
  // ‖g_0‖ ≈ 0.25: the axis no longer needs decades below 0.1.
  await expect(demo.figure("grad")).not.toContainText("10⁻");
  await expect(demo.figure("grad")).toContainText("0.1");
});

test("depth: one vertex per layer, 2 to 50", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DL01);
  await demo.press("L", "End");
  await expect(demo.output("L")).toHaveText("50");
  await expectReadouts(demo, { ...DEFAULTS, L: 50 });
  await expect.poll(async () => (await vertices(demo, "grad", "gradflow-measured")).length).toBe(51);
  await expect.poll(async () => (await vertices(demo, "weights", "gradflow-w")).length).toBe(50);
  await demo.press("L", "Home");
  await expect(demo.output("L")).toHaveText("2");
  await expect(demo.readout("grad")).toContainText("‖g_0‖/‖g_2‖");
  await expect.poll(async () => (await vertices(demo, "grad", "gradflow-meanfield")).length).toBe(3);
});

test("weight scale: ReLU turns critical at v = 2 and explodes at v = 6", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DL01);
  await demo.settled();
  const before = await rise(demo);
  await demo.input("v").focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowRight");
  await expect(demo.output("v")).toHaveText("2");
  await expect(demo.readout("chi")).toContainText("≈ 1（第 30 层；各层相同）：χ ≈ 1，临界");
  await expect(demo.readout("grad")).toContainText("平均场预测 1");
  await expect.poll(() => rise(demo)).toBeGreaterThan(before);
  // The mean-field line is flat at 1.
  await expect
    .poll(async () => {
      const pts = await vertices(demo, "grad", "gradflow-meanfield");
      return Math.abs(pts[0][1] - pts[pts.length - 1][1]);
    })
    .toBeLessThan(0.5);
  await demo.press("v", "End");
  await expect(demo.output("v")).toHaveText("6");
  await expectReadouts(demo, { ...DEFAULTS, v: 6 });
  await expect(demo.readout("chi")).toContainText("≈ 3（第 30 层；各层相同）：χ 大于 1，混沌相");
  await expect.poll(() => rise(demo)).toBeGreaterThan(0); // the input end is now above the top
  await demo.press("v", "Home");
  await expect(demo.output("v")).toHaveText("0.1");
  await expect(demo.readout("chi")).toContainText("≈ 0.05（");
  await expect(page).toHaveURL(/[?&]gradflow\.v=0\.1(&|$)/);
});

test("another seed redraws the measurement; the mean-field prediction stays", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DL01);
  await demo.settled();
  const measured = await demo.figure("grad").locator("g.gradflow-measured path").getAttribute("d");
  await demo.press("seed", "End");
  await expect(demo.output("seed")).toHaveText("50");
  await expectReadouts(demo, { ...DEFAULTS, seed: 50 });
  await expect.poll(() => demo.figure("grad").locator("g.gradflow-measured path").getAttribute("d")).not.toBe(measured);
  // χ and the prediction do not depend on the draw (the axis may rescale, so compare the numbers).
  await expect(demo.readout("chi")).toHaveText(readouts(DEFAULTS).chi);
  await expect(demo.readout("grad")).toContainText("种子 50）");
  await expect(demo.readout("grad")).toContainText("平均场预测 3.1×10⁻⁵");
});

test("clipping: nothing to clip while vanishing; an exploding net is scaled down with the same slope", async ({
  page,
}) => {
  const demo = demoPage(page, NS);
  await page.goto(DL01);
  await demo.select("clip").selectOption("on");
  await expect(demo.readout("clip")).toContainText("不超过 c = 1，不裁剪：裁剪只缩小、不放大");
  await expect(demo.figure("weights")).toContainText("阈值 c = 1");
  await expect(demo.figure("grad").locator("g.gradflow-clipped")).toHaveCount(0);

  await page.goto(`${DL01}?gradflow.v=3&gradflow.clip=on`);
  const state = { ...DEFAULTS, v: 3, clip: "on" as const };
  await expectReadouts(demo, state);
  await expect(demo.readout("clip")).toContainText("超过 c = 1，所有梯度整体乘");
  await expect(demo.figure("grad").locator("g.gradflow-clipped path")).toHaveCount(1);
  const gap = async () => {
    const raw = await vertices(demo, "grad", "gradflow-measured");
    const clipped = await vertices(demo, "grad", "gradflow-clipped");
    return raw.map(([, y], i) => clipped[i][1] - y);
  };
  // On a log axis a common factor is a constant vertical shift: the same at every layer.
  await expect.poll(async () => Math.max(...(await gap())) - Math.min(...(await gap()))).toBeLessThan(0.5);
  const shift = (await gap())[0];
  expect(shift).toBeGreaterThan(0);

  await demo.press("c", "End");
  await expect(demo.output("c")).toHaveText("100");
  await expectReadouts(demo, { ...state, c: 100 });
  await expect.poll(async () => (await gap())[0]).toBeLessThan(shift); // a higher threshold clips less
  expect(analyse({ ...state, c: 100 }).clip).toBeLessThan(1);
  await demo.press("c", "Home");
  await expect(demo.output("c")).toHaveText("0.01");
  await expect(demo.readout("clip")).toContainText("超过 c = 0.01");
  await expect.poll(async () => (await gap())[0]).toBeGreaterThan(shift);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, GRADFLOW, {
    params: { act: "tanh", L: "50", v: "4", clip: "on", c: "10", seed: "9" },
    shows: { selects: { act: "tanh", clip: "on" }, outputs: { L: "50", v: "4", c: "10", seed: "9" } },
    check: (demo) => expectReadouts(demo, { act: "tanh", L: 50, v: 4, clip: "on", c: 10, seed: 9 }),
    afterRedraw: async (demo) => {
      await expect.poll(async () => (await vertices(demo, "grad", "gradflow-clipped")).length).toBe(51);
    },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, GRADFLOW, {
    garbage: { act: "gelu", L: "51", v: "-1", c: "abc" },
    defaults: { selects: { act: "relu" }, outputs: { L: "30", v: "1" } },
    check: (demo) => expectReadouts(demo, DEFAULTS),
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, GRADFLOW, {
    params: { act: "sigmoid", v: "2.5", clip: "on" },
    before: { selects: { act: "sigmoid", clip: "on" }, outputs: { v: "2.5" } },
    defaults: { selects: { act: "relu", clip: "off" }, outputs: { v: "1" } },
    check: (demo) => expectReadouts(demo, DEFAULTS),
  }));

for (const scheme of SCHEMES) {
  test(`axe: DL-01 with the demo (${scheme})`, ({ page }) =>
    axeClean(page, GRADFLOW, scheme, { params: { v: "3", clip: "on" } }));
}
