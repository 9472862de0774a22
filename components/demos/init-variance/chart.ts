/** Initialisation and activation size (DL-06): model output → Observable Plot options (build time and browser). */
import { areaY, dot, lineY, type PlotOptions, ruleY } from "@observablehq/plot";
import { fmt, layerTicks, logDomain, logLabel, logTicks } from "../../ui/demo/log-axis";
import { COLORS, FIGURE } from "../../ui/demo/theme";
import { analyse, type InitVarianceState, reluDrift, SCHEME_SHORT, SCHEMES, type Scheme } from "./model";

export const SCHEME_COLORS: Readonly<Record<Scheme, string>> = {
  normal: COLORS.danger,
  xavier: COLORS.tertiary,
  kaiming: COLORS.primary,
};
export const DRIFT_COLOR = COLORS.secondary;

interface Point {
  layer: number;
  value: number;
}

/** Smallest value drawn on the log axis (a dead ReLU layer would be 0). */
const FLOOR = 1e-300;
const points = (values: readonly number[], L: number): Point[] =>
  values.slice(0, L + 1).map((value, layer) => ({ layer, value: Math.max(value, FLOOR) }));

/**
 * Drops the interior points of runs that are straight on a log axis (the infinite-width ReLU line is
 * constant, the drift line exponential): the path keeps its shape with a fraction of the bytes.
 */
export function straightRuns(pts: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < pts.length; i++) {
    if (i > 0 && i < pts.length - 1) {
      const [a, b, c] = [pts[i - 1], pts[i], pts[i + 1]].map((p) => Math.log(p.value));
      const [xa, xb, xc] = [pts[i - 1].layer, pts[i].layer, pts[i + 1].layer];
      if (Math.abs(a + ((c - a) * (xb - xa)) / (xc - xa) - b) < 1e-9) continue;
    }
    out.push(pts[i]);
  }
  return out;
}

/** A log axis whose ticks suit its span (tanh's curves stay within 0.4 … 1, ReLU's span 50 decades). */
const logAxis = (domain: [number, number], label: string) => ({
  type: "log" as const,
  domain,
  ticks: logTicks(domain),
  tickFormat: logLabel,
  label,
  grid: true,
});

export function figures(state: InitVarianceState, options: { width: number }): Record<string, PlotOptions> {
  const WIDTH = options.width;
  const { L, n } = state;
  const { run, band, meanField } = analyse(state);
  const act = state.act === "tanh" ? "tanh" : "ReLU";
  const x = {
    domain: [0, L],
    ticks: layerTicks(L, WIDTH),
    tickFormat: String,
    label: "层号 l（0 = 输入）",
    labelOffset: 34,
  };

  const lines = Object.fromEntries(SCHEMES.map((s) => [s, points(run.rms[s], L)])) as Record<Scheme, Point[]>;
  const stdDomain = logDomain(
    SCHEMES.flatMap((s) => lines[s].map((p) => p.value)),
    0.3,
    1.5,
    2,
  );
  const ends = SCHEMES.map((s) => ({ scheme: s, ...lines[s][L] }));

  const kaiming = lines.kaiming;
  const bandRows = band.p10
    .slice(0, L + 1)
    .map((lo, layer) => ({ layer, lo: Math.max(lo, FLOOR), hi: band.p90[layer] }));
  const infinite = straightRuns(points(meanField.kaiming, L));
  const drift =
    state.act === "relu"
      ? straightRuns(Array.from({ length: L + 1 }, (_, l) => ({ layer: l, value: reluDrift(l, n) })))
      : [];
  const driftDomain = logDomain(
    [
      ...bandRows.flatMap((r) => [r.lo, r.hi]),
      ...kaiming.map((p) => p.value),
      ...infinite.map((p) => p.value),
      ...drift.map((p) => p.value),
    ],
    Number.POSITIVE_INFINITY,
    0,
    1.25,
  );

  return {
    std: {
      ...FIGURE,
      width: WIDTH,
      height: 250,
      marginLeft: 56,
      marginRight: 14,
      marginBottom: 42,
      ariaLabel: `${L} 层、宽 ${n} 的 ${act} 网络中每层激活 RMS 的对数图：N(0,1)、Xavier、Kaiming 三种初始化`,
      ariaDescription: `第 ${L} 层：${SCHEMES.map((s) => `${SCHEME_SHORT[s]} ${fmt(run.rms[s][L])}`).join("，")}。`,
      x,
      y: logAxis(stdDomain, "激活的 RMS（对数轴）"),
      marks: [
        ruleY([1], { stroke: "currentColor", strokeOpacity: 0.35 }),
        ...SCHEMES.map((s) =>
          lineY(lines[s], {
            x: "layer",
            y: "value",
            stroke: SCHEME_COLORS[s],
            strokeWidth: s === "kaiming" ? 2.6 : 2.1,
            className: `init-${s}`,
          }),
        ),
        dot(ends, {
          x: "layer",
          y: "value",
          r: 4,
          fill: (d: { scheme: Scheme }) => SCHEME_COLORS[d.scheme],
          className: "init-end",
        }),
      ],
    },
    drift: {
      ...FIGURE,
      width: WIDTH,
      height: 220,
      marginLeft: 56,
      marginRight: 14,
      marginBottom: 42,
      ariaLabel: `Kaiming 初始化下 ${act} 网络激活 RMS 的有限宽度涨落（宽 ${n}）`,
      ariaDescription:
        `${band.count} 个随机网络的 10%–90% 区间在第 ${L} 层为 ${fmt(band.p10[L])}–${fmt(band.p90[L])}，` +
        `中位数 ${fmt(band.median[L])}；本种子 ${fmt(run.rms.kaiming[L])}；无限宽极限 ${fmt(meanField.kaiming[L])}` +
        (drift.length > 0 ? `；e^(−5L/(4n)) = ${fmt(reluDrift(L, n))}。` : "。"),
      x,
      y: logAxis(driftDomain, "Kaiming 激活的 RMS（对数轴）"),
      marks: [
        areaY(bandRows, {
          x: "layer",
          y1: "lo",
          y2: "hi",
          fill: SCHEME_COLORS.kaiming,
          fillOpacity: 0.18,
          className: "init-band",
        }),
        lineY(infinite, {
          x: "layer",
          y: "value",
          stroke: COLORS.muted,
          strokeWidth: 1.8,
          strokeDasharray: "5,4",
          className: "init-infinite",
        }),
        ...(drift.length > 0
          ? [
              lineY(drift, {
                x: "layer",
                y: "value",
                stroke: DRIFT_COLOR,
                strokeWidth: 1.8,
                strokeDasharray: "2,3",
                className: "init-drift",
              }),
            ]
          : []),
        lineY(kaiming, {
          x: "layer",
          y: "value",
          stroke: SCHEME_COLORS.kaiming,
          strokeWidth: 2.4,
          className: "init-seeded",
        }),
      ],
    },
  };
}
