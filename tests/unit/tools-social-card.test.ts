/** Social preview images: font coverage, the cards drawn, the PNG produced. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { socialCards } from "../../src/integrations/social-images";
import { chapters, questions } from "../../src/lib/inventory";
import {
  type Card,
  cardCharacters,
  cardSvg,
  fontSlices,
  loadCardFonts,
  pngSize,
  renderCard,
} from "../../src/lib/social-card";
import { CONTENT_DIR } from "../support/articles";

const allCards: Card[] = questions.map((q) => ({
  kind: "question",
  id: q.id,
  title: q.title,
  chapter: q.chapter,
  chapterTitle: chapters.find((c) => c.id === q.chapter)?.title ?? "",
  link: `example.org/q/${q.id}/`,
}));

describe("social preview images", () => {
  it("finds a font slice for every character of every inventory title", () => {
    const text = cardCharacters(allCards);
    const covered = fontSlices(text).flatMap((slice) => [...slice.chars]);
    expect(covered.length).toBe([...text].length);
    expect(new Set(covered)).toEqual(new Set(text));
  });

  it("has one card per published article, plus the site card, with the short link", () => {
    const cards = socialCards(CONTENT_DIR, "https://example.org", "/handbook/");
    const published = questions.filter((q) => existsSync(join(CONTENT_DIR, q.chapter, `${q.slug}.mdx`)));
    expect([...cards.keys()].sort()).toEqual(["site", ...published.map((q) => q.id)].sort());
    const att02 = cards.get("ATT-02");
    expect(att02).toMatchObject({ kind: "question", chapter: "ATT", chapterTitle: "注意力机制" });
    expect(att02?.link).toBe("example.org/handbook/q/ATT-02/");
  });

  it("draws the title as outlines and renders a 1200×630 PNG", async () => {
    const card = allCards.find((c) => c.kind === "question" && c.id === "ATT-02") as Card;
    const fonts = await loadCardFonts(cardCharacters([card]));
    const svg = await cardSvg(card, fonts);
    // Each text run is drawn as one outline path (site name, chapter, ID, title, footer ×2); a card
    // whose fonts failed to load has none, and a title in the wrong font has few outlines.
    const paths = [...svg.matchAll(/<path[^>]* d="([^"]*)"/g)].map((m) => m[1]);
    expect(paths.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...paths.map((d) => d.length))).toBeGreaterThan(5000);
    const png = await renderCard(card, fonts);
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
    const other = await renderCard(
      { ...card, title: "另一个标题" } as Card,
      await loadCardFonts(cardCharacters([{ ...card, title: "另一个标题" } as Card])),
    );
    expect(Buffer.compare(png, other)).not.toBe(0);
  }, 60_000);

  it("reads PNG sizes and rejects other files", () => {
    expect(pngSize(new Uint8Array([1, 2, 3]))).toBeUndefined();
    expect(pngSize(new TextEncoder().encode("not a png at all, but long enough"))).toBeUndefined();
  });
});
