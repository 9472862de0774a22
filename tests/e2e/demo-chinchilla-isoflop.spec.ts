/** The Chinchilla iso-FLOP demo (LLM-10) as a reader uses it. */
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

const LLM10 = "/q/params-vs-data-scaling-laws/";
const NS = "chin";
const CHIN: Demo = { url: LLM10, ns: NS };

const UNITS: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12, P: 1e15 };
/** "32.2B" → 3.22e10. */
const parseCount = (s: string) => Number(s.slice(0, -1)) * UNITS[s.slice(-1)];
const optimumOf = async (demo: DemoPage) => {
  const t = (await demo.readout("optimum").textContent()) ?? "";
  const m = /N_opt ≈ ([\d.]+[KMBTP])，D_opt ≈ ([\d.]+[KMBTP])，D\/N ≈ ([\d.]+) token\/参数，最低 loss ([\d.]+)/.exec(t);
  if (!m) throw new Error(`no optimum in ${t}`);
  return { N: parseCount(m[1]), D: parseCount(m[2]), ratio: Number(m[3]), L: Number(m[4]) };
};
const probeLoss = async (demo: DemoPage) => {
  const t = (await demo.readout("probe").textContent()) ?? "";
  return Number(/loss ([\d.]+)/.exec(t)?.[1]);
};
/** A circle's centre in SVG units (y grows downwards). */
const at = (demo: DemoPage, figure: string, selector: string) =>
  demo
    .figure(figure)
    .locator(selector)
    .first()
    .evaluate((c) => [Number(c.getAttribute("cx")), Number(c.getAttribute("cy"))]);
const optDot = (demo: DemoPage) => at(demo, "isoflop", "g.chin-opt circle");
const probeDot = (demo: DemoPage) => at(demo, "isoflop", "g.chin-probe circle");
const nowDot = (demo: DemoPage) => at(demo, "frontier", "g.chin-now circle");

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, CHIN, {
    figures: ["isoflop", "frontier"],
    maxSvgBytes: 10_000,
    shows: {
      outputs: { C: "5.76×10²³", N: "7×10¹⁰" },
      readouts: {
        optimum:
          "附录 D.2 舍入常数，C = 5.76×10²³：N_opt ≈ 32.2B，D_opt ≈ 2.98T，D/N ≈ 92.6 token/参数，最低 loss 1.9307。",
        probe: "N = 70B（比最优点大）：D = C/(6N) ≈ 1.37T，D/N ≈ 19.6，loss 1.9376，比最优点高 0.0068",
        trend: "N_opt ∝ C^0.452，D_opt ∝ C^0.548（b > a，D/N 随算力上升）",
      },
      figures: {
        isoflop: ["最优 32.2B", "C÷10", "C×10", "参数量 N（D = C/6N）"],
        frontier: ["N_opt 32.2B", "D_opt 2.98T", "训练算力 C（FLOPs）"],
      },
    },
    check: async (demo) => {
      await expect(demo.figure("isoflop").locator("g.chin-neighbour path")).toHaveCount(2);
      await expect(demo.figure("frontier").locator("g.chin-now circle")).toHaveCount(2);
    },
  }));

test("more compute moves the optimum to larger N and D, fewer to smaller", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(LLM10);
  await demo.settled();
  const before = await optimumOf(demo);
  const [cx0] = await nowDot(demo);
  const [ox0] = await optDot(demo);
  await demo.press("C", "ArrowRight");
  await expect.poll(async () => (await optimumOf(demo)).N).toBeGreaterThan(before.N);
  const step = await optimumOf(demo);
  expect(step.D).toBeGreaterThan(before.D);
  expect(step.L).toBeLessThan(before.L);
  await demo.press("C", "End");
  await expect(demo.output("C")).toHaveText("1×10²⁶");
  await expect(demo.readout("optimum")).toContainText("N_opt ≈ 330B，D_opt ≈ 50.4T，D/N ≈ 153 token/参数");
  await expect(demo.figure("frontier")).toContainText("N_opt 330B");
  await expect.poll(async () => (await nowDot(demo))[0]).toBeGreaterThan(cx0);
  await expect.poll(async () => (await optDot(demo))[0]).toBeGreaterThan(ox0);
  await expect(page).toHaveURL(/[?&]chin\.C=1e26(&|$)/);
  await demo.press("C", "Home");
  await expect(demo.output("C")).toHaveText("1×10¹⁹");
  await expect(demo.readout("optimum")).toContainText("N_opt ≈ 228M，D_opt ≈ 7.31B，D/N ≈ 32.1 token/参数");
  await expect.poll(async () => (await nowDot(demo))[0]).toBeLessThan(cx0);
  await expect.poll(async () => (await optDot(demo))[0]).toBeLessThan(ox0);
  // The probe (70B) is now far too large for the budget: far above the valley's floor.
  await expect(demo.readout("probe")).toContainText("（比最优点大）");
  await expect(demo.readout("probe")).toContainText("相当于用了所需算力的");
});

