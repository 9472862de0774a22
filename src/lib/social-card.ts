/**
 * Social preview images (Open Graph / Twitter large card), drawn at build time without network:
 * satori lays the card out as SVG, resvg (WASM) rasterises it to PNG.
 *
 * The CJK font comes from the npm package @fontsource-variable/noto-sans-sc, which ships Noto Sans
 * SC as ~100 WOFF2 slices by Unicode range. For each slice that holds a character the cards need,
 * subset-font cuts it down to those characters and pins the variable weight axis (satori would
 * otherwise draw the default instance, the thinnest weight) — about a second for the whole set.
 * The font is only read here, never shipped to readers: the cards carry text as outlines.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { initWasm, Resvg } from "@resvg/resvg-wasm";
import satori from "satori";
import subsetFont from "subset-font";
import { SOCIAL_IMAGE } from "./site";

export interface QuestionCard {
  kind: "question";
  id: string;
  title: string;
  chapter: string;
  chapterTitle: string;
  /** Shown at the bottom: host and path of the short link, e.g. "example.org/q/ATT-02/". */
  link: string;
}
export interface SiteCard {
  kind: "site";
  title: string;
  tagline: string;
  link: string;
}
export type Card = QuestionCard | SiteCard;

/** Bump when the card design changes: it is part of every cache key. */
export const CARD_DESIGN_VERSION = 2;

const COLORS = { bg: "#fdfdfc", fg: "#1c1e21", muted: "#59606b", accent: "#1f4fd1", soft: "#e6edff" };
const { width: W, height: H } = SOCIAL_IMAGE;
const PAD = 72;

const require = createRequire(import.meta.url);
const FONT_DIR = dirname(require.resolve("@fontsource-variable/noto-sans-sc/unicode.json"));
export const FONT_PACKAGE_VERSION: string = JSON.parse(readFileSync(join(FONT_DIR, "package.json"), "utf8")).version;

/** Fixed text on every card (its characters must be in the font subset). */
const FIXED_TEXT = "LLM 面试手册 一句话回答 · 推导 · 易错点";

/** Every character a card draws. */
export function cardCharacters(cards: readonly Card[]): string {
  const chars = new Set(FIXED_TEXT);
  for (const card of cards) {
    for (const value of Object.values(card)) for (const ch of String(value)) chars.add(ch);
  }
  return [...chars].sort().join("");
}

type Range = [number, number];
function parseRanges(list: string): Range[] {
  return list.split(",").map((item) => {
    const [a, b] = item.trim().replace(/^U\+/i, "").split("-");
    return [Number.parseInt(a, 16), Number.parseInt(b ?? a, 16)];
  });
}

/** The font slices (file + characters of `text` it covers), latin first so Latin text uses it. */
export function fontSlices(text: string): { key: string; file: string; chars: string }[] {
  const unicode: Record<string, string> = JSON.parse(readFileSync(join(FONT_DIR, "unicode.json"), "utf8"));
  const keys = Object.keys(unicode).sort((a, b) => (a === "latin" ? -1 : b === "latin" ? 1 : 0));
  const remaining = new Set(text);
  const slices: { key: string; file: string; chars: string }[] = [];
  for (const key of keys) {
    const ranges = parseRanges(unicode[key]);
    const chars = [...remaining].filter((ch) => {
      const cp = ch.codePointAt(0) ?? 0;
      return ranges.some(([a, b]) => cp >= a && cp <= b);
    });
    if (chars.length === 0) continue;
    for (const ch of chars) remaining.delete(ch);
    const name = key.replace(/[[\]]/g, "");
    slices.push({
      key: name,
      file: join(FONT_DIR, "files", `noto-sans-sc-${name}-wght-normal.woff2`),
      chars: chars.join(""),
    });
  }
  return slices;
}

export interface CardFont {
  name: string;
  data: Buffer;
  weight: 400 | 700;
  style: "normal";
}

/** Static regular and bold instances of every slice that `text` needs, subset to `text`. */
export async function loadCardFonts(text: string): Promise<CardFont[]> {
  const fonts: CardFont[] = [];
  for (const slice of fontSlices(text)) {
    const source = readFileSync(slice.file);
    for (const weight of [400, 700] as const) {
      const data = await subsetFont(source, slice.chars, {
        targetFormat: "sfnt",
        variationAxes: { wght: weight },
      });
      fonts.push({ name: `card-${slice.key}`, data, weight, style: "normal" });
    }
  }
  return fonts;
}

