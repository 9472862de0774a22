/** RoPE rotation: model output → Observable Plot options (used at build time and in the browser). */
import { arrow, dot, line, type PlotOptions, ruleX, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { fmtBase, fmtInt, frequencies, wavelength } from "../sinusoidal-pe/model";
import {
  clockPairs,
  MAX_POS,
  minus,
  offsetCurve,
  queryKey,
  type RopeState,
  SHIFT_WINDOW,
  scoreByOffset,
  shiftCurve,
  shiftWindowStart,
  slowPairs,
} from "./model";

const Q = COLORS.primary;
const K = COLORS.secondary;
const ADD = COLORS.muted;
const HALO = { stroke: "var(--plot-background)", strokeWidth: 3 } as const;
const fmt2 = (v: number) => minus(v.toFixed(2));
/** The angle between two arrows, in whole degrees 0 … 180. */
const angle = (delta: number) => Math.round((Math.abs(delta) * 180) / Math.PI);
/** Wavelengths: one decimal below 100 positions, whole positions above. */
const fmtWave = (l: number) => (l < 100 ? l.toFixed(1) : fmtInt(l));

export function figures(state: RopeState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const { d, base, m, n, s, L, seed } = state;
  const { q, k } = queryKey(d, seed);
  const theta = frequencies(d, base);
  const r = m - n;
  const score = scoreByOffset(q, k, r, theta);

  // Clocks: one 2-D pair per panel, q rotated by (m+s)·θ_i and k by (n+s)·θ_i.
  const pairs = clockPairs(d);
  const cols = WIDTH >= 400 ? pairs.length : 2;
  const rows = Math.ceil(pairs.length / cols);
  const margin = { top: 34, bottom: 34, left: 4, right: 4 };
  const size = (WIDTH - margin.left - margin.right) / cols;
  const gap = 64;
  const panels = pairs.map((i, c) => {
    const qa = Math.atan2(q[2 * i + 1], q[2 * i]) + (m + s) * theta[i];
    const ka = Math.atan2(k[2 * i + 1], k[2 * i]) + (n + s) * theta[i];
    const ql = Math.hypot(q[2 * i], q[2 * i + 1]);
    const kl = Math.hypot(k[2 * i], k[2 * i + 1]);
    const unit = Math.max(ql, kl);
    let delta = (qa - ka) % (2 * Math.PI);
    if (delta > Math.PI) delta -= 2 * Math.PI;
    if (delta <= -Math.PI) delta += 2 * Math.PI;
    return {
      i,
      col: c % cols,
      row: Math.floor(c / cols),
      q: [(ql / unit) * Math.cos(qa), (ql / unit) * Math.sin(qa)],
      k: [(kl / unit) * Math.cos(ka), (kl / unit) * Math.sin(ka)],
      ka,
      delta,
      term: ql * kl * Math.cos(qa - ka),
      title: `第 ${i} 组\nλ = ${fmtWave(wavelength(i, d, base))}`,
    };
  });
  const ring = panels.flatMap((p) =>
    Array.from({ length: 49 }, (_, j) => ({
      col: p.col,
      row: p.row,
      x: Math.cos((j / 48) * 2 * Math.PI),
      y: Math.sin((j / 48) * 2 * Math.PI),
    })),
  );
  const arcs = panels.flatMap((p) =>
    Array.from({ length: 17 }, (_, j) => {
      const a = p.ka + (p.delta * j) / 16;
      return { col: p.col, row: p.row, x: 0.32 * Math.cos(a), y: 0.32 * Math.sin(a) };
    }),
  );
  const facet = { fx: "col", fy: "row" } as const;
  const clocks: PlotOptions = {
    ...FIGURE,
    width: WIDTH,
    height: margin.top + margin.bottom + rows * size + (rows - 1) * gap,
    marginTop: margin.top,
    marginBottom: margin.bottom,
    marginLeft: margin.left,
    marginRight: margin.right,
    ariaLabel: `RoPE 把 q、k 的每组二维分量分别旋转 (m+s)·θ_i 与 (n+s)·θ_i；这里画出 ${pairs.length} 组`,
    ariaDescription:
      `m = ${m}、n = ${n}、平移 s = ${s}。` +
      panels.map((p) => `第 ${p.i} 组：q 与 k 的夹角 ${angle(p.delta)}°，贡献 ${fmt2(p.term)}`).join("；") +
      `。一起平移只让两个箭头同转，夹角和打分 ${fmt2(score)} 不变。`,
    fx: { domain: Array.from({ length: cols }, (_, c) => c), axis: null, paddingInner: 0, paddingOuter: 0 },
    fy: {
      domain: Array.from({ length: rows }, (_, c) => c),
      axis: null,
      paddingInner: rows > 1 ? gap / (size + gap) : 0,
      paddingOuter: 0,
    },
    x: { domain: [-1.3, 1.3], axis: null },
    y: { domain: [-1.3, 1.3], axis: null },
    marks: [
      line(ring, { ...facet, x: "x", y: "y", z: "col", stroke: "currentColor", strokeOpacity: 0.22 }),
      line(arcs, {
        ...facet,
        x: "x",
        y: "y",
        z: "col",
        stroke: "currentColor",
        strokeWidth: 1.5,
        className: "rope-angle",
      }),
      arrow(panels, {
        ...facet,
        x1: 0,
        y1: 0,
        x2: (p) => p.k[0],
        y2: (p) => p.k[1],
        stroke: K,
        strokeWidth: 2.5,
        headLength: 9,
        className: "rope-k",
      }),
      arrow(panels, {
        ...facet,
        x1: 0,
        y1: 0,
        x2: (p) => p.q[0],
        y2: (p) => p.q[1],
        stroke: Q,
        strokeWidth: 2.5,
        headLength: 9,
        className: "rope-q",
      }),
      text(panels, { ...facet, frameAnchor: "top", dy: -18, text: "title", fill: "currentColor", lineHeight: 1.15 }),
      text(panels, {
        ...facet,
        frameAnchor: "bottom",
        dy: 18,
        lineHeight: 1.15,
        text: (p) => `夹角 ${angle(p.delta)}°\n贡献 ${fmt2(p.term)}`,
        fill: "currentColor",
        className: "rope-term",
      }),
    ],
  };

  const lo = shiftWindowStart(s);
  const curve = shiftCurve(state, lo);
  const now = curve[s - lo];
  const values = curve.flatMap((c) => [c.rope, c.additive]);
  const yMin = Math.min(...values);
  const yMax = Math.max(...values);
  const pad = (yMax - yMin) * 0.12 + 0.5;
  const last = curve[curve.length - 1];
  const shift: PlotOptions = {
    ...FIGURE,
    width: WIDTH,
    height: 220,
    marginTop: 18,
    marginLeft: 44,
    marginRight: 16,
    marginBottom: 36,
    ariaLabel: `把 m、n 同时平移 s = ${lo} 到 ${lo + SHIFT_WINDOW}：RoPE 打分与加性正弦编码打分`,
    ariaDescription:
      `RoPE 打分恒为 ${fmt2(score)}（一条水平线）；把正弦编码加到 q、k 上的打分随平移起伏，` +
      `在 ${fmt2(Math.min(...curve.map((c) => c.additive)))} 到 ${fmt2(Math.max(...curve.map((c) => c.additive)))} 之间。`,
    x: { domain: [lo, lo + SHIFT_WINDOW], label: "平移量 s（m、n 同时加 s）", labelAnchor: "center", labelOffset: 30 },
    y: { domain: [yMin - pad, yMax + pad], grid: true, label: null, ticks: 5 },
    marks: [
      ruleX([s], { stroke: "currentColor", strokeOpacity: 0.5, strokeDasharray: "4,3" }),
      line(curve, { x: "s", y: "additive", stroke: ADD, strokeWidth: 1.4, className: "rope-additive" }),
      line(curve, { x: "s", y: "rope", stroke: Q, strokeWidth: 3, className: "rope-flat" }),
      dot([now], { x: "s", y: "additive", r: 4, fill: ADD, stroke: "var(--plot-background)", strokeWidth: 1.5 }),
      dot([now], { x: "s", y: "rope", r: 5, fill: Q, stroke: "var(--plot-background)", strokeWidth: 1.5 }),
      text([last], {
        x: "s",
        y: "rope",
        text: () => `RoPE：${fmt2(score)}`,
        textAnchor: "end",
        dy: -10,
        fill: Q,
        fontWeight: 700,
        ...HALO,
      }),
      text(["灰线：正弦编码加到 q、k 上"], {
        frameAnchor: "top-left",
        textAnchor: "start",
        dx: 4,
        dy: 4,
        fill: "currentColor",
        ...HALO,
      }),
    ],
  };

  const rel = offsetCurve(d, base, seed);
  const marks = [
    { r, score, kind: "now" },
    { r: -r, score: scoreByOffset(q, k, -r, theta), kind: "mirror" },
  ];
  const relative: PlotOptions = {
    ...FIGURE,
    width: WIDTH,
    height: 210,
    marginTop: 18,
    marginLeft: 44,
    marginRight: 16,
    marginBottom: 36,
    ariaLabel: `RoPE 打分 q_m·k_n 随相对距离 m − n 的变化（−${MAX_POS} 到 ${MAX_POS}）`,
    ariaDescription:
      `m − n = ${r} 时打分 ${fmt2(score)}；m − n = ${-r} 时 ${fmt2(marks[1].score)}。` +
      `曲线左右不对称：RoPE 能区分 key 在前还是在后。`,
    x: { domain: [-MAX_POS, MAX_POS], label: "m − n", labelAnchor: "center", labelOffset: 30 },
    y: { grid: true, label: null, ticks: 5 },
    marks: [
      ruleX([0], { stroke: "currentColor", strokeOpacity: 0.35 }),
      ruleY([0], { stroke: "currentColor", strokeOpacity: 0.35 }),
      line(rel, { x: "r", y: "score", stroke: Q, strokeWidth: 1.3, className: "rope-rel" }),
      dot(
        marks.filter((p) => p.kind === "mirror"),
        { x: "r", y: "score", r: 5, stroke: K, strokeWidth: 2, fill: "var(--plot-background)" },
      ),
      dot(
        marks.filter((p) => p.kind === "now"),
        {
          x: "r",
          y: "score",
          r: 5.5,
          fill: Q,
          stroke: "var(--plot-background)",
          strokeWidth: 1.5,
          className: "rope-now",
        },
      ),
      text(marks, {
        x: "r",
        y: "score",
        text: (p) => minus(p.r),
        dy: -12,
        fill: (p) => (p.kind === "now" ? Q : K),
        fontWeight: 700,
        ...HALO,
      }),
    ],
  };

  const spectrumData = theta.map((_, i) => ({ i, lambda: wavelength(i, d, base), slow: wavelength(i, d, base) > L }));
  const reference = base === 10_000 ? [] : theta.map((_, i) => ({ i, lambda: wavelength(i, d, 10_000) }));
  const slow = slowPairs(d, base, L);
  const all = [...spectrumData, ...reference].map((p) => p.lambda);
  const yLo = Math.min(2, ...all);
  const yHi = Math.max(L * 4, ...all) * 1.5;
  const highlighted = spectrumData.filter((p) => pairs.includes(p.i));
  const spectrum: PlotOptions = {
    ...FIGURE,
    width: WIDTH,
    height: 230,
    marginTop: 18,
    marginLeft: 56,
    marginRight: 16,
    marginBottom: 36,
    ariaLabel: `每组频率的波长 2π/θ_i（对数轴），d_head = ${d}，base = ${fmtBase(base)}，横线为训练长度 ${fmtInt(L)}`,
    ariaDescription: `${d / 2} 组中 ${slow} 组波长超过 ${fmtInt(L)}（红），在训练中没转满一圈。`,
    x: { domain: [-0.5, d / 2 - 0.5], label: "频率组 i", labelAnchor: "center", labelOffset: 30, tickFormat: String },
    y: {
      type: "log",
      domain: [yLo, yHi],
      label: "波长（位置数）",
      labelAnchor: "top",
      grid: true,
      tickFormat: "~s",
      ticks: [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8].filter((t) => t >= yLo && t <= yHi),
    },
    marks: [
      ruleY([L], { stroke: COLORS.danger, strokeDasharray: "5,3", strokeWidth: 1.5 }),
      line(reference, { x: "i", y: "lambda", stroke: "currentColor", strokeOpacity: 0.45, strokeDasharray: "3,3" }),
      dot(spectrumData, {
        x: "i",
        y: "lambda",
        r: d > 128 ? 2 : 3,
        fill: (p) => (p.slow ? COLORS.danger : Q),
        className: "rope-pair",
      }),
      dot(highlighted, { x: "i", y: "lambda", r: 6.5, stroke: "currentColor", strokeWidth: 1.3, fill: "none" }),
      text([`L = ${fmtInt(L)}`], {
        frameAnchor: "left",
        x: 0,
        y: L,
        dy: -9,
        textAnchor: "start",
        fill: COLORS.danger,
        fontWeight: 700,
        ...HALO,
      }),
      text([`${slow}/${d / 2} 组波长 > L`], {
        frameAnchor: "top-left",
        textAnchor: "start",
        dx: 4,
        dy: 4,
        fill: COLORS.danger,
        fontWeight: 700,
        ...HALO,
      }),
      reference.length > 0
        ? text(["虚线：base 10,000"], {
            frameAnchor: "bottom-right",
            textAnchor: "end",
            dy: -6,
            fill: "currentColor",
            ...HALO,
          })
        : null,
    ],
  };
  return { clocks, shift, relative, spectrum };
}
