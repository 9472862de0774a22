/** The progress format: validation of stored values and imported files, updates, merge, export. */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_FILTERS,
  type DrillCard,
  filterCards,
  readFilters,
  writeFilters,
} from "../../components/tools/drill-data";
import {
  emptyProgress,
  exportProgress,
  FORMAT,
  isDay,
  mergeProgress,
  type Progress,
  parseProgress,
  STORAGE_KEY,
  summarize,
  updateRecord,
  VERSION,
  validateProgress,
} from "../../components/tools/progress-format";
import { describeProblem } from "../../components/tools/progress-messages";

const valid: Progress = {
  format: FORMAT,
  version: VERSION,
  exportedAt: "2026-11-23T10:00:00.000Z",
  questions: {
    "ATT-02": {
      read: true,
      starred: true,
      grade: 2,
      box: 3,
      due: "2026-11-27",
      reviews: 4,
      updated: 1_700_000_000_000,
    },
    "DL-01": { read: true, updated: 1_700_000_000_001 },
    "NRM-03": { grade: 0, box: 1, due: "2026-11-23", reviews: 1, updated: 1 },
  },
};

const withRecord = (record: unknown) => ({ format: FORMAT, version: VERSION, questions: { "ATT-02": record } });

describe("progress validation", () => {
  it("uses one versioned storage key", () => {
    expect(STORAGE_KEY).toMatch(/v1$/);
  });

  it("accepts a valid file and an empty one", () => {
    expect(validateProgress(valid)).toEqual({ ok: true, progress: valid });
    expect(validateProgress(emptyProgress()).ok).toBe(true);
    expect(parseProgress(exportProgress(valid, new Date())).ok).toBe(true);
  });

  it("rejects text that is not JSON, and JSON that is not an object", () => {
    expect(parseProgress("")).toEqual({ ok: false, problem: { code: "not-json" } });
    expect(parseProgress("{ format: ")).toEqual({ ok: false, problem: { code: "not-json" } });
    for (const value of [null, 3, "x", [], [valid]]) {
      expect(validateProgress(value)).toEqual({ ok: false, problem: { code: "not-object" } });
    }
  });

  it("rejects a foreign file (another app's JSON, a package.json, a bare questions map)", () => {
    for (const value of [
      { name: "x", version: "1.0.0" },
      { questions: valid.questions },
      { ...valid, format: "other" },
    ]) {
      expect(validateProgress(value)).toMatchObject({ ok: false, problem: { code: "foreign" } });
    }
  });

  it("rejects other format versions, telling a newer one apart", () => {
    expect(validateProgress({ ...valid, version: 2 })).toEqual({
      ok: false,
      problem: { code: "newer-version", version: 2 },
    });
    expect(validateProgress({ ...valid, version: 0 })).toMatchObject({ ok: false, problem: { code: "bad-version" } });
    expect(validateProgress({ ...valid, version: "1" })).toMatchObject({ ok: false, problem: { code: "bad-version" } });
  });

  it("rejects unknown top-level fields and a missing questions map", () => {
    expect(validateProgress({ ...valid, extra: 1 })).toMatchObject({
      problem: { code: "unknown-field", field: "extra" },
    });
    expect(validateProgress({ format: FORMAT, version: VERSION })).toMatchObject({ problem: { code: "no-questions" } });
    expect(validateProgress({ format: FORMAT, version: VERSION, questions: [] })).toMatchObject({
      problem: { code: "no-questions" },
    });
    expect(validateProgress({ ...valid, exportedAt: 5 })).toMatchObject({
      problem: { code: "bad-field", field: "exportedAt" },
    });
  });

  it("rejects bad question IDs", () => {
    for (const id of ["att-02", "ATT-2", "ATT-002", "ATT02", "__proto__", ""]) {
      const value = JSON.parse(`{"format":"${FORMAT}","version":1,"questions":{"${id}":{"updated":1}}}`);
      expect(validateProgress(value)).toMatchObject({ ok: false, problem: { code: "bad-id", id } });
    }
  });

  it("rejects every kind of bad record, naming the question and the field", () => {
    const cases: [unknown, string | undefined, string][] = [
      ["yes", undefined, "bad-record"],
      [null, undefined, "bad-record"],
      [{ read: true }, "updated", "bad-field"],
      [{ read: false, updated: 1 }, "read", "bad-field"],
      [{ read: "true", updated: 1 }, "read", "bad-field"],
      [{ starred: 1, updated: 1 }, "starred", "bad-field"],
      [{ grade: 3, updated: 1 }, "grade", "bad-field"],
      [{ grade: -1, updated: 1 }, "grade", "bad-field"],
      [{ box: 0, due: "2026-11-23", updated: 1 }, "box", "bad-field"],
      [{ box: 6, due: "2026-11-23", updated: 1 }, "box", "bad-field"],
      [{ box: 2.5, due: "2026-11-23", updated: 1 }, "box", "bad-field"],
      [{ box: 2, due: "2026-02-30", updated: 1 }, "due", "bad-field"],
      [{ box: 2, due: "23/11/2026", updated: 1 }, "due", "bad-field"],
      [{ box: 2, updated: 1 }, "due", "bad-field"],
      [{ due: "2026-11-23", updated: 1 }, "box", "bad-field"],
      [{ reviews: -1, updated: 1 }, "reviews", "bad-field"],
      [{ updated: "yesterday" }, "updated", "bad-field"],
      [{ updated: Number.NaN }, "updated", "bad-field"],
      [{ note: "hi", updated: 1 }, "note", "unknown-field"],
    ];
    for (const [record, field, code] of cases) {
      const result = validateProgress(withRecord(record));
      expect(result, JSON.stringify(record)).toEqual({ ok: false, problem: { code, id: "ATT-02", field } });
    }
  });

  it("one bad record rejects the whole value", () => {
    const value = { ...valid, questions: { ...valid.questions, "DEC-02": { grade: 9, updated: 1 } } };
    expect(validateProgress(value).ok).toBe(false);
  });

  it("checks calendar days for real", () => {
    expect(isDay("2028-02-29")).toBe(true);
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2026-13-01")).toBe(false);
    expect(isDay(20261123)).toBe(false);
  });

  it("describes every problem in Chinese, naming the record", () => {
    expect(describeProblem({ code: "not-json" })).toContain("JSON");
    expect(describeProblem({ code: "foreign" })).toContain("不是本手册导出的进度文件");
    expect(describeProblem({ code: "newer-version", version: 2 })).toContain("更新版本");
    const bad = validateProgress(withRecord({ box: 9, due: "2026-11-23", updated: 1 }));
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(describeProblem(bad.problem)).toBe("题目 ATT-02 的记录中的 box 必须是 1–5 的整数，并且和 due 同时出现。");
  });
});

