/**
 * Mock interview: N questions drawn at random from the filtered pool, each with a time limit.
 * The draw is seeded (src/lib/rng.ts), so the same seed and pool give the same questions — a
 * set can be shared as a link (?seed=…) or replayed. Pure: no DOM, no clock.
 */
import { mulberry32 } from "../../src/lib/rng";
import type { Grade } from "./progress-format";

export const MOCK_COUNTS = [3, 5, 8, 10] as const;
export const MOCK_MINUTES = [1, 2, 3, 5] as const;
export const MOCK_DEFAULT = { count: 5, minutes: 2 } as const;
export const MAX_SEED = 2 ** 31 - 1;

/** `count` distinct items of `pool` in random order (all of them if the pool is smaller). */
export function drawMock<T>(pool: readonly T[], count: number, seed: number): T[] {
  const random = mulberry32(seed);
  const items = [...pool];
  const n = Math.max(0, Math.min(count, items.length));
  // Partial Fisher–Yates: the first n positions are a uniform random sample, in random order.
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (items.length - i));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items.slice(0, n);
}

/** A seed from a URL parameter, or undefined when it is not a whole number in range. */
export function parseSeed(value: string | null | undefined): number | undefined {
  if (!value || !/^\d{1,10}$/.test(value)) return undefined;
  const seed = Number(value);
  return seed >= 1 && seed <= MAX_SEED ? seed : undefined;
}

/** "mm:ss" for a number of seconds (rounded up, so 0.2 s left still shows 00:01). */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

export interface MockAnswer {
  id: string;
  /** Seconds from the question appearing to the answer being revealed (capped at the limit). */
  seconds: number;
  timedOut: boolean;
  grade: Grade;
}

export interface MockSummary {
  count: number;
  known: number;
  fuzzy: number;
  unknown: number;
  timedOut: number;
  totalSeconds: number;
  /** Share of questions rated 会, 0…100. */
  score: number;
}

export function summarizeMock(answers: readonly MockAnswer[]): MockSummary {
  const count = answers.length;
  const known = answers.filter((a) => a.grade === 2).length;
  return {
    count,
    known,
    fuzzy: answers.filter((a) => a.grade === 1).length,
    unknown: answers.filter((a) => a.grade === 0).length,
    timedOut: answers.filter((a) => a.timedOut).length,
    totalSeconds: answers.reduce((sum, a) => sum + a.seconds, 0),
    score: count ? Math.round((known / count) * 100) : 0,
  };
}