let wasmReady: Promise<void> | undefined;
function resvgReady() {
  wasmReady ??= initWasm(readFileSync(require.resolve("@resvg/resvg-wasm/index_bg.wasm")));
  return wasmReady;
}

// satori takes React-like element objects; this keeps the layout below readable without JSX.
type Style = Record<string, string | number>;
interface Node {
  type: string;
  props: { style: Style; children?: (Node | string)[] | Node | string };
}
const el = (type: string, style: Style, ...children: (Node | string)[]): Node => ({
  type,
  props: { style, children: children.length === 1 ? children[0] : children },
});

function titleSize(title: string): number {
  const len = [...title].length;
  return len <= 20 ? 68 : len <= 32 ? 60 : len <= 45 ? 52 : 44;
}

function layout(card: Card, fontFamily: string): Node {
  const header = el(
    "div",
    { display: "flex", justifyContent: "space-between", alignItems: "center", fontSize: 30, color: COLORS.muted },
    // The site card's title is the site name: no brand line above it.
    el("div", { display: "flex", fontWeight: 700, color: COLORS.fg }, card.kind === "question" ? "LLM 面试手册" : ""),
    card.kind === "question" ? el("div", { display: "flex" }, `${card.chapter} · ${card.chapterTitle}`) : "",
  );
  const body =
    card.kind === "question"
      ? el(
          "div",
          { display: "flex", flexDirection: "column", marginTop: 56 },
          el(
            "div",
            {
              display: "flex",
              alignSelf: "flex-start",
              fontSize: 40,
              fontWeight: 700,
              color: COLORS.accent,
              background: COLORS.soft,
              borderRadius: 12,
              padding: "4px 22px",
            },
            card.id,
          ),
          el(
            "div",
            {
              display: "block",
              marginTop: 28,
              fontSize: titleSize(card.title),
              fontWeight: 700,
              lineHeight: 1.3,
              lineClamp: 3,
              color: COLORS.fg,
            },
            card.title,
          ),
        )
      : el(
          "div",
          { display: "flex", flexDirection: "column", marginTop: 110 },
          el("div", { display: "flex", fontSize: 88, fontWeight: 700, color: COLORS.fg }, card.title),
          el("div", { display: "flex", marginTop: 24, fontSize: 40, color: COLORS.muted }, card.tagline),
        );
  const footer = el(
    "div",
    {
      display: "flex",
      justifyContent: "space-between",
      alignItems: "center",
      marginTop: "auto",
      fontSize: 26,
      color: COLORS.muted,
    },
    el("div", { display: "flex", color: COLORS.accent }, card.link),
    el("div", { display: "flex" }, "一句话回答 · 推导 · 易错点"),
  );
  return el(
    "div",
    {
      display: "flex",
      width: W,
      height: H,
      background: COLORS.bg,
      fontFamily,
    },
    el("div", { display: "flex", width: 18, height: H, background: COLORS.accent }),
    el(
      "div",
      {
        display: "flex",
        flexDirection: "column",
        flexGrow: 1,
        height: H,
        boxSizing: "border-box",
        padding: `${PAD - 8}px ${PAD}px ${PAD - 12}px`,
      },
      header,
      body,
      footer,
    ),
  );
}

/** The card as SVG, text drawn as outlines. `fonts` must cover cardCharacters([card]). */
export function cardSvg(card: Card, fonts: CardFont[]): Promise<string> {
  // The first font is the primary family; satori falls back to the other slices in order.
  return satori(layout(card, fonts[0]?.name ?? "sans-serif") as Parameters<typeof satori>[0], {
    width: W,
    height: H,
    fonts,
  });
}

/** A 1200×630 PNG of the card. */
export async function renderCard(card: Card, fonts: CardFont[]): Promise<Buffer> {
  const svg = await cardSvg(card, fonts);
  await resvgReady();
  return Buffer.from(new Resvg(svg, { fitTo: { mode: "original" } }).render().asPng());
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || signature.some((b, i) => png[i] !== b)) return undefined;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
