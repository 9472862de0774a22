/**
 * What a first visit to a page transfers, measured in a real browser: every response the page
 * loads (before any interaction), grouped by kind, raw and gzip-compressed (level 6, what static
 * hosts typically serve). Fonts are already compressed (woff2), so their raw size is what counts.
 */
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";

export type Kind = "html" | "css" | "js" | "font" | "other";
export interface Weight {
  raw: number;
  gzip: number;
  count: number;
}
export type PageWeight = Record<Kind | "total", Weight>;

function kindOf(url: string, contentType: string): Kind {
  if (contentType.includes("text/html")) return "html";
  if (contentType.includes("css") || url.endsWith(".css")) return "css";
  if (contentType.includes("javascript") || /\.m?js$/.test(url)) return "js";
  if (contentType.includes("font") || /\.(woff2?|ttf|otf)$/.test(url)) return "font";
  return "other";
}

const empty = (): Weight => ({ raw: 0, gzip: 0, count: 0 });

export async function measurePage(
  browser: Browser,
  url: string,
  interact?: (page: Page) => Promise<void>,
): Promise<{ before: PageWeight; after?: PageWeight }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  let current = blank();
  const pending: Promise<void>[] = [];
  page.on("response", (response) => {
    const bucket = current;
    pending.push(
      (async () => {
        const body = await response.body().catch(() => Buffer.alloc(0));
        const kind = kindOf(response.url(), response.headers()["content-type"] ?? "");
        const gzip = kind === "font" ? body.length : gzipSync(body).length;
        for (const key of [kind, "total"] as const) {
          bucket[key].raw += body.length;
          bucket[key].gzip += gzip;
          bucket[key].count += 1;
        }
      })(),
    );
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await Promise.all(pending);
  const before = current;
  let after: PageWeight | undefined;
  if (interact) {
    current = blank();
    await interact(page);
    await page.waitForLoadState("networkidle");
    await Promise.all(pending);
    after = current;
  }
  await context.close();
  return { before, after };
}

function blank(): PageWeight {
  return { html: empty(), css: empty(), js: empty(), font: empty(), other: empty(), total: empty() };
}

export const kib = (bytes: number) => (bytes / 1024).toFixed(1);
