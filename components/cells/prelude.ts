/**
 * Code that runs in the worker before the reader's program. It gives the program `console`,
 * `table(rows)`, `plot({ marks: [...] })` and a `Plot` whose marks only record their arguments
 * (Plot itself needs a DOM, so the page draws), and removes storage and network APIs beyond what
 * the page's CSP already blocks.
 */

const prelude = (pageUrl: string) => {
  const post = (message: unknown) => postMessage(message);
  // A blob worker has no base URL of its own: resolve relative fetches against the page.
  const nativeFetch = self.fetch.bind(self);
  self.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    nativeFetch(typeof input === "string" ? new URL(input, pageUrl) : input, init);
  let budget = 1000;
  const send = (message: Record<string, unknown>) => {
    if (budget === 0) return;
    budget -= 1;
    post(budget === 0 ? { type: "truncated" } : message);
  };
  const inspect = (value: unknown, depth = 0): string => {
    if (typeof value === "string") return depth === 0 ? value : JSON.stringify(value);
    if (typeof value === "number")
      return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
    if (typeof value === "function") return `[Function ${value.name || "anonymous"}]`;
    if (value === null || typeof value !== "object") return String(value);
    if (depth > 2) return Array.isArray(value) ? "[…]" : "{…}";
    if (Array.isArray(value)) {
      const items = value.slice(0, 20).map((v) => inspect(v, depth + 1));
      return `[${items.join(", ")}${value.length > 20 ? `, … ${value.length - 20} more` : ""}]`;
    }
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    const entries = Object.entries(value)
      .slice(0, 20)
      .map(([k, v]) => `${k}: ${inspect(v, depth + 1)}`);
    return `{ ${entries.join(", ")} }`;
  };
  const clone = <T>(value: T, what: string): T => {
    try {
      return structuredClone(value);
    } catch {
      throw new TypeError(`${what} 只能包含数据（数字、字符串、数组、对象），不能包含函数`);
    }
  };
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    console[level] = (...args: unknown[]) => send({ type: "log", level, text: args.map((a) => inspect(a)).join(" ") });
  }
  const table = (rows: unknown) => {
    if (!Array.isArray(rows)) throw new TypeError("table(rows) 需要一个对象数组");
    send({ type: "table", rows: clone(rows.slice(0, 200), "table 的数据") });
  };
  console.table = table as typeof console.table;
  const Plot = new Proxy(
    {},
    {
      get:
        (_target, mark) =>
        (data: Iterable<unknown> = [], options: Record<string, unknown> = {}) => ({
          mark: String(mark),
          data: Array.from(data),
          options,
        }),
    },
  );
  const plot = (spec: { marks?: unknown[] } & Record<string, unknown>) => {
    if (!spec || !Array.isArray(spec.marks)) throw new TypeError("plot({ marks: [...] }) 需要 marks 数组");
    send({ type: "plot", spec: clone(spec, "plot 的参数") });
  };
  for (const name of [
    "indexedDB",
    "caches",
    "XMLHttpRequest",
    "WebSocket",
    "EventSource",
    "BroadcastChannel",
    "importScripts",
  ]) {
    try {
      Object.defineProperty(self, name, { value: undefined, configurable: false });
    } catch {
      // Not present in this browser.
    }
  }
  // Errors in async code that nobody awaited: report them like any other error.
  self.addEventListener("unhandledrejection", (event) => {
    const error = event.reason instanceof Error ? event.reason : new Error(String(event.reason));
    event.preventDefault();
    post({ type: "error", name: error.name, message: error.message, stack: error.stack ?? "" });
  });
  Object.assign(self, { table, plot, Plot });
};

const PRELUDE_SOURCE = `(${prelude.toString()})`;
/** Lines before the reader's code in the worker source: an error at line N there is their line N − this. */
export const PRELUDE_LINES = PRELUDE_SOURCE.split("\n").length;

/** The prelude, called with the page's URL, ending with a newline so the reader's code starts on a fresh line. */
export function preludeFor(pageUrl: string): string {
  return `${PRELUDE_SOURCE}(${JSON.stringify(pageUrl)});\n`;
}
