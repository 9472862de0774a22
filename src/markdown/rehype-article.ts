/**
 * Rehype plugins that turn an article body into the handbook's page body.
 * They run after rehype-katex and before heading slugs/anchors are added.
 */

import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Element, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { toString as hastToString } from "hast-util-to-string";
import type { VFile } from "vfile";
import { inventoryQuestion, questions } from "../lib/inventory";
import { anchorForHeading } from "./sections";

/** rehype-katex only warns on a bad formula and renders it red; a formula error must fail the build. */
export function rehypeFailOnKatexError() {
  return (_tree: Root, file: VFile) => {
    const errors = file.messages.filter((m) => m.source === "rehype-katex");
    if (errors.length > 0) {
      const details = errors.map((m) => `  line ${m.line ?? "?"}: ${m.reason}`).join("\n");
      throw new Error(`KaTeX error in ${file.path}:\n${details}`);
    }
  };
}

function isH2(node: unknown): node is Element {
  return (node as Element).type === "element" && (node as Element).tagName === "h2";
}

/**
 * Gives the contract headings (一句话回答, 详细解释, …) their stable English anchors, and stores the
 * 一句话回答 section as text (page description) and HTML (review sheets) in the frontmatter that
 * Astro exposes as `remarkPluginFrontmatter`.
 */
export function rehypeContractSections() {
  return (tree: Root, file: VFile) => {
    const children = tree.children;
    let answerStart = -1;
    let answerEnd = children.length;
    children.forEach((node, index) => {
      if (!isH2(node)) return;
      const anchor = anchorForHeading(hastToString(node));
      if (anchor) node.properties.id = anchor;
      if (anchor === "answer") answerStart = index;
      else if (answerStart >= 0 && answerEnd === children.length) answerEnd = index;
    });
    const fm = frontmatterOf(file);
    const components = jsxComponentNames(tree);
    fm.hasDemo = [...components].some((name) => name.endsWith("Demo"));
    fm.hasCell = components.has("CodeCell");
    if (answerStart < 0) return;
    const answerNodes = children.slice(answerStart + 1, answerEnd);
    const section: Root = { type: "root", children: answerNodes };
    // The text form drops KaTeX's visual spans and keeps the TeX annotation, which reads fine
    // in a meta description.
    fm.answerText = answerText(section);
    fm.answerHtml = toHtml(section);
    // The 30-second answer is what a reader came for: give it its own box.
    const card: Element = {
      type: "element",
      tagName: "div",
      properties: { className: ["answer-card"] },
      children: answerNodes as Element["children"],
    };
    children.splice(answerStart + 1, answerNodes.length, card);
  };
}

function frontmatterOf(file: VFile): Record<string, unknown> {
  const data = file.data as { astro?: { frontmatter?: Record<string, unknown> } };
  data.astro ??= {};
  data.astro.frontmatter ??= {};
  return data.astro.frontmatter;
}

/** Names of the MDX components an article uses (e.g. "SoftmaxSaturationDemo", "CodeCell"). */
function jsxComponentNames(tree: Root): Set<string> {
  const names = new Set<string>();
  const walk = (node: { type: string; name?: string | null; children?: unknown[] }) => {
    if ((node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") && node.name) {
      names.add(node.name);
    }
    for (const child of node.children ?? []) walk(child as typeof node);
  };
  walk(tree);
  return names;
}

function answerText(section: Root): string {
  const parts: string[] = [];
  const walk = (node: Root | Element | Root["children"][number]) => {
    if (node.type === "text") parts.push(node.value);
    if (node.type !== "element" && node.type !== "root") return;
    if (node.type === "element") {
      const cls = node.properties.className;
      const classes = Array.isArray(cls) ? cls : [];
      if (classes.includes("katex-html")) return;
      if (node.tagName === "annotation") {
        parts.push(`$${hastToString(node)}$`);
        return;
      }
      if (node.tagName === "semantics") {
        const annotation = node.children.find((c): c is Element => c.type === "element" && c.tagName === "annotation");
        if (annotation) walk(annotation);
        return;
      }
    }
    for (const child of node.children) walk(child);
  };
  walk(section);
  return parts.join("").replace(/\s+/g, " ").trim();
}

/**
 * Cross-references between articles are written `[ATT-02](/q/ATT-02/)` (or with the slug). This
 * points them at the article's canonical URL under the deployment base path, and turns a link to a
 * question that has no article yet into plain text marked "撰写中", so no link is ever dead.
 */
export function rehypeQuestionLinks(options: { base: string; contentDir: string }) {
  const base = options.base.replace(/\/?$/, "/");
  return (tree: Root) => {
    visitElements(tree, (node, parent, index) => {
      if (node.tagName !== "a") return;
      const href = String(node.properties.href ?? "");
      const match = /^\/q\/([^/#?]+)\/?(#.*)?$/.exec(href);
      if (!match) return;
      const [, key, hash = ""] = match;
      const question = inventoryQuestion(key) ?? questions.find((q) => q.slug === key);
      if (!question) throw new Error(`link to unknown question "${href}"`);
      if (existsSync(join(options.contentDir, question.chapter, `${question.slug}.mdx`))) {
        node.properties.href = `${base}q/${question.slug}/${hash}`;
      } else {
        parent.children[index] = {
          type: "element",
          tagName: "span",
          properties: { className: ["xref-pending"], title: `${question.id} 撰写中` },
          children: node.children,
        };
      }
    });
  };
}

function visitElements(node: Root | Element, fn: (node: Element, parent: Root | Element, index: number) => void) {
  node.children.forEach((child, index) => {
    if (child.type !== "element") return;
    fn(child, node, index);
    const current = node.children[index];
    if (current.type === "element") visitElements(current, fn);
  });
}

/**
 * Wide tables and display formulas scroll sideways on phones. A scrolling box must be reachable by
 * keyboard, so each table sits in a focusable, labelled group and each display formula is focusable.
 */
export function rehypeScrollableTables() {
  return (tree: Root) => {
    let count = 0;
    visitElements(tree, (node, parent, index) => {
      const classes = node.properties.className;
      if (Array.isArray(classes) && classes.includes("katex-display")) {
        // A wide display formula scrolls sideways too; like Shiki's <pre>, it takes keyboard focus.
        node.properties.tabIndex = 0;
        return;
      }
      if (node.tagName !== "table" || (parent as Element).properties?.dataTableScroll !== undefined) return;
      count += 1;
      parent.children[index] = {
        type: "element",
        tagName: "div",
        properties: {
          className: ["table-scroll"],
          tabIndex: 0,
          role: "group",
          ariaLabel: `表格 ${count}（可横向滚动）`,
          dataTableScroll: "",
        },
        children: [node],
      };
    });
  };
}
