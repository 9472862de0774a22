/** The causal-mask demo as a reader uses it: ATT-08 (mask explorer) and ARC-08 (timeline and per-step cost). */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const ATT08 = "/q/causal-mask-decoder-self-attention/";
const ARC08 = "/q/transformer-parallelism/";
const demo = (page: Page) => page.locator('[data-demo-ns="causal"]');
const readout = (page: Page, key: string) => demo(page).locator(`[data-readout="${key}"]`);
const cells = (page: Page, status: string) => demo(page).locator(`[data-figure="grid"] .causal-${status} rect`);
const select = (page: Page, name: string) => demo(page).locator(`select[data-param="${name}"]`);
const slider = (page: Page, name: string) => demo(page).locator(`input[data-param="${name}"]`);
/** y of the outlined (selected) row in the mask grid. */
const selectedRowY = (page: Page) =>
  demo(page)
    .locator('[data-figure="grid"] .causal-row rect')
    .first()
    .evaluate((r) => Number(r.getAttribute("y")));
/** Timeline cells filled with the "read from the KV cache" colour. */
const cacheReads = (page: Page) =>
  demo(page)
    .locator('[data-figure="timeline"] .causal-pass rect')
    .evaluateAll((rects) => rects.filter((r) => r.getAttribute("fill") === "#2f9e6e").length);
const costHeights = (page: Page) =>
  demo(page)
    .locator('[data-figure="cost"] .causal-cost rect')
    .evaluateAll((rects) => rects.map((r) => Math.round(Number(r.getAttribute("height")))));

async function rendered(page: Page, times: number) {
  await expect(demo(page)).toHaveAttribute("data-rendered", new RegExp(`^(${times}|[${times + 1}-9]\\d*)$`));
}

test("first frame is in the HTML and readable without JavaScript (ATT-08 and ARC-08)", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ATT08);
  await expect(demo(page).locator('[data-figure="grid"] svg')).toHaveCount(1);
  await expect(demo(page).locator('[data-figure="timeline"]')).toHaveCount(0);
  await expect(cells(page, "visible")).toHaveCount(21);
  await expect(cells(page, "masked")).toHaveCount(15);
  await expect(readout(page, "mask")).toContainText("可见 21 / 36 个位置");
  await expect(readout(page, "row")).toContainText("位置 3（吃）的 query 看到 <s> 我 喜欢 吃（4 个 key）");
  await expect(demo(page).locator(".demo-controls")).toBeHidden();
  await page.goto(ARC08);
  for (const figure of ["grid", "timeline", "cost"]) {
    await expect(demo(page).locator(`[data-figure="${figure}"] svg`)).toHaveCount(1);
  }
  await expect(readout(page, "flops")).toContainText("无 KV cache 51.54 GFLOPs（4.0 倍）");
  await context.close();
});

test("the query position moves the highlighted row and what it sees", async ({ page }) => {
  await page.goto(ATT08);
  await slider(page, "i").fill("1");
  await expect(readout(page, "row")).toContainText("位置 1（我）的 query 看到 <s> 我（2 个 key），看不到后面 4 个");
  await expect(readout(page, "row")).toContainText("预测 “喜欢”");
  await rendered(page, 1);
  const high = await selectedRowY(page);
  await slider(page, "i").fill("5");
  await expect(readout(page, "row")).toContainText("看到全部 6 个 key");
  await expect.poll(() => selectedRowY(page)).toBeGreaterThan(high);
  await expect(page).toHaveURL(/[?&]causal\.i=5(&|$)/);
});

test("generation: a KV cache computes one new row, no cache recomputes the prefix", async ({ page }) => {
  await page.goto(ATT08);
  await select(page, "mode").selectOption("gen");
  await expect(readout(page, "row")).toContainText("生成第 4 步");
  await expect(cells(page, "cached")).toHaveCount(3);
  await expect(cells(page, "fresh")).toHaveCount(1);
  await expect(demo(page).locator('[data-figure="grid"] .causal-future rect')).toHaveCount(20);
  await select(page, "cache").selectOption("off");
  await expect(readout(page, "row")).toContainText("4 行、10 个 q·k");
  await expect(cells(page, "fresh")).toHaveCount(10);
  await expect(cells(page, "cached")).toHaveCount(0);
  await expect(page).toHaveURL(/causal\.mode=gen/);
  await expect(page).toHaveURL(/causal\.cache=off/);
});

