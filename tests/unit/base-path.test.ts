/**
 * One scratch build serves two checks: the site can be served from a sub-folder (BASE_PATH), and a
 * question without an article (one is removed from the copy; the real handbook may have none) gets a
 * 撰写中 page, a plain index row and plain-text cross-links instead of dead links.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ROOT } from "../support/articles";
import { astroBuild } from "../support/build";

const dir = mkdtempSync(join(tmpdir(), "handbook-base-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const UNWRITTEN = { id: "RL-04", file: join("content", "RL", "rlhf-pipeline-cost.mdx") };
/** An article that links UNWRITTEN. */
const LINKING = "reward-model-vs-base-model";
let build: { status: number | null; output: string };

beforeAll(() => {
  for (const entry of ["package.json", "astro.config.mjs", "tsconfig.json", "src", "components", "content"]) {
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  rmSync(join(dir, UNWRITTEN.file));
  build = astroBuild(dir, { BASE_PATH: "/handbook/" });
  // A full build: well under a minute when idle, several on a loaded machine.
}, 400_000);

function html(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === "pagefind" ? [] : html(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

it("builds under /handbook/ with every root-relative link, script, style and font under it", () => {
  expect(build.status, build.output).toBe(0);
  const outside: string[] = [];
  for (const file of html(join(dir, "dist"))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\s(?:href|src|content)="(\/[^"]*)"/g)) {
      if (!m[1].startsWith("/handbook/")) outside.push(`${file.slice(dir.length)}: ${m[1]}`);
    }
  }
  expect(outside.slice(0, 10)).toEqual([]);
  const css = readdirSync(join(dir, "dist", "_astro")).filter((n) => n.endsWith(".css"));
  const fontUrls = css.flatMap((n) =>
    [...readFileSync(join(dir, "dist", "_astro", n), "utf8").matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]),
  );
  expect(fontUrls.length).toBeGreaterThan(0);
  expect(fontUrls.filter((u) => u.startsWith("/") && !u.startsWith("/handbook/"))).toEqual([]);
});

it("a question without an article gets a 撰写中 page, a plain index row and plain cross-links", () => {
  expect(build.status, build.output).toBe(0);
  const read = (...path: string[]) => readFileSync(join(dir, "dist", ...path), "utf8");
  const page = read("q", UNWRITTEN.id, "index.html");
  expect(page).toContain("撰写中");
  expect(page).not.toContain('http-equiv="refresh"');
  const row = new RegExp(`<li class="question-row pending" data-qid="${UNWRITTEN.id}">[\\s\\S]*?</li>`).exec(
    read("index.html"),
  )?.[0];
  expect(row).toContain("撰写中");
  expect(row).not.toContain("<a ");
  const article = read("q", LINKING, "index.html");
  expect(article).toContain(`<span class="xref-pending" title="${UNWRITTEN.id} 撰写中">${UNWRITTEN.id}</span>`);
  expect(article).not.toContain(`/q/${UNWRITTEN.id}/`);
});
