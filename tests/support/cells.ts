/** The code cells shipped in articles: ```ts cell … fenced blocks (see src/markdown/remark-code-cells.ts). */
import { parseCellMeta } from "../../src/markdown/remark-code-cells";
import { articleSources } from "./articles";

export interface ShippedCell {
  file: string;
  index: number;
  title?: string;
  code: string;
  /** Line of the code's first line in the .mdx file. */
  line: number;
}

export function shippedCells(): ShippedCell[] {
  const out: ShippedCell[] = [];
  for (const { file, body, frontmatterLines } of articleSources()) {
    let index = 0;
    for (const m of body.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm)) {
      const meta = parseCellMeta(m[2].trim());
      if (!meta) continue;
      index += 1;
      const line = frontmatterLines + body.slice(0, m.index).split("\n").length + 1;
      out.push({ file, index, title: meta.title, code: m[3], line });
    }
  }
  return out;
}
