/** The threshold-metrics demo (EVAL-01) as a reader uses it. */
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

const EVAL01 = "/q/evaluation-metrics/";
const NS = "thr";
const THR: Demo = { url: EVAL01, ns: NS };

/** A number from a read-out, by the label before it; throws when absent (e.g. "precision 无定义"). */
const readNumber = async (demo: DemoPage, key: string, label: string) => {
  const text = (await demo.readout(key).textContent()) ?? "";
  const match = new RegExp(`${label} ?(\\d+\\.\\d+)`).exec(text);
  if (!match) throw new Error(`no number after “${label}” in “${text}”`);
  return Number(match[1]);
};
const precision = (demo: DemoPage) => readNumber(demo, "pr", "precision");
const recall = (demo: DemoPage) => readNumber(demo, "pr", "recall（TPR）");
const fpr = (demo: DemoPage) => readNumber(demo, "rates", "FPR");
/** The operating point on the ROC chart, in SVG units (y grows downwards). */
const rocPoint = (demo: DemoPage) =>
  demo
    .figure("roc")
    .locator("g.thr-roc-now circle")
    .evaluate((c) => [Number(c.getAttribute("cx")), Number(c.getAttribute("cy"))]);
/** The ROC chart's (0, 0): the left end of the lowest grid line. */
const rocOrigin = (demo: DemoPage) =>
  demo
    .figure("roc")
    .locator("g.thr-roc path")
    .evaluate(
      (p) =>
        (p.getAttribute("d") ?? "")
          .match(/^M([\d.]+),([\d.]+)/)
          ?.slice(1)
          .map(Number) ?? [],
    );

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, THR, {
    figures: ["scores", "roc", "pr"],
    maxSvgBytes: 10_000,
    shows: {
      readoutTexts: {
        matrix: "正例 200、负例 800，阈值 t = 0.5：TP 136，FP 136，FN 64，TN 664",
        pr: "precision 0.500，recall（TPR）0.680，F1 0.576",
        rates: "FPR 0.170；accuracy 0.800，而全部判负的 accuracy 就有 0.800",
        auc: "ROC-AUC 0.848（与正例占比无关）；PR-AUC（average precision）0.599，随机排序约为 0.20",
      },
      figures: {
        scores: ["t = 0.5，右侧判为正", "得分"],
        roc: ["AUC = 0.848", "FPR（假阳性率）"],
        pr: ["AP = 0.599", "precision"],
      },
    },
    check: async (demo) => {
      await expect(demo.figure("roc").locator("g.thr-roc-now circle")).toHaveCount(1);
      await expect(demo.figure("pr").locator("g.thr-pr-now circle")).toHaveCount(1);
    },
  }));

test("raising the threshold: precision up, recall and FPR down, the ROC point towards (0, 0)", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(EVAL01);
  await demo.settled();
  const p0 = await precision(demo);
  const r0 = await recall(demo);
  const f0 = await fpr(demo);
  const [x0, y0] = await rocPoint(demo);
  const before = { scores: await demo.svgOf("scores"), pr: await demo.svgOf("pr") };
  await demo.input("t").fill("1.5");
  await expect(demo.output("t")).toHaveText("1.5");
  await expect(demo.readout("matrix")).toContainText("阈值 t = 1.5：TP 56，FP 36，FN 144，TN 764");
  await expect.poll(() => precision(demo)).toBeGreaterThan(p0);
  expect(await recall(demo)).toBeLessThan(r0);
  expect(await fpr(demo)).toBeLessThan(f0);
  await expect.poll(async () => (await rocPoint(demo))[0]).toBeLessThan(x0);
  expect((await rocPoint(demo))[1]).toBeGreaterThan(y0); // lower on the chart
  await expect(demo.figure("scores")).toContainText("t = 1.5，右侧判为正");
  expect(await demo.svgOf("scores")).not.toBe(before.scores);
  expect(await demo.svgOf("pr")).not.toBe(before.pr);
  await expect(page).toHaveURL(/[?&]thr\.t=1\.5(&|$)/);

  // Above every score nothing is predicted positive: precision is 0/0, said so, and not plotted.
  await demo.press("t", "End");
  await expect(demo.output("t")).toHaveText("5");
  await expect(demo.readout("pr")).toHaveText(
    "precision 无定义（没有样本被判为正，TP + FP = 0）；recall（TPR）0.000，F1 0.000",
  );
  await expect(demo.readout("matrix")).toContainText("TP 0，FP 0，FN 200，TN 800");
  await expect(demo.figure("pr")).toContainText("precision 无定义");
  await expect(demo.figure("pr").locator("g.thr-pr-now circle")).toHaveCount(0);
  await expect.poll(() => rocPoint(demo)).toEqual(await rocOrigin(demo));

  // Below every score everything is positive: recall 1, precision the positive share.
  await demo.press("t", "Home");
  await expect(demo.output("t")).toHaveText("-3");
  await expect(demo.readout("pr")).toHaveText("precision 0.201，recall（TPR）1.000，F1 0.334");
  await expect(demo.readout("rates")).toContainText("FPR 0.995；accuracy 0.204");
});

