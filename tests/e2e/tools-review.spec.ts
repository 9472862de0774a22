/** 速记 (review sheets): every published question with its 一句话回答, readable without JS, printable. */
import { expect, test } from "@playwright/test";
import { parseHTML } from "linkedom";
import { emptyProgress, STORAGE_KEY, updateRecord } from "../../components/tools/progress-format";
import { questions } from "../../src/lib/inventory";
import { articleSources } from "../support/articles";

/** Published questions in handbook (inventory) order. */
const published = questions.filter((q) => articleSources().some((a) => a.frontmatter.id === q.id));
const normalize = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

test("the whole-handbook sheet lists every published question, in order, with its 一句话回答", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  await page.goto("/review/");
  await expect(page.locator("h1")).toContainText("速记");
  const ids = await page
    .locator(".review-item")
    .evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.qid));
  expect(ids).toEqual(published.map((q) => q.id));

  // The answer on the sheet is the article's own answer (text and math), question by question.
  for (const q of published) {
    const html = await (await request.get(`/q/${q.slug}/`)).text();
    const { document } = parseHTML(html);
    const card = document.querySelector(".answer-card");
    const item = page.locator(`.review-item[data-qid="${q.id}"]`);
    const answer = normalize(await item.locator(".review-answer").textContent());
    expect(answer.length, `${q.id} answer`).toBeGreaterThan(20);
    expect(answer, `${q.id} answer`).toBe(normalize(card?.textContent));
    expect(await item.locator(".review-answer .katex").count(), `${q.id} math`).toBe(
      card?.querySelectorAll(".katex").length ?? 0,
    );
    await expect(item.locator(".review-question a")).toHaveAttribute("href", `/q/${q.slug}/`);
    await expect(item.locator(".review-short")).toHaveAttribute("href", `/q/${q.id}/`);
  }
});

test("a chapter sheet lists exactly that chapter's published questions", async ({ page }) => {
  await page.goto("/review/att/");
  await expect(page.locator("h1")).toContainText("注意力机制");
  const ids = await page
    .locator(".review-item")
    .evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.qid));
  expect(ids).toEqual(published.filter((q) => q.chapter === "ATT").map((q) => q.id));
  // Reachable from the chapter page and the header.
  await page.goto("/c/att/");
  await page.getByRole("link", { name: "本章速记" }).click();
  await expect(page).toHaveURL(/\/review\/att\/$/);
  await page.locator(".site-header").getByRole("link", { name: "速记" }).click();
  await expect(page).toHaveURL(/\/review\/$/);
});

test("“只看还没掌握的题” hides the questions rated 会 and shows status badges", async ({ page }) => {
  const known = published[0].id;
  const progress = updateRecord(emptyProgress(), known, { grade: 2, read: true }, Date.now());
  await page.addInitScript(
    ([key, value]) => {
      if (!sessionStorage.getItem("seeded")) {
        localStorage.setItem(key, value);
        sessionStorage.setItem("seeded", "1");
      }
    },
    [STORAGE_KEY, JSON.stringify(progress)],
  );
  await page.goto("/review/");
  const item = page.locator(`.review-item[data-qid="${known}"]`);
  await expect(item.locator(".q-status")).toContainText("会");
  await expect(item.locator(".q-status")).toContainText("已读");
  await page.getByLabel("只看还没掌握的题").check();
  await expect(item).toBeHidden();
  await expect(page.locator(".review-item:visible")).toHaveCount(published.length - 1);
  await expect(page.locator("[data-review-status]")).toContainText("已隐藏 1 道");
  await page.getByLabel("只看还没掌握的题").uncheck();
  await expect(item).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the sheet is fully readable, with rendered math, and hides the JS-only controls", async ({ page }) => {
    await page.goto("/review/");
    await expect(page.locator(".review-item").first()).toBeVisible();
    expect(await page.locator(".review-answer .katex").count()).toBeGreaterThan(0);
    await expect(page.locator("[data-review-tools]")).toBeHidden();
  });
});

test("printing: no site chrome, one chapter per page, math kept", async ({ page }) => {
  await page.goto("/review/");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.locator("[data-review-tools]")).toBeHidden();
  const breaks = await page
    .locator(".review-chapter")
    .evaluateAll((sections) => sections.map((s) => getComputedStyle(s).breakBefore));
  // Every chapter after the first starts on a new page.
  expect(breaks.length).toBeGreaterThan(1);
  expect(breaks.slice(1).every((b) => b === "page")).toBe(true);
  expect(
    await page
      .locator(".review-item")
      .first()
      .evaluate((el) => getComputedStyle(el).breakInside),
  ).toBe("avoid");

  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(breaks.length);
});
