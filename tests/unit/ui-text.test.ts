/**
 * The site's own Chinese text (pages, components, messages) uses full-width punctuation, as the
 * articles do (content.test.ts). Comments are English and exempt; so is src/data (the inventory's
 * canonical titles are kept as written there).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/articles";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "data" ? [] : sourceFiles(path);
    return /\.(astro|ts)$/.test(entry.name) ? [path] : [];
  });
}

const isComment = (line: string) => /^\s*(\/\/|\/\*|\*)/.test(line);
const HALF_WIDTH_NEXT_TO_HAN = /\p{Script=Han}[,;:?!]|[,;:?!]\p{Script=Han}/u;

describe("UI text", () => {
  it("uses full-width punctuation next to Chinese characters", () => {
    const hits: string[] = [];
    for (const file of [...sourceFiles(join(ROOT, "components")), ...sourceFiles(join(ROOT, "src"))]) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (!isComment(line) && HALF_WIDTH_NEXT_TO_HAN.test(line)) hits.push(`${relative(ROOT, file)}:${i + 1}`);
        });
    }
    expect(hits).toEqual([]);
  });
});
