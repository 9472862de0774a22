/** What a reader does on the foundation pages: navigate, follow an ID link, search, switch theme, copy links. */
import { expect, test } from "@playwright/test";
import { articleSources } from "../support/articles";

const ATT02 = "/q/why-scale-by-sqrt-dk/";

test("home lists every chapter and links only published questions", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.locator(".chapter-card")).toHaveCount(17);
  await expect(page.locator(".question-row")).toHaveCount(104);
  const published = page.locator(".question-row:not(.pending)");
  await expect(published).toHaveCount(articleSources().length);
  await expect(published.locator("a.q-title")).toHaveCount(articleSources().length);
  // Questions without an article (none once the handbook is complete) are listed as 撰写中 and are
  // not links; tests/unit/base-path.test.ts builds a copy with one article removed to check that.
  const pending = page.locator(".question-row.pending");
  await expect(pending).toHaveCount(104 - articleSources().length);
  await expect(pending.locator("a")).toHaveCount(0);
});

test("home → chapter → article → next in chapter", async ({ page }) => {
  await page.goto("/");
  await page.locator('.chapter-card[href$="/c/att/"]').click();
  await expect(page.locator("h1")).toContainText("注意力机制");
  await page.locator('.question-row[data-qid="ATT-01"] a').click();
  await expect(page).toHaveURL(/\/q\/how-self-attention-works\/$/);
  await expect(page.locator(".article-id .qid")).toHaveText("ATT-01");
  await page.locator(".prev-next a[rel=next]").click();
  await expect(page).toHaveURL(new RegExp(`${ATT02}$`));
  await expect(page.locator("h1")).toContainText("√d_k");
});

test("an article has rendered math, contract sections, TOC, references and a report link", async ({ page }) => {
  await page.goto(ATT02);
  expect(await page.locator(".prose .katex").count()).toBeGreaterThan(10);
  for (const id of ["answer", "explanation", "try-it", "follow-ups", "pitfalls", "references"]) {
    await expect(page.locator(`h2#${id}`)).toHaveCount(1);
    await expect(page.locator(`.toc-side a[href="#${id}"]`)).toHaveCount(1);
  }
  expect(await page.locator(".references li").count()).toBeGreaterThan(0);
  const report = page.locator(".report a");
  const href = (await report.getAttribute("href")) ?? "";
  expect(href).toMatch(/\/issues\/new\?/);
  expect(decodeURIComponent(href)).toContain("一手来源");
  await expect(page.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}$/);
});

test("/q/ATT-02/ redirects to the article and keeps the section anchor", async ({ page }) => {
  await page.goto("/q/ATT-02/#pitfalls");
  await expect(page).toHaveURL(new RegExp(`${ATT02}#pitfalls$`));
  await expect(page.locator("h1")).toContainText("√d_k");
});

test("unknown URLs get the 404 page with search and the index", async ({ page }) => {
  const response = await page.goto("/no/such/page/");
  expect(response?.status()).toBe(404);
  await expect(page.locator("h1")).toHaveText("页面不存在");
  await page.locator("#search-input").fill("L1 正则化");
  await expect(page.locator(".search-result").first()).toContainText("DL-05");
});

// A query found whole in a title or tag puts that question first.
for (const [query, expectedId] of [
  ["层归一化", "NRM-02"],
  ["L1 正则化", "DL-05"],
  ["梯度消失", "DL-01"],
  ["LayerNorm", "NRM-02"],
  ["top_p", "DEC-02"],
  ["ATT-07", "ATT-07"],
] as const) {
  test(`search "${query}" finds ${expectedId} first`, async ({ page }) => {
    await page.goto("/search/");
    await page.locator("#search-input").fill(query);
    await expect(page.locator(".search-result .qid").first()).toHaveText(expectedId);
  });
}

// Otherwise Pagefind ranks the full text; several articles may mention a term, and the one about
// it must be among the first three.
for (const [query, expectedId] of [
  ["温度", "DEC-02"],
  ["缩放", "ATT-02"],
] as const) {
  test(`search "${query}" finds ${expectedId} in the top three`, async ({ page }) => {
    await page.goto("/search/");
    await page.locator("#search-input").fill(query);
    await expect(page.locator(".search-result").first()).toBeVisible();
    const top = await page
      .locator(".search-result .qid")
      .evaluateAll((ids) => ids.slice(0, 3).map((el) => el.textContent));
    expect(top).toContain(expectedId);
  });
}

test("search opens from the header with no search code loaded before", async ({ page }) => {
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(r.url());
  });
  await page.goto(ATT02);
  await page.waitForLoadState("networkidle");
  expect(scripts.filter((u) => /pagefind|search/.test(u))).toEqual([]);
  await page.keyboard.press("/");
  const input = page.locator("dialog.search-dialog #search-input");
  await expect(input).toBeFocused();
  await input.fill("温度");
  await expect(page.locator("dialog .search-result .qid").first()).toHaveText("DEC-02");
  await page.keyboard.press("Escape");
  await expect(page.locator("dialog.search-dialog")).not.toBeVisible();
});

test("theme toggle cycles auto → light → dark and persists across reloads", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const toggle = page.locator("[data-theme-toggle]");
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const lightBg = await background();
  await expect(toggle).toHaveAttribute("data-choice", "auto");
  await toggle.click();
  await expect(toggle).toHaveAttribute("data-choice", "light");
  await toggle.click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await background()).not.toBe(lightBg);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await background()).not.toBe(lightBg);
  await page.locator("[data-theme-toggle]").click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
  expect(await background()).toBe(lightBg);
});

test.describe("copy links", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("the ID badge button copies the short link; a heading anchor copies the section link", async ({ page }) => {
    await page.goto(ATT02);
    await page.locator(".copy-link").click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/q\/ATT-02\/$/);
    await expect(page.locator("[data-toast]")).toContainText("已复制链接");
    await page.locator("h2#pitfalls .heading-anchor").click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/q\/why-scale-by-sqrt-dk\/#pitfalls$/);
    await expect(page).toHaveURL(/#pitfalls$/);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an article is fully readable: text, math, TOC and links", async ({ page }) => {
    await page.goto(ATT02);
    await expect(page.locator("h1")).toContainText("√d_k");
    await expect(page.locator("h2#answer + .answer-card p").first()).toBeVisible();
    expect(await page.locator(".prose .katex-display").count()).toBeGreaterThan(2);
    await expect(page.locator("[data-theme-toggle]")).toBeHidden();
    // The search link still leads somewhere useful.
    await expect(page.locator("[data-search-open]")).toHaveAttribute("href", "/search/");
  });
});

test("no page requests anything from another origin", async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? "").origin;
  const foreign: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.protocol !== "data:" && url.protocol !== "blob:" && url.origin !== origin) foreign.push(r.url());
  });
  for (const path of ["/", "/c/att/", ATT02, "/q/layernorm-vs-batchnorm/", "/search/", "/no/such/page/"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  await page.goto("/search/?q=LayerNorm");
  await expect(page.locator(".search-result").first()).toBeVisible();
  expect(foreign).toEqual([]);
});
