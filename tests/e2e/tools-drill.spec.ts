/**
 * 自测: a flashcard session marks cards and the next session's order follows the documented
 * Leitner schedule; the mock interview draws a seeded set, times each question and ends with a summary.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { drawMock } from "../../components/tools/mock";
import { type Progress, STORAGE_KEY } from "../../components/tools/progress-format";
import { questions } from "../../src/lib/inventory";
import { articleSources } from "../support/articles";

const published = questions.filter((q) => articleSources().some((a) => a.frontmatter.id === q.id));
const att = published.filter((q) => q.chapter === "ATT").map((q) => q.id);

const stored = async (page: Page): Promise<Progress> =>
  JSON.parse((await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY)) ?? "null");
const cardId = async (page: Page) => ((await page.locator("[data-card-meta]").textContent()) ?? "").split(" ")[0];

async function expectNoSeriousA11y(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).exclude(".katex-html").analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${label} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious).toEqual([]);
}

/** axe waits on timers, so with the page clock paused it would never finish: run it, then hold the clock again. */
async function expectNoSeriousA11yOnPausedClock(page: Page, label: string) {
  await page.clock.resume();
  await expectNoSeriousA11y(page, label);
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000));
}

test("flashcards: ratings follow the Leitner schedule, in this session and the next", async ({ page }) => {
  test.setTimeout(90_000);
  expect(att.length).toBeGreaterThanOrEqual(5);
  await page.clock.install({ time: new Date("2026-11-23T10:00:00") });
  await page.goto("/drill/?chapter=ATT");
  await expect(page.locator("[data-drill-counts]")).toContainText(
    `符合条件 ${att.length} 题：到期 0 · 没做过 ${att.length}`,
  );
  const start = page.locator('[data-start="cards"]');
  await expect(start).toHaveText(`开始复习（${att.length} 张）`);
  await start.click();

  // Keyboard only from here: Space reveals, 1/2/3 rate.
  const rateAs = async (expectedId: string, key: "1" | "2" | "3") => {
    await expect(page.locator("[data-card-meta]")).toContainText(expectedId);
    await expect(page.locator("[data-card-question]")).toBeFocused();
    await expect(page.locator("[data-card-answer]")).toBeHidden();
    await page.keyboard.press("Space");
    await expect(page.locator("[data-card-answer]")).toBeVisible();
    await expect(page.locator("[data-card-answer-body] p").first()).not.toBeEmpty();
    await page.keyboard.press(key);
  };
  await expect(page.locator("[data-drill-box]")).toHaveText("没做过");
  // The buttons say when each rating brings the card back.
  await expect(page.locator('[data-grade-next="2"]')).toHaveText("2 天后再见");
  await expect(page.locator('[data-grade-next="1"]')).toHaveText("明天再见");
  await expect(page.locator('[data-grade-next="0"]')).toHaveText("今天再见");
  await rateAs(att[0], "1"); // 不会: back in 3 cards
  await rateAs(att[1], "3"); // 会
  await rateAs(att[2], "2"); // 模糊
  await rateAs(att[3], "1"); // 不会
  await expect(page.locator("[data-drill-position]")).toHaveText(`第 5 / ${att.length + 2} 张`);
  await expect(page.locator("[data-drill-box]")).toHaveText("再来一次");
  await rateAs(att[0], "3"); // the first card again, 3 cards later: now 会
  await page.keyboard.press("Escape");

  await expect(page.locator("[data-summary-title]")).toBeFocused();
  await expect(page.locator("[data-summary-score]")).toHaveText("本轮 4 题：会 2 · 模糊 1 · 不会 1。");
  const rows = page.locator("[data-summary-rows] tr");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText("会");
  await expect(rows.nth(3)).toContainText("不会");

  const progress = await stored(page);
  expect(progress.questions[att[0]]).toMatchObject({ grade: 2, box: 2, due: "2026-11-25", reviews: 2 });
  expect(progress.questions[att[1]]).toMatchObject({ grade: 2, box: 2, due: "2026-11-25", reviews: 1 });
  expect(progress.questions[att[2]]).toMatchObject({ grade: 1, box: 1, due: "2026-11-24", reviews: 1 });
  expect(progress.questions[att[3]]).toMatchObject({ grade: 0, box: 1, due: "2026-11-23", reviews: 1 });

  // Two days later everything rated is due: box 1 before box 2, the most overdue first within a box,
  // then handbook order; then the questions never rated.
  await page.clock.setSystemTime(new Date("2026-11-25T09:00:00"));
  await page.reload();
  await expect(page.locator("[data-drill-counts]")).toContainText(`到期 4 · 没做过 ${att.length - 4} · 未到期 0`);
  await page.locator('[data-start="cards"]').click();
  const order: string[] = [];
  for (let i = 0; i < 5; i++) {
    // The session starts once the answers have loaded: wait for each card before reading it.
    await expect(page.locator("[data-drill-position]")).toHaveText(`第 ${i + 1} / ${att.length} 张`);
    order.push(await cardId(page));
    await page.locator("[data-reveal]").click();
    await page.locator('[data-grade="2"]').click();
  }
  expect(order).toEqual([att[3], att[2], att[0], att[1], att[4]]);
});

