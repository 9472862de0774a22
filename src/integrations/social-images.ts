/**
 * Writes a 1200×630 social preview per published question (og/<ID>.png) and one for the site
 * (og/site.png) after the build; pages point at them in their Open Graph / Twitter meta (Base.astro).
 * Each PNG is cached by a hash of its card's content, the design version and the font version
 * (node_modules/.cache/handbook-social-images), so a rebuild redraws only the cards that changed.
 * In `astro dev` the same images are drawn on request.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { chapterOf, questions } from "../lib/inventory";
import {
  CARD_DESIGN_VERSION,
  type Card,
  type CardFont,
  cardCharacters,
  FONT_PACKAGE_VERSION,
  loadCardFonts,
  renderCard,
} from "../lib/social-card";

interface Options {
  /** Where the articles live (content/<CHAPTER>/<slug>.mdx): a question with a file is published. */
  contentDir: string;
}

/** The cards to draw, by output name ("ATT-02", "site"). */
export function socialCards(contentDir: string, site: string, base: string): Map<string, Card> {
  const root = base.replace(/\/?$/, "/");
  const linkTo = (path: string) => {
    const url = new URL(root + path, site);
    return url.host + url.pathname;
  };
  const cards = new Map<string, Card>();
  cards.set("site", {
    kind: "site",
    title: "LLM 面试手册",
    tagline: "大模型 · Transformer · 深度学习面试题详解",
    link: linkTo(""),
  });
  for (const q of questions) {
    if (!existsSync(join(contentDir, q.chapter, `${q.slug}.mdx`))) continue;
    cards.set(q.id, {
      kind: "question",
      id: q.id,
      title: q.title,
      chapter: q.chapter,
      chapterTitle: chapterOf(q.chapter)?.title ?? q.chapter,
      link: linkTo(`q/${q.id}/`),
    });
  }
  return cards;
}

const cacheKey = (card: Card) =>
  createHash("sha256")
    .update(JSON.stringify({ design: CARD_DESIGN_VERSION, font: FONT_PACKAGE_VERSION, card }))
    .digest("hex")
    .slice(0, 24);

export function socialImages(options: Options): AstroIntegration {
  let site = "https://example.org";
  let base = "/";
  let cacheDir = "";
  return {
    name: "handbook-social-images",
    hooks: {
      "astro:config:done": ({ config }) => {
        site = config.site ?? site;
        base = config.base;
        cacheDir = join(fileURLToPath(config.root), "node_modules", ".cache", "handbook-social-images");
      },
      "astro:build:done": async ({ dir, logger }) => {
        const started = performance.now();
        const outDir = join(fileURLToPath(dir), "og");
        mkdirSync(outDir, { recursive: true });
        mkdirSync(cacheDir, { recursive: true });
        const cards = socialCards(options.contentDir, site, base);
        // Several builds may share the cache (test builds link node_modules): write atomically, never
        // delete what another build may be reading, and redraw whatever cannot be read.
        let fonts: Promise<CardFont[]> | undefined;
        let drawn = 0;
        for (const [name, card] of cards) {
          const cached = join(cacheDir, `${cacheKey(card)}.png`);
          let png: Buffer | undefined;
          try {
            png = readFileSync(cached);
          } catch {
            png = undefined;
          }
          if (png) {
            // Recently used cards stay in the cache (see the clean-up below).
            const now = new Date();
            try {
              utimesSync(cached, now, now);
            } catch {
              // Read-only cache: still usable.
            }
          } else {
            fonts ??= loadCardFonts(cardCharacters([...cards.values()]));
            png = await renderCard(card, await fonts);
            const partial = `${cached}.${process.pid}.tmp`;
            writeFileSync(partial, png);
            renameSync(partial, cached);
            drawn++;
          }
          writeFileSync(join(outDir, `${name}.png`), png);
        }
        // Cards no build has used for a month (renamed questions, older designs) are dropped.
        const monthAgo = Date.now() - 30 * 86_400_000;
        for (const file of readdirSync(cacheDir)) {
          const path = join(cacheDir, file);
          try {
            if (statSync(path).mtimeMs < monthAgo) rmSync(path, { force: true });
          } catch {
            // Gone already (another build renamed or removed it).
          }
        }
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        logger.info(`${cards.size} social images (${drawn} drawn, ${cards.size - drawn} cached) in ${seconds} s`);
      },
      "astro:server:setup": ({ server }) => {
        server.middlewares.use(async (req, res, next) => {
          const path = new URL(req.url ?? "/", "http://dev").pathname;
          const root = base.replace(/\/?$/, "/");
          const match = path.startsWith(root)
            ? /^og\/([A-Za-z]+(?:-\d{2})?)\.png$/.exec(path.slice(root.length))
            : null;
          const card = match ? socialCards(options.contentDir, site, base).get(match[1]) : undefined;
          if (!card) return next();
          const png = await renderCard(card, await loadCardFonts(cardCharacters([card])));
          res.setHeader("Content-Type", "image/png");
          res.end(png);
        });
      },
    },
  };
}
