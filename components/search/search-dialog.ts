/** The search overlay opened from the header (or "/" and Ctrl/Cmd+K) on any page. */
import { mountSearch } from "./search-ui";

let dialog: HTMLDialogElement | undefined;

export function openSearchDialog() {
  if (!dialog) {
    dialog = document.createElement("dialog");
    dialog.className = "search-dialog";
    dialog.setAttribute("aria-label", "搜索");
    const close = document.createElement("button");
    close.type = "button";
    close.className = "search-close";
    close.textContent = "关闭";
    close.addEventListener("click", () => dialog?.close());
    const host = document.createElement("div");
    dialog.append(close, host);
    // A click on the backdrop (outside the panel) closes the dialog.
    dialog.addEventListener("click", (e) => {
      if (e.target === dialog) dialog?.close();
    });
    // In a search field the first Escape only clears the text; close on any Escape instead.
    dialog.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        dialog?.close();
      }
    });
    document.body.append(dialog);
    mountSearch(host);
  }
  dialog.showModal();
  dialog.querySelector("input")?.focus();
}