test("more imbalance: precision and the PR curve fall, TPR, FPR and the ROC curve stay", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(EVAL01);
  await demo.settled();
  const roc = await demo.svgOf("roc");
  const r0 = await recall(demo);
  const f0 = await fpr(demo);
  let p = await precision(demo);
  let pr = await demo.svgOf("pr");
  for (const share of ["10", "5", "2", "1"]) {
    await demo.select("share").selectOption(share);
    await expect.poll(() => precision(demo)).toBeLessThan(p);
    p = await precision(demo);
    await expect.poll(() => demo.svgOf("pr")).not.toBe(pr);
    pr = await demo.svgOf("pr");
    expect(await recall(demo)).toBe(r0);
    expect(await fpr(demo)).toBe(f0);
    await expect(demo.readout("auc")).toContainText("ROC-AUC 0.848（与正例占比无关）");
  }
  await expect(demo.readout("matrix")).toContainText("正例 200、负例 19800，阈值 t = 0.5：TP 136，FP 3366");
  await expect(demo.readout("pr")).toHaveText("precision 0.039，recall（TPR）0.680，F1 0.073");
  // Accuracy is misleading: better than the classifier's by predicting nothing positive.
  await expect(demo.readout("rates")).toHaveText("FPR 0.170；accuracy 0.829，而全部判负的 accuracy 就有 0.990");
  await expect(demo.figure("pr")).toContainText("AP = 0.178");
  // The ROC figure was not even redrawn: it does not depend on the class ratio.
  expect(await demo.svgOf("roc")).toBe(roc);
  await demo.select("share").selectOption("50");
  await expect(demo.readout("pr")).toContainText("precision 0.800");
  await expect(page).toHaveURL(/[?&]thr\.share=50(&|$)/);
});

test("class separation: AUC from ~0.5 (d′ = 0) to ~1 (d′ = 4)", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(EVAL01);
  await demo.settled();
  const roc = await demo.svgOf("roc");
  await demo.press("d", "End");
  await expect(demo.output("d")).toHaveText("4");
  await expect(demo.readout("auc")).toContainText("ROC-AUC 0.997");
  await expect(demo.readout("pr")).toHaveText("precision 0.595，recall（TPR）1.000，F1 0.746");
  await expect(demo.figure("roc")).toContainText("AUC = 0.997");
  await expect.poll(() => demo.svgOf("roc")).not.toBe(roc);
  // The negatives did not move: same FPR at the same threshold.
  expect(await fpr(demo)).toBe(0.17);
  await demo.press("d", "Home");
  await expect(demo.output("d")).toHaveText("0");
  await expect(demo.readout("auc")).toContainText("ROC-AUC 0.499");
  await expect(demo.figure("roc")).toContainText("AUC = 0.499");
  await expect(page).toHaveURL(/[?&]thr\.d=0(&|$)/);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, THR, {
    params: { t: "1", d: "2.5", share: "5" },
    shows: {
      outputs: { t: "1", d: "2.5" },
      selects: { share: "5" },
      readoutTexts: {
        matrix: "正例 200、负例 3800，阈值 t = 1：TP 164，FP 285，FN 36，TN 3515",
        pr: "precision 0.365，recall（TPR）0.820，F1 0.505",
        rates: "FPR 0.075；accuracy 0.920，而全部判负的 accuracy 就有 0.950",
        auc: "ROC-AUC 0.955（与正例占比无关）；PR-AUC（average precision）0.698，随机排序约为 0.05",
      },
    },
    afterRedraw: async (demo) => {
      await expect(demo.figure("roc")).toContainText("AUC = 0.955");
      await expect(demo.figure("pr")).toContainText("AP = 0.698");
      await expect(demo.figure("scores")).toContainText("t = 1，右侧判为正");
    },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, THR, {
    garbage: { t: "9", d: "abc", share: "3" },
    defaults: {
      outputs: { t: "0.5", d: "1.5" },
      selects: { share: "20" },
      readouts: { pr: "precision 0.500" },
    },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, THR, {
    params: { t: "2", share: "1" },
    before: {
      outputs: { t: "2" },
      selects: { share: "1" },
      readouts: { matrix: "TP 27，FP 99，FN 173，TN 19701" },
    },
    defaults: { outputs: { t: "0.5" }, selects: { share: "20" }, readouts: { pr: "precision 0.500" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: EVAL-01 with the demo (${scheme})`, ({ page }) =>
    axeClean(page, THR, scheme, { params: { t: "5", share: "1" } }));
}
