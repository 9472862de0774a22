/**
 * The article contract: the h2 sections every article has, in order, with the stable anchor each
 * one gets. Anchors are English so that links to a section survive any rewording of its heading.
 */
export interface ContractSection {
  heading: string;
  anchor: string;
  required: boolean;
}

export const CONTRACT_SECTIONS: readonly ContractSection[] = [
  { heading: "一句话回答", anchor: "answer", required: true },
  { heading: "详细解释", anchor: "explanation", required: true },
  { heading: "动手试试", anchor: "try-it", required: false },
  { heading: "常见追问", anchor: "follow-ups", required: true },
  { heading: "易错点", anchor: "pitfalls", required: true },
];

/** Rendered by the page from frontmatter, after the body. */
export const REFERENCES_SECTION = { heading: "参考文献", anchor: "references" } as const;

export function anchorForHeading(text: string): string | undefined {
  return CONTRACT_SECTIONS.find((s) => s.heading === text.trim())?.anchor;
}
