/**
 * The self-test page: setup form (filters in the URL), flashcard sessions following the Leitner
 * schedule (schedule.ts), and timed mock interviews (mock.ts). Every rating is saved at once, so
 * leaving mid-session loses nothing. All logic that decides anything lives in the pure modules;
 * this file only moves it on and off the screen.
 */
import { copyText } from "../ui/clipboard";
import { toast } from "../ui/toast";
import { type DrillCard, type DrillFilters, filterCards, readFilters, writeFilters } from "./drill-data";
import { drawMock, formatClock, MAX_SEED, type MockAnswer, summarizeMock } from "./mock";
import { type Grade, type QuestionRecord, updateRecord } from "./progress-format";
import { addDays, afterRating, buildQueue, dayOf, daysBetween, GRADE_LABEL, queueCounts, rate } from "./schedule";
import { loadProgress, saveProgress } from "./storage";

const DIFFICULTY = { 1: "基础", 2: "进阶", 3: "深入" } as const;

const data = JSON.parse(document.getElementById("drill-data")?.textContent ?? "{}") as {
  cards: DrillCard[];
  chapters: [string, string][];
  /** URL of the answers (rendered 一句话回答 by question ID), loaded when the first session starts. */
  answers: string;
};
let answers: Promise<Record<string, string>> | undefined;
function loadAnswers() {
  answers ??= fetch(data.answers).then((response) => {
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  });
  // A failed load may be retried by starting again.
  answers.catch(() => {
    answers = undefined;
  });
  return answers;
}
const chapterTitle = new Map(data.chapters);
const byId = new Map(data.cards.map((card) => [card.id, card]));
const allTags = [...new Set(data.cards.flatMap((card) => card.tags))];

function $<T extends HTMLElement = HTMLElement>(selector: string): T {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`drill page: ${selector} missing`);
  return el;
}
const form = $<HTMLFormElement>("[data-drill-setup]");
const counts = $("[data-drill-counts]");
const seedNote = $("[data-drill-seed]");
const startCards = $<HTMLButtonElement>('[data-start="cards"]');
const startMock = $<HTMLButtonElement>('[data-start="mock"]');
const sessionEl = $("[data-drill-session]");
const positionEl = $("[data-drill-position]");
const boxEl = $("[data-drill-box]");
const timerEl = $("[data-drill-timer]");
const metaEl = $("[data-card-meta]");
const questionEl = $("[data-card-question]");
const hintEl = $("[data-card-hint]");
const revealButton = $<HTMLButtonElement>("[data-reveal]");
const answerEl = $("[data-card-answer]");
const answerTitle = $("[data-answer-title]");
const answerBody = $("[data-card-answer-body]");
const answerLink = $<HTMLAnchorElement>("[data-card-link]");
const summaryEl = $("[data-drill-summary]");
const copySetButton = $<HTMLButtonElement>("[data-copy-set]");

let filters: DrillFilters = readFilters(location.search, [...chapterTitle.keys()], allTags);
const today = () => dayOf(new Date());
const records = () => loadProgress().progress.questions;

function dueText(due: string): string {
  const days = daysBetween(today(), due);
  return days <= 0 ? "今天" : days === 1 ? "明天" : `${days} 天后`;
}

// ---------- setup ----------

function fillForm() {
  const field = (name: string) => form.elements.namedItem(name);
  (field("chapter") as HTMLSelectElement).value = filters.chapter;
  (field("tag") as HTMLSelectElement).value = filters.tag;
  (field("count") as HTMLSelectElement).value = String(filters.count);
  (field("minutes") as HTMLSelectElement).value = String(filters.minutes);
  (field("starred") as HTMLInputElement).checked = filters.starred;
  (field("cram") as HTMLInputElement).checked = filters.cram;
  for (const box of form.querySelectorAll<HTMLInputElement>('input[name="difficulty"]')) {
    box.checked = filters.difficulty.includes(Number(box.value) as 1 | 2 | 3);
  }
}

