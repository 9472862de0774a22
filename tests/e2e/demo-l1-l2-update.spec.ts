/** The L1 vs L2 update-rule demo (DL-05) as a reader uses it. */
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

const DL05 = "/q/l1-vs-l2-regularization/";
const NS = "reg";
const REG: Demo = { url: DL05, ns: NS };

/** The proximal rule's exact-zero count, as the read-out states it. */
async function proxZeros(demo: DemoPage): Promise<number> {
  const text = (await demo.readout("zeros").textContent()) ?? "";
  const match = /L1 proximal (\d+)，/.exec(text);
  if (!match) throw new Error(`no proximal count in: ${text}`);
  return Number(match[1]);
}

/** The 2-D figure's start point, a fixed model constant (START2): with the origin it gives the scale. */
const START: [number, number] = [-0.5, 1.6];

/**
 * Centre of a dot mark (by class) in the 2-D plane figure, in data units: the origin is where the two
 * axis rules cross and the start dot sits at START. The browser redraws the first frame at the real
 * width, so drawn positions are compared in data units, not SVG units.
 */
async function dotAt(demo: DemoPage, className: string): Promise<[number, number]> {
  return demo.figure("plane").evaluate(
    (figure, [cls, start]) => {
      const num = (sel: string, attr: string) => Number(figure.querySelector(sel)?.getAttribute(attr));
      const ox = num("g.reg-axis-w1 line", "x1");
      const oy = num("g.reg-axis-w2 line", "y1");
      const unit = (ox - num("g.reg-start circle", "cx")) / -start[0];
      const cx = num(`g.${cls} circle`, "cx");
      const cy = num(`g.${cls} circle`, "cy");
      return [(cx - ox) / unit, (oy - cy) / unit] as [number, number];
    },
    [className, START] as const,
  );
}

/** Distance from the L2 path's drawn end point to the origin, in data units. */
async function l2EndToOrigin(demo: DemoPage): Promise<number> {
  const [x, y] = await dotAt(demo, "reg-end-l2");
  return Math.hypot(x, y);
}

/**
 * How far the subgradient weights still swing over the last third of the run: the largest vertical
 * spread, over the 8 paths in the upper figure's subgradient panel, of the vertices drawn there. In the
 * zoomed view the panel’s y scale is fixed (±0.25 in a fixed height), so SVG units compare directly.
 */
async function subJitter(demo: DemoPage): Promise<number> {
  return demo
    .figure("paths")
    .locator("g.reg-paths-sub path")
    .evaluateAll((paths) =>
      Math.max(
        ...paths.map((path) => {
          const pts = [...(path.getAttribute("d") ?? "").matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => [
            Number(m[1]),
            Number(m[2]),
          ]);
          const x0 = pts[0][0];
          const x1 = pts[pts.length - 1][0];
          const ys = pts.filter(([x]) => x >= x0 + (2 / 3) * (x1 - x0)).map(([, y]) => y);
          return Math.max(...ys) - Math.min(...ys);
        }),
      ),
    );
}

/** All text drawn in the upper figure (tick labels and panel titles). */
const pathsText = (demo: DemoPage) =>
  demo
    .figure("paths")
    .locator("svg text")
    .evaluateAll((els) => els.map((el) => el.textContent ?? ""));

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, REG, {
    figures: ["paths", "plane"],
    maxSvgBytes: 40_000,
    shows: {
      readouts: {
        zeros: "60 步后 8 个权重中恰为 0 的个数：L1 次梯度 0，L1 proximal 4，L2 0",
        plane: "proximal (0.643, 0)",
      },
      figures: { paths: "L1 proximal · 恰为 0：4/8" },
    },
  }));

test("raising λ zeroes more weights under the proximal step and pulls the L2 end point toward 0", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DL05);
  const zerosBefore = await proxZeros(demo);
  const distBefore = await l2EndToOrigin(demo);
  expect(zerosBefore).toBe(4);

  await demo.press("lambda", "End"); // λ = 2
  await expect(demo.output("lambda")).toHaveText("2");
  await expect(page).toHaveURL(/[?&]reg\.lambda=2(&|$)/);
  await expect(demo.readout("zeros")).toContainText("L1 proximal 8，");
  await expect(demo.readout("plane")).toContainText("最优解 L1 (0, 0)（在原点）");
  await expect(demo.figure("paths")).toContainText("L1 proximal · 恰为 0：8/8");
  // The subgradient and L2 rules still end with no weight exactly 0.
  await expect(demo.readout("zeros")).toContainText("L1 次梯度 0，");
  await expect(demo.readout("zeros")).toContainText("L2 0（");
  await expect.poll(() => l2EndToOrigin(demo)).toBeLessThan(distBefore * 0.6);

  await demo.press("lambda", "Home"); // λ = 0: no penalty, all three rules are plain gradient descent
  await expect(demo.output("lambda")).toHaveText("0");
  await expect(demo.readout("zeros")).toContainText("L1 proximal 0，");
  await expect(demo.readout("plane")).toContainText("（不在坐标轴上）");
  await expect.poll(() => l2EndToOrigin(demo)).toBeGreaterThan(distBefore * 1.3);
});

