/** Runs `astro build` in a scratch copy of the site (for tests of build-time behaviour). */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./articles";

/**
 * The environment for a child build: the test runner's own Vite variables (BASE_URL, MODE, …) would
 * leak into the child's import.meta.env and override its configuration.
 */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ["BASE_URL", "MODE", "DEV", "PROD", "SSR", "NODE_ENV"]) delete env[key];
  for (const key of Object.keys(env)) if (key.startsWith("VITEST") || key.startsWith("VITE_")) delete env[key];
  return { ...env, ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1", ...extra };
}

export function astroBuild(cwd: string, extraEnv: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(ROOT, "node_modules", "astro", "bin", "astro.mjs"), "build"], {
    cwd,
    encoding: "utf8",
    env: childEnv(extraEnv),
  });
  return { status: result.status, output: result.stdout + result.stderr };
}
