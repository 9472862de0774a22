/**
 * Changes one question's flags from the article bar (已读 · 会了 · 收藏). Loaded by the site script
 * on the first press, so articles stay within their JavaScript budget. Reads through storage.ts,
 * which validates the whole stored value (a corrupted one is kept aside and replaced).
 * 会了 records the self-assessment 会 (grade 2) but does not move the question in the self-test
 * schedule: only a self-test rating does that.
 */
import { updateRecord } from "./progress-format";
import { loadProgress, saveProgress } from "./storage";

export type Flag = "read" | "known" | "starred";

const MESSAGES: Record<Flag, [string, string]> = {
  read: ["已标记为已读", "已取消已读"],
  known: ["已标记为会了", "已取消会了"],
  starred: ["已收藏", "已取消收藏"],
};

/** Toggles the flag and returns the message to show. */
export function toggleFlag(id: string, flag: Flag): string {
  const { progress } = loadProgress();
  const record = progress.questions[id];
  const on = !(flag === "known" ? record?.grade === 2 : record?.[flag] === true);
  const patch = flag === "known" ? { grade: on ? (2 as const) : null } : { [flag]: on || null };
  return saveProgress(updateRecord(progress, id, patch, Date.now()))
    ? MESSAGES[flag][on ? 0 : 1]
    : "无法保存：浏览器禁用了本地存储";
}
