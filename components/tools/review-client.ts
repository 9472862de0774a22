/** Review sheet: print button, status badges, and "只看还没掌握的题" (hides questions rated 会). */
import { onStorage, peekQuestions, renderProgress } from "./badges";

const filter = document.querySelector<HTMLInputElement>("[data-review-filter]");
const status = document.querySelector<HTMLElement>("[data-review-status]");

function update() {
  const questions = peekQuestions();
  renderProgress(questions);
  let hidden = 0;
  for (const item of document.querySelectorAll<HTMLElement>(".review-item[data-qid]")) {
    item.hidden = Boolean(filter?.checked && questions[item.dataset.qid ?? ""]?.grade === 2);
    if (item.hidden) hidden++;
  }
  // A chapter whose questions are all hidden is skipped too (not the one holding the checkbox).
  for (const chapter of document.querySelectorAll<HTMLElement>("[data-review-chapter]")) {
    if (!filter || !chapter.contains(filter)) chapter.hidden = !chapter.querySelector(".review-item:not([hidden])");
  }
  if (status) status.textContent = filter?.checked ? `已隐藏 ${hidden} 道标记为“会”的题` : "";
}

filter?.addEventListener("change", update);
for (const button of document.querySelectorAll("[data-print]")) button.addEventListener("click", () => print());
update();
onStorage(update);