function readForm(): DrillFilters {
  const values = new FormData(form);
  return {
    ...filters,
    chapter: String(values.get("chapter") ?? ""),
    tag: String(values.get("tag") ?? ""),
    difficulty: values.getAll("difficulty").map(Number) as (1 | 2 | 3)[],
    starred: values.has("starred"),
    cram: values.has("cram"),
    count: Number(values.get("count")),
    minutes: Number(values.get("minutes")),
  };
}

function pool(): DrillCard[] {
  return filterCards(data.cards, filters, loadProgress().progress);
}

function updateSetup() {
  const ids = pool().map((card) => card.id);
  const stored = records();
  const c = queueCounts(ids, stored, today());
  const queue = buildQueue(ids, stored, today(), { includeNotDue: filters.cram });
  let text = `符合条件 ${ids.length} 题：到期 ${c.due} · 没做过 ${c.fresh} · 未到期 ${c.later}。`;
  if (ids.length > 0 && queue.length === 0) {
    const next = ids.map((id) => stored[id]?.due ?? "").sort()[0];
    text += ` 今天没有要复习的题了${next ? `，最近一题${dueText(next)}到期` : ""}；勾选“考前冲刺”可以提前复习。`;
  }
  if (loadProgress().state === "corrupt")
    text += " 注意：浏览器里保存的进度已损坏，已按“没有进度”处理（详见“我的进度”）。";
  counts.textContent = text;
  startCards.textContent = `开始复习（${queue.length} 张）`;
  startCards.disabled = queue.length === 0;
  const mockCount = Math.min(filters.count, ids.length);
  startMock.textContent = `开始模拟面试（${mockCount} 题）`;
  startMock.disabled = mockCount === 0;
  seedNote.hidden = filters.seed === undefined;
  seedNote.textContent = `将按链接里的组合抽题（种子 ${filters.seed}）。`;
}

form.addEventListener("change", () => {
  filters = readForm();
  history.replaceState(null, "", location.pathname + writeFilters(filters) + location.hash);
  updateSetup();
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const mode = (event.submitter as HTMLButtonElement | null)?.value === "mock" ? "mock" : "cards";
  void start(mode);
});

// ---------- sessions ----------

interface Session {
  mode: "cards" | "mock";
  queue: string[];
  index: number;
  today: string;
  shown: Record<string, number>;
  /** The last rating of each card, in order of first appearance. */
  results: Map<string, { grade: Grade; due: string }>;
  answers: MockAnswer[];
  seed?: number;
  limit: number;
  shownAt: number;
  seconds: number;
  timedOut: boolean;
  timer?: number;
  warned: boolean;
}
let session: Session | undefined;
let answerHtml: Record<string, string> = {};

let starting = false;

async function start(mode: "cards" | "mock") {
  // A second press while the answers load must not start a second session.
  if (starting) return;
  starting = true;
  try {
    answerHtml = await loadAnswers();
  } catch {
    counts.textContent = "答案没能加载（网络断了？），请稍后再点一次开始。";
    return;
  } finally {
    starting = false;
  }
  const cards = pool();
  const base = {
    mode,
    index: 0,
    today: today(),
    shown: {},
    results: new Map(),
    answers: [],
    limit: filters.minutes * 60,
    shownAt: 0,
    seconds: 0,
    timedOut: false,
    warned: false,
  };
  if (mode === "cards") {
    const ids = cards.map((card) => card.id);
    session = { ...base, queue: buildQueue(ids, records(), base.today, { includeNotDue: filters.cram }) };
  } else {
    const seed = filters.seed ?? 1 + Math.floor(Math.random() * (MAX_SEED - 1));
    session = { ...base, seed, queue: drawMock(cards, filters.count, seed).map((card) => card.id) };
    // A shared seed is used once; "再来一轮" draws a new set.
    filters = { ...filters, seed: undefined };
  }
  if (session.queue.length === 0) return;
  form.hidden = true;
  summaryEl.hidden = true;
  sessionEl.hidden = false;
  sessionEl.dataset.mode = mode;
  showCard();
}

