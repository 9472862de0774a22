/** The position-bias demo (POS-03): Shaw clipping, T5 buckets, ALiBi slopes and RoPE decay against distance. */
import { expect, test } from "@playwright/test";
import { ropeBound } from "../../components/demos/position-bias/model";
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

const POS03 = "/q/positional-encoding-variants/";
const NS = "pbias";
const PBIAS: Demo = { url: POS03, ns: NS };

/** x of the distance probe in a panel, as a share of the plot width (the three panels share the axis). */
const probeShare = (demo: DemoPage, key: string) =>
  demo.figure(key).evaluate((el) => {
    const svg = el.querySelector("svg");
    const x = Number(el.querySelector("g.pb-probe line")?.getAttribute("x1"));
    const width = Number(svg?.getAttribute("width"));
    return (x - 44) / (width - 44 - 16);
  });
const path = (demo: DemoPage, key: string, cls: string) =>
  demo.figure(key).locator(`g.${cls} path`).first().getAttribute("d");
const texts = (demo: DemoPage, key: string) =>
  demo
    .figure(key)
    .locator("svg text")
    .evaluateAll((els) => els.map((el) => el.textContent ?? ""));

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, PBIAS, {
    figures: ["index", "alibi", "rope"],
    maxSvgBytes: 24_000,
    shows: {
      readouts: { shaw: "clip(−20, 16) = −16", t5: "距离 20 落在 17 号桶", alibi: ["偏置 −10.00", "4.5×10^-5"] },
    },
    check: (demo) => expect(demo.figure("alibi").locator("g.pb-alibi-other path")).toHaveCount(7),
    controlGroups: 2, // the per-scheme group sits under the chart
  }));

test("the distance probe moves across all three panels and the read-out follows it", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(POS03);
  await demo.press("probe", "ArrowRight"); // n = 21
  await demo.rendered();
  for (const key of ["index", "alibi", "rope"]) expect(await probeShare(demo, key)).toBeCloseTo(21 / 256, 2);
  await demo.press("probe", "Home"); // n = 0
  await expect(demo.readout("t5")).toContainText("距离 0 落在 0 号桶");
  await expect(demo.readout("alibi")).toContainText("偏置 0，");
  await expect(demo.readout("rope")).toContainText("是距离 0 时的 100%");
  await expect.poll(() => probeShare(demo, "rope")).toBeCloseTo(0, 2);
  await demo.press("probe", "End"); // n = 1024: beyond the axis, drawn at its end
  await expect(demo.readout("t5")).toContainText("距离 1024 落在 31 号桶");
  await expect(demo.readout("shaw")).toContainText("clip(−1024, 16) = −16");
  await expect(demo.readout("rope")).toContainText(`${Math.round((100 * ropeBound(1024)) / 32.5)}%`);
  await expect.poll(() => probeShare(demo, "index")).toBeCloseTo(1, 2);
  await expect(page).toHaveURL(/[?&]pbias\.probe=1024(&|$)/);
});

test("the axis range, Shaw's k and the T5 direction redraw the parameter panel", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(POS03);
  await demo.select("nmax").selectOption("1024");
  await expect.poll(() => texts(demo, "rope")).toContain("1000");
  await expect(demo.readout("rope")).toContainText("距离 1024 处是");
  const shawBefore = await path(demo, "index", "pb-shaw");
  await demo.press("k", "End"); // k = 64
  await expect(demo.readout("shaw")).toContainText("clip(−20, 64) = −20");
  await expect(demo.readout("shaw")).toContainText("2k+1 = 129 个标签");
  await expect.poll(() => path(demo, "index", "pb-shaw")).not.toBe(shawBefore);
  await expect.poll(() => texts(demo, "index")).toContain("Shaw：min(n, 64)");
  const t5Before = await path(demo, "index", "pb-t5");
  await demo.select("t5").selectOption("enc");
  await expect(demo.readout("t5")).toContainText("0–7 各占一个桶");
  await expect(demo.readout("t5")).toContainText("全在 15 号桶");
  await expect(demo.readout("t5")).toContainText("距离 20 落在 10 号桶");
  await expect.poll(() => path(demo, "index", "pb-t5")).not.toBe(t5Before);
});

test("ALiBi: the head count sets the lines, the head index picks the bold one", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(POS03);
  await demo.select("heads").selectOption("32");
  await expect(demo.figure("alibi").locator("g.pb-alibi-other path")).toHaveCount(31);
  await expect(demo.readout("alibi")).toContainText("ALiBi（H = 32）");
  await demo.press("head", "End"); // h = 64 → clamped to 32
  await expect(demo.output("head")).toHaveText("64");
  await expect(demo.readout("alibi")).toContainText("第 32 个头（斜率 1/256）");
  await expect.poll(() => texts(demo, "alibi")).toContain("第 32 头：斜率 1/256");
  await demo.select("heads").selectOption("4");
  await expect(demo.figure("alibi").locator("g.pb-alibi-other path")).toHaveCount(3);
  await expect(demo.readout("alibi")).toContainText("斜率 1/4、1/16、1/64、1/256");
  await expect(demo.readout("alibi")).toContainText("第 4 个头");
});

test("a larger RoPE base decays more slowly and shows the base-10,000 reference", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(POS03);
  const percent = async () =>
    Number(/距离 256 处是 (\d+)%/.exec((await demo.readout("rope").textContent()) ?? "")?.[1]);
  const before = await percent();
  await expect(demo.figure("rope")).not.toContainText("虚线");
  await expect(demo.figure("rope").locator("g.pb-rope-ref path")).toHaveCount(0);
  await demo.press("ropeBase", "End"); // base = 10^7
  await expect(demo.output("ropeBase")).toHaveText("10000000");
  await expect(demo.readout("rope")).toContainText("base = 10,000,000");
  await expect.poll(percent).toBeGreaterThan(before);
  await expect(demo.figure("rope")).toContainText("虚线：base 10,000");
  await expect(demo.figure("rope").locator("g.pb-rope-ref path")).toHaveCount(1);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, PBIAS, {
    params: { nmax: "128", probe: "64", k: "4", t5: "enc", heads: "16", head: "3" },
    shows: {
      selects: { nmax: "128", t5: "enc" },
      outputs: { probe: "64", k: "4" },
      readouts: { t5: "距离 64 落在 14 号桶", alibi: "第 3 个头" },
    },
    afterRedraw: async (demo) => {
      await expect(demo.figure("alibi").locator("g.pb-alibi-other path")).toHaveCount(15);
      expect(await probeShare(demo, "alibi")).toBeCloseTo(0.5, 2);
    },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, PBIAS, {
    garbage: { k: "0", t5: "both", ropeBase: "1e99" },
    defaults: { readouts: { shaw: "Shaw（k = 16）" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, PBIAS, {
    params: { heads: "64", probe: "500" },
    before: { outputs: { probe: "500" } },
    defaults: { outputs: { probe: "20" }, selects: { heads: "8" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: POS-03 with the demo (${scheme})`, ({ page }) => axeClean(page, PBIAS, scheme, { wait: "networkidle" }));
}
