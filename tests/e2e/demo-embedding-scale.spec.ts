/** The ×√d_model demo (ARC-04) as a reader uses it. */
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

const ARC04 = "/q/embedding-scale-sqrt-dmodel/";
const NS = "emb";
const EMB: Demo = { url: ARC04, ns: NS };

/** Number of embedding-histogram bars drawn in each row (不乘, 乘 √d). */
const barCounts = (demo: DemoPage) =>
  demo
    .figure("hist")
    .locator("g.es-emb")
    .evaluateAll((groups) => groups.map((g) => g.querySelectorAll("rect").length));
/** The position-encoding curves' path data. */
const peCurves = (demo: DemoPage) =>
  demo
    .figure("hist")
    .locator("g.es-pe path")
    .evaluateAll((paths) => paths.map((p) => p.getAttribute("d")).join("|"));
/** x (SVG units) of the current-d dots in the share figure. */
const shareDots = (demo: DemoPage) =>
  demo
    .figure("share")
    .locator("g.es-now circle")
    .evaluateAll((dots) => dots.map((d) => Number(d.getAttribute("cx"))));

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, EMB, {
    figures: ["hist", "share"],
    maxSvgBytes: 40_000,
    shows: {
      readoutTexts: { share: "位置编码占输入能量 ‖x‖² 的比例：不乘 99.6%，乘 √d 33.3%" },
      readouts: { std: "embedding 元素标准差 0.044，乘 √d 后 1.00" },
      figures: { hist: "PE 占输入能量 33.3%" },
    },
  }));

test("×√d spreads the embedding entries to the scale of the position encoding", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC04);
  await demo.settled();
  const [plain, scaled] = await barCounts(demo);
  // Unscaled, N(0, 1/d) entries (std 0.044) fill a couple of bins; scaled (std 1) they span the window.
  expect(plain).toBeLessThanOrEqual(6);
  expect(scaled).toBeGreaterThan(40);
});

test("d_model moves the marker; with N(0, 1/d) and ×√d the share stays 1/3", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC04);
  await demo.settled();
  const before = await shareDots(demo);
  await demo.select("d").selectOption("4096");
  await expect(demo.readout("share")).toHaveText("位置编码占输入能量 ‖x‖² 的比例：不乘 100.0%，乘 √d 33.3%");
  await expect(demo.readout("norm")).toContainText("‖p‖ = √(d/2) = 45.3");
  await expect(page).toHaveURL(/[?&]emb\.d=4096(&|$)/);
  await expect.poll(async () => (await shareDots(demo))[0]).toBeGreaterThan(before[0]);
});

test("other initialisations tip the balance either way", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC04);
  await demo.settled();
  const init = demo.select("init");
  await init.selectOption("torch");
  await expect(demo.readout("share")).toContainText("乘 √d 0.1%");
  await expect(demo.readout("std")).toContainText("乘 √d 后 22.6");
  await expect(demo.figure("hist")).toContainText("落在 ±3 之外");
  // Most N(0, 22.6²) entries fall outside the window: few bars with tiny heights remain in the lower row.
  await expect.poll(async () => (await barCounts(demo))[0]).toBeGreaterThan(40);
  await init.selectOption("xavier");
  await expect(demo.readout("share")).toContainText("乘 √d 94.8%");
  await expect(demo.readout("std")).toContainText("embedding 元素标准差 0.0073，乘 √d 后 0.165");
  await init.selectOption("gpt2");
  await expect(demo.readout("share")).toContainText("不乘 99.9%");
  await expect(page).toHaveURL(/emb\.init=gpt2/);
});

test("the number of positions changes the position-encoding histogram, not its RMS", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC04);
  await demo.settled();
  const before = await peCurves(demo);
  const shareBefore = await demo.svgOf("share");
  await demo.select("positions").selectOption("16");
  await expect(demo.readout("std")).toContainText("位置编码元素均方根 0.707（前 16 个位置）");
  await expect.poll(() => peCurves(demo)).not.toBe(before);
  expect(await demo.svgOf("share")).toBe(shareBefore); // depends on d and the init only
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, EMB, {
    params: { d: "1024", init: "xavier", positions: "512" },
    shows: {
      selects: { d: "1024", init: "xavier", positions: "512" },
      readouts: { std: "前 512 个位置", norm: "‖p‖ = √(d/2) = 22.6" },
    },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, EMB, {
    garbage: { d: "500", init: "he" },
    defaults: { selects: { d: "512" }, readouts: { share: "乘 √d 33.3%" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, EMB, {
    params: { init: "torch" },
    before: { readouts: { share: "乘 √d 0.1%" } },
    defaults: { selects: { init: "invD" }, readouts: { share: "乘 √d 33.3%" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: ARC-04 with the demo (${scheme})`, ({ page }) =>
    axeClean(page, EMB, scheme, { params: { init: "xavier" } }));
}
