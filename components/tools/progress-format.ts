/**
 * The reader's progress, as stored in the browser (localStorage) and in an exported JSON file: one
 * format for both, versioned, validated on every read. Pure: no DOM, no storage access.
 *
 * Error *messages* live in progress-messages.ts, which only the progress page loads; the pages that
 * only show progress use a light read (badges.ts, and the article bar in components/ui/site.ts).
 */

import { FORMAT, VERSION } from "./progress-key";

export { FORMAT, STORAGE_KEY, VERSION } from "./progress-key";
/** Leitner boxes are numbered 1…MAX_BOX (see schedule.ts). */
export const MAX_BOX = 5;

/** A self-assessment: 0 不会 · 1 模糊 · 2 会. */
export type Grade = 0 | 1 | 2;

export interface QuestionRecord {
  /** The reader marked the article as read. */
  read?: true;
  starred?: true;
  /** The last self-assessment (self-test, mock interview or the article's 会了 button). */
  grade?: Grade;
  /** Leitner box and next review day (YYYY-MM-DD, the reader's local calendar); both or neither. */
  box?: number;
  due?: string;
  /** How many self-test ratings this question has had. */
  reviews?: number;
  /** When this record last changed (ms since epoch): the newer record wins when files are merged. */
  updated: number;
}

export interface Progress {
  format: typeof FORMAT;
  version: typeof VERSION;
  /** Present in exported files. */
  exportedAt?: string;
  questions: Record<string, QuestionRecord>;
}

/**
 * Why a value is not valid progress: a code, plus the question ID and field when the problem is in
 * one record. progress-messages.ts turns it into a sentence.
 */
export interface Problem {
  code:
    | "not-json"
    | "not-object"
    | "foreign"
    | "newer-version"
    | "bad-version"
    | "unknown-field"
    | "no-questions"
    | "too-many"
    | "bad-id"
    | "bad-record"
    | "bad-field";
  id?: string;
  field?: string;
  version?: number;
}

export type Validated = { ok: true; progress: Progress } | { ok: false; problem: Problem };

export const QUESTION_ID = /^[A-Z]+-\d{2}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TOP_FIELDS = ["format", "version", "exportedAt", "questions"];
/** A sanity bound far above the inventory size: a file with more entries is not ours. */
const MAX_QUESTIONS = 5000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A real calendar day written YYYY-MM-DD (rejects 2026-02-30). */
export function isDay(value: unknown): value is string {
  const m = typeof value === "string" ? DAY.exec(value) : null;
  if (!m) return false;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return date.getUTCFullYear() === +m[1] && date.getUTCMonth() === +m[2] - 1 && date.getUTCDate() === +m[3];
}

const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1e6;

/** Each record field and the test its value must pass. */
const FIELD_CHECKS: Record<string, (v: unknown) => boolean> = {
  read: (v) => v === true,
  starred: (v) => v === true,
  grade: (v) => v === 0 || v === 1 || v === 2,
  box: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_BOX,
  due: isDay,
  reviews: isCount,
  updated: (v) => typeof v === "number" && Number.isFinite(v) && v >= 0,
};

function recordProblem(id: string, record: unknown): Problem | undefined {
  if (!QUESTION_ID.test(id)) return { code: "bad-id", id };
  if (!isObject(record)) return { code: "bad-record", id };
  for (const [field, value] of Object.entries(record)) {
    const check = FIELD_CHECKS[field];
    if (!check) return { code: "unknown-field", id, field };
    if (!check(value)) return { code: "bad-field", id, field };
  }
  if (record.updated === undefined) return { code: "bad-field", id, field: "updated" };
  if ((record.box === undefined) !== (record.due === undefined)) {
    return { code: "bad-field", id, field: record.box === undefined ? "box" : "due" };
  }
  return undefined;
}

