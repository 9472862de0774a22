/**
 * `npm run bench`: prints the site's figures. Sizes come from a real Chromium loading the built
 * site (what a first visit transfers); timings are printed, never asserted (machines are noisy).
 *
 *   npm run bench               build, then measure
 *   npm run bench -- --no-build measure the existing dist/
 */
import { spawn, spawnSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS } from "../../playwright.config.ts";
import budgets from "../budgets.json" with { type: "json" };
import { kib, measurePage, type PageWeight } from "../support/page-weight.ts";

const PORT = 4331;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const ASTRO = "node_modules/astro/bin/astro.mjs";

function buildSite() {
  const started = performance.now();
  // GNU time reports the build's peak memory (max RSS) when available.
  const haveTime = spawnSync("/usr/bin/time", ["--version"]).status === 0;
  const cmd = haveTime ? "/usr/bin/time" : process.execPath;
  const args = haveTime ? ["-f", "PEAK_RSS_KB=%M", process.execPath, ASTRO, "build"] : [ASTRO, "build"];
  const result = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
  const seconds = (performance.now() - started) / 1000;
  const peak = /PEAK_RSS_KB=(\d+)/.exec(result.stderr)?.[1];
  const pages = /(\d+) page\(s\) built/.exec(result.stdout)?.[1] ?? "?";
  console.log(
    `Build: ${pages} pages in ${seconds.toFixed(1)} s, peak memory ${peak ? `${(Number(peak) / 1024).toFixed(0)} MiB` : "n/a"}`,
  );
}

async function startPreview() {
  const server = spawn(
    process.execPath,
    [ASTRO, "preview", "--host", "127.0.0.1", "--port", String(PORT), "--ignore-lock"],
    {
      stdio: "ignore",
    },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(ORIGIN)).ok) return server;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  server.kill();
  throw new Error("preview server did not start");
}

function row(name: string, w: PageWeight, budget?: { jsGzipKiB: number; totalGzipKiB: number }) {
  const cell = (k: keyof PageWeight) => `${kib(w[k].raw).padStart(6)} / ${kib(w[k].gzip).padStart(5)}`;
  const verdict = budget
    ? w.js.gzip / 1024 <= budget.jsGzipKiB && w.total.gzip / 1024 <= budget.totalGzipKiB
      ? `ok (≤ ${budget.jsGzipKiB} JS, ≤ ${budget.totalGzipKiB} total)`
      : `OVER (≤ ${budget.jsGzipKiB} JS, ≤ ${budget.totalGzipKiB} total)`
    : "";
  console.log(
    `${name.padEnd(10)} ${cell("html")} | ${cell("css")} | ${cell("js")} | ${cell("font")} | ${cell("total")} | ${String(w.total.count).padStart(3)}  ${verdict}`,
  );
}

if (!process.argv.includes("--no-build")) buildSite();
const server = await startPreview();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: CHROMIUM_ARGS,
});
try {
  console.log("\nFirst-visit transfer per page type (KiB, raw / gzip; fonts are woff2, counted as is)");
  console.log(
    `${"page".padEnd(10)} ${"HTML".padStart(14)} | ${"CSS".padStart(14)} | ${"JS".padStart(14)} | ${"fonts".padStart(14)} | ${"total".padStart(14)} | req`,
  );
  const { $comment: _, ...pageTypes } = budgets;
  for (const [name, budget] of Object.entries(pageTypes)) {
    const { before } = await measurePage(browser, ORIGIN + budget.path);
    row(name, before, budget);
  }
} finally {
  await browser.close();
  server.kill();
}