test("the learning rate sets the subgradient jitter and how far the paths get", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(`${DL05}?reg.view=zoom`);
  await demo.rendered();
  const jitterBefore = await subJitter(demo);
  expect(jitterBefore).toBeGreaterThan(0);
  const [sx, sy] = await dotAt(demo, "reg-start");
  const [ex, ey] = await dotAt(demo, "reg-end-l2");
  const travelBefore = Math.hypot(ex - sx, ey - sy);

  await demo.press("eta", "End"); // η = 0.3
  await expect(demo.output("eta")).toHaveText("0.3");
  await expect(demo.readout("zeros")).toContainText("ηλ = 0.15");
  await expect.poll(() => subJitter(demo)).toBeGreaterThan(jitterBefore * 2);

  await demo.press("eta", "Home"); // η = 0.01: 60 steps are too few to reach the optimum
  await expect(demo.output("eta")).toHaveText("0.01");
  await expect(demo.readout("zeros")).toContainText("L1 proximal 0，");
  await expect
    .poll(async () => {
      const [x, y] = await dotAt(demo, "reg-end-l2");
      return Math.hypot(x - sx, y - sy);
    })
    .toBeLessThan(travelBefore * 0.75);
});

test("more steps extend the paths and let a small learning rate reach the exact zeros", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(`${DL05}?reg.eta=0.01`);
  await expect(demo.readout("zeros")).toContainText("L1 proximal 0，");
  await demo.press("steps", "End");
  await expect(demo.output("steps")).toHaveText("300");
  await expect(demo.readout("zeros")).toContainText("300 步后");
  await expect(demo.readout("zeros")).toContainText("L1 proximal 4，");
  await expect.poll(() => pathsText(demo)).toContain("300"); // the step axis now runs to 300
  await demo.press("steps", "Home");
  await expect(demo.output("steps")).toHaveText("10");
  await expect(demo.readout("zeros")).toContainText("10 步后");
  await expect.poll(() => pathsText(demo)).toContain("10");
  expect(await pathsText(demo)).not.toContain("300");
});

test("zooming the upper figure on 0 rescales its y axis", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DL05);
  const ticks = () => pathsText(demo);
  expect(await ticks()).toContain("1.0");
  await demo.select("view").selectOption("zoom");
  await expect(page).toHaveURL(/[?&]reg\.view=zoom(&|$)/);
  await expect.poll(ticks).toContain("0.1");
  expect(await ticks()).not.toContain("1.0");
  // Exact zeros (filled end dots) are all still in view: 4 in the proximal panel.
  await expect(demo.figure("paths").locator("g.reg-zero-end circle")).toHaveCount(4);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, REG, {
    params: { lambda: "2", eta: "0.3", steps: "300", view: "zoom" },
    shows: {
      outputs: { lambda: "2", eta: "0.3", steps: "300" },
      selects: { view: "zoom" },
      readouts: { zeros: ["300 步后", "L1 proximal 8，", "ηλ = 0.6"] },
    },
    afterRedraw: (demo) => expect(demo.figure("paths")).toContainText("L1 proximal · 恰为 0：8/8"),
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, REG, {
    garbage: { lambda: "abc", steps: "7", view: "log" },
    defaults: { outputs: { lambda: "0.5", steps: "60" }, readouts: { zeros: "L1 proximal 4，" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, REG, {
    params: { lambda: "1.5", view: "zoom" },
    before: { outputs: { lambda: "1.5" } },
    defaults: { outputs: { lambda: "0.5" }, selects: { view: "full" }, readouts: { zeros: "L1 proximal 4，" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: DL-05 with the demo (${scheme})`, ({ page }) => axeClean(page, REG, scheme, { wait: "networkidle" }));
}
