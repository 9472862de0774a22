/**
 * axe on every built page, in the light and the dark theme: zero serious or critical violations.
 * KaTeX's visual layer (.katex-html) is aria-hidden — assistive technology reads its MathML — and
 * it is excluded to keep the run fast; its text inherits the prose colour, which axe checks.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { htmlFiles, read, urlPathOf } from "../support/built-site";

const pages = htmlFiles()
  .filter((file) => !read(file).includes('http-equiv="refresh"'))
  .map(urlPathOf);

test.describe.configure({ mode: "parallel" });

for (const path of pages) {
  test(`axe: ${path}`, async ({ page }) => {
    test.setTimeout(120_000);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const results = await new AxeBuilder({ page }).exclude(".katex-html").analyze();
      const serious = results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map(
          (v) =>
            `${scheme} ${v.id}: ${v.nodes
              .map((n) => n.target.join(" "))
              .slice(0, 3)
              .join(", ")}`,
        );
      expect(serious).toEqual([]);
    }
  });
}
