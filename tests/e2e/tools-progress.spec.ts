/**
 * Progress: per-question state from the article page, shown on the index and chapter pages,
 * surviving reloads and an export → clear → import round trip; bad imports and corrupted storage
 * change nothing and break nothing.
 */
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { FORMAT, STORAGE_KEY } from "../../components/tools/progress-format";
import { questions } from "../../src/lib/inventory";
import { articleSources } from "../support/articles";

const ATT02 = "/q/why-scale-by-sqrt-dk/";
const published = questions.filter((q) => articleSources().some((a) => a.frontmatter.id === q.id));
const attCount = published.filter((q) => q.chapter === "ATT").length;

const rawStored = (page: Page) => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
const tool = (page: Page, name: string) => page.locator(".q-tools").getByRole("button", { name, exact: true });
/** Presses a bar button and waits until it shows the new state (the save is asynchronous). */
async function press(page: Page, name: string, pressed = true) {
  await tool(page, name).click();
  await expect(tool(page, name)).toHaveAttribute("aria-pressed", String(pressed));
}

async function expectNoSeriousA11y(page: Page) {
  const results = await new AxeBuilder({ page }).exclude(".katex-html").analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual(
    [],
  );
}

test("article buttons store read / known / starred, which survive a reload and show on the lists", async ({ page }) => {
  // Before anything is marked, the chapter page's bar says what it will count.
  await page.goto("/c/att/");
  await expect(page.locator(".chapter-tools [data-progress-text]")).toHaveText(`还没有标记（共 ${attCount} 题）`);
  await page.goto(ATT02);
  for (const name of ["已读", "会了", "收藏"]) await expect(tool(page, name)).toHaveAttribute("aria-pressed", "false");
  await tool(page, "已读").click();
  await expect(page.locator("[data-toast]")).toContainText("已标记为已读");
  // Keyboard: focus the star button and press Space.
  await tool(page, "收藏").focus();
  await page.keyboard.press("Space");
  await expect(tool(page, "收藏")).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(tool(page, "已读")).toHaveAttribute("aria-pressed", "true");
  await expect(tool(page, "收藏")).toHaveAttribute("aria-pressed", "true");
  await expect(tool(page, "会了")).toHaveAttribute("aria-pressed", "false");
  const stored = JSON.parse((await rawStored(page)) ?? "{}");
  expect(stored).toMatchObject({ format: FORMAT, version: 1, questions: { "ATT-02": { read: true, starred: true } } });

  await page.goto("/");
  const row = page.locator('.question-row[data-qid="ATT-02"] .q-status');
  await expect(row).toContainText("已读");
  await expect(row).toContainText("收藏");
  // The chapter cards use the short form.
  await expect(page.locator('.chapter-card[href$="/c/att/"] [data-progress-text]')).toHaveText("读 1 · 会 0 · ★ 1");
  const width = await page
    .locator('.chapter-card[href$="/c/att/"] .progress-read')
    .evaluate((el) => el.getBoundingClientRect().width / (el.parentElement?.getBoundingClientRect().width ?? 1));
  expect(width).toBeCloseTo(1 / attCount, 2);

  await page.goto("/c/att/");
  await expect(page.locator('.question-row[data-qid="ATT-02"] .q-status')).toContainText("已读");
  await expect(page.locator(".chapter-tools [data-progress-text]")).toHaveText(`已读 1 · 会 0 · 收藏 1 / ${attCount}`);

  // Un-pressing removes the flag.
  await page.goto(ATT02);
  await press(page, "收藏", false);
  await page.goto("/c/att/");
  await expect(page.locator('.question-row[data-qid="ATT-02"] .q-status')).not.toContainText("收藏");
});

test("progress survives export → clear → import", async ({ page }, testInfo) => {
  await page.goto(ATT02);
  await press(page, "已读");
  await press(page, "会了");
  await page.goto("/q/how-self-attention-works/");
  await press(page, "收藏");
  const before = JSON.parse((await rawStored(page)) ?? "{}");
  expect(Object.keys(before.questions).sort()).toEqual(["ATT-01", "ATT-02"]);

  await page.goto("/progress/");
  await expect(page.locator('tr[data-qid="ATT-02"] [data-col="grade"]')).toHaveText("会");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出进度" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^llm-handbook-progress-\d{4}-\d{2}-\d{2}\.json$/);
  const file = testInfo.outputPath("progress.json");
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, "utf8"));
  expect(exported.questions).toEqual(before.questions);

  // Clear, with confirmation: cancelling changes nothing; confirming clears.
  await page.getByRole("button", { name: "清除全部进度…" }).click();
  const dialog = page.getByRole("dialog", { name: "清除全部进度？" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("2 道题");
  await expectNoSeriousA11y(page);
  await dialog.getByRole("button", { name: "取消" }).click();
  expect(JSON.parse((await rawStored(page)) ?? "{}")).toEqual(before);
  await page.getByRole("button", { name: "清除全部进度…" }).click();
  await dialog.getByRole("button", { name: "清除" }).click();
  await expect(dialog).toBeHidden();
  expect(await rawStored(page)).toBeNull();
  await expect(page.locator('tr[data-qid="ATT-02"] [data-col="grade"]')).toHaveText("");

  await page.getByLabel("从文件导入").setInputFiles(file);
  await expect(page.locator("[data-import-summary]")).toContainText("文件里有 2 道题的记录");
  await page.getByRole("button", { name: "替换当前进度" }).click();
  await expect(page.locator("[data-import-message]")).toContainText("已替换");
  expect(JSON.parse((await rawStored(page)) ?? "{}").questions).toEqual(before.questions);

  await page.reload();
  await expect(page.locator('tr[data-qid="ATT-02"] [data-col="grade"]')).toHaveText("会");
  await expect(page.locator('tr[data-qid="ATT-01"] [data-col="starred"]')).toHaveText("★ 收藏");
  await page.goto(ATT02);
  await expect(tool(page, "会了")).toHaveAttribute("aria-pressed", "true");
});

