/**
 * Content rules over every article: the frontmatter matches the inventory, the body follows the
 * article contract, and no prose is copied from the seed collections.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { inventoryQuestion, questions } from "../../src/lib/inventory";
import { CONTRACT_SECTIONS } from "../../src/markdown/sections";
import { articleSources, ROOT } from "../support/articles";

const articles = articleSources();

describe.each(articles)("$file", ({ file, frontmatter, body }) => {
  const id = String(frontmatter.id);
  const known = inventoryQuestion(id);

  it("is an inventory question stored under its chapter and slug", () => {
    expect(known, `${id} not in inventory`).toBeDefined();
    expect(basename(dirname(file))).toBe(known?.chapter);
    expect(basename(file)).toBe(`${known?.slug}.mdx`);
  });

  it("has the contract sections in order", () => {
    const h2 = [...body.matchAll(/^## (.+)$/gm)].map((m) => m[1].trim());
    const expected = CONTRACT_SECTIONS.filter((s) => s.required || h2.includes(s.heading)).map((s) => s.heading);
    expect(h2).toEqual(expected);
  });

  it("has a short 一句话回答 and at least two follow-ups", () => {
    const answer = /## 一句话回答\n([\s\S]*?)\n## /.exec(body)?.[1] ?? "";
    const chars = answer.replace(/\$[^$]*\$/g, "x").replace(/\s/g, "").length;
    expect(chars).toBeGreaterThan(40);
    expect(chars).toBeLessThan(420);
    const followUps = /## 常见追问\n([\s\S]*?)\n## /.exec(body)?.[1] ?? "";
    expect((followUps.match(/^### /gm) ?? []).length).toBeGreaterThanOrEqual(2);
  });

  it("uses full-width punctuation in Chinese prose (and code-cell titles)", () => {
    const prose = body
      // A cell's title is shown as a heading: it follows the prose rules; its code does not.
      .replace(/```[^\n]*?title="([^"]*)"[\s\S]*?```|```[\s\S]*?```/g, (_, title) => ` ${title ?? ""} `)
      .replace(/\$\$[\s\S]*?\$\$/g, " ")
      .replace(/\$[^$\n]*\$/g, " ")
      .replace(/`[^`\n]*`/g, " ")
      .replace(/\]\([^)]*\)/g, "]")
      .replace(/^import .*$/gm, " ");
    const cjk = "\\p{Script=Han}";
    const halfWidth = new RegExp(`(?<=${cjk})[,;:?!]|[,;:?!](?=${cjk})`, "gu");
    const hits = prose.split("\n").filter((line) => halfWidth.test(line));
    expect(hits.slice(0, 5), `${hits.length} lines with half-width punctuation next to Chinese`).toEqual([]);
  });

  it("cites at least one reference with a year", () => {
    const refs = frontmatter.references as { year: number }[];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref.year).toBeGreaterThan(1900);
  });
});

describe("chapters marked complete (src/data/complete-chapters.json)", () => {
  const complete: string[] = JSON.parse(readFileSync(join(ROOT, "src", "data", "complete-chapters.json"), "utf8"));
  const published = new Set(articles.map((a) => String(a.frontmatter.id)));

  it.each(complete)("%s has an article for every inventory question", (chapter) => {
    const missing = questions.filter((q) => q.chapter === chapter && !published.has(q.id)).map((q) => q.id);
    expect(missing).toEqual([]);
  });
});

describe("seed collections", () => {
  const seedsDir = join(ROOT, "..", "shared", "seeds");
  const haveSeeds = existsSync(seedsDir);
  if (!haveSeeds) console.warn(`content check: no seed collections at ${seedsDir}; copy check skipped`);

  it.skipIf(!haveSeeds)("no article copies 20 or more consecutive characters of seed prose", () => {
    const RUN = 20;
    const normalise = (s: string) => s.replace(/[\s\p{P}\p{S}]/gu, "");
    const seedRuns = new Set<string>();
    for (const name of readdirSync(seedsDir)) {
      // Seed question lines are titles (exempt: ours follow inventory.md); answers are prose.
      const lines = readFileSync(join(seedsDir, name), "utf8").split("\n");
      const text = normalise(lines.filter((line) => !/[?？]\s*$/.test(line)).join("\n"));
      for (let i = 0; i + RUN <= text.length; i++) seedRuns.add(text.slice(i, i + RUN));
    }
    const titles = questions.map((q) => normalise(q.title));
    const copied: string[] = [];
    for (const { file, body } of articles) {
      let prose = body
        .replace(/```[\s\S]*?```/g, " ")
        .replace(/\$\$[\s\S]*?\$\$/g, " ")
        .replace(/\$[^$\n]*\$/g, " ")
        .replace(/`[^`\n]*`/g, " ")
        .replace(/^import .*$/gm, " ");
      prose = normalise(prose);
      // Question titles follow the inventory, so they are exempt.
      for (const title of titles) prose = prose.split(title).join("|");
      for (const part of prose.split("|")) {
        for (let i = 0; i + RUN <= part.length; i++) {
          if (seedRuns.has(part.slice(i, i + RUN))) {
            copied.push(`${file}: “${part.slice(i, i + RUN)}”`);
            i += RUN;
          }
        }
      }
    }
    expect(copied).toEqual([]);
  });
});
