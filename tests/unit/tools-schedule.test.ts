/** The self-test schedule (Leitner boxes), the session queue and the mock-interview draw. */
import { describe, expect, it } from "vitest";
import { drawMock, formatClock, parseSeed, summarizeMock } from "../../components/tools/mock";
import type { QuestionRecord } from "../../components/tools/progress-format";
import {
  addDays,
  afterRating,
  buildQueue,
  dayOf,
  daysBetween,
  INTERVAL_DAYS,
  isDue,
  MAX_REPEATS,
  queueCounts,
  REQUEUE_GAP,
  rate,
} from "../../components/tools/schedule";

const TODAY = "2026-11-23";

describe("calendar days", () => {
  it("uses the local calendar and handles month, year and leap-day boundaries", () => {
    expect(dayOf(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
    expect(addDays("2026-11-23", 1)).toBe("2026-11-24");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-11-23", "2026-12-08")).toBe(15);
    expect(daysBetween("2026-11-23", "2026-11-20")).toBe(-3);
  });
});

describe("Leitner schedule", () => {
  it("has the documented intervals: box 1…5 → 1, 2, 4, 7, 15 days", () => {
    expect(INTERVAL_DAYS.slice(1)).toEqual([1, 2, 4, 7, 15]);
  });

  it("会 moves a new question from box 1 to box 2, due in 2 days", () => {
    expect(rate(undefined, 2, TODAY)).toEqual({ grade: 2, box: 2, due: "2026-11-25", reviews: 1 });
  });

  it("会 moves one box up each time, with that box's interval, and stops at box 5", () => {
    let record: Partial<QuestionRecord> | undefined;
    const seen: [number, string][] = [];
    for (let i = 0; i < 6; i++) {
      record = rate(record, 2, TODAY);
      seen.push([record.box as number, record.due as string]);
    }
    expect(seen).toEqual([
      [2, "2026-11-25"],
      [3, "2026-11-27"],
      [4, "2026-11-30"],
      [5, "2026-12-08"],
      [5, "2026-12-08"],
      [5, "2026-12-08"],
    ]);
    expect(record?.reviews).toBe(6);
  });

  it("模糊 moves one box down (not below 1) and is due tomorrow", () => {
    expect(rate({ box: 4, due: TODAY, reviews: 3, updated: 0 }, 1, TODAY)).toEqual({
      grade: 1,
      box: 3,
      due: "2026-11-24",
      reviews: 4,
    });
    expect(rate(undefined, 1, TODAY)).toMatchObject({ box: 1, due: "2026-11-24" });
    expect(rate({ box: 1, due: TODAY, updated: 0 }, 1, TODAY)).toMatchObject({ box: 1 });
  });

  it("不会 sends a question back to box 1, due today", () => {
    expect(rate({ box: 5, due: TODAY, reviews: 9, updated: 0 }, 0, TODAY)).toEqual({
      grade: 0,
      box: 1,
      due: TODAY,
      reviews: 10,
    });
  });

  it("a question is due on and after its day, never before", () => {
    expect(isDue({ box: 2, due: "2026-11-23", updated: 0 }, TODAY)).toBe(true);
    expect(isDue({ box: 2, due: "2026-11-01", updated: 0 }, TODAY)).toBe(true);
    expect(isDue({ box: 2, due: "2026-11-24", updated: 0 }, TODAY)).toBe(false);
    expect(isDue(undefined, TODAY)).toBe(false);
    expect(isDue({ read: true, updated: 0 }, TODAY)).toBe(false);
  });
});

describe("session queue", () => {
  const ids = ["A-01", "A-02", "A-03", "A-04", "A-05", "A-06", "A-07"];
  const r = (box: number, due: string): QuestionRecord => ({ box, due, updated: 0 });
  const records: Record<string, QuestionRecord> = {
    "A-01": r(3, "2026-11-20"), // due, box 3
    "A-02": r(1, "2026-11-23"), // due, box 1, due today
    // never rated
    "A-04": r(1, "2026-11-21"), // due, box 1, overdue by 2 days
    "A-05": r(2, "2026-11-30"), // not due
    "A-06": { read: true, starred: true, updated: 0 }, // read but never rated: new
    "A-07": r(4, "2026-11-25"), // not due
  };

  it("puts due questions first (box ascending, then most overdue), then new ones in handbook order", () => {
    expect(buildQueue(ids, records, TODAY)).toEqual(["A-04", "A-02", "A-01", "A-03", "A-06"]);
  });

  it("in 考前冲刺 mode appends the questions not due yet, soonest first", () => {
    expect(buildQueue(ids, records, TODAY, { includeNotDue: true })).toEqual([
      "A-04",
      "A-02",
      "A-01",
      "A-03",
      "A-06",
      "A-07",
      "A-05",
    ]);
  });

  it("counts due, new and later questions", () => {
    expect(queueCounts(ids, records, TODAY)).toEqual({ due: 3, fresh: 2, later: 2 });
    expect(queueCounts(ids, records, "2026-11-30")).toEqual({ due: 5, fresh: 2, later: 0 });
  });

  it("brings a 不会 card back REQUEUE_GAP cards later, or last when fewer remain", () => {
    const queue = ["A", "B", "C", "D", "E", "F"];
    expect(REQUEUE_GAP).toBe(3);
    expect(afterRating(queue, 0, 0, { A: 1 })).toEqual(["A", "B", "C", "D", "A", "E", "F"]);
    expect(afterRating(queue, 4, 0, { E: 1 })).toEqual(["A", "B", "C", "D", "E", "F", "E"]);
    expect(afterRating(queue, 0, 1, { A: 1 })).toEqual(queue);
    expect(afterRating(queue, 0, 2, { A: 1 })).toEqual(queue);
  });

  it("stops bringing a card back after MAX_REPEATS extra showings", () => {
    let queue = ["A", "B"];
    const shown: Record<string, number> = {};
    const order: string[] = [];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i];
      shown[id] = (shown[id] ?? 0) + 1;
      order.push(id);
      queue = afterRating(queue, i, id === "A" ? 0 : 2, shown);
    }
    expect(order).toEqual(["A", "B", "A", "A"]);
    expect(shown.A).toBe(1 + MAX_REPEATS);
  });
});

