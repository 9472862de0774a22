/** The batchnorm-noise demo (NRM-03) as a reader uses it: batch size, momentum, steps, seed. */
import { expect, test } from "@playwright/test";
import { analyse, BATCH_GRID, type BnState, params, readouts } from "../../components/demos/batchnorm-noise/model";
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

const NRM03 = "/q/batchnorm-formula-pros-cons/";
const DEFAULTS: BnState = defaultState(params);
const NS = "bnoise";
const BNOISE: Demo = { url: NRM03, ns: NS };

async function vertices(demo: DemoPage, className: string): Promise<[number, number][]> {
  const d = (await demo.figure("modes").locator(`g.${className} path`).getAttribute("d")) ?? "";
  return [...d.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Spread (std) of a line's vertical positions over its last `tail` vertices, in SVG units. */
async function spread(demo: DemoPage, className: string, tail = 100): Promise<number> {
  const ys = (await vertices(demo, className)).slice(-tail).map(([, y]) => y);
  const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
  return Math.sqrt(ys.reduce((a, y) => a + (y - mean) ** 2, 0) / ys.length);
}

/** The dashed "current m" rule in the noise figure, as a share of the x axis from m = 2 to m = 256 (log₂). */
async function ruleShare(demo: DemoPage): Promise<number> {
  return demo.figure("noise").evaluate((figure) => {
    const x = Number(figure.querySelector("g.bn-here line")?.getAttribute("x1"));
    const dots = [...figure.querySelectorAll("g.bn-emp circle")].map((c) => Number(c.getAttribute("cx")));
    return (x - Math.min(...dots)) / (Math.max(...dots) - Math.min(...dots));
  });
}

async function expectReadouts(demo: DemoPage, state: BnState) {
  const texts = readouts(state);
  for (const key of ["noise", "running", "mismatch"] as const) {
    await expect(demo.readout(key)).toHaveText(texts[key]);
  }
}

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, BNOISE, {
    figures: ["noise", "modes"],
    maxSvgBytes: 40_000,
    check: async (demo) => {
      await expectReadouts(demo, DEFAULTS);
      // Three statistics per batch size on the grid, three rings at the current m.
      await expect(demo.figure("noise").locator("g.bn-emp circle")).toHaveCount(3 * BATCH_GRID.length);
      await expect(demo.figure("noise").locator("g.bn-emp-here circle")).toHaveCount(3);
      // Train mode: one value per step; eval mode: the initial running statistics plus one per step.
      expect(await vertices(demo, "bn-train")).toHaveLength(DEFAULTS.steps);
      expect(await vertices(demo, "bn-eval")).toHaveLength(DEFAULTS.steps + 1);
    },
  }));

test("a bigger batch moves the marker right and calms the train-mode output", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(NRM03);
  await expect.poll(() => ruleShare(demo)).toBeCloseTo(1 / 7, 2); // log₂ 4 between log₂ 2 and log₂ 256
  const calmBefore = await spread(demo, "bn-train");
  await demo.press("m", "End");
  await expect(demo.output("m")).toHaveText("256");
  await expect(page).toHaveURL(/[?&]bnoise\.m=256(&|$)/);
  const big = { ...DEFAULTS, m: 256 };
  await expectReadouts(demo, big);
  await expect.poll(() => ruleShare(demo)).toBeCloseTo(1, 2);
  await expect.poll(() => spread(demo, "bn-train")).toBeLessThan(calmBefore / 3);
  const a = analyse(big);
  expect(a.noise.probeStd).toBeLessThan(0.12);

  await demo.press("m", "Home");
  await expect(demo.output("m")).toHaveText("2");
  await expectReadouts(demo, { ...DEFAULTS, m: 2 });
  await expect(demo.readout("noise")).toContainText("总是 ±1");
  // With m = 2 the probe's train-mode output is exactly ±1 (up to ε): only two heights.
  await expect
    .poll(async () => new Set((await vertices(demo, "bn-train")).map(([, y]) => Math.round(y))).size)
    .toBeLessThanOrEqual(4);
});

test("momentum: small is slow and smooth, 1 copies every batch", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(NRM03);
  const smoothBefore = await spread(demo, "bn-eval");
  await demo.press("momentum", "End");
  await expect(demo.output("momentum")).toHaveText("1");
  await expect(page).toHaveURL(/[?&]bnoise\.momentum=1(&|$)/);
  await expectReadouts(demo, { ...DEFAULTS, momentum: 1 });
  await expect.poll(() => spread(demo, "bn-eval")).toBeGreaterThan(smoothBefore * 2);

  await demo.press("momentum", "Home");
  await expect(demo.output("momentum")).toHaveText("0.01");
  const slow = { ...DEFAULTS, momentum: 0.01 };
  await expectReadouts(demo, slow);
  expect(analyse(slow).running[30].evalOut).toBeGreaterThan(2.5); // still far from 1 after 30 steps
  await expect.poll(() => spread(demo, "bn-eval")).toBeLessThan(smoothBefore);
});

test("steps: the lines get one vertex per training step", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(NRM03);
  await demo.press("steps", "Home");
  await expect(demo.output("steps")).toHaveText("10");
  await expectReadouts(demo, { ...DEFAULTS, steps: 10 });
  await expect(demo.readout("running")).toContainText("训练 10 步后");
  await expect.poll(async () => (await vertices(demo, "bn-train")).length).toBe(10);
  await demo.press("steps", "End");
  await expect(demo.output("steps")).toHaveText("1000");
  await expectReadouts(demo, { ...DEFAULTS, steps: 1000 });
  await expect.poll(async () => (await vertices(demo, "bn-eval")).length).toBe(1001);
});

test("another seed draws other batches", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(NRM03);
  const before = await demo.figure("modes").locator("g.bn-train path").getAttribute("d");
  await demo.press("seed", "End");
  await expect(demo.output("seed")).toHaveText("50");
  await expectReadouts(demo, { ...DEFAULTS, seed: 50 });
  await expect.poll(() => demo.figure("modes").locator("g.bn-train path").getAttribute("d")).not.toBe(before);
});

test("a shared link restores the settings (an off-grid m adds its own column)", ({ page }) =>
  sharedLinkRestores(page, BNOISE, {
    params: { m: "5", momentum: "0.3", steps: "50", seed: "3" },
    shows: { outputs: { m: "5", momentum: "0.3", steps: "50" } },
    check: async (demo) => {
      await expectReadouts(demo, { m: 5, momentum: 0.3, steps: 50, seed: 3 });
      await expect(demo.figure("noise").locator("g.bn-emp circle")).toHaveCount(3 * (BATCH_GRID.length + 1));
      await expect.poll(async () => (await vertices(demo, "bn-train")).length).toBe(50);
    },
    redraw: false,
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, BNOISE, {
    garbage: { m: "1", momentum: "fast", steps: "99999" },
    defaults: { outputs: { m: "4" } },
    check: (demo) => expectReadouts(demo, DEFAULTS),
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, BNOISE, {
    params: { m: "64", steps: "20" },
    before: { outputs: { m: "64" } },
    defaults: { outputs: { m: "4" } },
    check: (demo) => expectReadouts(demo, DEFAULTS),
  }));

for (const scheme of SCHEMES) {
  test(`axe: NRM-03 with the demo (${scheme})`, ({ page }) => axeClean(page, BNOISE, scheme, { wait: "networkidle" }));
}
