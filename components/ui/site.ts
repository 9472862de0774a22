/**
 * The only script every page loads. It stays tiny (budget: 3 KiB gzip on an article page): theme
 * toggle, copy-link buttons, the search opener and the article's progress bar (已读 · 会了 · 收藏 ·
 * 分享). Search, and the code that changes progress, are loaded on demand.
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
  button.setAttribute("aria-label", `主题：${THEME_LABEL[choice]}（点击切换）`);
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

// The article's progress bar shows this question's stored flags. A light read — the format marker
// and exact flag values, so a corrupted value shows as "nothing set" — keeps this script small; the
// storage key and format come from the bar's markup (components/tools/ArticleTools.astro), and
// pressing a button loads tools/article-progress.ts, which validates the whole stored value.
const bar = document.querySelector<HTMLElement>("[data-q-tools]");
function showFlags() {
  if (!bar) return;
  const { qTools: id = "", storeKey = "", storeFormat } = bar.dataset;
  let record: Record<string, unknown> | undefined;
  try {
    const stored = JSON.parse(localStorage.getItem(storeKey) ?? "null");
    if (stored?.format === storeFormat) record = stored.questions?.[id];
  } catch {
    // Unreadable or unavailable storage: nothing is set.
  }
  const on: Record<string, boolean> = {
    read: record?.read === true,
    known: record?.grade === 2,
    starred: record?.starred === true,
  };
  for (const button of bar.querySelectorAll<HTMLElement>("[data-flag]")) {
    button.setAttribute("aria-pressed", String(on[button.dataset.flag ?? ""]));
  }
}
showFlags();
addEventListener("storage", showFlags);

document.addEventListener("click", async (event) => {
  const target = event.target as Element | null;
  const flagButton = target?.closest<HTMLElement>("[data-flag]");
  if (flagButton && bar) {
    const { toggleFlag } = await import("../tools/article-progress");
    toast(toggleFlag(bar.dataset.qTools ?? "", flagButton.dataset.flag as "read" | "known" | "starred"));
    showFlags();
    return;
  }
  const copyButton = target?.closest<HTMLElement>("[data-copy-link]");
  const anchor = target?.closest<HTMLAnchorElement>("a.heading-anchor");
  let url = copyButton
    ? new URL(copyButton.dataset.copyLink || "", location.href).href
    : anchor
      ? new URL(anchor.getAttribute("href") || "", location.href).href
      : null;
  if (!url) return;
  // 分享 copies the short link pointed at the section being read (the short-ID redirect keeps the
  // anchor): the last heading above the top third of the screen; none while still at the answer.
  if (copyButton?.dataset.share !== undefined) {
    let section = "";
    for (const heading of document.querySelectorAll(".prose :is(h2, h3)[id]")) {
      if (heading.getBoundingClientRect().top > innerHeight / 3) break;
      section = heading.id;
    }
    if (section && section !== "answer") url += `#${encodeURIComponent(section)}`;
  }
  // A heading anchor still navigates to its section; copying is a bonus.
  const ok = await copyText(url);
  toast(ok ? `已复制链接：${decodeURI(url)}` : "复制失败，请手动复制地址栏");
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
