/**
 * Bad content must fail the build with a message that names the file. Each case builds a scratch
 * copy of the site holding one good and one broken article.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/articles";
import { astroBuild } from "../support/build";

const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

const GOOD = join(ROOT, "content", "ATT", "why-scale-by-sqrt-dk.mdx");

function buildWith(badRelPath: string, badSource: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "handbook-build-"));
  scratchDirs.push(dir);
  for (const entry of ["package.json", "astro.config.mjs", "tsconfig.json", "src", "components"]) {
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  mkdirSync(join(dir, "content", "ATT"), { recursive: true });
  cpSync(GOOD, join(dir, "content", "ATT", "why-scale-by-sqrt-dk.mdx"));
  const badPath = join(dir, badRelPath);
  mkdirSync(join(badPath, ".."), { recursive: true });
  writeFileSync(badPath, badSource);
  return astroBuild(dir);
}

function withFrontmatter(source: string, change: (fm: string) => string): string {
  const [, fm, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source) ?? [];
  return `---\n${change(fm)}\n---\n${body}`;
}

describe("a broken article fails the build by name", () => {
  const att01 = readFileSync(join(ROOT, "content", "ATT", "how-self-attention-works.mdx"), "utf8");

  it("malformed frontmatter names the file and the field", { timeout: 90_000 }, () => {
    const bad = withFrontmatter(att01, (fm) => fm.replace(/^difficulty: .*$/m, "difficulty: hard"));
    const { status, output } = buildWith("content/ATT/how-self-attention-works.mdx", bad);
    expect(status).not.toBe(0);
    expect(output).toContain("how-self-attention-works.mdx");
    expect(output).toMatch(/difficulty/);
  });

  it("a KaTeX error names the file", { timeout: 90_000 }, () => {
    const bad = att01.replace("## 详细解释", "## 详细解释\n\n$$\n\\frac{1}{\n$$\n");
    const { status, output } = buildWith("content/ATT/how-self-attention-works.mdx", bad);
    expect(status).not.toBe(0);
    expect(output).toMatch(/KaTeX error in .*how-self-attention-works\.mdx/);
  });
});
