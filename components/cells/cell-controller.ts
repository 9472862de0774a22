/**
 * Everything a code cell does once the reader touches it: Run (and Ctrl/Cmd+Enter), Edit, Reset,
 * Share, and code that arrives through a shared link. Loaded by cell-client.ts on first use; the
 * heavy parts — sucrase and the worker runtime, CodeMirror, Plot, lz-string — load later still,
 * when they are needed.
 */
import { copyText } from "../ui/clipboard";
import { toast } from "../ui/toast";
import type { Editor } from "./editor";
import { CellOutput } from "./output";

import { SHARE_PREFIX } from "./share";

export type CellAction = "run" | "edit" | "reset" | "share";

export interface CellController {
  act(action: CellAction): void;
}

export function bindCell(root: HTMLElement): CellController {
  const id = root.dataset.cell ?? "";
  const original = root.querySelector<HTMLTextAreaElement>("[data-source]")?.value ?? "";
  const timeLimit = Number(root.dataset.timeLimit) || 3000;
  const codeHost = root.querySelector<HTMLElement>("[data-code]");
  const output = new CellOutput(root.querySelector<HTMLElement>("[data-output]") as HTMLElement);
  const notice = root.querySelector<HTMLElement>("[data-notice]");
  const runButton = root.querySelector<HTMLButtonElement>("[data-run]");
  const editButton = root.querySelector<HTMLButtonElement>("[data-edit]");
  const resetButton = root.querySelector<HTMLButtonElement>("[data-reset]");
  const title = root.querySelector(".cell-title")?.textContent ?? "代码";
  let code = original;
  let editor: Editor | undefined;
  let running: { stop: () => void } | undefined;

  const showNotice = (text: string | null) => {
    if (!notice) return;
    notice.hidden = text === null;
    notice.textContent = text ?? "";
  };
  const setModified = (modified: boolean) => {
    if (resetButton) resetButton.hidden = !modified;
    root.toggleAttribute("data-modified", modified);
  };

  async function openEditor(focus: boolean) {
    if (!editor && codeHost) {
      const { createEditor } = await import("./editor");
      codeHost.replaceChildren();
      editor = createEditor(codeHost, code, {
        label: `编辑代码：${title}`,
        onChange: (next) => {
          code = next;
          setModified(code !== original);
        },
        onRun: () => void run(),
      });
      root.dataset.editing = "";
      if (editButton) editButton.hidden = true;
    }
    if (focus) editor?.focus();
  }

  async function run() {
    running?.stop();
    output.clear();
    if (runButton) runButton.disabled = true;
    root.dataset.state = "running";
    const started = performance.now();
    let firstOutput = 0;
    try {
      const { runCell, CellSyntaxError } = await import("./runtime");
      let handle: ReturnType<typeof runCell>;
      try {
        handle = runCell(code, {
          timeLimit,
          onMessage: (message) => {
            if (!firstOutput && message.type !== "done") {
              firstOutput = performance.now();
              root.dispatchEvent(new CustomEvent("cell:output", { detail: { latency: firstOutput - started } }));
            }
            void output.show(message);
          },
        });
      } catch (error) {
        if (error instanceof CellSyntaxError) {
          output.note(`第 ${error.line} 行：语法错误：${error.message}（代码未运行）`, "error");
          root.dataset.state = "error";
          return;
        }
        throw error;
      }
      running = handle;
      const result = await handle.done;
      running = undefined;
      if (result === "timeout") {
        output.note(
          `运行超过 ${timeLimit / 1000} 秒，已停止。常见原因是死循环或计算量过大；修改代码后可以再次运行。`,
          "error",
        );
      } else if (result === "done" && !firstOutput) {
        output.note("运行完成（没有输出；用 console.log 打印结果）。");
      }
      root.dataset.state = result;
    } finally {
      if (runButton) runButton.disabled = false;
    }
  }

  runButton?.addEventListener("click", () => void run());
  editButton?.addEventListener("click", () => void openEditor(true));
  root.addEventListener("keydown", (event) => {
    // Ctrl/Cmd+Enter anywhere in the cell runs it (the editor handles its own).
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !editor) {
      event.preventDefault();
      void run();
    }
  });

  resetButton?.addEventListener("click", () => {
    code = original;
    editor?.setCode(original);
    setModified(false);
    showNotice(null);
    output.clear();
    const url = new URL(location.href);
    url.searchParams.delete(SHARE_PREFIX + id);
    history.replaceState(history.state, "", url);
  });

  root.querySelector("[data-share]")?.addEventListener("click", async () => {
    const url = new URL(location.href);
    if (code === original) {
      url.searchParams.delete(SHARE_PREFIX + id);
    } else {
      const { compressToEncodedURIComponent } = await import("lz-string");
      url.searchParams.set(SHARE_PREFIX + id, compressToEncodedURIComponent(code));
    }
    url.hash = id;
    const ok = await copyText(url.href);
    toast(
      ok
        ? code === original
          ? "已复制这段代码的链接"
          : "已复制链接（包含你修改后的代码）"
        : "复制失败，请手动复制地址栏",
    );
  });

  // Code from a shared link is shown for review and never runs until the reader presses Run.
  const shared = new URLSearchParams(location.search).get(SHARE_PREFIX + id);
  if (shared !== null) {
    void (async () => {
      const { decompressFromEncodedURIComponent } = await import("lz-string");
      const decoded = decompressFromEncodedURIComponent(shared);
      if (!decoded) {
        showNotice("分享链接里的代码无法解析，已显示原始代码。");
        return;
      }
      code = decoded;
      setModified(code !== original);
      await openEditor(false);
      showNotice("这是分享链接里修改过的代码，尚未运行；检查后按“运行”执行，或按“重置”恢复原始代码。");
    })();
  }

  const buttons: Record<CellAction, HTMLElement | null> = {
    run: runButton,
    edit: editButton,
    reset: resetButton,
    share: root.querySelector("[data-share]"),
  };
  return { act: (action) => buttons[action]?.click() };
}
