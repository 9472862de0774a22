/** Integrity of the whole built site, page by page (no browser needed). */
import { expect, test } from "@playwright/test";
import { fileForPath, htmlFiles, idsIn, linksIn, read, urlPathOf } from "../support/built-site";

const pages = htmlFiles();

test("the site was built", () => {
  expect(pages.length).toBeGreaterThan(100);
});

test("no page contains a KaTeX error", () => {
  const bad = pages.filter((file) => /katex-error|ParseError/.test(read(file))).map(urlPathOf);
  expect(bad).toEqual([]);
});

test("every internal link and anchor resolves", () => {
  const ids = new Map(pages.map((file) => [urlPathOf(file), idsIn(read(file))]));
  const broken: string[] = [];
  for (const file of pages) {
    const from = urlPathOf(file);
    for (const link of linksIn(read(file))) {
      if (/^(https?:|mailto:|data:|blob:|javascript:)/.test(link) && !link.startsWith("http://127.0.0.1")) continue;
      const url = new URL(link, `http://site${from}`);
      const target = url.pathname;
      if (!fileForPath(target)) {
        broken.push(`${from} → ${link}`);
        continue;
      }
      const hash = decodeURIComponent(url.hash.slice(1));
      const targetIds = ids.get(target) ?? ids.get(target.replace(/\/?$/, "/"));
      if (hash && targetIds && !targetIds.has(hash)) broken.push(`${from} → ${link} (no #${hash})`);
    }
  }
  expect(broken).toEqual([]);
});

test("every page declares zh-CN and loads nothing from another origin", () => {
  const problems: string[] = [];
  for (const file of pages) {
    const html = read(file);
    const path = urlPathOf(file);
    if (!html.includes('<html lang="zh-CN"')) problems.push(`${path}: lang`);
    for (const m of html.matchAll(/<(?:script|link|img|iframe|source)\b[^>]*\s(?:src|href)="(https?:)?\/\/[^"]+"/g)) {
      if (!/rel="canonical"|property="og:/.test(m[0])) problems.push(`${path}: ${m[0].slice(0, 120)}`);
    }
  }
  expect(problems).toEqual([]);
});
