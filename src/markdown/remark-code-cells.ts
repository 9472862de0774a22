/**
 * Turns a fenced block marked as a cell into a runnable <CodeCell>:
 *
 *   ```ts cell title="用自己的 logits 试试" timeLimit=2000 runOnLoad
 *   console.log(softmax([2, 1, 0]));
 *   ```
 *
 * Authors write plain TypeScript in the article; tests extract the same blocks to type-check and run
 * them. Meta attributes: title, id (stable share key; defaults to cell-1, cell-2, … in page order),
 * timeLimit (ms), runOnLoad (only for cheap cells).
 */
import type { Code, Root } from "mdast";

interface JsxAttribute {
  type: "mdxJsxAttribute";
  name: string;
  value: string | null;
}

export interface CellMeta {
  title?: string;
  id?: string;
  timeLimit?: number;
  runOnLoad: boolean;
}

/** Parses `cell title="…" timeLimit=2000 runOnLoad` (null when the block is not a cell). */
export function parseCellMeta(meta: string | null | undefined): CellMeta | null {
  if (!meta || !/(^|\s)cell(\s|$)/.test(meta)) return null;
  const out: CellMeta = { runOnLoad: false };
  for (const m of meta.matchAll(/(\w+)(?:=(?:"([^"]*)"|(\S+)))?/g)) {
    const [, key, quoted, bare] = m;
    const value = quoted ?? bare;
    if (key === "title" && value) out.title = value;
    else if (key === "id" && value) out.id = value;
    else if (key === "timeLimit" && value) out.timeLimit = Number(value);
    else if (key === "runOnLoad") out.runOnLoad = value === undefined || value === "true";
  }
  if (out.timeLimit !== undefined && !(out.timeLimit >= 100 && out.timeLimit <= 30_000)) {
    throw new Error(`cell timeLimit must be 100…30000 ms, got "${meta}"`);
  }
  return out;
}

export function remarkCodeCells() {
  return (tree: Root) => {
    let index = 0;
    tree.children = tree.children.map((node) => {
      if (node.type !== "code") return node;
      const meta = parseCellMeta((node as Code).meta);
      if (!meta) return node;
      if (node.lang !== "ts" && node.lang !== "typescript") {
        throw new Error(`a cell must be TypeScript (\`\`\`ts cell …), got "${node.lang}"`);
      }
      index += 1;
      const attributes: JsxAttribute[] = [
        { type: "mdxJsxAttribute", name: "code", value: node.value },
        { type: "mdxJsxAttribute", name: "id", value: meta.id ?? `cell-${index}` },
      ];
      if (meta.title) attributes.push({ type: "mdxJsxAttribute", name: "title", value: meta.title });
      if (meta.timeLimit)
        attributes.push({ type: "mdxJsxAttribute", name: "timeLimit", value: String(meta.timeLimit) });
      if (meta.runOnLoad) attributes.push({ type: "mdxJsxAttribute", name: "runOnLoad", value: null });
      return { type: "mdxJsxFlowElement", name: "CodeCell", attributes, children: [] } as unknown as typeof node;
    });
  };
}
