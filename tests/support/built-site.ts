/** Walks the built site in dist/ (HTML files, the links and ids in them). */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "./articles";

export const DIST = process.env.HANDBOOK_DIST ?? join(ROOT, "dist");

export function htmlFiles(dir = DIST): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "pagefind" || name === "_astro" ? [] : htmlFiles(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

/** The site path a file is served at: dist/q/x/index.html → /q/x/ */
export function urlPathOf(file: string): string {
  const rel = relative(DIST, file).replace(/\\/g, "/");
  if (rel === "index.html") return "/";
  return `/${rel.replace(/index\.html$/, "").replace(/\.html$/, "")}`;
}

/** The file that answers a site path, if any. */
export function fileForPath(path: string): string | undefined {
  const clean = decodeURIComponent(path.replace(/^\//, ""));
  const candidates = [join(DIST, clean), join(DIST, clean, "index.html"), join(DIST, `${clean}.html`)];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

export function idsIn(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
}

export function linksIn(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));
}

export const read = (file: string) => readFileSync(file, "utf8");
