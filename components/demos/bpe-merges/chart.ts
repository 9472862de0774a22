/** BPE vs WordPiece merges: model output → Observable Plot options (used at build time and in the browser). */
import { barX, type PlotOptions, rect, ruleX, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { type BpeState, encode, join, learn, nextPairs, scoreText } from "./model";

/** Candidate pairs drawn in the bar chart. */
export const TOP_PAIRS = 8;

const CHAR = 7.4; // width of one monospace character at 12px
const ROW = 26;
const LABEL = 84; // room for the row labels (“newest ×6”)
const GAP = 3;

/** Lays out one row of tokens as boxes, left to right, in whole pixels. */
function boxes(tokens: readonly string[], y: number, row: string, fresh: ReadonlySet<string>) {
  let x = LABEL;
  return tokens.map((t) => {
    const w = Math.round(t.length * CHAR + 8);
    const box = { row, t, x1: x, x2: x + w, y1: y, y2: y + ROW - 6, fresh: fresh.has(t) };
    x += w + GAP;
    return box;
  });
}

export function figures(state: BpeState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const bpe = state.mode === "bpe";
  const learned = learn(state.mode, state.merges);
  const pairs = nextPairs(state.mode, state.merges).slice(0, TOP_PAIRS);
  const bars = pairs.map((p, i) => ({ ...p, label: `${p.a} + ${p.b}`, next: i === 0, text: scoreText(p, state.mode) }));
  const last = learned.merges.at(-1);
  const fresh = new Set(last ? [join(last.a, last.b)] : []);

  const rows = learned.words.map((w, i) => ({ w, y: 8 + i * ROW }));
  const wordY = 8 + rows.length * ROW + 14;
  const tokens = [
    ...rows.flatMap(({ w, y }) => boxes(w.symbols, y, w.word, fresh)),
    ...boxes(encode(state), wordY, "new", new Set()),
  ];
  // Where the next merge will apply: a dashed frame around each occurrence of the pair.
  const next = pairs[0];
  const frames = next
    ? rows.flatMap(({ w, y }) => {
        const row = tokens.filter((b) => b.row === w.word && b.y1 === y);
        const out: { x1: number; x2: number; y1: number; y2: number }[] = [];
        for (let i = 0; i + 1 < row.length; i++) {
          if (row[i].t === next.a && row[i + 1].t === next.b) {
            out.push({ x1: row[i].x1 - 2, x2: row[i + 1].x2 + 2, y1: y - 2, y2: y + ROW - 4 });
            i++;
          }
        }
        return out;
      })
    : [];
  const labels = [
    ...rows.map(({ w, y }) => ({ y: y + (ROW - 6) / 2, text: `${w.word} ×${w.n}` })),
    { y: wordY + (ROW - 6) / 2, text: `新词 ${state.word}` },
  ];
  const height = wordY + ROW;
  const xMax = Math.max(...pairs.map((p) => p.score), 1e-9);

  return {
    pairs: {
      ...FIGURE,
      width: WIDTH,
      height: 24 + Math.max(bars.length, 1) * 24,
      marginLeft: 104,
      marginRight: 16,
      marginTop: 4,
      marginBottom: bars.length ? 34 : 4,
      ariaLabel: `第 ${learned.merges.length + 1} 次合并的候选相邻对，按${bpe ? "出现次数" : "Hugging Face 的 WordPiece 打分"}排序`,
      ariaDescription: bars.length
        ? `将要合并 ${bars[0].label}（${bars[0].text}）；其余：${bars
            .slice(1)
            .map((b) => `${b.label} ${b.text}`)
            .join("，")}`
        : "没有可合并的相邻对",
      x: {
        axis: bars.length ? "bottom" : null,
        domain: [0, xMax * 1.02],
        label: bpe ? "出现次数（按词频加权）" : "count(ab)/(count(a)·count(b))",
        ticks: 4,
        tickFormat: bpe ? (v: number) => String(v) : (v: number) => String(Number(v.toFixed(2))),
      },
      y: bars.length ? { domain: bars.map((b) => b.label), label: null, tickSize: 0 } : { axis: null },
      marks: [
        barX(bars, {
          y: "label",
          x: bpe ? "count" : "score",
          fill: (b) => (b.next ? COLORS.secondary : COLORS.primary),
          fillOpacity: (b) => (b.next ? 1 : 0.8),
          className: "bpe-bar",
        }),
        text(bars, {
          y: "label",
          x: 0,
          text: "text",
          dx: 5,
          textAnchor: "start",
          fill: "white",
          stroke: "black",
          strokeOpacity: 0.35,
          strokeWidth: 2.5,
          paintOrder: "stroke",
        }),
        ruleX([0]),
        ...(bars.length ? [] : [text(["没有可合并的相邻对了"], { frameAnchor: "middle", fill: "currentColor" })]),
      ],
    },
    corpus: {
      ...FIGURE,
      width: WIDTH,
      height,
      margin: 0,
      ariaLabel: `${learned.merges.length} 次合并后语料里每个词的切分，以及新词 ${state.word} 的切分`,
      ariaDescription:
        learned.words.map((w) => `${w.word}（${w.n} 次）：${w.symbols.join(" ")}`).join("；") +
        `；新词 ${state.word}：${encode(state).join(" ")}`,
      x: { type: "identity", axis: null },
      y: { type: "identity", axis: null },
      marks: [
        rect(tokens, {
          x1: "x1",
          x2: "x2",
          y1: "y1",
          y2: "y2",
          fill: (d) => (d.t === "[UNK]" ? COLORS.danger : d.fresh ? COLORS.secondary : COLORS.primary),
          fillOpacity: (d) => (d.fresh || d.t === "[UNK]" ? 0.9 : 0.18),
          rx: 4,
          className: "bpe-token",
        }),
        rect(frames, {
          x1: "x1",
          x2: "x2",
          y1: "y1",
          y2: "y2",
          fill: "none",
          stroke: COLORS.secondary,
          strokeWidth: 1.5,
          strokeDasharray: "4,2",
          rx: 5,
          className: "bpe-next",
        }),
        text(tokens, {
          x: (d) => (d.x1 + d.x2) / 2,
          y: (d) => (d.y1 + d.y2) / 2,
          text: "t",
          fontFamily: "var(--font-mono, monospace)",
          fill: "currentColor",
        }),
        text(labels, { x: LABEL - 8, y: "y", text: "text", textAnchor: "end", fill: "currentColor" }),
        text([{ y: wordY - 7 }], {
          x: 6,
          y: "y",
          text: () => (bpe ? "按顺序重放合并：" : "只查词表，贪心最长匹配："),
          textAnchor: "start",
          fill: "currentColor",
          fillOpacity: 0.75,
          fontSize: 11,
        }),
      ],
    },
  };
}
