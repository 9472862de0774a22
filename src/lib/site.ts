/**
 * Site-wide settings, in one place. Deployment-specific values come from the environment so that a
 * fork can publish under its own URL without touching code.
 */
export const SITE = {
  title: "LLM 面试手册",
  description:
    "大模型 / Transformer / 深度学习面试题详解：30 秒回答、完整推导、可交互演示与可运行代码，答案经一手论文核对。",
  lang: "zh-CN",
  /** Where readers report errors; "报告错误" links open a new issue here. */
  repository: process.env.HANDBOOK_REPOSITORY ?? "https://github.com/llm-interview-handbook/handbook",
} as const;

/** Size of the social preview images (the size Open Graph and Twitter's large card expect). */
export const SOCIAL_IMAGE = { width: 1200, height: 630 } as const;

export const DIFFICULTY_LABEL: Record<1 | 2 | 3, string> = { 1: "基础", 2: "进阶", 3: "深入" };

/** Link that opens a pre-filled error report for one article. */
export function reportErrorUrl(id: string, title: string, pageUrl: string): string {
  const body = [
    `页面：${pageUrl}`,
    "",
    "**哪里有误**（引用原句或小节）：",
    "",
    "**正确的说法是**:",
    "",
    "**一手来源**（论文 + 年份 + 章节/公式编号，或官方文档链接；没有一手来源的报告我们无法核实）：",
    "",
  ].join("\n");
  const params = new URLSearchParams({ title: `[${id}] 内容错误：${title}`, body, labels: "content-error" });
  return `${SITE.repository}/issues/new?${params.toString()}`;
}