function showCard() {
  if (!session) return;
  const id = session.queue[session.index];
  const card = byId.get(id);
  if (!card) return next();
  session.shown[id] = (session.shown[id] ?? 0) + 1;
  const record = records()[id];
  const isMock = session.mode === "mock";
  positionEl.textContent = isMock
    ? `第 ${session.index + 1} / ${session.queue.length} 题`
    : `第 ${session.index + 1} / ${session.queue.length} 张`;
  boxEl.textContent = isMock
    ? "模拟面试"
    : session.shown[id] > 1
      ? "再来一次"
      : record?.box
        ? `${record.box} 号盒`
        : "没做过";
  metaEl.textContent = `${card.id} · ${chapterTitle.get(card.chapter) ?? card.chapter} · ${DIFFICULTY[card.difficulty]}`;
  questionEl.textContent = card.title;
  hintEl.hidden = false;
  revealButton.hidden = false;
  const revealLabel = revealButton.firstChild;
  if (revealLabel) revealLabel.textContent = isMock ? "显示参考答案 " : "显示答案 ";
  answerEl.hidden = true;
  answerBody.replaceChildren();
  for (const grade of [0, 1, 2] as const) {
    const label = document.querySelector(`[data-grade-next="${grade}"]`);
    if (label) label.textContent = `${dueText(rate(record, grade, session.today).due)}再见`;
  }
  session.timedOut = false;
  session.shownAt = Date.now();
  timerEl.hidden = !isMock;
  if (isMock) startTimer();
  questionEl.focus();
}

function startTimer() {
  if (!session) return;
  stopTimer();
  session.warned = false;
  const tick = () => {
    if (!session) return;
    const left = session.limit - (Date.now() - session.shownAt) / 1000;
    timerEl.textContent = formatClock(left);
    timerEl.classList.toggle("urgent", left <= 30);
    if (left <= 30 && !session.warned && session.limit > 30) {
      session.warned = true;
      toast("本题还剩 30 秒");
    }
    if (left <= 0) {
      session.timedOut = true;
      reveal();
    }
  };
  tick();
  session.timer = window.setInterval(tick, 250);
}

function stopTimer() {
  if (session?.timer !== undefined) {
    clearInterval(session.timer);
    session.timer = undefined;
  }
}

function reveal() {
  if (!session || !answerEl.hidden) return;
  const card = byId.get(session.queue[session.index]);
  if (!card) return;
  stopTimer();
  session.seconds = Math.min(session.limit, Math.round((Date.now() - session.shownAt) / 1000));
  if (session.mode === "mock")
    timerEl.textContent = session.timedOut ? "时间到" : `用时 ${formatClock(session.seconds)}`;
  answerTitle.textContent = session.timedOut ? "时间到 · 参考答案（一句话回答）" : "一句话回答";
  // Our own build output (the article's rendered answer), not reader input.
  answerBody.innerHTML = answerHtml[card.id] ?? "";
  answerLink.href = card.url;
  hintEl.hidden = true;
  revealButton.hidden = true;
  answerEl.hidden = false;
  answerEl.focus();
}

function grade(value: Grade) {
  if (!session || answerEl.hidden) return;
  const id = session.queue[session.index];
  const { progress } = loadProgress();
  const fields = rate(progress.questions[id], value, session.today);
  if (!saveProgress(updateRecord(progress, id, fields, Date.now()))) toast("无法保存：浏览器禁用了本地存储");
  session.results.set(id, { grade: value, due: fields.due });
  if (session.mode === "mock") {
    session.answers.push({ id, seconds: session.seconds, timedOut: session.timedOut, grade: value });
  } else {
    session.queue = afterRating(session.queue, session.index, value, session.shown);
  }
  next();
}

function next() {
  if (!session) return;
  session.index++;
  if (session.index >= session.queue.length) finish();
  else showCard();
}

