/** Sentences for progress-format problems, shown when an import is rejected. */
import { type Problem, VERSION } from "./progress-format";

const FIELD_RULE: Record<string, string> = {
  read: "只能是 true",
  starred: "只能是 true",
  grade: "必须是 0（不会）、1（模糊）或 2（会）",
  box: "必须是 1–5 的整数，并且和 due 同时出现",
  due: "必须是 YYYY-MM-DD 格式的日期，并且和 box 同时出现",
  reviews: "必须是非负整数",
  updated: "必须是时间戳（毫秒）",
  exportedAt: "必须是日期字符串",
};

export function describeProblem(problem: Problem): string {
  const where = problem.id ? `题目 ${problem.id} 的记录` : "文件";
  switch (problem.code) {
    case "not-json":
      return "这不是 JSON 文件（或文件已损坏）。";
    case "not-object":
    case "foreign":
      return "这不是本手册导出的进度文件（缺少 format: llm-interview-handbook/progress）。";
    case "newer-version":
      return `文件来自更新版本的手册（格式版本 ${problem.version}，本页支持 ${VERSION}），请刷新页面后再试。`;
    case "bad-version":
      return "文件的格式版本无效。";
    case "unknown-field":
      return `${where}有无法识别的字段“${problem.field}”。`;
    case "no-questions":
      return "文件缺少题目记录（questions）。";
    case "too-many":
      return "文件中的题目记录多得不合理，不像是本手册导出的。";
    case "bad-id":
      return `“${problem.id}”不是有效的题号（应形如 ATT-02）。`;
    case "bad-record":
      return `${where}不是对象。`;
    case "bad-field":
      return `${where}中的 ${problem.field} ${FIELD_RULE[problem.field ?? ""] ?? "无效"}。`;
  }
}