describe("mock interview", () => {
  const pool = Array.from({ length: 20 }, (_, i) => `Q-${String(i + 1).padStart(2, "0")}`);

  it("draws N distinct questions from the pool, the same for the same seed", () => {
    const a = drawMock(pool, 5, 42);
    expect(a).toHaveLength(5);
    expect(new Set(a).size).toBe(5);
    for (const id of a) expect(pool).toContain(id);
    expect(drawMock(pool, 5, 42)).toEqual(a);
    expect(drawMock(pool, 5, 43)).not.toEqual(a);
  });

  it("returns the whole pool (shuffled) when N exceeds it, and nothing from an empty pool", () => {
    const all = drawMock(pool.slice(0, 3), 10, 7);
    expect([...all].sort()).toEqual(pool.slice(0, 3));
    expect(drawMock([], 5, 1)).toEqual([]);
  });

  it("spreads draws over the whole pool (every question is drawn first sometimes)", () => {
    const firsts = new Set<string>();
    for (let seed = 1; seed <= 400; seed++) firsts.add(drawMock(pool, 1, seed)[0]);
    expect(firsts.size).toBe(pool.length);
  });

  it("reads seeds from URLs strictly", () => {
    expect(parseSeed("42")).toBe(42);
    expect(parseSeed("0")).toBeUndefined();
    expect(parseSeed("-3")).toBeUndefined();
    expect(parseSeed("1.5")).toBeUndefined();
    expect(parseSeed("abc")).toBeUndefined();
    expect(parseSeed("99999999999")).toBeUndefined();
    expect(parseSeed(null)).toBeUndefined();
  });

  it("formats the clock and summarises answers", () => {
    expect(formatClock(120)).toBe("02:00");
    expect(formatClock(0.2)).toBe("00:01");
    expect(formatClock(-5)).toBe("00:00");
    expect(
      summarizeMock([
        { id: "A", seconds: 60, timedOut: false, grade: 2 },
        { id: "B", seconds: 120, timedOut: true, grade: 0 },
        { id: "C", seconds: 30, timedOut: false, grade: 1 },
        { id: "D", seconds: 45, timedOut: false, grade: 2 },
      ]),
    ).toEqual({ count: 4, known: 2, fuzzy: 1, unknown: 1, timedOut: 1, totalSeconds: 255, score: 50 });
  });
});
