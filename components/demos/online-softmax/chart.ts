/** Online softmax: model output → Observable Plot options (used at build time and in the browser). */
import { barY, dot, type PlotOptions, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { exp32, FP32_MAX, frame, logit, N, num, type OnlineState, OVERFLOW_AT } from "./model";

const INDEX = Array.from({ length: N }, (_, i) => i + 1);
const LOG_MAX = Math.log10(FP32_MAX);

export function figures(state: OnlineState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const fr = frame(state);
  const { j, K, read, xs } = fr;
  const naive = state.mode === "naive";
  const B = state.block;
  const blockOf = (i: number) => Math.floor(i / B) + 1; // 0-based index → 1-based block
  const m = fr.online[j - 1].m;

  // Ticks at the first logit of each block (at most 12, so a phone can fit them).
  const starts = Array.from({ length: K }, (_, b) => b * B + 1);
  const ticks = starts.filter((_, b) => K <= 12 || b % 2 === 0);

  const bars = xs.map((x, i) => ({
    i: i + 1,
    x,
    kind:
      i >= read
        ? "unread"
        : naive && exp32(x) === Number.POSITIVE_INFINITY
          ? "overflow"
          : blockOf(i) === j
            ? "current"
            : "read",
  }));
  const fill: Record<string, string> = {
    unread: COLORS.muted,
    overflow: COLORS.danger,
    current: COLORS.secondary,
    read: COLORS.primary,
  };
  const top4 = [...xs]
    .sort((a, b) => b - a)
    .slice(0, 4)
    .map(logit)
    .join("、");
  const lo = Math.min(0, ...xs);
  const hi = Math.max(OVERFLOW_AT, ...xs);

  const blocks = Array.from({ length: K }, (_, b) => String(b + 1));
  const blockTicks = blocks.filter((_, b) => K <= 12 || b % 2 === 0);
  const done = fr.online.slice(0, j);
  const lMax = Math.max(...fr.online.map((s) => s.l));
  // Factor labels need about 40 px of band; narrower bands label only the block just read.
  const bandPx = (WIDTH - 52) / K;
  const showFactor = (block: number) => block > 1 && (bandPx >= 40 || block === j);
  // The m line and the overflow line can be a few px apart: label them on their outer sides.
  const mAbove = m >= OVERFLOW_AT;

  const naiveBars = fr.naive.slice(0, j).map((s) => ({
    block: String(s.block),
    y: s.l === Number.POSITIVE_INFINITY ? LOG_MAX : s.l === 0 ? 0 : Math.log10(s.l),
    status: s.l === Number.POSITIVE_INFINITY ? "inf" : s.l === 0 ? "zero" : "ok",
    label: s.l === Number.POSITIVE_INFINITY ? "Inf" : s.l === 0 ? "0" : "",
  }));
  const naiveLo = Math.min(0, ...naiveBars.map((b) => b.y));

  const ref = fr.reference.map((p, i) => ({ i: i + 1, p }));
  const est = fr.est.map((p, i) => ({ i: i + 1, p })).filter((e) => e.i <= read);
  const finite = est.filter((e) => Number.isFinite(e.p));
  const nans = est.filter((e) => Number.isNaN(e.p));
  const pMax = Math.max(0.05, ...fr.reference, ...finite.map((e) => e.p)) * 1.12;

  return {
    logits: {
      ...FIGURE,
      width: WIDTH,
      height: 200,
      marginLeft: 40,
      marginRight: 12,
      marginBottom: 34,
      ariaLabel: `24 个 logit（加上 c = ${state.shift} 后），前 ${read} 个已读入，块大小 ${B}`,
      ariaDescription: `最大的四个是 ${top4}；fp32 的 e^x 在 x > 88.72 时上溢${naive ? "" : `；当前 running m = ${logit(m)}`}`,
      x: { domain: INDEX, ticks, label: "logit 序号（刻度是每块的起点）", labelAnchor: "center" },
      // Headroom above the top line for its label and the axis label.
      y: { domain: [lo, hi + 0.12 * (hi - lo)], label: "logit x", grid: true },
      marks: [
        barY(bars, { x: "i", y: "x", fill: (b) => fill[b.kind], fillOpacity: (b) => (b.kind === "unread" ? 0.35 : 1) }),
        ruleY([0]),
        ruleY([OVERFLOW_AT], { stroke: COLORS.danger, strokeDasharray: "4,3" }),
        text([OVERFLOW_AT], {
          y: (v: number) => v,
          frameAnchor: "left",
          text: () => "e^x 上溢线 88.72",
          dy: naive || !mAbove ? -7 : 10,
          stroke: "var(--bg, white)",
          strokeWidth: 3,
          paintOrder: "stroke",
          dx: 4,
          textAnchor: "start",
          fill: COLORS.danger,
          fontSize: 10.5,
        }),
        ...(naive
          ? []
          : [
              ruleY([m], { stroke: COLORS.secondary, strokeWidth: 1.5 }),
              text([m], {
                y: (v: number) => v,
                frameAnchor: "left",
                text: () => `m = ${logit(m)}`,
                dy: mAbove ? -7 : 10,
                stroke: "var(--bg, white)",
                strokeWidth: 3,
                paintOrder: "stroke",
                dx: 4,
                textAnchor: "start",
                fill: "currentColor",
                fontSize: 10.5,
                className: "os-m",
              }),
            ]),
      ],
    },
    trace: naive
      ? {
          ...FIGURE,
          width: WIDTH,
          height: 190,
          marginLeft: 40,
          marginRight: 12,
          marginBottom: 34,
          ariaLabel: "朴素 softmax 逐块累加的 ℓ = Σe^x（以 10 为底的对数）",
          ariaDescription: naiveBars.map((b) => `第 ${b.block} 块后 ${b.label || `10^${b.y.toFixed(1)}`}`).join("，"),
          x: { domain: blocks, ticks: blockTicks, label: "块", labelAnchor: "center" },
          y: { domain: [naiveLo, 45], label: "log₁₀ ℓ", grid: true },
          marks: [
            barY(naiveBars, {
              x: "block",
              y: "y",
              fill: (b) => (b.status === "ok" ? COLORS.primary : COLORS.danger),
              className: "os-bar",
            }),
            ruleY([0]),
            ruleY([LOG_MAX], { stroke: COLORS.danger, strokeDasharray: "4,3" }),
            text([LOG_MAX], {
              y: (v: number) => v,
              frameAnchor: "left",
              text: () => "fp32 最大值 3.4e38",
              dy: -7,
              dx: 4,
              textAnchor: "start",
              fill: COLORS.danger,
              fontSize: 10.5,
            }),
            text(
              naiveBars.filter((b) => b.label),
              { x: "block", y: "y", text: "label", dy: 9, fill: "currentColor", fontWeight: 600 },
            ),
          ],
        }
      : {
          ...FIGURE,
          width: WIDTH,
          height: 190,
          marginLeft: 40,
          marginRight: 12,
          marginBottom: 34,
          ariaLabel: "每读完一块后的 ℓ：换算后的旧 ℓ 加上本块的 Σe^(x − m)",
          ariaDescription: done
            .map((s) => `第 ${s.block} 块后 ℓ = ${num(s.l, 4)}（因子 ${s.block === 1 ? "—" : num(s.factor, 2)}）`)
            .join("，"),
          x: { domain: blocks, ticks: blockTicks, label: "块", labelAnchor: "center" },
          y: { domain: [0, lMax * 1.25], label: "ℓ", grid: true },
          marks: [
            barY(done, {
              x: (s) => String(s.block),
              y1: 0,
              y2: "carried",
              fill: COLORS.muted,
              className: "os-carried",
            }),
            barY(done, {
              x: (s) => String(s.block),
              y1: "carried",
              y2: "l",
              fill: (s) => (s.block === j ? COLORS.secondary : COLORS.primary),
              className: "os-bar",
            }),
            ruleY([0]),
            text(
              done.filter((s) => showFactor(s.block)),
              {
                x: (s) => String(s.block),
                y: "l",
                text: (s) => (s.m === s.mOld ? "e^0" : `e^${logit(s.mOld - s.m)}`),
                dy: -7,
                fill: "currentColor",
                fontSize: 10,
              },
            ),
          ],
        },
    probs: {
      ...FIGURE,
      width: WIDTH,
      height: 190,
      marginLeft: 40,
      marginRight: 12,
      marginBottom: 34,
      ariaLabel: "一次性 softmax（灰柱）与流式计算当前的输出（圆点）",
      ariaDescription:
        `一次性 softmax 最大的是 ${Math.max(...fr.reference).toFixed(3)}；` +
        (nans.length > 0
          ? `当前输出有 ${nans.length} 个 NaN`
          : `当前输出最大 ${Math.max(0, ...finite.map((e) => e.p)).toFixed(3)}`),
      x: { domain: INDEX, ticks, label: "logit 序号", labelAnchor: "center" },
      y: { domain: [0, pMax], label: "概率", grid: true, ticks: 4 },
      marks: [
        barY(ref, { x: "i", y: "p", fill: COLORS.muted, fillOpacity: 0.6 }),
        ruleY([0]),
        dot(finite, { x: "i", y: "p", r: 3.5, fill: naive ? COLORS.danger : COLORS.secondary, className: "os-est" }),
        text(nans, {
          x: "i",
          y: () => pMax * 0.9,
          text: () => "NaN",
          rotate: -90,
          fill: COLORS.danger,
          fontWeight: 600,
          className: "os-nan",
        }),
      ],
    },
  };
}
