/**
 * Greedy decoding vs beam search on a hand-written language model (DEC-01). The model is a fixed table
 * of next-token probabilities; prefixes it does not list end with </s>. Beam search follows the
 * article's cell: keep the `beam` best unfinished prefixes by total log-probability; a candidate ending
 * in </s> is collected only when it ranks among the first `beam` (as Hugging Face does). The length
 * penalty of GNMT, lp(Y) = ((5 + |Y|)/6)^α with |Y| counting </s>, is used only to pick the final
 * hypothesis. Pure maths, no DOM.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

export const EOS = "</s>";
export type Table = Readonly<Record<string, Readonly<Record<string, number>>>>;

type Row = readonly [prefix: string, next: readonly (readonly [token: string, p: number])[]];
/** Rows as [prefix, [[token, p], …]] (tuples keep the table's order and read like the article's cell). */
const table = (rows: readonly Row[]): Table =>
  Object.fromEntries(rows.map(([prefix, dist]) => [prefix, Object.fromEntries(dist)]));

/** The article's cell, verbatim: greedy goes wrong at step 1, and α decides short vs long. */
// biome-ignore format: one row per prefix, like the article's cell
const ARTICLE = table([
  ["", [["我", 0.5], ["他", 0.4], [EOS, 0.1]]],
  ["我", [["想", 0.35], ["要", 0.35], ["在", 0.2], [EOS, 0.1]]],
  ["我 想", [[EOS, 0.6], ["睡", 0.4]]],
  ["我 要", [[EOS, 0.6], ["走", 0.4]]],
  ["他", [["喜欢", 0.9], [EOS, 0.1]]],
  ["他 喜欢", [[EOS, 0.4], ["读", 0.6]]],
  ["他 喜欢 读", [["书", 0.7], ["报", 0.2], [EOS, 0.1]]],
  ["他 喜欢 读 书", [[EOS, 0.9], ["吗", 0.1]]],
]);

/**
 * A translation model whose single most probable output is the empty one (P = 0.25), as Stahlberg &
 * Byrne (2019) found for most WMT sentences, though 75% of its mass is on real translations. </s>
 * ranks third at step 1, so only a beam of 3 or more ever collects it.
 */
// biome-ignore format: one row per prefix
const EMPTY = table([
  ["", [["非常", 0.4], ["谢谢", 0.35], [EOS, 0.25]]],
  ["非常", [["感谢", 0.7], ["谢谢", 0.3]]],
  ["非常 感谢", [[EOS, 0.8], ["你", 0.2]]],
  ["非常 谢谢", [[EOS, 0.6], ["你", 0.4]]],
  ["谢谢", [["你", 0.6], [EOS, 0.3], ["大家", 0.1]]],
  ["谢谢 你", [[EOS, 0.7], ["们", 0.3]]],
]);

export const MODELS = { article: ARTICLE, empty: EMPTY } as const;
export type ModelKey = keyof typeof MODELS;

export const params = {
  model: {
    type: "choice",
    label: "语言模型",
    options: ["article", "empty"],
    default: "article",
    optionLabels: {
      article: "文章代码里的小模型（我／他……）",
      empty: "最可能的输出是空句子的翻译模型",
    },
  },
  beam: { type: "number", label: "beam 大小 k（1 即贪心）", min: 1, max: 5, step: 1, default: 2, integer: true },
  alpha: { type: "number", label: "长度惩罚 α：lp = ((5 + |Y|)/6)^α", min: 0, max: 1, step: 0.05, default: 0 },
} satisfies ParamSpecs;

export type BeamState = StateOf<typeof params>;

export const MAX_LEN = 8;

export const next = (table: Table, tokens: readonly string[]) => table[tokens.join(" ")] ?? { [EOS]: 1 };
export const ended = (tokens: readonly string[]) => tokens.at(-1) === EOS;

/** GNMT's length penalty (Wu et al., 2016, §7). */
export const lp = (length: number, alpha: number) => ((5 + length) / 6) ** alpha;

export interface Hyp {
  tokens: string[];
  logp: number;
}
export const score = (h: Hyp, alpha: number) => h.logp / lp(h.tokens.length, alpha);
export const key = (tokens: readonly string[]) => tokens.join(" ");

/** What happened to each prefix the search generated, by key. */
export type Status = "live" | "done" | "pruned";

export interface BeamResult {
  /** Finished hypotheses in the order they were collected. */
  done: Hyp[];
  /** The finished hypothesis with the best length-normalised score (first collected wins a tie). */
  best: Hyp | undefined;
  status: Map<string, Status>;
  /** Steps run. */
  steps: number;
}

export function beamSearch(table: Table, beam: number, alpha: number, maxLen = MAX_LEN): BeamResult {
  let live: Hyp[] = [{ tokens: [], logp: 0 }];
  const done: Hyp[] = [];
  const status = new Map<string, Status>();
  let steps = 0;
  for (let t = 0; t < maxLen && live.length > 0; t++) {
    steps++;
    const cands: Hyp[] = [];
    for (const h of live) {
      for (const [tok, p] of Object.entries(next(table, h.tokens))) {
        cands.push({ tokens: [...h.tokens, tok], logp: h.logp + Math.log(p) });
      }
    }
    cands.sort((a, b) => b.logp - a.logp); // stable: ties keep the table's order
    live = [];
    for (const [rank, c] of cands.entries()) {
      status.set(key(c.tokens), "pruned");
      if (live.length === beam) continue;
      if (!ended(c.tokens)) {
        live.push(c);
        status.set(key(c.tokens), "live");
      } else if (rank < beam) {
        done.push(c);
        status.set(key(c.tokens), "done");
      }
    }
  }
  let best: Hyp | undefined;
  for (const h of done) if (!best || score(h, alpha) > score(best, alpha)) best = h;
  return { done, best, status, steps };
}

