/**
 * The cards the self-test page carries, and the filters over them (chapter, difficulty, tag,
 * starred), read from and written to the page URL so a filtered drill can be bookmarked or shared.
 * Pure: no DOM.
 */
import { MOCK_COUNTS, MOCK_DEFAULT, MOCK_MINUTES, parseSeed } from "./mock";
import type { Progress } from "./progress-format";

export interface DrillCard {
  id: string;
  title: string;
  chapter: string;
  difficulty: 1 | 2 | 3;
  tags: string[];
  /** The article's URL (under the base path). */
  url: string;
}

export interface DrillFilters {
  chapter: string;
  tag: string;
  difficulty: (1 | 2 | 3)[];
  starred: boolean;
  cram: boolean;
  count: number;
  minutes: number;
  /** Replays a shared mock interview; absent: a new random draw. */
  seed?: number;
}

export const DEFAULT_FILTERS: DrillFilters = {
  chapter: "",
  tag: "",
  difficulty: [1, 2, 3],
  starred: false,
  cram: false,
  count: MOCK_DEFAULT.count,
  minutes: MOCK_DEFAULT.minutes,
};

/** Cards matching the filters, in the order given (handbook order). */
export function filterCards(cards: readonly DrillCard[], filters: DrillFilters, progress: Progress): DrillCard[] {
  return cards.filter(
    (card) =>
      (!filters.chapter || card.chapter === filters.chapter) &&
      (!filters.tag || card.tags.includes(filters.tag)) &&
      filters.difficulty.includes(card.difficulty) &&
      (!filters.starred || progress.questions[card.id]?.starred === true),
  );
}

/** Filters from a query string; unknown or invalid values fall back to the defaults. */
export function readFilters(search: string, chapters: readonly string[], tags: readonly string[]): DrillFilters {
  const params = new URLSearchParams(search);
  const pick = <T>(value: T | undefined, allowed: readonly T[], fallback: T) =>
    value !== undefined && allowed.includes(value) ? value : fallback;
  const difficulty = (params.get("difficulty") ?? "")
    .split(",")
    .map(Number)
    .filter((d): d is 1 | 2 | 3 => d === 1 || d === 2 || d === 3);
  return {
    chapter: pick(params.get("chapter") ?? undefined, chapters, ""),
    tag: pick(params.get("tag") ?? undefined, tags, ""),
    difficulty: params.has("difficulty") && difficulty.length ? [...new Set(difficulty)].sort() : [1, 2, 3],
    starred: params.get("starred") === "1",
    cram: params.get("cram") === "1",
    count: pick(Number(params.get("count")), MOCK_COUNTS as readonly number[], MOCK_DEFAULT.count),
    minutes: pick(Number(params.get("minutes")), MOCK_MINUTES as readonly number[], MOCK_DEFAULT.minutes),
    seed: parseSeed(params.get("seed")),
  };
}

/** The query string for the filters (only what differs from the defaults). */
export function writeFilters(filters: DrillFilters): string {
  const params = new URLSearchParams();
  if (filters.chapter) params.set("chapter", filters.chapter);
  if (filters.tag) params.set("tag", filters.tag);
  if (filters.difficulty.length !== 3) params.set("difficulty", filters.difficulty.join(","));
  if (filters.starred) params.set("starred", "1");
  if (filters.cram) params.set("cram", "1");
  if (filters.count !== DEFAULT_FILTERS.count) params.set("count", String(filters.count));
  if (filters.minutes !== DEFAULT_FILTERS.minutes) params.set("minutes", String(filters.minutes));
  if (filters.seed !== undefined) params.set("seed", String(filters.seed));
  const query = params.toString();
  return query ? `?${query}` : "";
}
