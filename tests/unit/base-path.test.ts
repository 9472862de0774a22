/** The site can be served from a sub-folder (BASE_PATH): every internal URL carries the prefix. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { ROOT } from "../support/articles";
import { astroBuild } from "../support/build";

const dir = mkdtempSync(join(tmpdir(), "handbook-base-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function html(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === "pagefind" ? [] : html(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

it("builds under /handbook/ with every root-relative link, script, style and font under it", {
  timeout: 180_000,
}, () => {
  for (const entry of ["package.json", "astro.config.mjs", "tsconfig.json", "src", "components", "content"]) {
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  const result = astroBuild(dir, { BASE_PATH: "/handbook/" });
  expect(result.status, result.output).toBe(0);
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
