/** The extrapolation demo (POS-02): the learned table ends at L_max, the sinusoidal PE reaches new values. */
import { expect, test } from "@playwright/test";
import { unseenPairs } from "../../components/demos/pe-extrapolation/model";
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

const POS02 = "/q/fixed-vs-learned-positional-encoding/";
const NS = "pex";
const PEX: Demo = { url: POS02, ns: NS };

/** Share of the position axis that is shaded as unseen (one facet's shading rect against the table bar). */
const unseenShare = (demo: DemoPage) =>
  demo.figure("track").evaluate((el) => {
    const shade = el.querySelector("g.pex-unseen rect");
    const table = el.querySelector("g.pex-table rect");
    const shadeWidth = Number(shade?.getAttribute("width"));
    const tableWidth = Number(table?.getAttribute("width"));
    return shadeWidth / (shadeWidth + tableWidth);
  });
/** Number of drawn stretches of never-seen values (red) in the traces. */
const freshLength = (demo: DemoPage) =>
  demo
    .figure("track")
    .locator("g.pex-fresh path")
    .evaluateAll((paths) => paths.reduce((acc, p) => acc + (p.getAttribute("d") ?? "").length, 0));

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, PEX, {
    figures: ["track", "circles", "coverage"],
    maxSvgBytes: 42_000,
    shows: {
      readouts: { table: "512 × 512 = 262,144 个参数", unseen: "256 对频率中有 133 对" },
      figures: { track: "第 512 行", coverage: "133/256 对不到 1 圈" },
    },
    check: async (demo) => {
      expect(await unseenShare(demo)).toBeCloseTo(0.5, 2);
    },
  }));

test("L_max moves where the table ends and how many pairs stay below one turn", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(POS02);
  await demo.select("L").selectOption("4096");
  await expect(page).toHaveURL(/[?&]pex\.L=4096(&|$)/);
  await expect(demo.readout("table")).toContainText("4,096 × 512 = 2,097,152 个参数");
  const fewer = unseenPairs(512, 4096);
  expect(fewer).toBeLessThan(133);
  await expect(demo.readout("unseen")).toContainText(`有 ${fewer} 对`);
  await expect(demo.figure("track")).toContainText("第 4,096 行");
  await expect(demo.figure("coverage")).toContainText(`${fewer}/256 对不到 1 圈`);
  await demo.select("L").selectOption("128");
  await expect(demo.readout("unseen")).toContainText(`有 ${unseenPairs(512, 128)} 对`);
  expect(unseenPairs(512, 128)).toBeGreaterThan(133);
});

test("a wider range shades more of the axis and draws more never-seen values", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(POS02);
  await demo.select("range").selectOption("1.5");
  await demo.rendered();
  expect(await unseenShare(demo)).toBeCloseTo(1 / 3, 2);
  await expect(demo.readout("range")).toContainText("也只到 0.19 圈");
  const short = await freshLength(demo);
  await demo.select("range").selectOption("8");
  await expect(demo.readout("range")).toContainText("横轴到位置 4,096");
  await expect.poll(() => unseenShare(demo)).toBeCloseTo(7 / 8, 2);
  await expect.poll(() => freshLength(demo)).toBeGreaterThan(short);
  // The slowest example pair (wavelength 4,080, 0.13 turns in training) now completes a turn.
  await expect(demo.readout("range")).toContainText("第 180 对");
  await expect(demo.readout("range")).not.toContainText("也只到");
});

test("d_model changes the number of pairs and the parameter count", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(POS02);
  await demo.select("d").selectOption("768");
  await expect(demo.readout("table")).toContainText("512 × 768 = 393,216 个参数");
  await expect(demo.readout("unseen")).toContainText(`384 对频率中有 ${unseenPairs(768, 512)} 对`);
  await demo.select("d").selectOption("64");
  await expect(demo.readout("unseen")).toContainText(`32 对频率中有 ${unseenPairs(64, 512)} 对`);
  await expect(demo.figure("coverage")).toContainText(`${unseenPairs(64, 512)}/32 对不到 1 圈`);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, PEX, {
    params: { L: "1024", range: "4", d: "1600" },
    shows: {
      selects: { L: "1024", range: "4", d: "1600" },
      readouts: { table: "1,024 × 1,600 = 1,638,400 个参数" },
    },
    afterRedraw: async (demo) => {
      await expect(demo.figure("track")).toContainText("第 1,024 行");
      expect(await unseenShare(demo)).toBeCloseTo(0.75, 2);
    },
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, PEX, {
    garbage: { L: "100", range: "x", d: "-1" },
    defaults: { readouts: { table: "512 × 512 = 262,144 个参数" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, PEX, {
    params: { L: "2048" },
    before: { selects: { L: "2048" } },
    defaults: { selects: { L: "512" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: POS-02 with the demo (${scheme})`, ({ page }) => axeClean(page, PEX, scheme, { wait: "networkidle" }));
}
