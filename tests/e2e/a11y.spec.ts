/** axe on every page type, in both themes: no serious or critical violation. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const PAGE_TYPES = {
  home: "/",
  chapter: "/c/att/",
  article: "/q/why-scale-by-sqrt-dk/",
  search: "/search/?q=LayerNorm",
  "not found": "/no/such/page/",
};

for (const scheme of ["light", "dark"] as const) {
  for (const [name, path] of Object.entries(PAGE_TYPES)) {
    test(`axe: ${name} page (${scheme})`, async ({ page }) => {
      test.setTimeout(60_000);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map(
          (v) =>
            `${v.id}: ${v.help} — ${v.nodes
              .map((n) => n.target.join(" "))
              .slice(0, 3)
              .join(", ")}`,
        );
      expect(serious).toEqual([]);
    });
  }
}

test("axe: search dialog open", async ({ page }) => {
  await page.goto("/q/how-self-attention-works/");
  await page.locator("[data-search-open]").click();
  await page.locator("dialog #search-input").fill("softmax");
  await expect(page.locator("dialog .search-result").first()).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual(
    [],
  );
});
