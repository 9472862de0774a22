// @ts-check

import { fileURLToPath } from "node:url";
import { unified } from "@astrojs/markdown-remark";
import mdx from "@astrojs/mdx";
import sitemap from "@astrojs/sitemap";
import { defineConfig } from "astro/config";
import rehypeAutolinkHeadings from "rehype-autolink-headings";
import rehypeKatex from "rehype-katex";
import rehypeSlug from "rehype-slug";
import remarkMath from "remark-math";
import { katexFontSubset } from "./src/integrations/katex-fonts";
import { pagefind } from "./src/integrations/pagefind";
import { socialImages } from "./src/integrations/social-images";
import {
  rehypeContractSections,
  rehypeFailOnKatexError,
  rehypeQuestionLinks,
  rehypeScrollableTables,
} from "./src/markdown/rehype-article";
import { remarkCodeCells } from "./src/markdown/remark-code-cells";

// Deployment: SITE_URL is the origin, BASE_PATH the folder the site is served from ("/" or "/repo/").
const site = process.env.SITE_URL ?? "https://llm-interview-handbook.github.io";
const base = process.env.BASE_PATH ?? "/";
const contentDir = fileURLToPath(new URL("./content", import.meta.url));

export default defineConfig({
  site,
  base,
  publicDir: "./src/public",
  trailingSlash: "always",
  build: { format: "directory" },
  integrations: [
    mdx(),
    // Short-ID redirects and "撰写中" placeholders are not content: keep them out of the sitemap.
    sitemap({ filter: (page) => !/\/q\/[A-Z]+-\d{2}\/$/.test(page) }),
    katexFontSubset(),
    pagefind(),
    socialImages({ contentDir }),
  ],
  markdown: {
    processor: unified({
      remarkPlugins: [remarkMath, remarkCodeCells],
      rehypePlugins: [
        [
          rehypeKatex,
          {
            // Chinese inside \text{} is intended; every other strict-mode complaint is a real error.
            strict: (/** @type {string} */ code) => (code === "unicodeTextInMathMode" ? "ignore" : "error"),
          },
        ],
        rehypeFailOnKatexError,
        // Before the answer is extracted: the 一句话回答 copy on the review sheets and flashcards
        // must carry the resolved question links too.
        [rehypeQuestionLinks, { base, contentDir }],
        rehypeContractSections,
        rehypeScrollableTables,
        rehypeSlug,
        [
          rehypeAutolinkHeadings,
          {
            behavior: "append",
            test: ["h2", "h3"],
            properties: { className: ["heading-anchor"], ariaLabel: "复制本节链接" },
            content: {
              type: "element",
              tagName: "span",
              properties: { className: ["anchor-icon"], ariaHidden: "true" },
              children: [],
            },
          },
        ],
      ],
    }),
    shikiConfig: { themes: { light: "github-light-high-contrast", dark: "github-dark-high-contrast" } },
  },
  vite: {
    build: {
      assetsInlineLimit: 0,
      rollupOptions: {
        // Every MDX file triggers a harmless bundler warning about Astro's own head-injection
        // directive (withastro/astro#18087); hiding it keeps real warnings visible in the build log.
        onwarn(warning, warn) {
          if (warning.code === "MODULE_LEVEL_DIRECTIVE" && warning.message.includes("astro:head-inject")) return;
          warn(warning);
        },
      },
    },
  },
});
