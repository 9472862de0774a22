/** Greedy vs beam search: model output → Observable Plot options (used at build time and in the browser). */
import { link, type PlotOptions, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import {
  type BeamState,
  beamSearch,
  EOS,
  exactBest,
  greedy,
  key,
  MODELS,
  type ModelKey,
  score,
  show,
  type TreeNode,
  tree,
} from "./model";

export const PATH_COLORS = { beam: COLORS.secondary, greedy: COLORS.tertiary, kept: COLORS.primary } as const;

const ROW = 20;
const TOP = 30;
const LEFT = 20;
const RIGHT = 22;
const minus = (x: number) => (x < 0 ? `−${(-x).toFixed(3)}` : x.toFixed(3));

/** Every prefix of a token list, as node keys (the root is ""). */
const prefixes = (tokens: readonly string[]) => new Set(tokens.map((_, i) => key(tokens.slice(0, i + 1))));

export function figures(state: BeamState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const table = MODELS[state.model as ModelKey] ?? MODELS.article;
  const nodes = tree(table);
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const { best, status } = beamSearch(table, state.beam, state.alpha);
  const g = greedy(table);
  const exact = exactBest(table, state.alpha);
  const onBeam = prefixes(best?.tokens ?? []);
  const onGreedy = prefixes(g.tokens);
  const depth = Math.max(...nodes.map((n) => n.depth));
  const leaves = nodes.filter((n) => n.token === EOS);
  const rows = leaves.length;
  // The two number columns get fixed room at the right; the tree fills the rest.
  const xScore = WIDTH - RIGHT - 2;
  const xP = xScore - 54;
  const lo = -0.45;
  const unit = (xP - 34 - LEFT) / (depth + 0.5 - lo);
  const px = (x: number) => Math.round(LEFT + (x - lo) * unit);
  // Positions in whole pixels (identity scales): the SVG stays short and crisp.
  const py = (row: number) => Math.round(TOP + row * ROW);

  const seen = (n: TreeNode) => n.parent === undefined || status.has(n.key);
  const kept = (n: TreeNode) => n.parent === undefined || status.get(n.key) === "live" || status.get(n.key) === "done";
  const edges = nodes
    .filter((n) => n.parent !== undefined)
    .map((n) => {
      const p = byKey.get(n.parent as string) as TreeNode;
      return { x1: px(p.depth), y1: py(p.row), x2: px(n.depth), y2: py(n.row), n };
    });
  const edgeGroup = (test: (n: TreeNode) => boolean) => edges.filter((e) => test(e.n));
  const label = (n: TreeNode) => (n.parent === undefined ? "<bos>" : n.token);
  const sentenceOf = (n: TreeNode) => ({ tokens: n.key.split(" ") });
  const leafRows = leaves.map((n) => {
    const h = { tokens: n.key.split(" "), logp: n.logp };
    const collected = status.get(n.key) === "done";
    return {
      y: py(n.row),
      x: px(n.depth),
      p: Math.exp(n.logp).toFixed(3),
      score: minus(score(h, state.alpha)),
      collected,
      chosen: best !== undefined && n.key === key(best.tokens),
      greedy: n.key === key(g.tokens),
      exact: n.key === key(exact.tokens),
    };
  });
  const halo = { stroke: "var(--bg, white)", strokeWidth: 4, paintOrder: "stroke" } as const;
  const nodeText = (subset: TreeNode[], extra: Record<string, unknown>) =>
    text(subset, { x: (n: TreeNode) => px(n.depth), y: (n: TreeNode) => py(n.row), text: label, ...halo, ...extra });
  const scoreText = (subset: typeof leafRows, extra: Record<string, unknown>) => [
    text(subset, { x: xP, y: "y", text: "p", fontSize: 11, ...extra }),
    text(subset, {
      x: xScore,
      y: "y",
      text: (d: (typeof leafRows)[number]) => `${d.score}${d.exact ? "★" : ""}`,
      fontSize: 11,
      ...extra,
    }),
  ];

  return {
    tree: {
      ...FIGURE,
      width: WIDTH,
      height: TOP + rows * ROW,
      margin: 0,
      ariaLabel: `搜索树：beam = ${state.beam}、α = ${Number(state.alpha.toFixed(2))} 时束搜索保留与丢掉的前缀`,
      ariaDescription:
        `模型的全部 ${rows} 个输出排成一行一个；贪心走到“${show(g)}”，束搜索选中“${best ? show(best) : "无"}”，` +
        `穷举最优是“${show(exact)}”（★）。` +
        `束搜索保留的前缀：${nodes
          .filter((n) => n.parent !== undefined && kept(n))
          .map((n) => show(sentenceOf(n)) + (n.token === EOS ? " </s>" : ""))
          .join("、")}`,
      x: { type: "identity", axis: null },
      y: { type: "identity", axis: null },
      marks: [
        // Prefixes the search never generated, then generated-and-dropped, then kept.
        link(
          edgeGroup((n) => !seen(n)),
          {
            x1: "x1",
            y1: "y1",
            x2: "x2",
            y2: "y2",
            curve: "bump-x",
            stroke: COLORS.muted,
            strokeOpacity: 0.35,
            strokeDasharray: "2,3",
            className: "beam-unseen",
          },
        ),
        link(
          edgeGroup((n) => seen(n) && !kept(n)),
          {
            x1: "x1",
            y1: "y1",
            x2: "x2",
            y2: "y2",
            curve: "bump-x",
            stroke: COLORS.muted,
            strokeWidth: 1.2,
            className: "beam-pruned",
          },
        ),
        link(
          edgeGroup((n) => kept(n)),
          {
            x1: "x1",
            y1: "y1",
            x2: "x2",
            y2: "y2",
            curve: "bump-x",
            stroke: PATH_COLORS.kept,
            strokeWidth: 1.6,
            className: "beam-kept",
          },
        ),
        // Greedy as a wide translucent band, the beam's choice as a line on top: where they agree,
        // the orange line runs inside the green band.
        link(
          edgeGroup((n) => onGreedy.has(n.key)),
          {
            x1: "x1",
            y1: "y1",
            x2: "x2",
            y2: "y2",
            curve: "bump-x",
            stroke: PATH_COLORS.greedy,
            strokeWidth: 7,
            strokeOpacity: 0.45,
            className: "beam-greedy",
          },
        ),
        link(
          edgeGroup((n) => onBeam.has(n.key)),
          {
            x1: "x1",
            y1: "y1",
            x2: "x2",
            y2: "y2",
            curve: "bump-x",
            stroke: PATH_COLORS.beam,
            strokeWidth: 2.8,
            className: "beam-chosen",
          },
        ),
        // A faint guide from each complete output to its numbers.
        link(leafRows, {
          x1: (d) => d.x + 16,
          x2: xP - 20,
          y1: "y",
          y2: "y",
          stroke: "currentColor",
          strokeOpacity: 0.18,
          strokeDasharray: "1,3",
        }),
        nodeText(
          nodes.filter((n) => !seen(n)),
          { fill: "currentColor", fillOpacity: 0.5, className: "beam-node-unseen" },
        ),
        nodeText(
          nodes.filter((n) => seen(n) && !kept(n)),
          { fill: "currentColor", fillOpacity: 0.75, className: "beam-node-pruned" },
        ),
        nodeText(
          nodes.filter((n) => kept(n) && !onBeam.has(n.key)),
          { fill: "currentColor", fontWeight: 600, className: "beam-node-kept" },
        ),
        nodeText(
          nodes.filter((n) => n.parent !== undefined && onBeam.has(n.key)),
          { fill: PATH_COLORS.beam, fontWeight: 700, className: "beam-node-chosen" },
        ),
        text(
          [
            { x: xP, t: "P" },
            { x: xScore, t: "打分" },
          ],
          { x: "x", y: py(-1), text: "t", fontWeight: 700, fill: "currentColor" },
        ),
        ...scoreText(
          leafRows.filter((d) => !d.collected),
          { fill: "currentColor", fillOpacity: 0.6, className: "beam-score-other" },
        ),
        ...scoreText(
          leafRows.filter((d) => d.collected && !d.chosen),
          { fill: "currentColor", fontWeight: 600, className: "beam-score-done" },
        ),
        ...scoreText(
          leafRows.filter((d) => d.chosen),
          { fill: PATH_COLORS.beam, fontWeight: 700, className: "beam-score-chosen" },
        ),
      ],
    },
  };
}
