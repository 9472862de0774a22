/** Sharing: social preview meta tags point at PNGs that exist; the share button copies the right link. */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { parseHTML } from "linkedom";
import { pngSize } from "../../src/lib/social-card";
import { fileForPath, htmlFiles, read, urlPathOf } from "../support/built-site";

const ATT02 = "/q/why-scale-by-sqrt-dk/";

test("an article's Open Graph and Twitter tags describe its own 1200×630 preview image", async ({ page, request }) => {
  await page.goto(ATT02);
  const meta = (selector: string) => page.locator(`head meta[${selector}]`).getAttribute("content");
  const image = (await meta('property="og:image"')) ?? "";
  expect(image).toMatch(/^https?:\/\/[^/]+\/og\/ATT-02\.png$/);
  expect(await meta('property="og:image:width"')).toBe("1200");
  expect(await meta('property="og:image:height"')).toBe("630");
  expect(await meta('property="og:image:type"')).toBe("image/png");
  expect(await meta('property="og:image:alt"')).toContain("ATT-02");
  expect(await meta('name="twitter:card"')).toBe("summary_large_image");
  expect(await meta('name="twitter:image"')).toBe(image);
  expect(await meta('property="og:title"')).toContain("ATT-02");

  // The same path on this server is a real PNG of that size.
  const response = await request.get(new URL(image).pathname);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("image/png");
  expect(pngSize(await response.body())).toEqual({ width: 1200, height: 630 });
});

test("every page's social image exists in the build and is 1200×630", () => {
  const problems: string[] = [];
  const checked = new Map<string, string | undefined>();
  let pages = 0;
  for (const file of htmlFiles()) {
    const html = read(file);
    if (html.includes('http-equiv="refresh"')) continue;
    pages++;
    const { document } = parseHTML(html);
    const og = document.querySelector('meta[property="og:image"]')?.getAttribute("content");
    const twitter = document.querySelector('meta[name="twitter:image"]')?.getAttribute("content");
    const card = document.querySelector('meta[name="twitter:card"]')?.getAttribute("content");
    const path = urlPathOf(file);
    if (!og || og !== twitter || card !== "summary_large_image") {
      problems.push(`${path}: og:image ${og}, twitter:image ${twitter}, card ${card}`);
      continue;
    }
    if (!/^https?:\/\//.test(og)) problems.push(`${path}: og:image is not absolute (${og})`);
    const imagePath = new URL(og).pathname;
    if (!checked.has(imagePath)) {
      const imageFile = fileForPath(imagePath);
      const size = imageFile ? pngSize(readFileSync(imageFile)) : undefined;
      checked.set(
        imagePath,
        size?.width === 1200 && size.height === 630 ? undefined : `${imagePath}: ${JSON.stringify(size)}`,
      );
    }
    const problem = checked.get(imagePath);
    if (problem) problems.push(`${path} → ${problem}`);
    // An article uses its own question's image.
    const id = /^\/q\/[a-z0-9-]+\/$/.test(path) ? document.querySelector(".article-id .qid")?.textContent : undefined;
    if (id && !imagePath.endsWith(`/og/${id}.png`)) problems.push(`${path}: image ${imagePath} is not ${id}'s`);
  }
  expect(pages).toBeGreaterThan(100);
  expect(problems).toEqual([]);
});

test.describe("share button", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("copies the short link, or the link to the section being read", async ({ page }) => {
    await page.goto(ATT02);
    const share = page.locator(".q-tools").getByRole("button", { name: "分享" });
    // Click where the reader sees the button (a locator click would first scroll it "into view").
    const clickShare = async () => {
      const box = await share.boundingBox();
      if (!box) throw new Error("no share button");
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    };
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    // At the top of the article: the question's short link (on the site's own origin).
    await expect(share).toBeInViewport();
    await clickShare();
    await expect(page.locator("[data-toast]")).toContainText("已复制链接");
    expect(await clipboard()).toMatch(/^https?:\/\/[^/]+\/q\/ATT-02\/$/);

    // Reading 易错点: the bar is stuck to the bottom of the screen, and shares that section.
    await page.locator("h2#pitfalls").evaluate((h) => h.scrollIntoView({ block: "start" }));
    await expect(share).toBeInViewport();
    await share.focus();
    await page.keyboard.press("Enter");
    await expect.poll(clipboard).toMatch(/\/q\/ATT-02\/#pitfalls$/);
    const sectionLink = await clipboard();

    // The short link with its anchor lands on the article, at that section.
    await page.goto(new URL(sectionLink).pathname + new URL(sectionLink).hash);
    await expect(page).toHaveURL(new RegExp(`${ATT02}#pitfalls$`));
  });
});
