/**
 * The self-test schedule: a Leitner box system (documented in CONTRIBUTING.md and on /drill/).
 *
 * Every question that has been rated sits in one of five boxes. A box says how long until the
 * question comes back:
 *
 *   box        1     2     3     4     5
 *   interval   1 d   2 d   4 d   7 d   15 d
 *
 *   会   → one box up (a new question starts from box 1, so it lands in box 2), due after that box's interval
 *   模糊 → one box down (not below 1), due tomorrow
 *   不会 → back to box 1, due today: it comes back in this session, REQUEUE_GAP cards later
 *
 * A session's queue: questions that are due (box ascending — the least known first — then the most
 * overdue first, then handbook order), then questions never rated (handbook order). In 考前冲刺 mode
 * the questions not yet due follow, soonest due first.
 *
 * Days are the reader's local calendar days ("YYYY-MM-DD"), so "tomorrow" means after midnight.
 * Pure: no DOM, no clock — callers pass `today`.
 */
import { type Grade, MAX_BOX, type QuestionRecord } from "./progress-format";

/** Days until a question in box b is due again: INTERVAL_DAYS[b]. */
export const INTERVAL_DAYS: readonly number[] = [0, 1, 2, 4, 7, 15];
/** A 不会 card comes back after this many other cards in the same session. */
export const REQUEUE_GAP = 3;
/** …but at most this many extra times per session, so a session always ends. */
export const MAX_REPEATS = 2;

export const GRADE_LABEL: Record<Grade, string> = { 0: "不会", 1: "模糊", 2: "会" };

/** The reader's local calendar day. */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const utc = (day: string) => {
    const [y, m, d] = day.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

export type ScheduleFields = Pick<QuestionRecord, "grade" | "box" | "due" | "reviews">;

/** The record fields after rating a question on `today`. */
export function rate(
  record: Partial<QuestionRecord> | undefined,
  grade: Grade,
  today: string,
): Required<ScheduleFields> {
  const box = record?.box ?? 1;
  const reviews = (record?.reviews ?? 0) + 1;
  if (grade === 2) {
    const next = Math.min(MAX_BOX, box + 1);
    return { grade, box: next, due: addDays(today, INTERVAL_DAYS[next]), reviews };
  }
  if (grade === 1) return { grade, box: Math.max(1, box - 1), due: addDays(today, 1), reviews };
  return { grade, box: 1, due: today, reviews };
}

export function isDue(record: Partial<QuestionRecord> | undefined, today: string): boolean {
  return record?.due !== undefined && record.due <= today;
}

export interface QueueOptions {
  /** 考前冲刺: also the questions not due yet (after the due and the new ones). */
  includeNotDue?: boolean;
}

export interface QueueCounts {
  due: number;
  fresh: number;
  later: number;
}

/**
 * The order in which a session shows the given questions (which are in handbook order).
 * `records` maps a question ID to its stored record.
 */
export function buildQueue(
  ids: readonly string[],
  records: Readonly<Record<string, QuestionRecord | undefined>>,
  today: string,
  options: QueueOptions = {},
): string[] {
  const { due, fresh, later } = partition(ids, records, today);
  const position = new Map(ids.map((id, i) => [id, i]));
  const byBoxThenDue = (a: string, b: string) => {
    const ra = records[a] as QuestionRecord;
    const rb = records[b] as QuestionRecord;
    return (
      (ra.box ?? 0) - (rb.box ?? 0) ||
      (ra.due ?? "").localeCompare(rb.due ?? "") ||
      (position.get(a) ?? 0) - (position.get(b) ?? 0)
    );
  };
  const byDueThenBox = (a: string, b: string) => {
    const ra = records[a] as QuestionRecord;
    const rb = records[b] as QuestionRecord;
    return (
      (ra.due ?? "").localeCompare(rb.due ?? "") ||
      (ra.box ?? 0) - (rb.box ?? 0) ||
      (position.get(a) ?? 0) - (position.get(b) ?? 0)
    );
  };
  return [...due.sort(byBoxThenDue), ...fresh, ...(options.includeNotDue ? later.sort(byDueThenBox) : [])];
}

function partition(
  ids: readonly string[],
  records: Readonly<Record<string, QuestionRecord | undefined>>,
  today: string,
) {
  const due: string[] = [];
  const fresh: string[] = [];
  const later: string[] = [];
  for (const id of ids) {
    const record = records[id];
    if (record?.box === undefined) fresh.push(id);
    else if (isDue(record, today)) due.push(id);
    else later.push(id);
  }
  return { due, fresh, later };
}

export function queueCounts(
  ids: readonly string[],
  records: Readonly<Record<string, QuestionRecord | undefined>>,
  today: string,
): QueueCounts {
  const { due, fresh, later } = partition(ids, records, today);
  return { due: due.length, fresh: fresh.length, later: later.length };
}

/**
 * The rest of a session's queue after the card at `index` was rated: a 不会 card is shown again
 * REQUEUE_GAP cards later (or last, if fewer remain), unless it already came back MAX_REPEATS times.
 * `shown` counts how often each card has been shown in this session, this one included.
 */
export function afterRating(
  queue: readonly string[],
  index: number,
  grade: Grade,
  shown: Readonly<Record<string, number>>,
): string[] {
  const next = [...queue];
  const id = queue[index];
  if (grade === 0 && (shown[id] ?? 1) <= MAX_REPEATS) {
    next.splice(Math.min(next.length, index + 1 + REQUEUE_GAP), 0, id);
  }
  return next;
}
