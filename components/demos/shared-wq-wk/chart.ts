/** Separate vs shared W_Q, W_K: model output → Observable Plot options (build time and browser). */
import { cell, dot, line, type PlotOptions } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { attention, MODE_LABELS, type QkState, stats } from "./model";

/** Cell shade for a value in [0, 1]: a faint floor so empty cells still show the grid; 2 decimals keep the SVG small. */
const opacity = (t: number) => Math.round((0.04 + 0.96 * t) * 100) / 100;

const PANELS = ["打分 S（softmax 之前）", "权重 A（每行 softmax）"] as const;

interface CellDatum {
  panel: string;
  i: number;
  j: number;
  v: number;
}

export function figures(state: QkState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const { S, A } = attention(state)[state.mode];
  const st = stats({ S, A });
  const n = state.n;
  const idx = Array.from({ length: n }, (_, i) => i + 1);
  const scoreCells: CellDatum[] = [];
  const weightCells: CellDatum[] = [];
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      scoreCells.push({ panel: PANELS[0], i: i + 1, j: j + 1, v: S[i][j] });
      weightCells.push({ panel: PANELS[1], i: i + 1, j: j + 1, v: A[i][j] });
      maxAbs = Math.max(maxAbs, Math.abs(S[i][j]));
    }
  }
  const diagonal = PANELS.flatMap((panel) => idx.map((i) => ({ panel, i, j: i })));
  // Two square panels side by side; the figure's height follows from the width.
  const gap = 16;
  const marginLeft = 44;
  const marginRight = 4;
  const panel = (WIDTH - marginLeft - marginRight - gap) / 2;
  // Label every token while cells are wide enough, else every 2nd or 4th (two-digit labels need ~20 px).
  const spacing = n >= 10 ? 20 : 12;
  const every = [1, 2, 4].find((k) => (k * panel) / n >= spacing) ?? 4;
  const ticks = idx.filter((i) => (i - 1) % every === 0);
  const heat: PlotOptions = {
    ...FIGURE,
    width: WIDTH,
    height: Math.round(panel + 24 + 34),
    marginTop: 24,
    marginBottom: 34,
    marginLeft,
    marginRight,
    ariaLabel: `${MODE_LABELS[state.mode]}：${n} 个随机 token 的打分矩阵与注意力权重热图`,
    ariaDescription:
      `对角线平均权重 ${st.diagonalMean.toFixed(2)}（均匀分配为 ${(1 / n).toFixed(3)}），${st.selfTop}/${n} 行最关注自己；` +
      `打分最大不对称 ${st.scoreAsymmetry.toFixed(2)}。`,
    fx: { domain: [...PANELS], label: null, padding: gap / (panel * 2 + gap), axis: "top", tickSize: 0 },
    x: { domain: idx, label: "key j", tickSize: 0, padding: 0, ticks },
    y: {
      domain: idx,
      label: "query i",
      labelOffset: 36,
      tickSize: 0,
      padding: 0,
      ticks,
    },
    marks: [
      cell(scoreCells, {
        x: "j",
        y: "i",
        fx: "panel",
        fill: (d: CellDatum) => (d.v >= 0 ? COLORS.danger : COLORS.primary),
        fillOpacity: (d: CellDatum) => opacity(Math.abs(d.v) / (maxAbs || 1)),
        inset: 0.5,
        className: "qk-score",
      }),
      cell(weightCells, {
        x: "j",
        y: "i",
        fx: "panel",
        fill: COLORS.primary,
        fillOpacity: (d: CellDatum) => opacity(d.v),
        inset: 0.5,
        className: "qk-weight",
      }),
      cell(diagonal, {
        x: "j",
        y: "i",
        fx: "panel",
        fill: "none",
        stroke: "currentColor",
        strokeOpacity: 0.6,
        strokeWidth: 1,
        className: "qk-diagonal",
      }),
    ],
  };

  const pairs: { sij: number; sji: number }[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push({ sij: S[i][j], sji: S[j][i] });
  const extent = Math.max(1, ...pairs.flatMap((p) => [Math.abs(p.sij), Math.abs(p.sji)])) * 1.08;
  const sym: PlotOptions = {
    ...FIGURE,
    width: WIDTH,
    height: 220,
    marginLeft: 44,
    marginRight: 12,
    marginBottom: 36,
    ariaLabel: `每对 token 的两个方向的打分：横轴 s_ij，纵轴 s_ji（共 ${pairs.length} 对）`,
    ariaDescription:
      st.scoreAsymmetry < 1e-9
        ? "所有点都落在对角线 s_ij = s_ji 上：打分矩阵对称。"
        : `点散布在对角线两侧，最大差 ${st.scoreAsymmetry.toFixed(2)}：两个方向可以打不同的分。`,
    x: { domain: [-extent, extent], label: "s_ij（i 看 j）", grid: true },
    y: { domain: [-extent, extent], label: "s_ji（j 看 i）", grid: true },
    marks: [
      line(
        [
          [-extent, -extent],
          [extent, extent],
        ],
        { stroke: COLORS.muted, strokeDasharray: "4,3", className: "qk-identity" },
      ),
      dot(pairs, { x: "sij", y: "sji", r: 3.5, fill: COLORS.secondary, fillOpacity: 0.8, className: "qk-pair" }),
    ],
  };
  return { heat, sym };
}
