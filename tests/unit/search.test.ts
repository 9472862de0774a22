import { describe, expect, it } from "vitest";
import { titleMatches } from "../../components/search/search-ui";

const entries = [
  {
    id: "NRM-02",
    url: "/q/a/",
    title: "为什么 Transformer 块使用 LayerNorm 而不是 BatchNorm?",
    tags: ["层归一化"],
    answer: "",
  },
  { id: "NRM-04", url: "/q/b/", title: "LayerNorm 与残差连接的顺序问题", tags: ["pre-ln"], answer: "" },
  { id: "ATT-02", url: "/q/c/", title: "为什么要除以 √d_k?", tags: ["softmax", "缩放"], answer: "" },
];

describe("whole-query title and tag matches", () => {
  it("puts an exact ID first, then title matches, then tag matches, in handbook order", () => {
    expect(titleMatches(entries, "layernorm").map((e) => e.id)).toEqual(["NRM-02", "NRM-04"]);
    expect(titleMatches(entries, "层归一化").map((e) => e.id)).toEqual(["NRM-02"]);
    expect(titleMatches(entries, "att-02").map((e) => e.id)).toEqual(["ATT-02"]);
    expect(titleMatches(entries, "缩放").map((e) => e.id)).toEqual(["ATT-02"]);
  });

  it("matches nothing for an empty query or a term no title or tag contains", () => {
    expect(titleMatches(entries, "  ")).toEqual([]);
    expect(titleMatches(entries, "梯度消失")).toEqual([]);
  });
});
