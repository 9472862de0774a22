/**
 * `npm run bench`: prints the site's figures. Sizes come from a real Chromium loading the built
 * site (what a first visit transfers); timings are printed, never asserted (machines are noisy).
 *
 *   npm run bench               build, then measure
 *   npm run bench -- --no-build measure the existing dist/
 */
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type Browser, chromium } from "playwright-core";
import { CHROMIUM_ARGS } from "../../playwright.config.ts";
import budgets from "../budgets.json" with { type: "json" };
import { kib, measurePage, type PageWeight } from "../support/page-weight.ts";
import { runLighthouse } from "./lighthouse.ts";

const PORT = 4331;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const ASTRO = "node_modules/astro/bin/astro.mjs";
/** Page types Lighthouse scores. */
const LIGHTHOUSE_PAGES = {
  home: "/",
  "text article": "/q/when-not-to-use-transformer/",
  "demo article": "/q/layernorm-vs-batchnorm/",
  "cell article": "/q/encoder-block/",
  search: "/search/?q=LayerNorm",
};
/** What a reader does first on page types that load more on interaction. */
const FIRST_INTERACTION: Record<string, (page: import("playwright-core").Page) => Promise<void>> = {
  "demo article": async (page) => {
    await page.locator("[data-demo-ns] [data-param]").first().focus();
    await page.keyboard.press("ArrowRight");
    await page.locator("[data-demo-ns][data-rendered]").first().waitFor();
  },
  "cell article": async (page) => {
    const cell = page.locator("[data-cell]").first();
    await cell.locator("[data-run]").click();
    await cell.locator("[data-output]:not([hidden])").waitFor();
  },
};
/** Every built article with a demo is timed. */
function demoPages(): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === "index.html" && readFileSync(path, "utf8").includes("data-demo-ns=")) {
        pages.push(`/${relative("dist", dir)}/`);
      }
    }
  };
  walk("dist/q");
  return pages.sort();
}

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
  // A server left on the port (say, by an interrupted run) would answer for ours and could serve an old build.
  if (
    await fetch(ORIGIN).then(
      () => true,
      () => false,
    )
  ) {
    throw new Error(`${ORIGIN} is already answering; stop whatever is listening on port ${PORT} and run again`);
  }
  const server = spawn(
    process.execPath,
    [ASTRO, "preview", "--host", "127.0.0.1", "--port", String(PORT), "--ignore-lock"],
    {
      stdio: "ignore",
    },
  );
  for (let i = 0; i < 600; i++) {
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

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** Input → new SVG latency for every demo on the given pages: each control moved 15 times. */
async function demoLatency(browser: Browser, paths: string[]) {
  console.log("\nDemo interaction latency (input event → new SVG in the DOM, ms)");
  for (const path of paths) {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(ORIGIN + path, { waitUntil: "networkidle" });
    const namespaces = await page.$$eval("[data-demo-ns]", (roots) =>
      roots.map((r) => (r as HTMLElement).dataset.demoNs ?? ""),
    );
    for (const ns of namespaces) {
      const latencies: number[] = await page.evaluate(async (ns) => {
        const root = document.querySelector<HTMLElement>(`[data-demo-ns="${ns}"]`);
        if (!root) return [];
        root.scrollIntoView();
        const out: number[] = [];
        const controls = [...root.querySelectorAll<HTMLInputElement | HTMLSelectElement>("[data-param]")];
        for (const control of controls) {
          for (let i = 0; i < 15; i++) {
            if (control instanceof HTMLSelectElement) {
              control.selectedIndex = (control.selectedIndex + 1) % control.options.length;
            } else {
              const min = Number(control.min);
              const max = Number(control.max);
              control.value = String(min + ((max - min) * ((i * 7) % 15)) / 14);
            }
            const rendered = new Promise<number>((resolve) =>
              root.addEventListener("demo:rendered", (e) => resolve((e as CustomEvent).detail.latency), { once: true }),
            );
            control.dispatchEvent(new Event("input", { bubbles: true }));
            out.push(await rendered);
          }
        }
        return out;
      }, ns);
      // The first render includes loading Plot and the chart module; report it apart.
      const [first, ...warm] = latencies;
      console.log(
        `${`${path} ${ns}`.padEnd(44)} median ${percentile(warm, 50).toFixed(1).padStart(5)}  p95 ${percentile(warm, 95).toFixed(1).padStart(5)}  (n=${warm.length}; first incl. loading Plot: ${first.toFixed(0)})`,
      );
    }
    await page.close();
  }
}

/** Code cells: bytes before and after Edit, and Run → first output on a cold and a warm run. */
async function cellFigures(browser: Browser, path: string, editPath: string) {
  console.log(`\nCode cell (${path}; Edit measured on ${editPath})`);
  // Edit is measured on a cell that does not run on load: opening the editor scrolls the cell into
  // view, and a run-on-load cell would then pull in the runtime and Plot as well.
  const { before } = await measurePage(browser, ORIGIN + path);
  const { after } = await measurePage(browser, ORIGIN + editPath, async (page) => {
    await page.locator("[data-cell] [data-edit]").first().click();
    await page.locator("[data-cell] .cm-content").first().waitFor();
  });
  console.log(
    `bytes before Edit: JS ${kib(before.js.gzip)} KiB gzip (${before.js.count} files), total ${kib(before.total.gzip)} KiB`,
  );
  if (after) console.log(`bytes loaded by Edit: JS ${kib(after.js.gzip)} KiB gzip (${after.js.count} files)`);
  const page = await browser.newPage();
  await page.goto(ORIGIN + path, { waitUntil: "networkidle" });
  const times: number[] = await page.evaluate(async () => {
    const cell = document.querySelector<HTMLElement>("[data-cell]");
    const button = cell?.querySelector<HTMLButtonElement>("[data-run]");
    if (!cell || !button) return [];
    const out: number[] = [];
    for (let i = 0; i < 6; i++) {
      const first = new Promise<number>((resolve) =>
        cell.addEventListener("cell:output", (e) => resolve((e as CustomEvent).detail.latency), { once: true }),
      );
      button.click();
      out.push(await first);
      while (cell.dataset.state === "running") await new Promise((r) => setTimeout(r, 20));
    }
    return out;
  });
  const [cold, ...warm] = times;
  console.log(
    `Run → first output: cold ${cold.toFixed(0)} ms (loads sucrase + runtime), warm median ${percentile(warm, 50).toFixed(0)} ms`,
  );
  await page.close();
}

if (!process.argv.includes("--no-build")) buildSite();
const server = await startPreview();
let browser: Browser | undefined;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  console.log("\nFirst-visit transfer per page type (KiB, raw / gzip; fonts are woff2, counted as is)");
  console.log(
    `${"page".padEnd(10)} ${"HTML".padStart(14)} | ${"CSS".padStart(14)} | ${"JS".padStart(14)} | ${"fonts".padStart(14)} | ${"total".padStart(14)} | req`,
  );
  const { $comment: _, ...pageTypes } = budgets;
  const afterFirstInteraction: string[] = [];
  for (const [name, budget] of Object.entries(pageTypes)) {
    const interact = FIRST_INTERACTION[name];
    const { before, after } = await measurePage(browser, ORIGIN + budget.path, interact);
    row(name, before, budget);
    if (after) afterFirstInteraction.push(`${name}: +${kib(after.js.gzip)} KiB gzip JS (${after.js.count} files)`);
  }
  console.log(`JS loaded by the first interaction — ${afterFirstInteraction.join("; ")}`);
  await demoLatency(browser, demoPages());
  await cellFigures(browser, "/q/encoder-block/", "/q/flashattention/");
  await browser.close();

  if (!process.argv.includes("--no-lighthouse")) {
    console.log("\nLighthouse (mobile emulation; budget: performance ≥ 95, the other three 100)");
    const pages = Object.fromEntries(Object.entries(LIGHTHOUSE_PAGES).map(([name, path]) => [name, ORIGIN + path]));
    const results = await runLighthouse(pages);
    for (const [name, r] of Object.entries(results)) {
      const s = r.scores;
      console.log(
        `${name.padEnd(14)} perf ${String(s.performance).padStart(3)}  a11y ${String(s.accessibility).padStart(3)}  best ${String(s["best-practices"]).padStart(3)}  seo ${String(s.seo).padStart(3)}  ` +
          `LCP ${(r.lcp / 1000).toFixed(2)} s  TBT ${r.tbt.toFixed(0)} ms  CLS ${r.cls.toFixed(3)}`,
      );
    }
  }
} finally {
  await browser?.close().catch(() => {});
  server.kill();
}
