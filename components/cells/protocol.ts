/** Messages a running cell sends from its worker to the page. Everything is structured-cloneable. */
export type LogLevel = "log" | "info" | "warn" | "error" | "debug";

export interface MarkSpec {
  /** A Plot mark name such as "lineY"; rebuilt on the page from an allow-list. */
  mark: string;
  data: unknown[];
  options: Record<string, unknown>;
}

export interface PlotSpec {
  marks: MarkSpec[];
  [option: string]: unknown;
}

export type CellMessage =
  | { type: "log"; level: LogLevel; text: string }
  | { type: "table"; rows: Record<string, unknown>[] }
  | { type: "plot"; spec: PlotSpec }
  | { type: "error"; name: string; message: string; line?: number; stack?: string }
  | { type: "truncated" }
  | { type: "done" };