test("flashcards: nothing due and nothing new → the start button is disabled; 考前冲刺 brings them back", async ({
  page,
}) => {
  await page.clock.install({ time: new Date("2026-11-23T10:00:00") });
  const questions: Progress["questions"] = {};
  for (const id of att) questions[id] = { grade: 2, box: 3, due: "2026-11-27", reviews: 2, updated: 1 };
  await page.addInitScript(
    ([key, value]) => localStorage.setItem(key, value),
    [STORAGE_KEY, JSON.stringify({ format: "llm-interview-handbook/progress", version: 1, questions })],
  );
  await page.goto("/drill/?chapter=ATT");
  await expect(page.locator('[data-start="cards"]')).toBeDisabled();
  await expect(page.locator("[data-drill-counts]")).toContainText("4 天后到期");
  await page.getByLabel("考前冲刺").check();
  await expect(page.locator('[data-start="cards"]')).toHaveText(`开始复习（${att.length} 张）`);
  await expect(page).toHaveURL(/cram=1/);
});

test("filters narrow the pool and live in the URL", async ({ page }) => {
  await page.goto("/drill/");
  await expect(page.locator("[data-drill-counts]")).toContainText(`符合条件 ${published.length} 题`);
  await page.getByLabel("章节").selectOption("ATT");
  await expect(page.locator("[data-drill-counts]")).toContainText(`符合条件 ${att.length} 题`);
  await expect(page).toHaveURL(/\?chapter=ATT$/);
  const byDifficulty = articleSources().filter(
    (a) => a.frontmatter.chapter === "ATT" && a.frontmatter.difficulty !== 1,
  );
  await page.getByLabel("基础").uncheck();
  await expect(page.locator("[data-drill-counts]")).toContainText(`符合条件 ${byDifficulty.length} 题`);
  await expect(page).toHaveURL(/difficulty=2%2C3/);
  const tagged = articleSources().filter((a) => (a.frontmatter.tags as string[]).includes("softmax"));
  await page.getByLabel("章节").selectOption("");
  await page.getByLabel("基础").check();
  await page.getByLabel("标签").selectOption("softmax");
  await expect(page.locator("[data-drill-counts]")).toContainText(`符合条件 ${tagged.length} 题`);
  await page.getByLabel("只看收藏的题").check();
  await expect(page.locator("[data-drill-counts]")).toContainText("符合条件 0 题");
  await expect(page.locator('[data-start="cards"]')).toBeDisabled();
  await expect(page.locator('[data-start="mock"]')).toBeDisabled();
  // A reload restores the filters from the URL.
  await page.reload();
  await expect(page.getByLabel("标签")).toHaveValue("softmax");
  await expect(page.getByLabel("只看收藏的题")).toBeChecked();
});

test.describe("mock interview", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("draws the seeded set, reveals the answer when time is up, and ends with a summary", async ({ page }) => {
    test.setTimeout(90_000);
    await page.clock.install({ time: new Date("2026-11-23T10:00:00") });
    const expected = drawMock(
      published.map((q) => q.id),
      3,
      42,
    );
    await page.goto("/drill/?count=3&minutes=1&seed=42");
    await expect(page.locator("[data-drill-seed]")).toContainText("种子 42");
    // From here the page's clock moves only when the test moves it: the timings below are exact
    // however slowly the machine runs.
    await page.clock.pauseAt(new Date("2026-11-23T10:05:00"));
    await page.locator('[data-start="mock"]').click();
    await expect(page.locator("[data-drill-position]")).toHaveText("第 1 / 3 题");
    await expect(page.locator("[data-drill-timer]")).toHaveText("01:00");

    // 1: answered after 20 s.
    expect(await cardId(page)).toBe(expected[0]);
    await page.clock.runFor(20_000);
    await expect(page.locator("[data-drill-timer]")).toHaveText("00:40");
    await page.locator("[data-reveal]").click();
    await expect(page.locator("[data-drill-timer]")).toHaveText("用时 00:20");
    await page.locator('[data-grade="2"]').click();

    // 2: time runs out; the answer opens by itself.
    expect(await cardId(page)).toBe(expected[1]);
    await expectNoSeriousA11yOnPausedClock(page, "question");
    await page.clock.runFor(61_000);
    await expect(page.locator("[data-card-answer]")).toBeVisible();
    await expect(page.locator("[data-answer-title]")).toContainText("时间到");
    await expect(page.locator("[data-drill-timer]")).toHaveText("时间到");
    await expectNoSeriousA11yOnPausedClock(page, "answer");
    await page.locator('[data-grade="0"]').click();

    // 3
    expect(await cardId(page)).toBe(expected[2]);
    await page.clock.runFor(5_000);
    await page.locator("[data-reveal]").click();
    await page.locator('[data-grade="1"]').click();

    await expect(page.locator("[data-summary-title]")).toHaveText("模拟面试小结");
    await expect(page.locator("[data-summary-score]")).toHaveText(
      "3 题里会 1 题（33%），模糊 1，不会 1；总用时 01:25，超时 1 题。",
    );
    const rows = page.locator("[data-summary-rows] tr");
    expect(await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.qid))).toEqual(expected);
    await expect(rows.nth(1)).toContainText("01:00（超时）");
    await expectNoSeriousA11yOnPausedClock(page, "summary");

    // The ratings went into the schedule too.
    const progress = await stored(page);
    expect(progress.questions[expected[1]]).toMatchObject({ grade: 0, box: 1, due: "2026-11-23" });

    // The set can be shared: the link replays the same questions.
    await page.locator("[data-copy-set]").click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/\/drill\/\?count=3&minutes=1&seed=42$/);
  });
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: a flashcard with its answer open (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/drill/");
    await expectNoSeriousA11y(page, "setup");
    await page.locator('[data-start="cards"]').click();
    await page.locator("[data-reveal]").click();
    await expect(page.locator("[data-card-answer]")).toBeVisible();
    await expectNoSeriousA11y(page, "card");
  });
}