function finish() {
  if (!session) return;
  stopTimer();
  const done = session;
  session = undefined;
  sessionEl.hidden = true;
  if (done.results.size === 0) return backToSetup();
  summaryEl.hidden = false;
  const isMock = done.mode === "mock";
  const rows = isMock
    ? done.answers.map((a) => ({
        id: a.id,
        grade: a.grade,
        time: `${formatClock(a.seconds)}${a.timedOut ? "（超时）" : ""}`,
      }))
    : [...done.results].map(([id, r]) => ({ id, grade: r.grade, time: "" }));
  const tbody = $("[data-summary-rows]");
  const stored = records();
  tbody.replaceChildren(
    ...rows.map((row) => {
      const card = byId.get(row.id);
      const tr = document.createElement("tr");
      tr.dataset.qid = row.id;
      const cell = (text: string, cls?: string) => {
        const td = document.createElement("td");
        td.textContent = text;
        if (cls) td.className = cls;
        return td;
      };
      const title = document.createElement("td");
      const link = document.createElement("a");
      link.href = card?.url ?? "#";
      link.textContent = card?.title ?? row.id;
      title.append(link);
      const due = stored[row.id]?.due;
      tr.append(
        cell(row.id, "qid"),
        title,
        cell(row.time, "summary-time"),
        cell(GRADE_LABEL[row.grade], `summary-grade grade-text-${row.grade}`),
        cell(due ? dueText(due) : ""),
      );
      return tr;
    }),
  );
  for (const el of summaryEl.querySelectorAll<HTMLElement>("[data-summary-time-col], .summary-time"))
    el.hidden = !isMock;
  const scoreEl = $("[data-summary-score]");
  if (isMock) {
    const s = summarizeMock(done.answers);
    scoreEl.textContent = `${s.count} 题里会 ${s.known} 题（${s.score}%），模糊 ${s.fuzzy}，不会 ${s.unknown}；总用时 ${formatClock(s.totalSeconds)}${s.timedOut ? `，超时 ${s.timedOut} 题` : ""}。`;
  } else {
    const grades = [...done.results.values()].map((r) => r.grade);
    const n = (g: Grade) => grades.filter((x) => x === g).length;
    scoreEl.textContent = `本轮 ${grades.length} 题：会 ${n(2)} · 模糊 ${n(1)} · 不会 ${n(0)}。`;
  }
  const tomorrow = addDays(done.today, 1);
  const dueSoon = data.cards.filter((card) => {
    const r: QuestionRecord | undefined = stored[card.id];
    return r?.due !== undefined && r.due <= tomorrow;
  }).length;
  $("[data-summary-next]").textContent = `到明天为止要复习的题：${dueSoon} 道。已记入复习日程，可以随时回来。`;
  copySetButton.hidden = !isMock;
  copySetButton.dataset.seed = String(done.seed ?? "");
  summaryEl.dataset.mode = done.mode;
  $("[data-summary-title]").textContent = isMock ? "模拟面试小结" : "本轮小结";
  $("[data-summary-title]").focus();
}

function backToSetup() {
  summaryEl.hidden = true;
  sessionEl.hidden = true;
  form.hidden = false;
  updateSetup();
  $("#drill-chapter").focus();
}

revealButton.addEventListener("click", reveal);
for (const button of document.querySelectorAll<HTMLElement>("[data-grade]")) {
  button.addEventListener("click", () => grade(Number(button.dataset.grade) as Grade));
}
$("[data-drill-quit]").addEventListener("click", finish);
$("[data-again]").addEventListener("click", () => void start((summaryEl.dataset.mode as "cards" | "mock") ?? "cards"));
$("[data-back]").addEventListener("click", backToSetup);
copySetButton.addEventListener("click", async () => {
  const seed = Number(copySetButton.dataset.seed);
  const url = new URL(location.pathname + writeFilters({ ...filters, seed }), location.href).href;
  toast((await copyText(url)) ? `已复制这套题的链接：${url}` : "复制失败");
});

document.addEventListener("keydown", (event) => {
  if (!session || event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target as HTMLElement;
  if (target.closest("input, select, textarea, [contenteditable]")) return;
  if (event.key === "Escape") {
    event.preventDefault();
    finish();
  } else if (event.key === " " && answerEl.hidden && !target.closest("button, a, summary")) {
    event.preventDefault();
    reveal();
  } else if (["1", "2", "3"].includes(event.key) && !answerEl.hidden) {
    event.preventDefault();
    grade((Number(event.key) - 1) as Grade);
  }
});

fillForm();
filters = { ...readForm(), seed: filters.seed };
updateSetup();
