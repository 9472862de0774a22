/**
 * Search box bound to the Pagefind index. Loaded only when a reader opens search; the index
 * itself (pagefind.js + shards) is fetched on the first query.
 */

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
}
interface Pagefind {
  options(opts: Record<string, unknown>): Promise<void>;
  debouncedSearch(
    query: string,
    opts?: unknown,
    ms?: number,
  ): Promise<{
    results: { data(): Promise<PagefindResultData> }[];
  } | null>;
}

interface TitleEntry {
  id: string;
  url: string;
  title: string;
  tags: string[];
  answer: string;
}

const BASE = import.meta.env.BASE_URL.replace(/\/?$/, "/");
let pagefindPromise: Promise<Pagefind> | undefined;
let titlesPromise: Promise<TitleEntry[]> | undefined;

function loadTitles(): Promise<TitleEntry[]> {
  titlesPromise ??= fetch(`${BASE}search-titles.json`)
    .then((r) => (r.ok ? (r.json() as Promise<TitleEntry[]>) : []))
    .catch(() => []);
  return titlesPromise;
}

/**
 * Questions whose title or tags contain the whole query, best first. Pagefind matches Chinese
 * queries character by character, so "层归一化" alone would rank any page with many "层".
 */
export function titleMatches(entries: TitleEntry[], query: string): TitleEntry[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const score = (e: TitleEntry) =>
    e.id.toLowerCase() === q
      ? 3
      : e.title.toLowerCase().includes(q)
        ? 2
        : e.tags.some((t) => t.toLowerCase().includes(q))
          ? 1
          : 0;
  return entries
    .map((e) => ({ e, s: score(e) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s)
    .map((x) => x.e);
}

function loadPagefind(): Promise<Pagefind> {
  pagefindPromise ??= (async () => {
    const url = `${BASE}pagefind/pagefind.js`;
    const pf = (await import(/* @vite-ignore */ url)) as Pagefind;
    // Chinese queries are segmented into short words, and prefix matching lets "放" hit "放在";
    // favouring whole-word matches keeps the article that is about the query on top.
    await pf.options({ excerptLength: 40, ranking: { termSimilarity: 6, termFrequency: 0.5 } });
    return pf;
  })();
  return pagefindPromise;
}

const MAX_RESULTS = 12;

/** Renders a labelled search field and a live result list into `host`. Returns the input. */
export function mountSearch(host: HTMLElement, initialQuery = ""): HTMLInputElement {
  host.innerHTML = `
    <form class="search-form" role="search">
      <label class="search-label" for="search-input">搜索题目</label>
      <input id="search-input" class="search-input" type="search" autocomplete="off"
        placeholder="例如：梯度消失、位置编码、LayerNorm、KV cache" />
    </form>
    <p class="search-status" role="status" aria-live="polite"></p>
    <ol class="search-results"></ol>`;
  const form = host.querySelector("form") as HTMLFormElement;
  const input = host.querySelector("input") as HTMLInputElement;
  const status = host.querySelector(".search-status") as HTMLElement;
  const list = host.querySelector(".search-results") as HTMLOListElement;
  form.addEventListener("submit", (e) => e.preventDefault());

  let latest = 0;
  async function run(query: string) {
    const ticket = ++latest;
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    status.textContent = "搜索中…";
    try {
      const [pf, titles] = await Promise.all([loadPagefind(), loadTitles()]);
      const found = await pf.debouncedSearch(query, {}, 150);
      if (found === null || ticket !== latest) return; // superseded by a newer keystroke
      const data = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
      if (ticket !== latest) return;
      // Whole-query matches in titles and tags first, then Pagefind's ranking.
      const pinned = titleMatches(titles, query);
      const pinnedIds = new Set(pinned.map((e) => e.id));
      const rest = data.filter((d) => !pinnedIds.has(d.meta.id ?? ""));
      const rows: PagefindResultData[] = [
        ...pinned.map(
          (e) =>
            data.find((d) => d.meta.id === e.id) ?? {
              url: e.url,
              excerpt: escapeHtml(e.answer),
              meta: { id: e.id, title: e.title },
            },
        ),
        ...rest,
      ].slice(0, MAX_RESULTS);
      list.replaceChildren(...rows.map(renderResult));
      const total = pinned.length + rest.length + Math.max(0, found.results.length - data.length);
      status.textContent = rows.length ? `找到 ${total} 篇相关文章` : "没有找到相关文章，换个关键词试试";
    } catch {
      status.textContent = "搜索索引加载失败，请刷新页面后重试";
    }
  }

  input.addEventListener("input", () => {
    void run(input.value);
  });
  if (initialQuery) {
    input.value = initialQuery;
    void run(initialQuery);
  }
  return input;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}

function renderResult(data: PagefindResultData): HTMLLIElement {
  const li = document.createElement("li");
  li.className = "search-result";
  const link = document.createElement("a");
  link.href = data.url;
  const id = document.createElement("span");
  id.className = "qid";
  id.textContent = data.meta.id ?? "";
  const title = document.createElement("span");
  title.textContent = data.meta.title ?? data.url;
  link.append(id, " ", title);
  const excerpt = document.createElement("p");
  // Pagefind escapes page text and only adds <mark> around hits.
  excerpt.innerHTML = data.excerpt;
  li.append(link, excerpt);
  return li;
}
