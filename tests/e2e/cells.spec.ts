/** Runnable code cells: run, edit, errors, runaway programs, sharing, the sandbox and the keyboard. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { inventoryQuestion } from "../../src/lib/inventory";
import { articleSources } from "../support/articles";
import { shippedCells } from "../support/cells";

const ATT02 = "/q/why-scale-by-sqrt-dk/";
const firstCell = (page: Page) => page.locator("[data-cell]").first();

function pageOf(file: string): string {
  const source = articleSources().find((a) => a.file === file);
  return `/q/${inventoryQuestion(String(source?.frontmatter.id))?.slug}/`;
}

async function finished(cell: Locator, state = "done") {
  await expect(cell).toHaveAttribute("data-state", state, { timeout: 10_000 });
}

/** Opens the editor and replaces the program with `code`. */
async function edit(page: Page, cell: Locator, code: string) {
  await cell.locator("[data-edit]").click();
  const content = cell.locator(".cm-content");
  await expect(content).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

for (const cell of shippedCells()) {
  test(`shipped cell runs without error: ${cell.file} #${cell.index}`, async ({ page }) => {
    await page.goto(pageOf(cell.file));
    const root = page.locator("[data-cell]").nth(cell.index - 1);
    await root.scrollIntoViewIfNeeded(); // a runOnLoad cell starts when it nears the viewport
    if ((await root.getAttribute("data-run-on-load")) === null) await root.locator("[data-run]").click();
    await finished(root);
    await expect(root.locator(".cell-error")).toHaveCount(0);
    await expect(root.locator("[data-output]")).not.toBeEmpty();
  });
}

test("edit → Ctrl+Enter → console output and a plot", async ({ page }) => {
  await page.goto(ATT02);
  const cell = firstCell(page);
  await edit(
    page,
    cell,
    'console.log("你好", 1 + 2);\nconsole.warn("小心");\nplot({ marks: [Plot.lineY([1, 3, 2])] });',
  );
  await page.keyboard.press("ControlOrMeta+Enter");
  await finished(cell);
  await expect(cell.locator(".cell-line").first()).toHaveText("你好 3");
  await expect(cell.locator(".cell-warn")).toContainText("小心");
  await expect(cell.locator(".cell-plot svg")).toHaveCount(1);
  await expect(cell.locator("[data-reset]")).toBeVisible();
});

test("a syntax error is reported with its line before anything runs", async ({ page }) => {
  await page.goto(ATT02);
  const cell = firstCell(page);
  await edit(page, cell, 'console.log("不会运行");\nconst x = ;\n');
  await cell.locator("[data-run]").click();
  await expect(cell.locator(".cell-error")).toContainText("第 2 行：语法错误");
  await expect(cell.locator(".cell-line")).toHaveCount(0);
});

test("a runtime error shows the message and the line in the reader's code", async ({ page }) => {
  await page.goto(ATT02);
  const cell = firstCell(page);
  await edit(page, cell, 'console.log("第一行");\nconst box: { v?: { w: number } } = {};\nconsole.log(box.v!.w);\n');
  await cell.locator("[data-run]").click();
  await finished(cell, "error");
  await expect(cell.locator(".cell-line").first()).toHaveText("第一行");
  await expect(cell.locator(".cell-error")).toContainText("第 3 行：TypeError");
});

test("an infinite loop is stopped at the time limit, the page stays responsive, and the cell runs again", async ({
  page,
}) => {
  await page.goto(ATT02);
  const cell = firstCell(page);
  await edit(page, cell, "let i = 0;\nwhile (true) { i++; }\n");
  const started = Date.now();
  await cell.locator("[data-run]").click();
  await expect(cell).toHaveAttribute("data-state", "running");
  // The main thread is free while the loop spins in the worker.
  await page.locator("[data-theme-toggle]").click();
  await expect(page.locator("[data-theme-toggle]")).toHaveAttribute("data-choice", "light");
  await finished(cell, "timeout");
  expect(Date.now() - started).toBeLessThan(6_000);
  await expect(cell.locator(".cell-error")).toContainText("运行超过 3 秒，已停止");
  await page.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText('console.log("又能运行了");');
  await cell.locator("[data-run]").click();
  await finished(cell);
  await expect(cell.locator(".cell-line")).toHaveText("又能运行了");
});

test("a huge allocation fails cleanly", async ({ page }) => {
  await page.goto(ATT02);
  const cell = firstCell(page);
  await edit(page, cell, "const big = new Array(2 ** 32);\nconsole.log(big.length);\n");
  await cell.locator("[data-run]").click();
  await finished(cell, "error");
  await expect(cell.locator(".cell-error")).toContainText("RangeError");
});

test("the program cannot reach the DOM, storage or another origin", async ({ page }) => {
  await page.goto(ATT02);
  const cell = firstCell(page);
  await edit(
    page,
    cell,
    [
      "console.log(typeof document, typeof window, typeof localStorage, typeof indexedDB);",
      'const own = await fetch("/favicon.svg");',
      "console.log(own.status);",
      'await fetch("https://example.com/").then(() => console.log("leaked"), () => console.log("blocked"));',
    ].join("\n"),
  );
  await cell.locator("[data-run]").click();
  await finished(cell);
  await expect(cell.locator(".cell-line").nth(0)).toHaveText("undefined undefined undefined undefined");
  await expect(cell.locator(".cell-line").nth(1)).toHaveText("200");
  await expect(cell.locator(".cell-line").nth(2)).toHaveText("blocked");
});

test.describe("sharing", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("a shared link carries the edited code and does not run it until Run", async ({ page, context }) => {
    await page.goto(ATT02);
    const cell = firstCell(page);
    await edit(page, cell, 'console.log("分享的代码");');
    await cell.locator("[data-share]").click();
    // Sharing compresses the code first (lz-string loads on demand): wait for the copy to land.
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await expect.poll(clipboard).toMatch(/[?&]cell\.cell-1=/);
    const link = await clipboard();

    const reader = await context.newPage();
    await reader.goto(link);
    const shared = firstCell(reader);
    await expect(shared.locator("[data-notice]")).toContainText("尚未运行");
    await expect(shared.locator(".cm-content")).toHaveText('console.log("分享的代码");');
    await reader.waitForTimeout(500);
    await expect(shared.locator("[data-output]")).toBeHidden();
    await shared.locator("[data-run]").click();
    await finished(shared);
    await expect(shared.locator(".cell-line")).toHaveText("分享的代码");
    // Reset brings back the original and drops the code from the URL.
    await shared.locator("[data-reset]").click();
    await expect(shared.locator(".cm-content")).toContainText("const rows = [];");
    expect(reader.url()).not.toContain("cell.cell-1");
  });

  test("a corrupted shared link falls back to the original code with a notice", async ({ page }) => {
    await page.goto(`${ATT02}?cell.cell-1=%%%garbage`);
    const cell = firstCell(page);
    await expect(cell.locator("[data-notice]")).toContainText("无法解析");
    await expect(cell.locator("[data-code] pre")).toContainText("const rows = [];");
  });
});

test("the editor does not trap Tab", async ({ page }) => {
  await page.goto(ATT02);
  const cell = firstCell(page);
  await cell.locator("[data-edit]").click();
  await expect(cell.locator(".cm-content")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(cell.locator(".cm-content")).not.toBeFocused();
});

test("with JavaScript off the code is readable and the buttons are hidden", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ATT02);
  const cell = firstCell(page);
  await expect(cell.locator("[data-code] pre")).toContainText("for (const dk of [4, 16, 64, 256, 1024])");
  await expect(cell.locator(".cell-actions")).toBeHidden();
  await context.close();
});

test("axe: a cell page with the editor open and output shown", async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(ATT02);
  const cell = firstCell(page);
  await cell.locator("[data-edit]").click();
  await cell.locator("[data-run]").click();
  await finished(cell);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual(
    [],
  );
});
