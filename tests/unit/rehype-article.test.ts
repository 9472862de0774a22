import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import rehypeKatex from "rehype-katex";
import rehypeStringify from "rehype-stringify";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { rehypeContractSections, rehypeFailOnKatexError, rehypeQuestionLinks } from "../../src/markdown/rehype-article";
import { CONTENT_DIR } from "../support/articles";

/** No article at all: every question counts as unwritten. */
const EMPTY_CONTENT = mkdtempSync(join(tmpdir(), "handbook-no-content-"));

async function process(markdown: string, contentDir = CONTENT_DIR) {
  const file = new VFile({ path: "content/TEST/example.mdx", value: markdown });
  const out = await unified()
    .use(remarkParse)
    .use(remarkMath)
    .use(remarkRehype)
    .use(rehypeKatex)
    .use(rehypeFailOnKatexError)
    .use(rehypeContractSections)
    .use(rehypeQuestionLinks, { base: "/handbook/", contentDir })
    .use(rehypeStringify)
    .process(file);
  const data = out.data as { astro?: { frontmatter?: Record<string, unknown> } };
  return { html: String(out), fm: data.astro?.frontmatter ?? {} };
}

describe("contract sections", () => {
  it("gives the contract headings stable English anchors", async () => {
    const { html } = await process("## 一句话回答\n\nA\n\n## 详细解释\n\nB\n\n## 常见追问\n\nC\n\n## 易错点\n\nD\n");
    for (const id of ["answer", "explanation", "follow-ups", "pitfalls"]) expect(html).toContain(`id="${id}"`);
  });

  it("extracts the 30-second answer as text (TeX kept) and HTML", async () => {
    const { fm } = await process("## 一句话回答\n\n除以 $\\sqrt{d_k}$ 让方差回到 1。\n\n## 详细解释\n\n不在答案里。\n");
    expect(fm.answerText).toBe("除以 $\\sqrt{d_k}$ 让方差回到 1。");
    expect(fm.answerHtml).toContain('class="katex"');
    expect(String(fm.answerHtml)).not.toContain("不在答案里");
  });
});

describe("KaTeX errors", () => {
  it("fail with the file name and the formula problem", async () => {
    await expect(process("## 一句话回答\n\n$\\frac{1}{$\n")).rejects.toThrow(
      /KaTeX error in content\/TEST\/example\.mdx/,
    );
  });

  it("let valid formulas through", async () => {
    const { html } = await process("$$\n\\mathrm{softmax}(z)_i=\\frac{e^{z_i}}{\\sum_j e^{z_j}}\n$$\n");
    expect(html).toContain("katex-display");
    expect(html).not.toContain("katex-error");
  });
});

describe("question cross-links", () => {
  it("point a published question at its canonical URL under the base path, keeping the anchor", async () => {
    const { html } = await process("见 [ATT-02](/q/ATT-02/#pitfalls)。");
    expect(html).toContain('href="/handbook/q/why-scale-by-sqrt-dk/#pitfalls"');
  });

  it("turn a link to an unwritten question into plain text", async () => {
    const { html } = await process("见 [RL-04](/q/RL-04/)。", EMPTY_CONTENT);
    expect(html).not.toContain("<a");
    expect(html).toContain('<span class="xref-pending" title="RL-04 撰写中">RL-04</span>');
  });

  it("refuse a link to a question that does not exist", async () => {
    await expect(process("[X](/q/NOPE-01/)")).rejects.toThrow(/unknown question/);
  });
});