/** Checks a parsed value against the format. Nothing partial: one bad record rejects the whole value. */
export function validateProgress(value: unknown): Validated {
  if (!isObject(value)) return { ok: false, problem: { code: "not-object" } };
  if (value.format !== FORMAT) return { ok: false, problem: { code: "foreign" } };
  if (value.version !== VERSION) {
    const version = typeof value.version === "number" ? value.version : undefined;
    const code = version !== undefined && version > VERSION ? "newer-version" : "bad-version";
    return { ok: false, problem: { code, version } };
  }
  for (const field of Object.keys(value)) {
    if (!TOP_FIELDS.includes(field)) return { ok: false, problem: { code: "unknown-field", field } };
  }
  if (value.exportedAt !== undefined && typeof value.exportedAt !== "string") {
    return { ok: false, problem: { code: "bad-field", field: "exportedAt" } };
  }
  const questions = value.questions;
  if (!isObject(questions)) return { ok: false, problem: { code: "no-questions" } };
  const entries = Object.entries(questions);
  if (entries.length > MAX_QUESTIONS) return { ok: false, problem: { code: "too-many" } };
  for (const [id, record] of entries) {
    const problem = recordProblem(id, record);
    if (problem) return { ok: false, problem };
  }
  return { ok: true, progress: value as unknown as Progress };
}

/** Parses and validates text (a stored value or a file's contents). */
export function parseProgress(text: string): Validated {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: { code: "not-json" } };
  }
  return validateProgress(value);
}

export function emptyProgress(): Progress {
  return { format: FORMAT, version: VERSION, questions: {} };
}

export type RecordPatch = { [K in keyof Omit<QuestionRecord, "updated">]?: QuestionRecord[K] | false | null };

/**
 * A copy of `progress` with one question's record changed. A field patched to false/null/undefined is
 * removed (the format stores only `true` flags). The record keeps its `updated` time even when it
 * ends up empty, so that merging knows an un-star is newer than an old star.
 */
export function updateRecord(progress: Progress, id: string, patch: RecordPatch, now: number): Progress {
  const record: Record<string, unknown> = { ...progress.questions[id] };
  for (const [field, value] of Object.entries(patch)) {
    if (value === false || value === null || value === undefined) delete record[field];
    else record[field] = value;
  }
  record.updated = now;
  return { ...progress, questions: { ...progress.questions, [id]: record as unknown as QuestionRecord } };
}

/** Per question, the more recently changed record wins (a tie goes to `incoming`). */
export function mergeProgress(current: Progress, incoming: Progress): Progress {
  const questions = { ...current.questions };
  for (const [id, record] of Object.entries(incoming.questions)) {
    const mine = questions[id];
    if (!mine || record.updated >= mine.updated) questions[id] = record;
  }
  return { format: FORMAT, version: VERSION, questions };
}

/** The file a reader downloads: the stored value plus the export time. */
export function exportProgress(progress: Progress, now: Date): string {
  const file: Progress = { format: FORMAT, version: VERSION, exportedAt: now.toISOString(), questions: {} };
  for (const id of Object.keys(progress.questions).sort()) file.questions[id] = progress.questions[id];
  return `${JSON.stringify(file, null, 2)}\n`;
}

export interface Summary {
  total: number;
  read: number;
  /** Last self-assessment 会 / 模糊 / 不会. */
  known: number;
  fuzzy: number;
  unknown: number;
  starred: number;
}

/** Counts over the given question IDs (e.g. the published questions of one chapter). */
export function summarize(progress: Progress, ids: readonly string[]): Summary {
  const s: Summary = { total: ids.length, read: 0, known: 0, fuzzy: 0, unknown: 0, starred: 0 };
  for (const id of ids) {
    const r = progress.questions[id];
    if (!r) continue;
    if (r.read) s.read++;
    if (r.starred) s.starred++;
    if (r.grade === 2) s.known++;
    else if (r.grade === 1) s.fuzzy++;
    else if (r.grade === 0) s.unknown++;
  }
  return s;
}