describe("progress updates", () => {
  it("sets and clears flags without touching other questions, and stamps the time", () => {
    let p = updateRecord(valid, "DL-01", { starred: true }, 5);
    expect(p.questions["DL-01"]).toEqual({ read: true, starred: true, updated: 5 });
    p = updateRecord(p, "DL-01", { read: null, starred: false }, 6);
    expect(p.questions["DL-01"]).toEqual({ updated: 6 });
    expect(p.questions["ATT-02"]).toBe(valid.questions["ATT-02"]);
    expect(valid.questions["DL-01"]).toEqual({ read: true, updated: 1_700_000_000_001 });
    expect(validateProgress(p).ok).toBe(true);
  });

  it("keeps grade 0 (不会): zero is a value, not a removal", () => {
    const p = updateRecord(emptyProgress(), "ATT-01", { grade: 0, box: 1, due: "2026-11-23" }, 1);
    expect(p.questions["ATT-01"]).toEqual({ grade: 0, box: 1, due: "2026-11-23", updated: 1 });
  });

  it("merges per question, the newer record winning", () => {
    const mine: Progress = {
      ...emptyProgress(),
      questions: { "A-01": { read: true, updated: 10 }, "A-02": { starred: true, updated: 30 } },
    };
    const theirs: Progress = {
      ...emptyProgress(),
      questions: {
        "A-01": { grade: 2, box: 2, due: "2026-11-25", updated: 20 },
        "A-02": { updated: 5 },
        "A-03": { read: true, updated: 1 },
      },
    };
    expect(mergeProgress(mine, theirs).questions).toEqual({
      "A-01": { grade: 2, box: 2, due: "2026-11-25", updated: 20 },
      "A-02": { starred: true, updated: 30 },
      "A-03": { read: true, updated: 1 },
    });
  });

  it("exports a file that validates back to the same questions", () => {
    const text = exportProgress(valid, new Date("2026-11-23T12:00:00Z"));
    const parsed = parseProgress(text);
    expect(parsed.ok && parsed.progress.questions).toEqual(valid.questions);
    expect(parsed.ok && parsed.progress.exportedAt).toBe("2026-11-23T12:00:00.000Z");
  });

  it("summarises over a set of questions", () => {
    expect(summarize(valid, ["ATT-02", "DL-01", "NRM-03", "POS-01"])).toEqual({
      total: 4,
      read: 2,
      known: 1,
      fuzzy: 0,
      unknown: 1,
      starred: 1,
    });
  });
});

describe("self-test filters", () => {
  const card = (id: string, chapter: string, difficulty: 1 | 2 | 3, tags: string[]): DrillCard => ({
    id,
    title: id,
    chapter,
    difficulty,
    tags,
    url: `/q/${id}/`,
  });
  const cards = [
    card("ATT-01", "ATT", 1, ["attention"]),
    card("ATT-02", "ATT", 2, ["attention", "softmax"]),
    card("NRM-01", "NRM", 3, ["layernorm"]),
  ];

  it("filters by chapter, difficulty, tag and star", () => {
    const p = updateRecord(emptyProgress(), "NRM-01", { starred: true }, 1);
    const ids = (f: Partial<typeof DEFAULT_FILTERS>) =>
      filterCards(cards, { ...DEFAULT_FILTERS, ...f }, p).map((c) => c.id);
    expect(ids({})).toEqual(["ATT-01", "ATT-02", "NRM-01"]);
    expect(ids({ chapter: "ATT" })).toEqual(["ATT-01", "ATT-02"]);
    expect(ids({ difficulty: [2, 3] })).toEqual(["ATT-02", "NRM-01"]);
    expect(ids({ tag: "softmax" })).toEqual(["ATT-02"]);
    expect(ids({ starred: true })).toEqual(["NRM-01"]);
    expect(ids({ chapter: "ATT", starred: true })).toEqual([]);
  });

  it("round-trips filters through the URL and ignores garbage", () => {
    const f = {
      ...DEFAULT_FILTERS,
      chapter: "ATT",
      tag: "softmax",
      difficulty: [1, 3] as (1 | 2 | 3)[],
      starred: true,
      count: 8,
      seed: 42,
    };
    expect(readFilters(writeFilters(f), ["ATT", "NRM"], ["softmax"])).toEqual(f);
    expect(writeFilters(DEFAULT_FILTERS)).toBe("");
    expect(readFilters("?chapter=XYZ&tag=nope&difficulty=7&count=4&minutes=99&seed=-1", ["ATT"], ["softmax"])).toEqual({
      ...DEFAULT_FILTERS,
      seed: undefined,
    });
  });
});
