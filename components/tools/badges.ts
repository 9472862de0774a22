/**
 * Progress shown on lists (home, chapter pages, review sheets, progress page): a status badge per
 * question row and a bar per group of questions. Server-rendered placeholders ([data-q-status],
 * [data-progress]) are filled in; without JavaScript or progress they stay empty.
 *
 * These pages only *show* progress and their script must stay small, so they read it lightly: the
 * format marker is checked and each field is used only when it has exactly an allowed value
 * (`read === true`, `grade` 0/1/2, …), so a corrupted value shows as "nothing set" and never throws.
 * Everything that *changes* progress reads through storage.ts, which validates the whole value.
 */
import { FORMAT, STORAGE_KEY } from "./progress-key";

export type PeekedRecord = Partial<Record<"read" | "starred" | "grade", unknown>> | undefined;

export function peekQuestions(): Record<string, PeekedRecord> {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null");
    const questions = stored?.format === FORMAT ? stored.questions : null;
    if (questions && typeof questions === "object") return questions;
  } catch {
    // Unreadable or unavailable storage: nothing is set.
  }
  return {};
}

/** Calls `listener` when another tab changes progress. */
export function onStorage(listener: () => void) {
  addEventListener("storage", (event) => {
    if (event.key === STORAGE_KEY || event.key === null) listener();
  });
}

const GRADE_BADGE = ["不会", "模糊", "会"];
const gradeOf = (r: PeekedRecord) => (r?.grade === 0 || r?.grade === 1 || r?.grade === 2 ? r.grade : undefined);

export function renderProgress(questions: Record<string, PeekedRecord>) {
  for (const slot of document.querySelectorAll<HTMLElement>("[data-qid] [data-q-status]")) {
    const record = questions[slot.closest<HTMLElement>("[data-qid]")?.dataset.qid ?? ""];
    const grade = gradeOf(record);
    const badges = [
      record?.read === true && ["已读", "status-read"],
      grade !== undefined && [GRADE_BADGE[grade], `status-grade-${grade}`],
      record?.starred === true && ["★ 收藏", "status-star"],
    ].filter((b): b is string[] => Boolean(b));
    slot.replaceChildren(
      ...badges.map(([text, cls]) => {
        const badge = document.createElement("span");
        badge.className = `badge ${cls}`;
        badge.textContent = text;
        return badge;
      }),
    );
  }
  for (const bar of document.querySelectorAll<HTMLElement>("[data-progress]")) {
    const ids = (bar.dataset.progress ?? "").split(" ").filter(Boolean);
    let read = 0;
    let known = 0;
    let starred = 0;
    let rated = 0;
    for (const id of ids) {
      const record = questions[id];
      if (record?.read === true) read++;
      if (record?.starred === true) starred++;
      if (gradeOf(record) !== undefined) rated++;
      if (record?.grade === 2) known++;
    }
    const total = ids.length || 1;
    bar.style.setProperty("--read", `${(100 * read) / total}%`);
    bar.style.setProperty("--known", `${(100 * known) / total}%`);
    const text = bar.querySelector("[data-progress-text]");
    if (text) {
      const star = starred ? ` · ${bar.dataset.compact === undefined ? "收藏" : "★"} ${starred}` : "";
      const empty = read + rated + starred === 0;
      // An empty wide bar still says what it will count; a compact one (chapter cards) stays quiet.
      text.textContent =
        empty && bar.dataset.compact !== undefined
          ? ""
          : empty
            ? `还没有标记（共 ${ids.length} 题）`
            : bar.dataset.compact === undefined
              ? `已读 ${read} · 会 ${known}${star} / ${ids.length}`
              : `读 ${read} · 会 ${known}${star}`;
    }
  }
}