test("switching constant sets moves tokens per parameter from ~93 to ~18, and reverses its trend", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(LLM10);
  await demo.settled();
  const frontier = await demo.svgOf("frontier");
  const [ox0] = await optDot(demo);
  expect((await optimumOf(demo)).ratio).toBeCloseTo(92.6, 1);
  await demo.select("fit").selectOption("refit");
  await expect(demo.readout("optimum")).toContainText(
    "Besiroglu 重拟合，C = 5.76×10²³：N_opt ≈ 72.2B，D_opt ≈ 1.33T，D/N ≈ 18.4 token/参数",
  );
  await expect(demo.readout("trend")).toContainText("b < a，D/N 随算力略降");
  await expect(demo.readout("probe")).toContainText("几乎就在最优点上");
  await expect.poll(() => demo.svgOf("frontier")).not.toBe(frontier);
  await expect.poll(async () => (await optDot(demo))[0]).toBeGreaterThan(ox0); // 32B → 72B
  await expect(page).toHaveURL(/chin\.fit=refit/);
  // With the refit, more compute lowers the ratio a little; with the rounded set it rises.
  await demo.press("C", "End");
  await expect(demo.readout("optimum")).toContainText("D/N ≈ 16.1 token/参数");
  await demo.select("fit").selectOption("rounded");
  await expect(demo.readout("optimum")).toContainText("D/N ≈ 153 token/参数");
});

test("moving the probe away from the optimum raises its loss, on both sides", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(LLM10);
  await demo.settled();
  const frontier = await demo.svgOf("frontier");
  const l0 = await probeLoss(demo);
  const [px0, py0] = await probeDot(demo);
  // Default 70B is above the rounded optimum (32B): stepping down goes towards it.
  await demo.press("N", "ArrowLeft");
  await expect.poll(() => probeLoss(demo)).toBeLessThan(l0);
  await expect.poll(async () => (await probeDot(demo))[0]).toBeLessThan(px0);
  await demo.press("N", "End");
  await expect(demo.output("N")).toHaveText("1×10¹³");
  await expect(demo.readout("probe")).toContainText("N = 10T（比最优点大）");
  await expect.poll(() => probeLoss(demo)).toBeGreaterThan(l0);
  await demo.press("N", "Home");
  await expect(demo.output("N")).toHaveText("1×10⁸");
  await expect(demo.readout("probe")).toContainText("N = 100M（比最优点小）：D = C/(6N) ≈ 960T");
  await expect.poll(() => probeLoss(demo)).toBeGreaterThan(l0);
  const [, pyLow] = await probeDot(demo);
  expect(pyLow).toBeLessThan(py0); // higher loss is higher on the chart
  // The optimum itself does not depend on the probe, and the frontier figure is not redrawn.
  await expect(demo.readout("optimum")).toContainText("N_opt ≈ 32.2B");
  expect(await demo.svgOf("frontier")).toBe(frontier);
  await expect(page).toHaveURL(/chin\.N=100000000(&|$)/);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, CHIN, {
    params: { C: "1e21", fit: "refit", N: "1e9" },
    shows: {
      outputs: { C: "1×10²¹" },
      selects: { fit: "refit" },
      readouts: {
        optimum: "Besiroglu 重拟合，C = 1×10²¹：N_opt ≈ 2.78B，D_opt ≈ 60B，D/N ≈ 21.6 token/参数，最低 loss 2.3055。",
        probe:
          "N = 1B（比最优点小）：D = C/(6N) ≈ 167B，D/N ≈ 167，loss 2.3381，比最优点高 0.0326，相当于多花 44% 的算力",
      },
    },
    afterRedraw: async (demo) => {
      await expect(demo.figure("isoflop")).toContainText("最优 2.78B");
      await expect(demo.figure("frontier")).toContainText("D_opt 60B");
    },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, CHIN, {
    garbage: { C: "1e30", fit: "kaplan", N: "abc" },
    defaults: {
      outputs: { C: "5.76×10²³", N: "7×10¹⁰" },
      selects: { fit: "rounded" },
      readouts: { optimum: "N_opt ≈ 32.2B" },
    },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, CHIN, {
    params: { C: "1e25", fit: "refit" },
    before: { outputs: { C: "1×10²⁵" }, selects: { fit: "refit" }, readouts: { optimum: "Besiroglu 重拟合" } },
    defaults: { outputs: { C: "5.76×10²³" }, selects: { fit: "rounded" }, readouts: { optimum: "N_opt ≈ 32.2B" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: LLM-10 with the demo (${scheme})`, ({ page }) =>
    axeClean(page, CHIN, scheme, { params: { fit: "refit", N: "1e9" } }));
}
