import { defineConfig } from "@playwright/test";

/**
 * E2E tests run against the built site (`npm run build` first), served by `astro preview`.
 * HANDBOOK_DIST and E2E_PORT let several checkouts or builds be tested side by side.
 */
const PORT = Number(process.env.E2E_PORT ?? 4329);
const DIST = process.env.HANDBOOK_DIST ?? "dist";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    // --ignore-lock: a developer's own `npm run preview` must not block (or be killed by) the tests.
    command: `astro preview --host 127.0.0.1 --port ${PORT} --ignore-lock --outDir ${DIST}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
