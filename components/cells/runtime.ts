/**
 * Runs a reader's TypeScript: strip the types (sucrase keeps line numbers), then evaluate it in a
 * fresh module Web Worker made from a Blob — no DOM, no storage, network limited by the page's CSP —
 * and terminate it when the time limit passes, so a runaway loop never freezes the page.
 */
import { transform } from "sucrase";
import { PRELUDE_LINES, preludeFor } from "./prelude";
import type { CellMessage } from "./protocol";

export interface RunOptions {
  timeLimit: number;
  onMessage: (message: CellMessage) => void;
}

export interface RunHandle {
  /** Resolves when the program finished, failed or was stopped. */
  done: Promise<"done" | "error" | "timeout">;
  stop: () => void;
}

export class CellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** TypeScript → JavaScript, or a CellSyntaxError with the line in the reader's code. */
export function transpile(code: string): string {
  try {
    return transform(code, { transforms: ["typescript"], disableESTransforms: true }).code;
  } catch (error) {
    const err = error as Error & { loc?: { line: number } };
    const message = err.message.replace(/\s*\(\d+:\d+\)$/, "");
    throw new CellSyntaxError(message, err.loc?.line ?? 1);
  }
}

/** The reader's line for a worker source line (the prelude comes first). */
export const userLine = (workerLine: number) => Math.max(1, workerLine - PRELUDE_LINES);

function lineFromStack(stack = ""): number | undefined {
  const match = /blob:[^\s)]*:(\d+):\d+/.exec(stack);
  return match ? userLine(Number(match[1])) : undefined;
}

export function runCell(code: string, { timeLimit, onMessage }: RunOptions): RunHandle {
  const js = transpile(code);
  const source = `${preludeFor(location.href)}${js}\n;postMessage({ type: "done" });\n`;
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  const worker = new Worker(url, { type: "module", name: "code-cell" });
  let settle: (result: "done" | "error" | "timeout") => void = () => {};
  const done = new Promise<"done" | "error" | "timeout">((resolve) => {
    settle = resolve;
  });
  const finish = (result: "done" | "error" | "timeout") => {
    clearTimeout(timer);
    worker.terminate();
    URL.revokeObjectURL(url);
    settle(result);
  };
  const timer = setTimeout(() => finish("timeout"), timeLimit);

  worker.addEventListener("message", (event: MessageEvent<CellMessage>) => {
    const message = event.data;
    if (message.type === "error") {
      onMessage({ ...message, line: message.line ?? lineFromStack(message.stack) });
      finish("error");
      return;
    }
    onMessage(message);
    if (message.type === "done") finish("done");
  });
  worker.addEventListener("error", (event: ErrorEvent) => {
    event.preventDefault();
    const raw = event.message || "程序出错";
    const [, name = "Error", message = raw] = /^(?:Uncaught )?(\w*Error): (.*)$/s.exec(raw) ?? [];
    onMessage({ type: "error", name, message, line: event.lineno ? userLine(event.lineno) : undefined });
    finish("error");
  });
  return { done, stop: () => finish("timeout") };
}
