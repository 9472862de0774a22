/** The distillation temperature demo (CMP-05) as a reader uses it. */
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

const CMP05 = "/q/knowledge-distillation/";
const NS = "kd";
const KD: Demo = { url: CMP05, ns: NS };

/** Bar heights in the distribution chart: teacher classes 1–6, then student classes 1–6. */
const barHeights = (demo: DemoPage) =>
  demo
    .figure("dists")
    .locator("g.kd-bar rect")
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute("height"))));
/** [cx, cy] of the current-T dots in a figure: (grad) without T², with T²; (mix) with T², without. */
const nowDots = (demo: DemoPage, key: string) =>
  demo
    .figure(key)
    .locator("g.kd-now circle")
    .evaluateAll((dots) => dots.map((d) => [Number(d.getAttribute("cx")), Number(d.getAttribute("cy"))]));

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, KD, {
    figures: ["dists", "grad", "mix"],
    maxSvgBytes: 18_000,
    shows: {
      readouts: {
        dist: "T = 4：教师 softmax(v/T) = [0.517, 0.190, 0.148, 0.070, 0.042, 0.033]",
        grad: ["软目标梯度 ‖(q − p)/T‖ = 0.0546，乘 T² 后 0.874", "硬目标梯度 ‖softmax(z) − y‖ = 0.538"],
        mix: "乘 T² 时软目标占 62%，不乘时占 9.2%",
      },
      figures: { dists: [".52", ".34"], grad: ["乘 T²", "硬目标 ‖q₁ − y‖", "高温近似"] },
    },
    check: async (demo) => {
      expect(await barHeights(demo)).toHaveLength(12);
    },
  }));

test("raising T flattens both distributions and shrinks the unscaled gradient; T² keeps it", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(CMP05);
  await demo.settled();
  const before = await barHeights(demo);
  const [[x0]] = await nowDots(demo, "grad");

  await demo.press("T", "Home");
  await expect(demo.output("T")).toHaveText("0.5");
  await expect(demo.readout("dist")).toContainText("T = 0.5：教师 softmax(v/T) = [1.000,");
  await expect(demo.readout("grad")).toContainText("‖(q − p)/T‖ = 0.760，乘 T² 后 0.190");
  await expect.poll(async () => (await barHeights(demo))[0]).toBeGreaterThan(before[0]);
  const [without, withT2] = await nowDots(demo, "grad");
  expect(without[0]).toBeLessThan(x0);
  expect(withT2[1]).toBeGreaterThan(without[1]); // below T = 1, T² makes it smaller

  await demo.press("T", "End");
  await expect(demo.output("T")).toHaveText("20");
  await expect(demo.readout("dist")).toContainText("T = 20：教师 softmax(v/T) = [0.225, 0.184");
  await expect(demo.readout("grad")).toContainText(
    "KL(p‖q) = 3.36e−3 nats；软目标梯度 ‖(q − p)/T‖ = 1.74e−3，乘 T² 后 0.698",
  );
  await expect(demo.readout("mix")).toContainText("乘 T² 时软目标占 56%，不乘时占 0.3%");
  await expect.poll(async () => (await barHeights(demo))[0]).toBeLessThan(before[0]);
  const [w, t2] = await nowDots(demo, "grad");
  expect(w[0]).toBeGreaterThan(x0);
  expect(t2[1]).toBeLessThan(w[1] - 100); // orders of magnitude apart on the log axis
  const [mixWith, mixWithout] = await nowDots(demo, "mix");
  expect(mixWith[1]).toBeLessThan(mixWithout[1]);
  await expect(page).toHaveURL(/[?&]kd\.T=20(&|$)/);
});

test("α moves the soft share between 0% and 100%; the other figures stay", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(CMP05);
  await demo.settled();
  const dists = await demo.svgOf("dists");
  const grad = await demo.svgOf("grad");
  const [[, yBefore]] = await nowDots(demo, "mix");

  await demo.press("alpha", "End");
  await expect(demo.output("alpha")).toHaveText("1");
  await expect(demo.readout("mix")).toHaveText(
    "α = 1：L = α·T²·KL + (1 − α)·CE = 1.42；按梯度范数，乘 T² 时软目标占 100%，不乘时占 100%",
  );
  await expect.poll(async () => (await nowDots(demo, "mix"))[0][1]).toBeLessThan(yBefore);

  await demo.press("alpha", "Home");
  await expect(demo.output("alpha")).toHaveText("0");
  await expect(demo.readout("mix")).toContainText("α = 0：L = α·T²·KL + (1 − α)·CE = 0.494；");
  await expect(demo.readout("mix")).toContainText("乘 T² 时软目标占 0%，不乘时占 0%");
  await expect.poll(async () => (await nowDots(demo, "mix"))[0][1]).toBeGreaterThan(yBefore);
  await page.keyboard.press("ArrowRight");
  await expect(demo.output("alpha")).toHaveText("0.05");
  await expect(page).toHaveURL(/[?&]kd\.alpha=0\.05(&|$)/);
  // The distributions and gradients do not depend on α and were not redrawn.
  expect(await demo.svgOf("dists")).toBe(dists);
  expect(await demo.svgOf("grad")).toBe(grad);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, KD, {
    params: { T: "1", alpha: "0.9" },
    shows: {
      outputs: { T: "1", alpha: "0.9" },
      readouts: {
        dist: "T = 1：教师 softmax(v/T) = [0.975, 0.018, 0.007, 3e−4",
        grad: "‖(q − p)/T‖ = 0.507，乘 T² 后 0.507",
      },
    },
    afterRedraw: async (demo) => {
      // At T = 1 the two gradients coincide.
      await expect
        .poll(async () => {
          const [a, b] = await nowDots(demo, "grad");
          return Math.abs(a[1] - b[1]);
        })
        .toBeLessThan(0.5);
    },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, KD, {
    garbage: { T: "0.1", alpha: "2" },
    defaults: { outputs: { T: "4", alpha: "0.5" }, readouts: { grad: "0.0546" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, KD, {
    params: { T: "20", alpha: "0.9" },
    before: { outputs: { T: "20", alpha: "0.9" } },
    defaults: { outputs: { T: "4", alpha: "0.5" }, readouts: { mix: "不乘时占 9.2%" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: CMP-05 with the demo (${scheme})`, ({ page }) => axeClean(page, KD, scheme, { params: { T: "8" } }));
}
