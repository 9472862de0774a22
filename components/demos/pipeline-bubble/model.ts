/**
 * Pipeline-parallel schedules (DIST-02): K stages, a mini-batch split into M micro-batches, a forward
 * of one micro-batch on one stage takes 1 time unit and its backward `ratio` units. GPipe (Huang et
 * al., 2019) runs every forward, then every backward; non-interleaved 1F1B (PipeDream-Flush,
 * Narayanan et al., 2021) lets stage s (from 0) warm up with K−1−s forwards, then alternates one
 * forward and one backward. Each stage runs its own list of operations in order, each as early as its
 * dependency allows (the same simulation as the article's code cell): the idle fraction is
 * (K−1)/(M+K−1) for both, and stage s stores at most M (GPipe) or min(K−s, M) (1F1B) activations.
 * Pure maths, no DOM.
 */
import type { ParamSpecs, StateOf } from "../../../src/lib/url-state";

export const params = {
  K: {
    type: "number",
    label: "stage 数 K",
    min: 2,
    max: 8,
    step: 1,
    default: 4,
    integer: true,
  },
  M: {
    type: "number",
    label: "micro-batch 数 M",
    min: 1,
    max: 32,
    step: 1,
    default: 8,
    integer: true,
  },
  schedule: {
    type: "choice",
    label: "调度（1F1B 为非交错版）",
    options: ["gpipe", "1f1b"],
    default: "gpipe",
    optionLabels: {
      gpipe: "GPipe：全部前向，再全部反向",
      "1f1b": "1F1B（PipeDream-Flush）：一前一后",
    },
  },
  ratio: {
    type: "choice",
    label: "反向耗时 / 前向耗时",
    options: [1, 2, 3],
    default: 2,
    optionLabels: {
      "1": "1 倍（与前向相同）",
      "2": "2 倍（常见近似，同正文代码）",
      "3": "3 倍（反向时再重计算一次前向）",
    },
  },
} satisfies ParamSpecs;

export type PipeState = StateOf<typeof params>;
export type Schedule = PipeState["schedule"];
export type Kind = "F" | "B";

/** One operation of the schedule: micro-batch `mb` (from 1) on stage `stage` (from 0), in time units. */
export interface Op {
  stage: number;
  kind: Kind;
  mb: number;
  start: number;
  end: number;
}

/** An idle stretch of one stage between 0 and the end of the schedule. */
export interface Gap {
  stage: number;
  start: number;
  end: number;
}

/** The order in which stage `stage` runs its operations. */
export function order(schedule: Schedule, K: number, M: number, stage: number): { kind: Kind; mb: number }[] {
  const mbs = Array.from({ length: M }, (_, i) => i + 1);
  if (schedule === "gpipe") {
    return [...mbs.map((mb) => ({ kind: "F" as const, mb })), ...mbs.map((mb) => ({ kind: "B" as const, mb }))];
  }
  const warm = Math.min(K - 1 - stage, M);
  const ops: { kind: Kind; mb: number }[] = mbs.slice(0, warm).map((mb) => ({ kind: "F", mb }));
  for (let j = 0; j < M - warm; j++) ops.push({ kind: "F", mb: warm + j + 1 }, { kind: "B", mb: j + 1 });
  for (let j = M - warm; j < M; j++) ops.push({ kind: "B", mb: j + 1 });
  return ops;
}

const key = (kind: Kind, mb: number, stage: number) => `${kind}${mb}@${stage}`;

/**
 * Every operation, each starting as soon as its stage is free and its dependency has finished: a
 * forward waits for the previous stage's forward of the same micro-batch, a backward for the next
 * stage's backward (on the last stage, for its own forward).
 */
