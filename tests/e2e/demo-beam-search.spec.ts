/** The greedy vs beam-search demo (DEC-01) as a reader uses it. */
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

const DEC01 = "/q/sequence-generation-decoding/";
const NS = "beam";
const BEAM: Demo = { url: DEC01, ns: NS };

/** Number of edges drawn in a group of the tree (beam-chosen, beam-kept, beam-pruned, …). */
const edges = (demo: DemoPage, group: string) => demo.figure("tree").locator(`g.${group} path`).count();
/** Text of the highlighted score cells. */
const chosenScore = (demo: DemoPage) => demo.figure("tree").locator("g.beam-score-chosen text").allTextContents();

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, BEAM, {
    figures: ["tree"],
    maxSvgBytes: 12_000,
    shows: {
      readouts: {
        greedy: "贪心：“我 想”，P = 0.105，log P = −2.254",
        beam: "beam = 2、α = 0：选中“他 喜欢”，P = 0.144",
        done: "α = 0 下最优的是“他 喜欢”，束搜索找到了它",
      },
      figures: { tree: ["<bos>", "打分", "−1.938★"] },
    },
  }));

test("the length penalty α turns the choice from the short to the long sentence", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DEC01);
  await demo.settled();
  expect(await edges(demo, "beam-chosen")).toBe(3); // 他 → 喜欢 → </s>
  expect(await chosenScore(demo)).toEqual(["0.144", "−1.938★"]);
  await demo.input("alpha").focus();
  for (let i = 0; i < 12; i++) await page.keyboard.press("ArrowRight");
  await expect(demo.output("alpha")).toHaveText("0.6");
  await expect(demo.readout("beam")).toContainText("选中“他 喜欢 读 书”，P = 0.136，log P = −1.995，|Y| = 5");
  await expect(demo.readout("beam")).toContainText("打分 log P / lp = −1.468");
  await expect(demo.readout("done")).toContainText("他 喜欢 读 书 −1.468，他 喜欢 −1.631");
  await expect.poll(() => edges(demo, "beam-chosen")).toBe(5);
  await expect.poll(() => chosenScore(demo)).toEqual(["0.136", "−1.468★"]);
  await expect(page).toHaveURL(/[?&]beam\.alpha=0\.6(&|$)/);
});

test("the beam width: 1 is greedy, wider beams keep and collect more", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DEC01);
  await demo.settled();
  const kept = await edges(demo, "beam-kept");
  expect(await edges(demo, "beam-unseen")).toBeGreaterThan(0);
  await demo.press("beam", "Home");
  await expect(demo.output("beam")).toHaveText("1");
  await expect(demo.readout("beam")).toContainText("选中“我 想”，P = 0.105");
  await expect(demo.readout("beam")).toContainText("与贪心相同");
  await expect(demo.readout("done")).toContainText("束搜索没有找到它");
  await expect.poll(() => edges(demo, "beam-kept")).toBeLessThan(kept);
  await demo.press("beam", "End");
  await expect(demo.output("beam")).toHaveText("5");
  await expect(demo.readout("done")).toContainText("束搜索收下 12 个完成假设");
  await expect.poll(() => edges(demo, "beam-kept")).toBeGreaterThan(kept);
  await expect.poll(() => edges(demo, "beam-unseen")).toBe(0); // a beam of 5 generates every prefix of this model
});

test("a model whose best output is empty: a wider beam finds it, α = 0.6 rescues the translation", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(DEC01);
  await demo.settled();
  await demo.select("model").selectOption("empty");
  await expect(demo.readout("greedy")).toHaveText("贪心：“非常 感谢”，P = 0.224，log P = −1.496");
  await expect(demo.readout("beam")).toContainText("选中“非常 感谢”");
  await expect(demo.readout("done")).toContainText("最优的是“（空）”，束搜索没有找到它");
  await expect.poll(() => chosenScore(demo)).toEqual(["0.224", "−1.496"]);
  await demo.press("beam", "ArrowRight");
  await expect(demo.output("beam")).toHaveText("3");
  await expect(demo.readout("beam")).toContainText("选中“（空）”，P = 0.250，log P = −1.386，|Y| = 1");
  await expect(demo.readout("beam")).toContainText("空输出：长度偏置的极端情形");
  await expect.poll(() => chosenScore(demo)).toEqual(["0.250", "−1.386★"]);
  expect(await edges(demo, "beam-chosen")).toBe(1);
  await demo.input("alpha").focus();
  for (let i = 0; i < 12; i++) await page.keyboard.press("ArrowRight");
  await expect(demo.readout("beam")).toContainText(
    "选中“非常 感谢”，P = 0.224，log P = −1.496，|Y| = 3（含 </s>），打分 log P / lp = −1.259",
  );
  await expect(page).toHaveURL(/beam\.model=empty/);
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, BEAM, {
    params: { model: "empty", beam: "4", alpha: "0.3" },
    shows: {
      selects: { model: "empty" },
      outputs: { beam: "4", alpha: "0.3" },
      readouts: { beam: "beam = 4、α = 0.3：选中“非常 感谢”" },
    },
    afterRedraw: (demo) => expect.poll(() => chosenScore(demo)).toEqual(["0.224", "−1.372★"]),
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, BEAM, {
    garbage: { beam: "9", alpha: "x", model: "gpt" },
    defaults: { outputs: { beam: "2", alpha: "0" }, readouts: { beam: "选中“他 喜欢”" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, BEAM, {
    params: { beam: "3", model: "empty" },
    before: { outputs: { beam: "3" }, readouts: { beam: "选中“（空）”" } },
    defaults: { outputs: { beam: "2" }, selects: { model: "article" }, readouts: { beam: "选中“他 喜欢”" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: DEC-01 with the demo (${scheme})`, ({ page }) =>
    axeClean(page, BEAM, scheme, { params: { beam: "3", alpha: "0.6" } }));
}
