/** Integrity of the whole built site, every page (no browser needed). */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { FileSystemConfigLoader, HtmlValidate } from "html-validate";
import { questions } from "../../src/lib/inventory";
import { ROOT } from "../support/articles";
import { fileForPath, htmlFiles, idsIn, linksIn, read, urlPathOf } from "../support/built-site";

const PUBLISHED_LIST = join(ROOT, "tests", "published-urls.txt");
const REPORT_DIR = join(ROOT, "test-results");

/** Short-ID redirects and "撰写中" placeholders are not published articles. */
function isRedirectOrPending(path: string): boolean {
  const html = read(fileForPath(path) ?? "");
  return html.includes('http-equiv="refresh"') || html.includes('name="robots" content="noindex"');
}

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

test("every page is valid HTML", async () => {
  test.setTimeout(180_000);
  // Rules: .htmlvalidate.json (recommended, minus inline styles that KaTeX and Plot need).
  const validator = new HtmlValidate(new FileSystemConfigLoader());
  const problems: string[] = [];
  for (const file of pages) {
    const report = await validator.validateFile(file);
    for (const result of report.results) {
      for (const m of result.messages)
        problems.push(`${urlPathOf(file)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
    }
  }
  expect(problems).toEqual([]);
});

test("every inventory ID has a short link that resolves", () => {
  const problems: string[] = [];
  for (const question of questions) {
    const file = fileForPath(`/q/${question.id}/`);
    if (!file) {
      problems.push(`/q/${question.id}/ missing`);
      continue;
    }
    const html = read(file);
    const target = /http-equiv="refresh" content="0; url=([^"]+)"/.exec(html)?.[1];
    if (target && !fileForPath(new URL(target, "http://site/").pathname))
      problems.push(`/q/${question.id}/ → ${target} missing`);
  }
  expect(problems).toEqual([]);
});

test("no published question URL disappears (tests/published-urls.txt may only grow)", () => {
  const listed = readFileSync(PUBLISHED_LIST, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const missing = listed.filter((path) => !fileForPath(path));
  expect(missing, "a published URL must keep working (or become a redirect)").toEqual([]);
  const built = pages.map(urlPathOf).filter((p) => /^\/q\/[a-z0-9-]+\/$/.test(p) && !isRedirectOrPending(p));
  const unlisted = built.filter((p) => !listed.includes(p));
  expect(unlisted, `newly published: add these lines to ${PUBLISHED_LIST}`).toEqual([]);
});

test("external reference links are well-formed (listed in test-results/external-links.md)", () => {
  const links = new Map<string, Set<string>>();
  for (const file of pages) {
    for (const href of linksIn(read(file))) {
      if (!/^https?:\/\//.test(href)) continue;
      if (!links.has(href)) links.set(href, new Set());
      links.get(href)?.add(urlPathOf(file));
    }
  }
  const bad = [...links.keys()].filter((href) => {
    try {
      const url = new URL(href);
      return !["http:", "https:"].includes(url.protocol) || !url.hostname.includes(".") || /\s/.test(href);
    } catch {
      return true;
    }
  });
  const report = [
    "# External links",
    "",
    `${links.size} distinct URLs (not fetched: the build machine has no network).`,
    "",
    ...[...links.entries()].sort().map(([href, from]) => `- ${href} — ${[...from].join(", ")}`),
  ].join("\n");
  mkdirSync(REPORT_DIR, { recursive: true });
  writeFileSync(join(REPORT_DIR, "external-links.md"), `${report}\n`);
  expect(bad).toEqual([]);
  expect(links.size).toBeGreaterThan(10);
});
