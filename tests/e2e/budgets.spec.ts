/** Byte budgets per page type (tests/budgets.json). Sizes are deterministic, so they are tests; timings are not. */
import { expect, test } from "@playwright/test";
import budgets from "../budgets.json" with { type: "json" };
import { kib, measurePage } from "../support/page-weight";

const { $comment: _, ...pageTypes } = budgets;

for (const [name, budget] of Object.entries(pageTypes)) {
  test(`${name} page stays within its byte budget`, async ({ browser, baseURL }) => {
    const { before } = await measurePage(browser, new URL(budget.path, baseURL).href);
    const jsKiB = before.js.gzip / 1024;
    const totalKiB = before.total.gzip / 1024;
    expect(jsKiB, `JS ${kib(before.js.gzip)} KiB gzip`).toBeLessThanOrEqual(budget.jsGzipKiB);
    expect(totalKiB, `total ${kib(before.total.gzip)} KiB gzip`).toBeLessThanOrEqual(budget.totalGzipKiB);
  });
}
