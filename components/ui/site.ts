/**
 * The only script every page loads. It stays tiny (budget: 3 KiB gzip on an article page): theme
 * toggle, copy-link buttons and the search opener. Search itself is loaded on demand.
 */
import { copyText } from "./clipboard";
import { toast } from "./toast";

type ThemeChoice = "auto" | "light" | "dark";
const THEME_LABEL: Record<ThemeChoice, string> = { auto: "跟随系统", light: "浅色", dark: "深色" };
const NEXT_THEME: Record<ThemeChoice, ThemeChoice> = { auto: "light", light: "dark", dark: "auto" };

function savedTheme(): ThemeChoice {
  try {
    const t = localStorage.getItem("theme");
    return t === "light" || t === "dark" ? t : "auto";
  } catch {
    return "auto";
  }
}

function applyTheme(choice: ThemeChoice, button: HTMLElement) {
  const root = document.documentElement;
  if (choice === "auto") delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    if (choice === "auto") localStorage.removeItem("theme");
    else localStorage.setItem("theme", choice);
  } catch {
    // Storage can be disabled; the choice then lasts for this page only.
  }
  const label = button.querySelector("[data-theme-label]");
  if (label) label.textContent = THEME_LABEL[choice];
  button.setAttribute("aria-label", `主题:${THEME_LABEL[choice]}(点击切换)`);
  button.dataset.choice = choice;
}

const toggle = document.querySelector<HTMLElement>("[data-theme-toggle]");
if (toggle) {
  applyTheme(savedTheme(), toggle);
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    applyTheme(NEXT_THEME[(toggle.dataset.choice as ThemeChoice) ?? "auto"], toggle);
  });
}

document.addEventListener("click", async (event) => {
  const target = event.target as Element | null;
  const copyButton = target?.closest<HTMLElement>("[data-copy-link]");
  const anchor = target?.closest<HTMLAnchorElement>("a.heading-anchor");
  const url = copyButton
    ? new URL(copyButton.dataset.copyLink || "", location.href).href
    : anchor
      ? new URL(anchor.getAttribute("href") || "", location.href).href
      : null;
  if (!url) return;
  // A heading anchor still navigates to its section; copying is a bonus.
  const ok = await copyText(url);
  toast(ok ? `已复制链接:${decodeURI(url)}` : "复制失败,请手动复制地址栏");
});

async function openSearch() {
  const { openSearchDialog } = await import("../search/search-dialog");
  openSearchDialog();
}

document.querySelectorAll<HTMLAnchorElement>("[data-search-open]").forEach((link) => {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    void openSearch();
  });
});

document.addEventListener("keydown", (event) => {
  const typing = (event.target as HTMLElement | null)?.closest("input, textarea, select, [contenteditable]");
  if ((event.key === "/" && !typing) || (event.key === "k" && (event.metaKey || event.ctrlKey))) {
    event.preventDefault();
    void openSearch();
  }
});