test("the sequence length resizes the mask and clamps the query", async ({ page }) => {
  await page.goto(ATT08);
  const n = slider(page, "n");
  await n.focus();
  await page.keyboard.press("End"); // n = 9
  await expect(demo(page).locator('[data-output="n"]')).toHaveText("9");
  await expect(readout(page, "mask")).toContainText("可见 45 / 81 个位置");
  await expect(cells(page, "visible")).toHaveCount(45);
  await n.fill("3");
  await expect(readout(page, "row")).toContainText("位置 2（喜欢）的 query 看到全部 3 个 key"); // i = 3 → clamped to 2
  await expect(cells(page, "masked")).toHaveCount(3);
});

test("ARC-08: the timeline and the per-step cost follow the KV-cache toggle", async ({ page }) => {
  await page.goto(ARC08);
  await select(page, "mode").selectOption("gen");
  await expect(readout(page, "row")).toContainText("生成第 4 步");
  await rendered(page, 1);
  await expect.poll(() => cacheReads(page)).toBe(15); // 0 + 1 + … + 5 reads of cached K/V
  await expect.poll(async () => new Set(await costHeights(page)).size).toBe(1); // ≈ constant per step
  await select(page, "cache").selectOption("off");
  await expect(readout(page, "work")).toContainText("无 KV cache 共算 21 行、56 个 q·k");
  await expect.poll(() => cacheReads(page)).toBe(0);
  await expect
    .poll(async () => {
      const h = await costHeights(page);
      return h.every((v, i) => i === 0 || v > h[i - 1]);
    })
    .toBe(true);
  await expect(readout(page, "flops")).toContainText(
    "第 4 个 token：有 KV cache 12.89 GFLOPs，无 KV cache 51.54 GFLOPs",
  );
  await slider(page, "i").fill("0");
  await expect(readout(page, "flops")).toContainText("（1.0 倍）");
});

test("a shared link restores the settings", async ({ page }) => {
  await page.goto(`${ARC08}?causal.mode=gen&causal.i=2&causal.cache=off&causal.n=8#try-it`);
  await expect(select(page, "mode")).toHaveValue("gen");
  await expect(select(page, "cache")).toHaveValue("off");
  await expect(demo(page).locator('[data-output="i"]')).toHaveText("2");
  await expect(demo(page).locator('[data-output="n"]')).toHaveText("8");
  await expect(readout(page, "row")).toContainText("生成第 3 步（无 KV cache）");
  await rendered(page, 1);
  await expect(cells(page, "fresh")).toHaveCount(6);
  await expect(demo(page).locator("[data-notice]")).toBeHidden();
});

test("garbage parameters fall back to defaults with a visible notice", async ({ page }) => {
  await page.goto(`${ATT08}?causal.i=1.5&causal.n=20&causal.mode=beam&other=1`);
  const notice = demo(page).locator("[data-notice]");
  await expect(notice).toBeVisible();
  for (const bad of ["causal.i=1.5", "causal.n=20", "causal.mode=beam"]) await expect(notice).toContainText(bad);
  await expect(select(page, "mode")).toHaveValue("train");
  await expect(readout(page, "mask")).toContainText("可见 21 / 36");
  await expect(page).toHaveURL(/\?other=1$/);
});

test("reset restores defaults and clears the URL", async ({ page }) => {
  await page.goto(`${ATT08}?causal.mode=gen&causal.n=4`);
  await expect(demo(page).locator('[data-output="n"]')).toHaveText("4");
  await demo(page).locator("[data-reset]").click();
  await expect(select(page, "mode")).toHaveValue("train");
  await expect(demo(page).locator('[data-output="n"]')).toHaveText("6");
  await expect(page).toHaveURL(new RegExp(`${ATT08}$`));
  await expect(cells(page, "visible")).toHaveCount(21);
});

for (const [path, query] of [
  [ATT08, "?causal.mode=gen"],
  [ARC08, "?causal.cache=off"],
] as const) {
  for (const scheme of ["light", "dark"] as const) {
    test(`axe: ${path} with the demo drawn (${scheme})`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${path}${query}`);
      await demo(page).scrollIntoViewIfNeeded();
      await rendered(page, 1);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
      expect(serious).toEqual([]);
    });
  }
}
