import { describe, expect, it } from "vitest";
import { articleSchema } from "../../src/lib/article-schema";

const valid = {
  id: "ATT-02",
  title: "为什么在 softmax 之前要对 attention 做 scale（除以 √d_k）？请用公式推导说明",
  chapter: "ATT",
  order: 2,
  tags: ["attention"],
  difficulty: 2,
  seeds: ["000"],
  related: ["ATT-01"],
  references: [{ title: "Attention Is All You Need", authors: "Vaswani et al.", year: 2017 }],
  updated: "2026-11-23",
};

function issuesOf(data: unknown) {
  const result = articleSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("article frontmatter contract", () => {
  it("accepts a complete frontmatter", () => {
    expect(issuesOf(valid)).toEqual([]);
  });

  it("names the field when a reference is missing", () => {
    expect(issuesOf({ ...valid, references: [] })).toEqual([expect.stringMatching(/^references: at least one/)]);
  });

  it("rejects an ID outside the inventory and a wrong chapter", () => {
    expect(issuesOf({ ...valid, id: "ATT-99" })).toEqual([
      expect.stringMatching(/^id: ATT-99 is not in the inventory/),
    ]);
    expect(issuesOf({ ...valid, chapter: "DL" }).join("\n")).toMatch(/chapter: ATT-02 belongs to chapter ATT/);
  });

  it("requires the inventory title and the ID's number as order", () => {
    expect(issuesOf({ ...valid, title: "别的标题" }).join("\n")).toMatch(/^title: must be the inventory title/);
    expect(issuesOf({ ...valid, order: 3 }).join("\n")).toMatch(/^order: must be the number in the ID/);
  });

  it("rejects bad difficulty, unknown related IDs and unknown fields", () => {
    expect(issuesOf({ ...valid, difficulty: 4 }).join("\n")).toMatch(/^difficulty:/m);
    expect(issuesOf({ ...valid, related: ["ZZZ-01"] }).join("\n")).toMatch(/related: unknown question ZZZ-01/);
    expect(issuesOf({ ...valid, extra: 1 }).join("\n")).toMatch(/extra/);
  });
});
