/** The BPE vs WordPiece merge learner (TOK-01) as a reader uses it. */
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

const TOK01 = "/q/bpe-vs-wordpiece/";
const NS = "bpe";
const BPE: Demo = { url: TOK01, ns: NS };
const ORANGE = "#e0803a";
const RED = "#d0453a";

/** Bars of the candidate chart, top to bottom: their fills. */
const barFills = (demo: DemoPage) =>
  demo
    .figure("pairs")
    .locator("g.bpe-bar rect")
    .evaluateAll((rects) => rects.map((r) => r.getAttribute("fill")));
const tokenFills = (demo: DemoPage) =>
  demo
    .figure("corpus")
    .locator("g.bpe-token rect")
    .evaluateAll((rects) => rects.map((r) => r.getAttribute("fill")));
const frames = (demo: DemoPage) => demo.figure("corpus").locator("g.bpe-next rect").count();

test("first frame is in the HTML, small, and readable without JavaScript", ({ browser }) =>
  firstFrameWithoutJs(browser, BPE, {
    figures: ["pairs", "corpus"],
    maxSvgBytes: 12_000,
    shows: {
      readouts: {
        vocab: "词表 19 个 = 初始 11 个符号 + 8 次合并",
        next: "下一次（第 9 次）合并：low + </w> → low</w>（5 次）",
        word: "新词 lowest → low est</w>（按顺序重放 8 条合并）",
      },
      figures: { pairs: ["low + </w>", "5 次"], corpus: ["newest ×6", "newest</w>", "新词 lowest"] },
    },
  }));

test("the merges slider steps through the merges from characters to whole words", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(TOK01);
  await demo.settled();
  const tokens = (await tokenFills(demo)).length;
  await demo.press("merges", "Home");
  await expect(demo.output("merges")).toHaveText("0");
  await expect(demo.readout("next")).toHaveText("下一次（第 1 次）合并：e + s → es（9 次）");
  await expect(demo.readout("vocab")).toHaveText("词表 11 个 = 初始 11 个符号 + 0 次合并");
  await expect(demo.readout("word")).toContainText("新词 lowest → l o w e s t </w>");
  await expect.poll(async () => (await tokenFills(demo)).length).toBeGreaterThan(tokens);
  expect(await frames(demo)).toBe(2); // e s in newest and in widest
  expect((await barFills(demo))[0]).toBe(ORANGE);
  expect((await tokenFills(demo)).filter((f) => f === ORANGE)).toHaveLength(0); // nothing merged yet
  await page.keyboard.press("ArrowRight");
  await expect(demo.readout("learned")).toHaveText("已学 1 条合并，依次得到：es");
  await expect.poll(async () => (await tokenFills(demo)).filter((f) => f === ORANGE).length).toBe(2);
  await demo.press("merges", "End");
  await expect(demo.output("merges")).toHaveText("16");
  await expect(demo.readout("next")).toHaveText("没有可合并的相邻对了");
  await expect(demo.readout("vocab")).toHaveText("词表 27 个 = 初始 11 个符号 + 16 次合并");
  await expect.poll(async () => (await barFills(demo)).length).toBe(0);
  await expect(demo.figure("pairs")).toContainText("没有可合并的相邻对了");
  await expect(page).toHaveURL(/[?&]bpe\.merges=16(&|$)/);
});

test("WordPiece's score picks w + ##i first and encodes by greedy longest match", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(TOK01);
  await demo.settled();
  await demo.select("mode").selectOption("wordpiece");
  await expect(demo.readout("word")).toHaveText("新词 lowest → low ##e ##st（只查词表，贪心最长匹配）");
  await expect(demo.readout("learned")).toContainText("wi、wid、lo、##st、low、##er、wider、lower");
  await expect
    .poll(async () => (await demo.figure("pairs").textContent()) ?? "")
    .toContain("count(ab)/(count(a)·count(b))");
  await demo.press("merges", "Home");
  await expect(demo.readout("next")).toHaveText("下一次（第 1 次）合并：w + ##i → wi（5/(5·5) = 0.2）");
  await expect.poll(async () => (await demo.figure("pairs").textContent()) ?? "").toContain("5/(5·5) = 0.2");
  await demo.press("merges", "End");
  await expect(demo.readout("vocab")).toContainText("14 次合并（第 14 次之后已没有可合并的对");
});

test("the new-word select: slow is [UNK] under WordPiece but not under BPE", async ({ page }) => {
  const demo = demoPage(page, NS);
  await page.goto(TOK01);
  await demo.settled();
  await demo.select("word").selectOption("slow");
  await expect(demo.readout("word")).toHaveText("新词 slow → s low </w>（按顺序重放 8 条合并）");
  const pairs = await demo.svgOf("pairs");
  await demo.select("mode").selectOption("wordpiece");
  await expect(demo.readout("word")).toContainText("新词 slow → [UNK]");
  await expect(demo.readout("word")).toContainText("词首的 s 不在词表里，只有 ##s");
  await expect.poll(async () => (await tokenFills(demo)).at(-1)).toBe(RED);
  await demo.select("word").selectOption("wide");
  await expect(demo.readout("word")).toHaveText("新词 wide → wid ##e（只查词表，贪心最长匹配）");
  await expect.poll(async () => (await demo.figure("corpus").textContent()) ?? "").toContain("新词 wide");
  expect(await demo.svgOf("pairs")).not.toBe(pairs); // the mode changed the candidates …
  const wpPairs = await demo.svgOf("pairs");
  await demo.select("word").selectOption("newer");
  await expect(demo.readout("word")).toContainText("新词 newer → n ##e ##w ##er");
  expect(await demo.svgOf("pairs")).toBe(wpPairs); // … the new word does not
});

test("a shared link restores the settings", ({ page }) =>
  sharedLinkRestores(page, BPE, {
    params: { mode: "wordpiece", merges: "12", word: "newer" },
    shows: {
      selects: { mode: "wordpiece", word: "newer" },
      outputs: { merges: "12" },
      readouts: { word: "新词 newer → newe ##r", next: "newe + ##st → newest（6/(6·9) = 0.1111）" },
    },
    afterRedraw: (demo) =>
      expect.poll(async () => (await demo.figure("pairs").textContent()) ?? "").toContain("6/(6·9) = 0.1111"),
  }));

test("garbage parameters fall back to defaults with a visible notice", ({ page }) =>
  garbageFallsBack(page, BPE, {
    garbage: { merges: "99", mode: "unigram", word: "hello" },
    defaults: { outputs: { merges: "8" }, readouts: { word: "low est</w>" } },
  }));

test("reset restores defaults and clears the URL", ({ page }) =>
  resetRestoresDefaults(page, BPE, {
    params: { merges: "3", mode: "wordpiece" },
    before: { outputs: { merges: "3" }, selects: { mode: "wordpiece" } },
    defaults: { outputs: { merges: "8" }, selects: { mode: "bpe" }, readouts: { vocab: "词表 19 个" } },
  }));

for (const scheme of SCHEMES) {
  test(`axe: TOK-01 with the demo (${scheme})`, ({ page }) =>
    axeClean(page, BPE, scheme, { params: { mode: "wordpiece", word: "slow" } }));
}
