/** The Table 1 demo (ARC-02) as a reader uses it. */
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

const ARC02 = "/q/transformer-vs-rnn/";
const NS = "cx";
const CX: Demo = { url: ARC02, ns: NS };

/** x (SVG units) of the current-n dots in a figure, and their y values. */
const nowDots = (demo: DemoPage, key: string) =>
  demo
    .figure(key)
    .locator("g.cx-now circle")
    .evaluateAll((dots) => dots.map((d) => [Number(d.getAttribute("cx")), Number(d.getAttribute("cy"))]));
/** x of the crossover label ("n = d" / "n = 2d") in the cost figure, as a share of the plot width. */
const crossLabel = (demo: DemoPage) =>
  demo
    .figure("cost")
    .locator("svg")
    .evaluate((svg) => {
      const label = [...svg.querySelectorAll("text")].find((t) => /^n = 2?d$/.test(t.textContent ?? ""));
      const x = Number(/translate\(([-\d.]+)/.exec(label?.getAttribute("transform") ?? "")?.[1] ?? Number.NaN);
      return { text: label?.textContent, x: x / Number(svg.getAttribute("width")) };
    });

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, CX, {
    figures: ["cost", "seq", "path"],
    maxSvgBytes: 40_000,
    shows: {
      readouts: { cost: "自注意力 1.34 亿，循环层 1.34 亿，比值 1", steps: "膨胀卷积 6（连续卷积 171）" },
    },
    check: (demo) => expect(demo.figure("cost").locator("g.cx-now circle")).toHaveCount(4),
  }));

test("the length slider moves the marker along every curve and sets the ratio n/d", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC02);
  await demo.settled();
  const [attnBefore] = await nowDots(demo, "cost");
  await demo.press("n", "End");
  await expect(demo.output("n")).toHaveText("8192");
  // The article's last table row: 344 亿 vs 21.5 亿, 16 times.
  await expect(demo.readout("cost")).toContainText("n = 8192，d = 512：自注意力 344 亿，循环层 21.5 亿，比值 16");
  await expect(demo.readout("steps")).toContainText("循环层 8192 步");
  await expect(page).toHaveURL(/[?&]cx\.n=8192(&|$)/);
  await expect.poll(async () => (await nowDots(demo, "cost"))[0][0]).toBeGreaterThan(attnBefore[0]);
  // The attention dot climbed above the recurrent one (smaller y is higher).
  const [attn, rnn] = await nowDots(demo, "cost");
  expect(attn[1]).toBeLessThan(rnn[1]);
  await expect.poll(async () => (await nowDots(demo, "seq"))[0][1]).toBeLessThan(40);

  await demo.press("n", "Home");
  await expect(demo.readout("cost")).toContainText("n = 16，d = 512");
  await expect(demo.readout("cost")).toContainText("比值 0.0313");
  await expect.poll(async () => (await nowDots(demo, "cost"))[0][0]).toBeLessThan(attnBefore[0]);
});

test("d moves the crossover, and whole-layer counting moves it to n = 2d", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC02);
  await demo.settled();
  const before = await crossLabel(demo);
  expect(before.text).toBe("n = d");
  await demo.select("d").selectOption("2048");
  await expect(demo.readout("cost")).toContainText("在 n = 2048 时相等");
  await expect(demo.readout("cost")).toContainText("比值 0.25");
  await expect.poll(async () => (await crossLabel(demo)).x).toBeGreaterThan(before.x);

  await demo.select("d").selectOption("512");
  await demo.select("count").selectOption("macs");
  await expect(demo.readout("cost")).toContainText("循环层（LSTM）");
  await expect(demo.readout("cost")).toContainText("4nd² + 2n²d 与 LSTM 的 8nd² 在 n = 1024 时相等");
  await expect.poll(async () => (await crossLabel(demo)).text).toBe("n = 2d");
  await expect(demo.figure("cost")).toContainText("每层乘加次数");
  await expect(page).toHaveURL(/cx\.count=macs/);
});

test("kernel width and neighbourhood change the convolution and restricted-attention rows only", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(ARC02);
  await demo.settled();
  const seqBefore = await demo.svgOf("seq");
  const pathBefore = await nowDots(demo, "path");
  await demo.press("k", "End");
  await expect(demo.output("k")).toHaveText("9");
  await expect(demo.readout("steps")).toContainText("膨胀卷积 3（连续卷积 57）");
  await expect(demo.readout("cost")).toContainText("卷积 k=9 12.1 亿");
  // The dilated-convolution dot (third) dropped from 6 to 3 layers: it moved down.
  await expect.poll(async () => (await nowDots(demo, "path"))[2][1]).toBeGreaterThan(pathBefore[2][1]);

  await demo.select("r").selectOption("512");
  await expect(demo.readout("steps")).toContainText("受限自注意力 1");
  await expect(demo.readout("cost")).toContainText("受限自注意力 r=512 1.34 亿");
  // The sequential-operations figure depends on n alone and was not redrawn.
  expect(await demo.svgOf("seq")).toBe(seqBefore);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, CX, {
    params: { n: "8192", d: "1024", k: "5", r: "128", count: "macs" },
    shows: {
      outputs: { n: "8192", k: "5" },
      selects: { d: "1024", r: "128", count: "macs" },
      readouts: { cost: "在 n = 2048 时相等", steps: ["膨胀卷积 6（连续卷积 1639）", "受限自注意力 64"] },
    },
    afterRedraw: (demo) => expect.poll(async () => (await crossLabel(demo)).text).toBe("n = 2d"),
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, CX, {
    garbage: { n: "1e9", k: "2.5", count: "flops" },
    defaults: { outputs: { n: "512" }, readouts: { cost: "比值 1" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, CX, {
    params: { n: "2048", count: "macs" },
    before: { outputs: { n: "2048" } },
    defaults: { outputs: { n: "512" }, selects: { count: "lead" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: ARC-02 with the demo (${scheme})`, ({ page }) => axeClean(page, CX, scheme, { params: { n: "2048" } }));
}