test("import merges per question, keeping the newer record", async ({ page }) => {
  await page.goto("/progress/");
  await page.evaluate(
    ([key, format]) =>
      localStorage.setItem(
        key,
        JSON.stringify({
          format,
          version: 1,
          questions: { "ATT-01": { read: true, updated: 100 }, "ATT-02": { starred: true, updated: 300 } },
        }),
      ),
    [STORAGE_KEY, FORMAT],
  );
  const incoming = {
    format: FORMAT,
    version: 1,
    questions: {
      "ATT-01": { read: true, starred: true, updated: 200 },
      "ATT-02": { updated: 200 },
      "DL-01": { read: true, updated: 1 },
    },
  };
  await page.getByLabel("从文件导入").setInputFiles({
    name: "other-device.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(incoming)),
  });
  await page.getByRole("button", { name: "合并到当前进度" }).click();
  expect(JSON.parse((await rawStored(page)) ?? "{}").questions).toEqual({
    "ATT-01": { read: true, starred: true, updated: 200 },
    "ATT-02": { starred: true, updated: 300 },
    "DL-01": { read: true, updated: 1 },
  });
});

const BAD_FILES: [string, string, string][] = [
  ["notes.txt", "这不是 JSON", "这不是 JSON 文件"],
  ["package.json", JSON.stringify({ name: "x", version: "1.0.0" }), "这不是本手册导出的进度文件"],
  ["future.json", JSON.stringify({ format: FORMAT, version: 2, questions: {} }), "文件来自更新版本的手册（格式版本 2"],
  [
    "edited.json",
    JSON.stringify({
      format: FORMAT,
      version: 1,
      questions: { "ATT-02": { read: true, updated: 1 }, "DL-01": { grade: 5, updated: 1 } },
    }),
    "题目 DL-01 的记录中的 grade 必须是 0（不会）、1（模糊）或 2（会）",
  ],
  [
    "bad-id.json",
    JSON.stringify({ format: FORMAT, version: 1, questions: { "att-2": { updated: 1 } } }),
    "“att-2”不是有效的题号",
  ],
];

test("an invalid import file is rejected with a clear error and changes nothing", async ({ page }) => {
  await page.goto(ATT02);
  await press(page, "收藏");
  await page.goto("/progress/");
  const before = await rawStored(page);
  expect(before).toContain("ATT-02");
  for (const [name, content, message] of BAD_FILES) {
    await page
      .getByLabel("从文件导入")
      .setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(content) });
    const shown = page.locator("[data-import-message]");
    await expect(shown).toContainText(`无法导入 ${name}`);
    await expect(shown).toContainText(message);
    await expect(shown).toContainText("现有进度没有改动");
    await expect(shown).toHaveClass(/error/);
    await expect(page.locator("[data-import-preview]")).toBeHidden();
    expect(await rawStored(page), name).toBe(before);
  }
  await expectNoSeriousA11y(page);
  await page.reload();
  await expect(page.locator('tr[data-qid="ATT-02"] [data-col="starred"]')).toHaveText("★ 收藏");
});

test("a corrupted stored value breaks no page and is kept aside when overwritten", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto("/");
  for (const value of [
    "{broken",
    JSON.stringify({ format: FORMAT, version: 1, questions: { "ATT-02": { read: "yes" } } }),
  ]) {
    await page.evaluate(([key, v]) => localStorage.setItem(key, v), [STORAGE_KEY, value]);
    for (const path of ["/", "/c/att/", ATT02, "/review/", "/drill/", "/progress/"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
    }
    await expect(page.locator("[data-storage-notice]")).toContainText("已损坏");
    await page.goto("/drill/");
    await expect(page.locator("[data-drill-counts]")).toContainText(`没做过 ${published.length}`);
    await page.goto(ATT02);
    await expect(tool(page, "已读")).toHaveAttribute("aria-pressed", "false");
    await press(page, "已读");
    const now = JSON.parse((await rawStored(page)) ?? "{}");
    expect(Object.keys(now.questions)).toEqual(["ATT-02"]);
    expect(await page.evaluate((key) => localStorage.getItem(`${key}:corrupt`), STORAGE_KEY)).toBe(value);
    await page.evaluate(() => localStorage.clear());
  }
  expect(errors).toEqual([]);
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe: progress bars, badges and pressed buttons (${scheme})`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.addInitScript(
      ([key, format]) =>
        localStorage.setItem(
          key,
          JSON.stringify({
            format,
            version: 1,
            questions: {
              "ATT-01": { read: true, grade: 2, box: 2, due: "2026-11-25", updated: 1 },
              "ATT-02": { read: true, starred: true, grade: 1, box: 1, due: "2026-11-24", updated: 1 },
              "ATT-03": { grade: 0, box: 1, due: "2026-11-23", updated: 1 },
            },
          }),
        ),
      [STORAGE_KEY, FORMAT],
    );
    for (const path of ["/", "/c/att/", ATT02, "/review/att/", "/progress/"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      if (path === ATT02) await expect(tool(page, "收藏")).toHaveAttribute("aria-pressed", "true");
      else if (path === "/progress/")
        await expect(page.locator('tr[data-qid="ATT-03"] [data-col="grade"]')).toHaveText("不会");
      else await expect(page.locator(".status-grade-0").first()).toBeVisible();
      await expectNoSeriousA11y(page);
    }
  });
}
