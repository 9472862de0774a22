/**
 * Builds the Pagefind search index over the finished site. Chinese is segmented because every page
 * declares lang="zh-CN"; only article bodies are indexed (data-pagefind-body).
 */

import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { createIndex } from "pagefind";

export function pagefind(): AstroIntegration {
  return {
    name: "handbook-pagefind",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const { index, errors } = await createIndex({
          // KaTeX repeats every formula as visual spans and MathML; index only the TeX annotation.
          excludeSelectors: [
            ".katex-html",
            ".katex-mathml semantics > mrow",
            ".heading-anchor",
            "[data-pagefind-ignore]",
            // Code, chart labels and control labels would drown the prose in matches.
            ".cell-code",
            ".cell-source",
            ".demo-figure",
            ".demo-controls",
          ],
        });
        if (!index) throw new Error(`Pagefind failed: ${errors.join("; ")}`);
        const added = await index.addDirectory({ path: outDir });
        if (added.errors.length > 0) throw new Error(`Pagefind failed: ${added.errors.join("; ")}`);
        await index.writeFiles({ outputPath: `${outDir}/pagefind` });
        logger.info(`indexed ${added.page_count} pages`);
        await index.deleteIndex();
      },
    },
  };
}