/** Greedy decoding: the most probable next token each step (the first listed wins a tie), until </s>. */
export function greedy(table: Table, maxLen = MAX_LEN): Hyp {
  const h: Hyp = { tokens: [], logp: 0 };
  while (!ended(h.tokens) && h.tokens.length < maxLen) {
    let bestTok = EOS;
    let bestP = -1;
    for (const [tok, p] of Object.entries(next(table, h.tokens))) {
      if (p > bestP) {
        bestTok = tok;
        bestP = p;
      }
    }
    h.tokens.push(bestTok);
    h.logp += Math.log(bestP);
  }
  return h;
}

/** Every complete output of the model (the table is finite), in depth-first table order. */
export function sentences(table: Table): Hyp[] {
  const out: Hyp[] = [];
  const walk = (h: Hyp) => {
    if (ended(h.tokens) || h.tokens.length >= MAX_LEN) {
      out.push(h);
      return;
    }
    for (const [tok, p] of Object.entries(next(table, h.tokens))) {
      walk({ tokens: [...h.tokens, tok], logp: h.logp + Math.log(p) });
    }
  };
  walk({ tokens: [], logp: 0 });
  return out;
}

/** The exact optimum under the current α, by enumerating all outputs (what beam search approximates). */
export function exactBest(table: Table, alpha: number): Hyp {
  const all = sentences(table);
  return all.reduce((best, h) => (score(h, alpha) > score(best, alpha) ? h : best));
}

export interface TreeNode {
  key: string;
  token: string;
  parent: string | undefined;
  depth: number;
  /** Vertical position: leaves are 0, 1, 2, … in table order; a parent sits between its children. */
  row: number;
  logp: number;
}

/** The model's whole prefix tree (root key ""), laid out as a tidy tree. */
export function tree(table: Table): TreeNode[] {
  const nodes: TreeNode[] = [];
  let leaves = 0;
  const walk = (tokens: string[], logp: number, parent: string | undefined): number => {
    const node: TreeNode = {
      key: key(tokens),
      token: tokens.at(-1) ?? "<bos>",
      parent,
      depth: tokens.length,
      row: 0,
      logp,
    };
    nodes.push(node);
    if (ended(tokens) || tokens.length >= MAX_LEN) {
      node.row = leaves++;
      return node.row;
    }
    const rows = Object.entries(next(table, tokens)).map(([tok, p]) =>
      walk([...tokens, tok], logp + Math.log(p), node.key),
    );
    node.row = (rows[0] + rows[rows.length - 1]) / 2;
    return node.row;
  };
  walk([], 0, undefined);
  return nodes;
}

/** A sentence as the article writes it: tokens without </s>, “（空）” for the empty output. */
export const show = (h: Pick<Hyp, "tokens">) => h.tokens.filter((t) => t !== EOS).join(" ") || "（空）";
const f3 = (x: number) => (x < 0 ? `−${(-x).toFixed(3)}` : x.toFixed(3));
const pr = (h: Hyp) => Math.exp(h.logp).toFixed(3);

export function readouts(state: BeamState): Record<string, string> {
  const table = MODELS[state.model as ModelKey] ?? ARTICLE;
  const g = greedy(table);
  const { best, done } = beamSearch(table, state.beam, state.alpha);
  const exact = exactBest(table, state.alpha);
  const a = Number(state.alpha.toFixed(2));
  const chosen = best
    ? `beam = ${state.beam}、α = ${a}：选中“${show(best)}”，P = ${pr(best)}，log P = ${f3(best.logp)}，` +
      `|Y| = ${best.tokens.length}（含 </s>），打分 log P / lp = ${f3(score(best, state.alpha))}`
    : `beam = ${state.beam}：没有完成的假设`;
  const compare = !best
    ? ""
    : key(best.tokens) === key(g.tokens)
      ? "（与贪心相同）"
      : best.tokens.length === 1
        ? "（空输出：长度偏置的极端情形）"
        : best.logp > g.logp
          ? "（概率比贪心高）"
          : "（与贪心不同）";
  const ranked = [...done].sort((x, y) => score(y, state.alpha) - score(x, state.alpha));
  const SHOWN = 4;
  return {
    greedy: `贪心：“${show(g)}”，P = ${pr(g)}，log P = ${f3(g.logp)}`,
    beam: `${chosen}${compare}`,
    done:
      `束搜索收下 ${ranked.length} 个完成假设，打分前 ${Math.min(SHOWN, ranked.length)}：` +
      `${ranked
        .slice(0, SHOWN)
        .map((h) => `${show(h)} ${f3(score(h, state.alpha))}`)
        .join("，")}；` +
      `穷举全部 ${sentences(table).length} 个输出，α = ${a} 下最优的是“${show(exact)}”` +
      (best && key(best.tokens) === key(exact.tokens) ? "，束搜索找到了它" : "，束搜索没有找到它"),
  };
}
