/** Renders what a running cell reports: console lines, tables, plots and errors. */
import type { CellMessage } from "./protocol";

const LEVEL_LABEL: Record<string, string> = { warn: "警告", error: "错误", info: "信息", debug: "调试" };

export class CellOutput {
  constructor(private readonly host: HTMLElement) {}

  clear() {
    this.host.replaceChildren();
    this.host.hidden = true;
  }

  private add(node: Node) {
    this.host.hidden = false;
    this.host.append(node);
  }

  note(text: string, kind: "info" | "error" = "info") {
    const p = document.createElement("p");
    p.className = kind === "error" ? "cell-error" : "cell-note";
    p.textContent = text;
    this.add(p);
  }

  async show(message: CellMessage) {
    switch (message.type) {
      case "log": {
        const line = document.createElement("div");
        line.className = `cell-line cell-${message.level}`;
        if (LEVEL_LABEL[message.level]) line.dataset.level = LEVEL_LABEL[message.level];
        line.textContent = message.text;
        this.add(line);
        break;
      }
      case "table":
        this.add(renderTable(message.rows));
        break;
      case "plot": {
        const figure = document.createElement("div");
        figure.className = "cell-plot";
        this.add(figure);
        try {
          const { drawPlot } = await import("./plot-marks");
          figure.append(drawPlot(message.spec, figure.clientWidth));
        } catch (error) {
          figure.remove();
          this.note(`plot 出错：${(error as Error).message}`, "error");
        }
        break;
      }
      case "error": {
        const where = message.line ? `第 ${message.line} 行：` : "";
        this.note(`${where}${message.name}: ${message.message}`, "error");
        break;
      }
      case "truncated":
        this.note("输出太多，只显示前 1000 条。");
        break;
      case "done":
        break;
    }
  }
}

function renderTable(rows: Record<string, unknown>[]): HTMLElement {
  const wrap = document.createElement("div");
  wrap.className = "cell-table";
  // A wide table scrolls sideways; keyboard users need to be able to focus it to scroll.
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", `表格（${rows.length} 行）`);
  const table = document.createElement("table");
  const columns = [...new Set(rows.flatMap((r) => (r && typeof r === "object" ? Object.keys(r) : ["值"])))];
  const head = table.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = c;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const c of columns) {
      const value = row && typeof row === "object" ? (row as Record<string, unknown>)[c] : row;
      tr.insertCell().textContent = formatCell(value);
    }
  }
  wrap.append(table);
  return wrap;
}

function formatCell(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  if (value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
