/**
 * Shrinks KaTeX's math fonts after the build: each woff2 font is cut down to the characters that
 * the site's formulas actually use, renamed by its new content hash, and the woff/ttf fallbacks
 * are dropped (every browser we support reads woff2). On a formula-heavy article this takes the
 * fonts from ~85 KB to ~25 KB, the difference between fitting the page budget or not.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { parseHTML } from "linkedom";
import subsetFont from "subset-font";

const KATEX_FONT = /^(KaTeX_[A-Za-z0-9-]+)\.[\w-]+\.(woff2|woff|ttf)$/;
const PRELOADED_FACES = ["KaTeX_Main-Regular", "KaTeX_Math-Italic"];

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, ext);
    return name.endsWith(ext) ? [path] : [];
  });
}

/**
 * Every character drawn by KaTeX anywhere on the site. The subset is recomputed on every build,
 * and all math is rendered at build time, so no page can need a glyph outside it.
 */
export function katexCharacters(htmlFiles: string[]): string {
  const chars = new Set<string>();
  for (const file of htmlFiles) {
    const html = readFileSync(file, "utf8");
    if (!html.includes("katex-html")) continue;
    const { document } = parseHTML(html);
    for (const el of document.querySelectorAll(".katex-html")) {
      for (const ch of el.textContent ?? "") chars.add(ch);
    }
  }
  return [...chars].join("");
}

export function katexFontSubset(): AstroIntegration {
  return {
    name: "handbook-katex-fonts",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const assets = join(outDir, "_astro");
        const text = katexCharacters(filesUnder(outDir, ".html"));
        const renamed = new Map<string, string>();
        let before = 0;
        let after = 0;
        for (const name of readdirSync(assets)) {
          const match = KATEX_FONT.exec(name);
          if (!match) continue;
          const path = join(assets, name);
          if (match[2] === "woff2") {
            const original = readFileSync(path);
            // Hinting only helps low-resolution Windows rendering; dropping it halves the files.
            const subset = await subsetFont(original, text, { targetFormat: "woff2", noHinting: true });
            const hash = createHash("sha256").update(subset).digest("base64url").slice(0, 8);
            const newName = `${match[1]}.${hash}.woff2`;
            writeFileSync(join(assets, newName), subset);
            renamed.set(name, newName);
            before += original.length;
            after += subset.length;
          }
          if (renamed.get(name) !== name) rmSync(path);
        }
        let fontBase = "/_astro/";
        for (const css of filesUnder(assets, ".css")) {
          const source = readFileSync(css, "utf8");
          if (!source.includes("KaTeX_")) continue;
          fontBase = /url\(([^)]*\/)KaTeX_/.exec(source)?.[1] ?? fontBase;
          writeFileSync(css, rewriteFontSources(source, renamed));
        }
        // Almost every formula uses these two faces: fetch them with the CSS instead of after layout,
        // so text does not reflow (layout shift) when they arrive.
        const preloads = PRELOADED_FACES.map((face) => [...renamed.values()].find((n) => n.startsWith(`${face}.`)))
          .filter((name): name is string => Boolean(name))
          .map((name) => `<link rel="preload" href="${fontBase}${name}" as="font" type="font/woff2" crossorigin>`)
          .join("");
        for (const file of filesUnder(outDir, ".html")) {
          const html = readFileSync(file, "utf8");
          if (html.includes('class="katex"')) writeFileSync(file, html.replace("</head>", `${preloads}</head>`));
        }
        logger.info(
          `${renamed.size} KaTeX fonts subset to ${text.length} characters: ${(before / 1024).toFixed(0)} KiB → ${(after / 1024).toFixed(0)} KiB`,
        );
      },
    },
  };
}

/** In every @font-face `src`, keep only the woff2 source, pointing at its renamed file. */
export function rewriteFontSources(css: string, renamed: Map<string, string>): string {
  return css.replace(/src:([^;}]*)/g, (declaration, list: string) => {
    if (!list.includes("KaTeX_")) return declaration;
    const woff2 = list.split(",").filter((item) => item.includes(".woff2"));
    const rewritten = woff2.map((item) =>
      item.replace(/KaTeX_[\w-]+\.[\w-]+\.woff2/, (file) => renamed.get(file) ?? file),
    );
    return `src:${rewritten.join(",")}`;
  });
}
