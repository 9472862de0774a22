/**
 * The cell editor: CodeMirror 6 with TypeScript highlighting, loaded only when the reader clicks Edit.
 * Tab is left to the browser (CodeMirror's default), so keyboard users can leave the editor.
 */
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";

const theme = EditorView.theme({
  "&": { color: "var(--fg)", backgroundColor: "var(--bg-soft)", fontSize: "0.86rem" },
  ".cm-content": { caretColor: "var(--fg)", fontFamily: "var(--font-mono)" },
  ".cm-gutters": { backgroundColor: "var(--bg-soft)", color: "var(--fg-muted)", border: "none" },
  "&.cm-focused .cm-cursor": { borderLeftColor: "var(--fg)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "color-mix(in srgb, var(--accent) 8%, transparent)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground": {
    backgroundColor: "color-mix(in srgb, var(--accent) 25%, transparent)",
  },
});

export interface Editor {
  getCode(): string;
  setCode(code: string): void;
  focus(): void;
}

export function createEditor(
  host: HTMLElement,
  code: string,
  handlers: { onChange: (code: string) => void; onRun: () => void; label: string },
): Editor {
  const view = new EditorView({
    doc: code,
    parent: host,
    extensions: [
      keymap.of([
        {
          key: "Mod-Enter",
          run: () => {
            handlers.onRun();
            return true;
          },
        },
      ]),
      // A small editor: what a reader needs to tweak a 30-line program (no autocompletion, search or
      // folding), which keeps the download well under CodeMirror's basicSetup.
      lineNumbers(),
      highlightActiveLine(),
      highlightActiveLineGutter(),
      history(),
      indentOnInput(),
      bracketMatching(),
      closeBrackets(),
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap]),
      javascript({ typescript: true }),
      // Wrapped lines instead of a horizontally scrolling box (also keeps axe's scrollable-region rule happy).
      EditorView.lineWrapping,
      // Token classes (tok-keyword, …) coloured by the site CSS, so light and dark themes both work.
      syntaxHighlighting(classHighlighter),
      theme,
      EditorView.contentAttributes.of({ "aria-label": handlers.label }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) handlers.onChange(update.state.doc.toString());
      }),
    ],
  });
  return {
    getCode: () => view.state.doc.toString(),
    setCode: (next) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } }),
    focus: () => view.focus(),
  };
}
