/**
 * Relative-position schemes against distance: model output → Observable Plot options. Three panels
 * share one x axis (distance n), like rows of one chart; each keeps the y unit it really has.
 */
import { dot, line, type PlotOptions, ruleX, ruleY, text } from "@observablehq/plot";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { fmtBase } from "../sinusoidal-pe/model";
import {
  alibiBias,
  alibiSlopes,
  type BiasState,
  fmtSlope,
  headOf,
  ROPE_DIM,
  ropeCurve,
  shawLabel,
  T5_BUCKETS,
  t5BucketBefore,
} from "./model";

const HALO = { stroke: "var(--plot-background)", strokeWidth: 3 } as const;
const SHAW = COLORS.tertiary;
const T5 = COLORS.secondary;
const ALIBI = COLORS.primary;
const ROPE = COLORS.danger;
/** ALiBi's y window: biases below it are clipped (the weight is already × e^-20 ≈ 2×10^-9). */
const ALIBI_FLOOR = -20;

/** Margins shared by the three panels so their x axes line up. */
const MARGINS = { marginLeft: 44, marginRight: 16 } as const;

export function figures(state: BiasState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const { nmax, k, t5, heads, ropeBase } = state;
  const probe = Math.min(state.probe, nmax);
  const x = { domain: [0, nmax], label: null, tickFormat: String } as const;
  const probeRule = ruleX([probe], {
    stroke: "currentColor",
    strokeOpacity: 0.6,
    strokeDasharray: "4,3",
    className: "pb-probe",
  });

  // Shaw and T5: which learned parameter a distance uses. Only the breakpoints are drawn.
  const shaw = [
    ...Array.from({ length: Math.min(k, nmax) + 1 }, (_, n) => ({ n, v: -shawLabel(n, k) })),
    { n: nmax, v: -shawLabel(nmax, k) },
  ];
  const t5Steps: { n: number; v: number }[] = [];
  for (let n = 0; n <= nmax; n++) {
    const v = t5BucketBefore(n, t5);
    if (n === 0 || v !== t5Steps[t5Steps.length - 1].v) t5Steps.push({ n, v });
  }
  t5Steps.push({ n: nmax, v: t5BucketBefore(nmax, t5) });
  const half = t5 === "enc" ? T5_BUCKETS / 2 : T5_BUCKETS;
  const top = Math.max(k, half - 1);
  const probeIndex = [
    { v: -shawLabel(probe, k), color: SHAW },
    { v: t5BucketBefore(probe, t5), color: T5 },
  ];
  const index: PlotOptions = {
    ...FIGURE,
    ...MARGINS,
    width: WIDTH,
    height: 200,
    marginTop: 26,
    marginBottom: 22,
    ariaLabel: `Shaw 裁剪与 T5 分桶：距离 0 到 ${nmax} 各用第几个可学习参数`,
    ariaDescription:
      `Shaw（k = ${k}）在距离 ${k} 之后不再区分；T5 ${t5 === "enc" ? "encoder" : "decoder"} 距离 ${probe} 落在 ${t5BucketBefore(probe, t5)} 号桶，` +
      `最远都落进 ${half - 1} 号桶。`,
    x,
    y: { domain: [0, top * 1.12 + 1], label: "用第几个参数", labelAnchor: "top", grid: true, ticks: 4 },
    marks: [
      probeRule,
      // Shaw wide underneath, T5 narrow on top: below k both are exactly n.
      line(shaw, {
        x: "n",
        y: "v",
        stroke: SHAW,
        strokeWidth: 6,
        strokeOpacity: 0.55,
        curve: "step-after",
        className: "pb-shaw",
      }),
      line(t5Steps, { x: "n", y: "v", stroke: T5, strokeWidth: 2, curve: "step-after", className: "pb-t5" }),
      dot(probeIndex, { x: probe, y: "v", fill: "color", r: 4.5, stroke: "var(--plot-background)", strokeWidth: 1.5 }),
      text([`Shaw：min(n, ${k})`], {
        x: nmax,
        y: k,
        dy: k > half - 1 - 3 && k < half + 2 ? 12 : -9,
        textAnchor: "end",
        fill: SHAW,
        fontWeight: 700,
        ...HALO,
      }),
      text([`T5 桶号（${t5 === "enc" ? "encoder" : "decoder"}）`], {
        x: nmax,
        y: half - 1,
        dy: -9,
        textAnchor: "end",
        fill: T5,
        fontWeight: 700,
        ...HALO,
      }),
    ],
  };

  const slopes = alibiSlopes(heads);
  const h = headOf(state);
  const alibiRows = slopes.flatMap((m, i) => [
    { head: i + 1, n: 0, b: 0 },
    { head: i + 1, n: nmax, b: alibiBias(nmax, m) },
  ]);
  const chosen = slopes[h - 1];
  const probeBias = alibiBias(probe, chosen);
  // Where the chosen head's line leaves the window (or the right edge): its label goes there.
  const labelN = Math.min(nmax, (-0.6 * ALIBI_FLOOR) / chosen);
  const alibi: PlotOptions = {
    ...FIGURE,
    ...MARGINS,
    width: WIDTH,
    height: 190,
    marginTop: 22,
    marginBottom: 22,
    ariaLabel: `ALiBi：${heads} 个头加到打分上的偏置 −m·n，第 ${h} 个头斜率 ${fmtSlope(chosen)}`,
    ariaDescription: `第 ${h} 个头在距离 ${probe} 的偏置 ${probeBias.toFixed(2)}；偏置低于 ${ALIBI_FLOOR} 的部分截掉不画。`,
    x,
    y: { domain: [ALIBI_FLOOR, 1], label: "加到打分上的偏置", labelAnchor: "top", grid: true, ticks: 4 },
    marks: [
      probeRule,
      ruleY([0], { stroke: "currentColor", strokeOpacity: 0.4 }),
      line(
        alibiRows.filter((r) => r.head !== h),
        {
          x: "n",
          y: "b",
          z: "head",
          stroke: ALIBI,
          strokeOpacity: 0.3,
          strokeWidth: 1.2,
          clip: true,
          className: "pb-alibi-other",
        },
      ),
      line(
        alibiRows.filter((r) => r.head === h),
        { x: "n", y: "b", stroke: ALIBI, strokeWidth: 3, clip: true, className: "pb-alibi" },
      ),
      probeBias >= ALIBI_FLOOR
        ? dot([{ b: probeBias }], {
            x: probe,
            y: "b",
            r: 4.5,
            fill: ALIBI,
            stroke: "var(--plot-background)",
            strokeWidth: 1.5,
          })
        : null,
      text([`第 ${h} 头：斜率 ${fmtSlope(chosen)}`], {
        x: labelN,
        y: Math.max(ALIBI_FLOOR, alibiBias(labelN, chosen)),
        dx: labelN < nmax ? 8 : 0,
        dy: labelN < nmax ? 0 : -10,
        textAnchor: labelN < nmax * 0.6 ? "start" : "end",
        fill: ALIBI,
        fontWeight: 700,
        ...HALO,
      }),
    ],
  };

  const curve = ropeCurve(nmax, ropeBase).map((v, r) => ({ r, v }));
  const reference = ropeBase === 10_000 ? [] : ropeCurve(nmax, 10_000).map((v, r) => ({ r, v }));
  const rope: PlotOptions = {
    ...FIGURE,
    ...MARGINS,
    width: WIDTH,
    height: 190,
    marginTop: 22,
    marginBottom: 36,
    ariaLabel: `RoPE 的长程衰减：打分上界随相对距离的变化，每头 ${ROPE_DIM} 维，base = ${fmtBase(ropeBase)}`,
    ariaDescription: `上界从距离 0 的 ${curve[0].v.toFixed(1)} 降到距离 ${probe} 的 ${curve[probe].v.toFixed(1)}、距离 ${nmax} 的 ${curve[nmax].v.toFixed(1)}。`,
    x: { ...x, label: "相对距离 n = i − j", labelAnchor: "center", labelOffset: 30 },
    y: {
      domain: [0, (ROPE_DIM / 2 + 1) / 2 + 1],
      label: "打分上界（相对值）",
      labelAnchor: "top",
      grid: true,
      ticks: 4,
    },
    marks: [
      probeRule,
      line(reference, {
        x: "r",
        y: "v",
        stroke: "currentColor",
        strokeOpacity: 0.45,
        strokeDasharray: "4,3",
        className: "pb-rope-ref",
      }),
      line(curve, { x: "r", y: "v", stroke: ROPE, strokeWidth: 2, className: "pb-rope" }),
      dot([curve[probe]], { x: "r", y: "v", r: 4.5, fill: ROPE, stroke: "var(--plot-background)", strokeWidth: 1.5 }),
      text([`RoPE，base ${fmtBase(ropeBase)}`], {
        frameAnchor: "top-right",
        textAnchor: "end",
        dy: 4,
        fill: ROPE,
        fontWeight: 700,
        ...HALO,
      }),
      reference.length > 0
        ? text(["虚线：base 10,000"], {
            frameAnchor: "top-right",
            textAnchor: "end",
            dy: 20,
            fill: "currentColor",
            ...HALO,
          })
        : null,
    ],
  };
  return { index, alibi, rope };
}
