/** Causal mask and decoder parallelism: model output → Observable Plot options (build time and browser). */
import { barY, cell, line, type PlotOptions, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import {
  type CausalState,
  type CellStatus,
  flopsWithCache,
  flopsWithoutCache,
  type GridCell,
  grid,
  maskCounts,
  position,
  TOKENS,
  timeline,
} from "./model";

/** Colour, legend opacity and legend text of each cell status. */
export const STATUS_STYLE: Readonly<Record<CellStatus, { color: string; opacity: number; label: string }>> = {
  visible: { color: COLORS.primary, opacity: 0.75, label: "可见（参与 softmax）" },
  masked: { color: COLORS.muted, opacity: 0.35, label: "被因果 mask 屏蔽（−∞）" },
  fresh: { color: COLORS.secondary, opacity: 0.85, label: "本步新算" },
  cached: { color: COLORS.tertiary, opacity: 0.75, label: "K、V 从缓存读取" },
  done: { color: COLORS.primary, opacity: 0.2, label: "之前各步已算过" },
  future: { color: "transparent", opacity: 1, label: "尚未生成" },
};

export type Variant = "mask" | "parallel";

const CELL_MAX = 40;

function gridFigure(state: CausalState, width: number): PlotOptions {
  const n = state.n;
  const p = position(state);
  const cells = grid(state);
  const train = state.mode === "train";
  const marginLeft = 62;
  const size = Math.min(CELL_MAX, Math.floor((width - marginLeft - 56) / n));
  const marginRight = Math.max(8, width - marginLeft - n * size);
  const indices = Array.from({ length: n }, (_, j) => j);
  const opacity = (d: GridCell) => {
    if (d.status === "masked") return d.selected ? 0.35 : 0.18;
    if (d.status === "done") return 0.15;
    if (d.status === "cached") return 0.75;
    return d.selected ? 0.9 : 0.3;
  };
  const drawn = cells.filter((d) => d.status !== "future");
  const byStatus = (status: CellStatus) => drawn.filter((d) => d.status === status);
  const targets = train
    ? indices.map((q) => ({ q, label: q + 1 < n ? `→ ${TOKENS[q + 1]}` : "→ …", selected: q === p }))
    : [{ q: p, label: "→ 下一个", selected: true }];
  const counts = maskCounts(n);
  const selectedVisible = cells.filter((d) => d.selected && d.status !== "masked" && d.status !== "future").length;
  return {
    ...FIGURE,
    width: marginLeft + n * size + marginRight,
    height: 34 + n * size + 6,
    marginTop: 34,
    marginLeft,
    marginRight,
    marginBottom: 6,
    ariaLabel: train
      ? `${n} × ${n} 的因果 mask，高亮位置 ${p} 的 query 能看到的 key`
      : `生成第 ${p + 1} 步时注意力矩阵中各个分数的来源（${state.cache === "on" ? "有" : "无"} KV cache）`,
    ariaDescription: train
      ? `可见 ${counts.visible} 个，屏蔽 ${counts.masked} 个；位置 ${p}（${TOKENS[p]}）看到 ${selectedVisible} 个 key`
      : `第 ${p + 1} 步新 token ${TOKENS[p]} 的 query 对 ${selectedVisible} 个 key 打分；` +
        `本步新算的分数 ${byStatus("fresh").length} 个，用到缓存 K、V 的 ${byStatus("cached").length} 个`,
    x: { domain: indices, axis: "top", tickFormat: (j: number) => TOKENS[j], tickSize: 0, label: "key →", padding: 0 },
    y: { domain: indices, tickFormat: (q: number) => `${q} ${TOKENS[q]}`, tickSize: 0, label: "query", padding: 0 },
    marks: [
      ...(Object.keys(STATUS_STYLE) as CellStatus[])
        .filter((s) => s !== "future")
        .map((status) =>
          cell(byStatus(status), {
            x: "k",
            y: "q",
            fill: STATUS_STYLE[status].color,
            fillOpacity: opacity,
            inset: 1,
            className: `causal-${status}`,
          }),
        ),
      cell(
        cells.filter((d) => d.status === "future"),
        {
          x: "k",
          y: "q",
          fill: "none",
          stroke: COLORS.muted,
          strokeOpacity: 0.45,
          strokeDasharray: "2,3",
          inset: 3,
          className: "causal-future",
        },
      ),
      text(byStatus("masked"), {
        x: "k",
        y: "q",
        text: () => "−∞",
        fill: "currentColor",
        fillOpacity: (d: GridCell) => (d.selected ? 1 : 0.55),
        fontSize: 11,
      }),
      cell(
        cells.filter((d) => d.selected && d.status !== "future"),
        { x: "k", y: "q", fill: "none", stroke: "currentColor", strokeWidth: 1.5, className: "causal-row" },
      ),
      // What each row's output predicts (the next token); the selected row in bold.
      ...[false, true].map((bold) =>
        text(
          targets.filter((d) => d.selected === bold),
          {
            x: n - 1,
            y: "q",
            text: "label",
            dx: size / 2 + 6,
            textAnchor: "start",
            fill: "currentColor",
            fontWeight: bold ? 700 : 400,
            fillOpacity: bold ? 1 : 0.6,
          },
        ),
      ),
    ],
  };
}

const LANES = ["训练：1 次前向", "生成：n 次前向"] as const;

function timelineFigure(state: CausalState, width: number): PlotOptions {
  const n = state.n;
  const p = position(state);
  const rows = timeline(state).map((c) => ({
    ...c,
    lane: c.lane === "train" ? LANES[0] : LANES[1],
    kind: c.lane === "train" ? "train" : c.pos === c.pass - 1 || state.cache === "off" ? "fresh" : "cached",
  }));
  // With a cache, each step also reads the K/V of every earlier position: draw those reads too.
  if (state.cache === "on") {
    for (let t = 2; t <= n; t++) {
      for (let pos = 0; pos < t - 1; pos++) rows.push({ lane: LANES[1], pass: t, pos, kind: "cached" });
    }
  }
  const passes = Array.from({ length: n }, (_, j) => j + 1);
  const positions = Array.from({ length: n }, (_, j) => j);
  const currentPass = state.mode === "train" ? 1 : p + 1;
  const currentLane = state.mode === "train" ? LANES[0] : LANES[1];
  // Outline what the current pass touches: every position in training, positions 0 … p in generation.
  const current = positions
    .filter((pos) => state.mode === "train" || pos <= p)
    .map((pos) => ({ lane: currentLane, pass: currentPass, pos }));
  const fill = (d: { kind: string }) =>
    d.kind === "train" ? COLORS.primary : d.kind === "fresh" ? COLORS.secondary : COLORS.tertiary;
  const computed = rows.filter((r) => r.kind !== "cached");
  const rowHeight = Math.min(16, Math.max(10, Math.floor(150 / n)));
  return {
    ...FIGURE,
    width,
    height: 2 * n * rowHeight + 40 + 44 + 24,
    marginTop: 24,
    marginLeft: 62,
    marginRight: 12,
    marginBottom: 40,
    ariaLabel: `时间线：训练 1 次前向算完 ${n} 个位置；生成需要 ${n} 次串行前向（${state.cache === "on" ? "有" : "无"} KV cache）`,
    ariaDescription:
      `训练：1 次前向、${n} 行；生成：${n} 次前向，共计算 ${computed.filter((r) => r.lane === LANES[1]).length} 行` +
      (state.cache === "on" ? "，每步只算新 token，其余位置的 K、V 从缓存读取" : "，每步重算整个前缀"),
    fy: { domain: [...LANES], axis: null, padding: 0.22 },
    x: { domain: passes, label: "串行前向的次序（时间 →）", tickSize: 0, padding: 0.1 },
    y: { domain: positions, tickFormat: (q: number) => `${q} ${TOKENS[q]}`, tickSize: 0, label: null, padding: 0.1 },
    marks: [
      cell(rows, {
        x: "pass",
        y: "pos",
        fy: "lane",
        fill,
        fillOpacity: (d: { kind: string }) => (d.kind === "cached" ? 0.45 : 0.85),
        className: "causal-pass",
      }),
      cell(current, { x: "pass", y: "pos", fy: "lane", fill: "none", stroke: "currentColor", strokeWidth: 2 }),
      // Lane titles above each lane (a right-hand facet axis would squeeze the lanes on a phone).
      text(LANES, {
        fy: (lane: string) => lane,
        text: (lane: string) =>
          lane === LANES[1] ? `生成：${n} 次前向${state.cache === "on" ? "（有 KV cache）" : "（无 KV cache）"}` : lane,
        frameAnchor: "top-left",
        textAnchor: "start",
        dy: -9,
        fontWeight: 700,
        fill: "currentColor",
      }),
    ],
  };
}

function costFigure(state: CausalState, width: number): PlotOptions {
  const n = state.n;
  const p = position(state);
  const steps = Array.from({ length: n }, (_, j) => j + 1);
  const on = state.cache === "on";
  const bars = steps.map((t) => ({ t, g: (on ? flopsWithCache(t) : flopsWithoutCache(t)) / 1e9, sel: t === p + 1 }));
  const other = steps.map((t) => ({ t, g: (on ? flopsWithoutCache(t) : flopsWithCache(t)) / 1e9 }));
  const top = Math.max(...bars.map((b) => b.g), ...other.map((b) => b.g));
  return {
    ...FIGURE,
    width,
    height: 200,
    marginTop: 22,
    marginLeft: 48,
    marginBottom: 38,
    ariaLabel: `生成每一步的计算量（7B 量级配置），${on ? "有" : "无"} KV cache`,
    ariaDescription:
      `第 1 到第 ${n} 步：${bars.map((b) => b.g.toFixed(1)).join("，")} GFLOPs；` +
      `${on ? "无" : "有"} KV cache 时为 ${other.map((b) => b.g.toFixed(1)).join("，")}`,
    x: { domain: steps, label: "生成第 t 个 token", tickSize: 0, padding: 0.25 },
    y: { domain: [0, top * 1.08], grid: true, label: "GFLOPs", ticks: 4 },
    marks: [
      barY(bars, {
        x: "t",
        y: "g",
        fill: on ? COLORS.tertiary : COLORS.secondary,
        stroke: (d: { sel: boolean }) => (d.sel ? "currentColor" : "none"),
        strokeWidth: 2,
        className: "causal-cost",
      }),
      line(other, { x: "t", y: "g", stroke: COLORS.muted, strokeDasharray: "4,3", marker: "circle" }),
      text([other[other.length - 1]], {
        x: "t",
        y: "g",
        text: () => (on ? "无 cache" : "有 cache"),
        dy: -10,
        textAnchor: "end",
        fill: "currentColor",
        stroke: "var(--plot-background)",
        strokeWidth: 3,
      }),
    ],
  };
}

export function figures(state: CausalState, options: { width: number; variant: Variant }): Record<string, PlotOptions> {
  const out: Record<string, PlotOptions> = { grid: gridFigure(state, options.width) };
  if (options.variant === "parallel") {
    out.timeline = timelineFigure(state, options.width);
    out.cost = costFigure(state, options.width);
  }
  return out;
}
