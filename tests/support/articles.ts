/** Reads article sources (frontmatter + body) straight from content/, for content rules tests. */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import yaml from "js-yaml";

export const ROOT = join(import.meta.dirname, "..", "..");
export const CONTENT_DIR = join(ROOT, "content");

export interface ArticleSource {
  path: string;
  file: string;
  frontmatter: Record<string, unknown>;
  body: string;
  /** Lines before the body (frontmatter and its fences), to map body lines to file lines. */
  frontmatterLines: number;
}

export function articleSources(): ArticleSource[] {
  const out: ArticleSource[] = [];
  for (const chapter of readdirSync(CONTENT_DIR)) {
    for (const name of readdirSync(join(CONTENT_DIR, chapter))) {
      if (!name.endsWith(".mdx")) continue;
      const path = join(CONTENT_DIR, chapter, name);
      const text = readFileSync(path, "utf8");
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
      if (!match) throw new Error(`${path}: no frontmatter`);
      out.push({
        path,
        file: relative(ROOT, path),
        frontmatter: yaml.load(match[1]) as Record<string, unknown>,
        body: match[2],
        frontmatterLines: match[1].split("\n").length + 2,
      });
    }
  }
  return out;
}