export function simulate(schedule: Schedule, K: number, M: number, ratio: number): Op[] {
  const lists = Array.from({ length: K }, (_, s) => order(schedule, K, M, s));
  const done = new Map<string, number>();
  const free = new Array<number>(K).fill(0);
  const next = new Array<number>(K).fill(0);
  const ops: Op[] = [];
  let left = 2 * K * M;
  while (left > 0) {
    let progressed = false;
    for (let s = 0; s < K; s++) {
      const op = lists[s][next[s]];
      if (!op) continue;
      const dep =
        op.kind === "F"
          ? s > 0
            ? key("F", op.mb, s - 1)
            : undefined
          : s < K - 1
            ? key("B", op.mb, s + 1)
            : key("F", op.mb, s);
      const ready = dep === undefined ? 0 : done.get(dep);
      if (ready === undefined) continue;
      const start = Math.max(free[s], ready);
      const end = start + (op.kind === "F" ? 1 : ratio);
      ops.push({ stage: s, kind: op.kind, mb: op.mb, start, end });
      done.set(key(op.kind, op.mb, s), end);
      free[s] = end;
      next[s]++;
      left--;
      progressed = true;
    }
    // Both orders are deadlock-free; this guards against a future order that is not.
    if (!progressed) throw new Error("pipeline schedule deadlocked");
  }
  return ops;
}

/** Idle stretches of each stage between time 0 and `total`. */
export function gaps(ops: readonly Op[], K: number, total: number): Gap[] {
  const out: Gap[] = [];
  for (let s = 0; s < K; s++) {
    let t = 0;
    for (const op of ops.filter((o) => o.stage === s).sort((a, b) => a.start - b.start)) {
      if (op.start > t) out.push({ stage: s, start: t, end: op.start });
      t = op.end;
    }
    if (total > t) out.push({ stage: s, start: t, end: total });
  }
  return out;
}

/** Most micro-batches whose activations a stage holds at once: from its forward's start to its backward's end. */
export function peakInFlight(ops: readonly Op[], stage: number): number {
  let live = 0;
  let peak = 0;
  for (const op of ops.filter((o) => o.stage === stage).sort((a, b) => a.start - b.start)) {
    live += op.kind === "F" ? 1 : -1;
    peak = Math.max(peak, live);
  }
  return peak;
}

/** GPipe's idle fraction with equal per-stage times (Huang et al., 2019), also 1F1B's. */
export const bubbleFormula = (K: number, M: number) => (K - 1) / (M + K - 1);

export interface PipeSummary {
  ops: Op[];
  gaps: Gap[];
  total: number;
  /** M · (1 + ratio): the time one stage spends computing. */
  busy: number;
  /** Idle time over K · total. */
  bubble: number;
  /** Peak stored activations (micro-batches) per stage. */
  peaks: number[];
}

export function summary(s: PipeState): PipeSummary {
  const ops = simulate(s.schedule, s.K, s.M, s.ratio);
  const total = Math.max(...ops.map((o) => o.end));
  const busy = s.M * (1 + s.ratio);
  return {
    ops,
    gaps: gaps(ops, s.K, total),
    total,
    busy,
    bubble: 1 - busy / total,
    peaks: Array.from({ length: s.K }, (_, stage) => peakInFlight(ops, stage)),
  };
}

/** 0.2727 → "27.3%". */
export const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export const SCHEDULE_NAMES: Record<Schedule, string> = { gpipe: "GPipe", "1f1b": "1F1B" };

export function readouts(s: PipeState): Record<string, string> {
  const m = summary(s);
  const name = SCHEDULE_NAMES[s.schedule];
  const other = s.schedule === "gpipe" ? "1F1B 为 min(K, M)" : "GPipe 为 M";
  const otherPeak = s.schedule === "gpipe" ? Math.min(s.K, s.M) : s.M;
  return {
    time:
      `${name} 总时长 ${m.total} 个时间单位（前向 1、反向 ${s.ratio}）：` +
      `每个 stage 只算 M·(1+${s.ratio}) = ${m.busy}，其余是填满与排空流水线的等待`,
    bubble:
      `气泡占比 ${pct(m.bubble)}，即 (K−1)/(M+K−1) = ${s.K - 1}/${s.M + s.K - 1}；` +
      `Megatron 的写法“气泡/有效计算” (K−1)/M = ${pct((s.K - 1) / s.M)}`,
    memory:
      `第一个 stage（stage 0）峰值在存激活 ${m.peaks[0]} 个 micro-batch（${other} = ${otherPeak}）；` +
      `各 stage ${m.peaks.join("/")}`,
  };
}
