/**
 * Lighthouse (mobile emulation, the default config) against pages of the locally served site, in the
 * system Chromium. Scores are printed, not asserted: timings on a shared machine are noisy.
 */
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { CHROMIUM_ARGS } from "../../playwright.config.ts";

export interface LighthouseFigures {
  scores: Record<string, number>;
  lcp: number;
  tbt: number;
  cls: number;
}

export async function runLighthouse(urls: Record<string, string>): Promise<Record<string, LighthouseFigures>> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", ...CHROMIUM_ARGS],
  });
  const out: Record<string, LighthouseFigures> = {};
  try {
    for (const [name, url] of Object.entries(urls)) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
      });
      const lhr = result?.lhr;
      if (!lhr) continue;
      out[name] = {
        scores: Object.fromEntries(
          Object.entries(lhr.categories).map(([k, c]) => [k, Math.round((c.score ?? 0) * 100)]),
        ),
        lcp: lhr.audits["largest-contentful-paint"]?.numericValue ?? Number.NaN,
        tbt: lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN,
        cls: lhr.audits["cumulative-layout-shift"]?.numericValue ?? Number.NaN,
      };
      const failing = Object.values(lhr.categories)
        .flatMap((c) => c.auditRefs)
        .map((ref) => lhr.audits[ref.id])
        .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
        .map((a) => a.id);
      if (failing.length > 0) out[name].scores.failing = failing.length;
      if (process.env.LIGHTHOUSE_VERBOSE) console.log(name, "failing audits:", failing.join(", "));
    }
  } finally {
    chrome.kill();
  }
  return out;
}
