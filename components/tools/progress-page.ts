/** 我的进度: overview, per-question table, export, validated import (merge / replace), clear-all. */
import { renderProgress } from "./badges";
import {
  emptyProgress,
  exportProgress,
  mergeProgress,
  type Progress,
  parseProgress,
  summarize,
} from "./progress-format";
import { describeProblem } from "./progress-messages";
import { dayOf, daysBetween, GRADE_LABEL } from "./schedule";
import { clearProgress, loadProgress, onProgressChange, saveProgress } from "./storage";

/** Files larger than this are not progress exports (a full export is a few hundred KB at most). */
const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

function $<T extends HTMLElement = HTMLElement>(selector: string): T {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`progress page: ${selector} missing`);
  return el;
}
const notice = $("[data-storage-notice]");
const stats = $("[data-progress-stats]");
const fileInput = $<HTMLInputElement>("[data-import-file]");
const message = $("[data-import-message]");
const preview = $("[data-import-preview]");
const dialog = $<HTMLDialogElement>("[data-clear-dialog]");
const publishedIds = [...document.querySelectorAll<HTMLElement>("tr[data-qid]")].map((tr) => tr.dataset.qid ?? "");
let pending: Progress | undefined;

function render() {
  const { progress, state } = loadProgress();
  notice.hidden = state !== "corrupt" && state !== "unavailable";
  notice.textContent =
    state === "corrupt"
      ? "浏览器里保存的进度已损坏（可能被手动改过），各页面都按“没有进度”处理。下次保存时会把损坏的内容另存一份备份；也可以从导出的文件导入。"
      : state === "unavailable"
        ? "这个浏览器禁用了本地存储（例如隐私模式的某些设置），进度无法保存。"
        : "";
  renderProgress(progress.questions);
  const s = summarize(progress, publishedIds);
  const today = dayOf(new Date());
  const due = publishedIds.filter((id) => {
    const d = progress.questions[id]?.due;
    return d !== undefined && d <= today;
  }).length;
  stats.textContent = `已发布 ${s.total} 题：已读 ${s.read} · 会 ${s.known} · 模糊 ${s.fuzzy} · 不会 ${s.unknown} · 收藏 ${s.starred} · 今天到期 ${due}`;
  for (const tr of document.querySelectorAll<HTMLElement>("tr[data-qid]")) {
    const record = progress.questions[tr.dataset.qid ?? ""];
    const set = (col: string, text: string) => {
      const td = tr.querySelector(`[data-col="${col}"]`);
      if (td) td.textContent = text;
    };
    set("read", record?.read ? "✓ 已读" : "");
    set("grade", record?.grade !== undefined ? GRADE_LABEL[record.grade] : "");
    set("starred", record?.starred ? "★ 收藏" : "");
    set("box", record?.box ? `${record.box} 号` : "");
    const days = record?.due ? daysBetween(today, record.due) : undefined;
    set("due", days === undefined ? "" : days <= 0 ? "今天" : days === 1 ? "明天" : `${days} 天后`);
  }
}

function showMessage(text: string, isError: boolean) {
  message.textContent = text;
  message.classList.toggle("error", isError);
}

$("[data-export]").addEventListener("click", () => {
  const { progress } = loadProgress();
  const now = new Date();
  const blob = new Blob([exportProgress(progress, now)], { type: "application/json" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `llm-handbook-progress-${dayOf(now)}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  $("[data-export-status]").textContent =
    `已导出 ${Object.keys(progress.questions).length} 道题的记录（${link.download}）。`;
});

fileInput.addEventListener("change", async () => {
  pending = undefined;
  preview.hidden = true;
  const file = fileInput.files?.[0];
  if (!file) return;
  if (file.size > MAX_IMPORT_BYTES) {
    showMessage(`无法导入 ${file.name}：文件太大，不像是本手册导出的进度文件。现有进度没有改动。`, true);
    return;
  }
  const parsed = parseProgress(await file.text());
  if (!parsed.ok) {
    showMessage(`无法导入 ${file.name}:${describeProblem(parsed.problem)}现有进度没有改动。`, true);
    return;
  }
  pending = parsed.progress;
  const count = Object.keys(pending.questions).length;
  const when = pending.exportedAt ? `，导出于 ${new Date(pending.exportedAt).toLocaleString("zh-CN")}` : "";
  const current = Object.keys(loadProgress().progress.questions).length;
  showMessage(`${file.name} 检查通过。`, false);
  $("[data-import-summary]").textContent =
    `文件里有 ${count} 道题的记录${when}。这个浏览器里现在有 ${current} 道题的记录。请选择怎么导入：`;
  preview.hidden = false;
  preview.querySelector<HTMLButtonElement>('[data-import="merge"]')?.focus();
});

for (const button of document.querySelectorAll<HTMLButtonElement>("[data-import]")) {
  button.addEventListener("click", () => {
    const action = button.dataset.import;
    if (action !== "cancel" && pending) {
      const next = action === "replace" ? pending : mergeProgress(loadProgress().progress, pending);
      const saved = saveProgress({ ...emptyProgress(), questions: next.questions });
      showMessage(
        saved ? `已${action === "replace" ? "替换为" : "合并"}文件里的进度。` : "无法保存：浏览器禁用了本地存储。",
        !saved,
      );
    } else {
      showMessage("已取消导入，现有进度没有改动。", false);
    }
    pending = undefined;
    preview.hidden = true;
    fileInput.value = "";
    fileInput.focus();
  });
}

$("[data-clear]").addEventListener("click", () => {
  const count = Object.keys(loadProgress().progress.questions).length;
  $("[data-clear-text]").textContent =
    `这会删除这个浏览器里 ${count} 道题的进度（已读、自测结果、复习日程、收藏），无法撤销。`;
  dialog.showModal();
});
$("[data-clear-cancel]").addEventListener("click", () => dialog.close());
$("[data-clear-confirm]").addEventListener("click", () => {
  dialog.close();
  $("[data-clear-status]").textContent = clearProgress() ? "已清除全部进度。" : "无法清除：浏览器禁用了本地存储。";
  $<HTMLButtonElement>("[data-clear]").focus();
});

render();
onProgressChange(render);
