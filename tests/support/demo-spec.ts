/**
 * What every demo spec (tests/e2e/demo-*.spec.ts) needs: locators into one demo on a page, the waits
 * for its redraw, and the tests every demo must pass the same way (a shared link restores the
 * settings, garbage parameters fall back with a notice, reset clears the URL, the first frame is in
 * the HTML, no serious axe violation in light and dark). A spec gives the data; the steps live here
 * once, so a change to how demos share state is tested the same way everywhere.
 */
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Locator, type Page, test } from "@playwright/test";

/** Locators into one demo (`[data-demo-ns]`) on a page, and the waits its redraws need. */
export interface DemoPage {
  readonly page: Page;
  /** The demo's root element. */
  readonly root: Locator;
  /** The "invalid parameters" notice. */
  readonly notice: Locator;
  /** The control groups: JavaScript shows them, so without it they stay hidden. */
  readonly controls: Locator;
  readonly reset: Locator;
  readonly share: Locator;
  readout(key: string): Locator;
  figure(key: string): Locator;
  /** The SVG drawn in a figure. */
  svg(key: string): Locator;
  /** A figure's SVG as markup: compared as a whole to prove a figure was (not) redrawn. */
  svgOf(key: string): Promise<string>;
  /** The printed value next to a slider. */
  output(param: string): Locator;
  select(param: string): Locator;
  /** A slider or number field. */
  input(param: string): Locator;
  /**
   * Waits until the demo has drawn at least `times` times in the browser: the first frame comes with
   * the HTML, so SVG read before this may still be the build-time drawing at another width.
   */
  rendered(times?: number): Promise<void>;
  /** Scrolls the demo into view and waits for its redraw at the real width, so later SVGs compare. */
  settled(): Promise<void>;
  /** Focuses a slider and presses a key (Home/End reach its ends, arrows step once). */
  press(param: string, key: string): Promise<void>;
}

export function demoPage(page: Page, ns: string): DemoPage {
  const root = page.locator(`[data-demo-ns="${ns}"]`);
  const figure = (key: string) => root.locator(`[data-figure="${key}"]`);
  const d: DemoPage = {
    page,
    root,
    notice: root.locator("[data-notice]"),
    controls: root.locator(".demo-controls"),
    reset: root.locator("[data-reset]"),
    share: root.locator("[data-share]"),
    readout: (key) => root.locator(`[data-readout="${key}"]`),
    figure,
    svg: (key) => figure(key).locator("svg"),
    svgOf: (key) => d.svg(key).evaluate((el) => el.outerHTML),
    output: (param) => root.locator(`[data-output="${param}"]`),
    select: (param) => root.locator(`select[data-param="${param}"]`),
    input: (param) => root.locator(`input[data-param="${param}"]`),
    async rendered(times = 1) {
      // At least `times` redraws (the count is a number, so compare it as one).
      await expect.poll(async () => Number(await root.getAttribute("data-rendered"))).toBeGreaterThanOrEqual(times);
    },
    async settled() {
      await root.scrollIntoViewIfNeeded();
      await d.rendered(1);
      await page.waitForTimeout(300);
    },
    async press(param, key) {
      await d.input(param).focus();
      await page.keyboard.press(key);
    },
  };
  return d;
}

/** One demo on one article page. */
export interface Demo {
  /** The article the demo sits on. */
  url: string;
  /** Its `data-demo-ns`, which also prefixes its URL parameters (`ns.param=value`). */
  ns: string;
}

/**
 * URL parameters without the namespace, in the order they go into the query string. Values are the
 * literal text of the link (strings, so that `1e9` or `0.50` reach the page as written).
 */
export type Params = Record<string, string>;

/** `ns.a=1&ns.b=2`: how a demo writes its state into the address bar. */
function query(ns: string, params: Params): string {
  return Object.entries(params)
    .map(([key, value]) => `${ns}.${key}=${value}`)
    .join("&");
}

/** Text(s) a locator must contain. */
type Contained = string | RegExp | readonly (string | RegExp)[];

/**
 * What a demo shows, as data: the common checks read as a table in each spec. Checked with
 * auto-retrying assertions, so the order between groups does not matter.
 */
export interface Shown {
  /** Slider read-outs (`[data-output]`) and their exact text. */
  outputs?: Record<string, string>;
  /** Selects and their value. */
  selects?: Record<string, string>;
  /** Read-outs that contain these texts. */
  readouts?: Record<string, Contained>;
  /** Read-outs with exactly this text. */
  readoutTexts?: Record<string, string>;
  /** Figures whose drawing contains these texts (titles, labels). */
  figures?: Record<string, Contained>;
}

/** Checks a `Shown`; demo-specific checks too subtle for data go in a spec's `check` callback. */
export async function expectShown(d: DemoPage, shown: Shown = {}): Promise<void> {
  const each = (texts: Contained) => (Array.isArray(texts) ? texts : [texts]) as (string | RegExp)[];
  for (const [param, value] of Object.entries(shown.selects ?? {})) await expect(d.select(param)).toHaveValue(value);
  for (const [param, text] of Object.entries(shown.outputs ?? {})) await expect(d.output(param)).toHaveText(text);
  for (const [key, texts] of Object.entries(shown.readouts ?? {})) {
    for (const text of each(texts)) await expect(d.readout(key)).toContainText(text);
  }
  for (const [key, text] of Object.entries(shown.readoutTexts ?? {})) await expect(d.readout(key)).toHaveText(text);
  for (const [key, texts] of Object.entries(shown.figures ?? {})) {
    for (const text of each(texts)) await expect(d.figure(key)).toContainText(text);
  }
}

type Check = (d: DemoPage) => Promise<void>;

/*
 * The common tests, as the body of a test: the spec still calls `test(title, ({ page }) => …)` itself,
 * because Playwright takes a test's file and line from where `test()` is called, and reports, `--list`
 * and `file:line` filters should point into the spec, not here.
 */

/**
 * The demo as a reader without JavaScript (or before it loads) sees it: the build draws every figure
 * into the HTML, the read-outs already hold their numbers, and controls that cannot work stay hidden.
 * With `maxSvgBytes` the figures' markup together must also stay under that size, since it is part
 * of every page load.
 */
export async function firstFrameWithoutJs(
  browser: Browser,
  demo: Demo,
  opts: {
    url?: string;
    figures: readonly string[];
    maxSvgBytes?: number;
    shows?: Shown;
    check?: Check;
    /** How many `.demo-controls` groups the demo has, when more than one (each must be hidden). */
    controlGroups?: number;
    /** Runs after the controls check, e.g. to visit another page the demo also sits on. */
    after?: Check;
  },
): Promise<void> {
  await withoutJavaScript(browser, async (page) => {
    await page.goto(opts.url ?? demo.url);
    const d = demoPage(page, demo.ns);
    let bytes = 0;
    for (const key of opts.figures) {
      await expect(d.svg(key)).toHaveCount(1);
      if (opts.maxSvgBytes !== undefined) bytes += (await d.svgOf(key)).length;
    }
    if (opts.maxSvgBytes !== undefined) expect(bytes).toBeLessThan(opts.maxSvgBytes);
    await expectShown(d, opts.shows);
    await opts.check?.(d);
    if (opts.controlGroups === undefined) await expect(d.controls).toBeHidden();
    else {
      await expect(d.controls).toHaveCount(opts.controlGroups);
      for (const group of await d.controls.all()) await expect(group).toBeHidden();
    }
    await opts.after?.(d);
  });
}

/** Runs `body` on a page of a fresh context with JavaScript off, and closes the context. */
async function withoutJavaScript(browser: Browser, body: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    await body(await context.newPage());
  } finally {
    await context.close();
  }
}

/**
 * Opening a shared link (settings in the query, `#try-it` to jump to the demo) shows those settings,
 * the browser redraws with them, and no "invalid parameters" notice appears.
 */
export async function sharedLinkRestores(
  page: Page,
  demo: Demo,
  opts: {
    url?: string;
    params: Params;
    shows?: Shown;
    check?: Check;
    /** Whether to wait for the browser's redraw before `afterRedraw` (default true). */
    redraw?: boolean;
    /** Checks of what the browser drew (positions, counts that the redraw changes). */
    afterRedraw?: Check;
  },
): Promise<void> {
  const d = demoPage(page, demo.ns);
  await page.goto(`${opts.url ?? demo.url}?${query(demo.ns, opts.params)}#try-it`);
  await expectShown(d, opts.shows);
  await opts.check?.(d);
  if (opts.redraw ?? true) await d.rendered(1);
  await opts.afterRedraw?.(d);
  await expect(d.notice).toBeHidden();
}

/**
 * A hand-edited or stale link: every bad parameter is named in a visible notice, the demo falls back
 * to its defaults, and the bad parameters leave the address bar while unrelated ones (`other=1`) stay.
 */
export async function garbageFallsBack(
  page: Page,
  demo: Demo,
  opts: { url?: string; garbage: Params; defaults?: Shown; check?: Check },
): Promise<void> {
  const d = demoPage(page, demo.ns);
  await page.goto(`${opts.url ?? demo.url}?${query(demo.ns, opts.garbage)}&other=1`);
  await expect(d.notice).toBeVisible();
  for (const [key, value] of Object.entries(opts.garbage)) {
    await expect(d.notice).toContainText(`${demo.ns}.${key}=${value}`);
  }
  await expectShown(d, opts.defaults);
  await opts.check?.(d);
  await expect(page).toHaveURL(/\?other=1$/);
}

/** Reset: from a link with settings back to the defaults, and the demo's parameters leave the URL. */
export async function resetRestoresDefaults(
  page: Page,
  demo: Demo,
  opts: {
    url?: string;
    params: Params;
    /** What the link's settings show before reset (proves the page took them). */
    before?: Shown;
    beforeCheck?: Check;
    defaults?: Shown;
    check?: Check;
  },
): Promise<void> {
  const d = demoPage(page, demo.ns);
  const url = opts.url ?? demo.url;
  await page.goto(`${url}?${query(demo.ns, opts.params)}`);
  await expectShown(d, opts.before);
  await opts.beforeCheck?.(d);
  await d.reset.click();
  await expectShown(d, opts.defaults);
  await opts.check?.(d);
  await expect(page).toHaveURL(new RegExp(`${url}$`));
}

/** Both colour schemes: the demos' colours differ between them, so axe checks each. */
export const SCHEMES = ["light", "dark"] as const;

/**
 * No serious or critical axe violation on the article with the demo in view, in one colour scheme.
 * `wait: "redraw"` (default) waits for the browser's drawing; `"networkidle"` for the network to
 * settle, for demos checked on the bare page.
 */
export async function axeClean(
  page: Page,
  demo: Demo,
  scheme: (typeof SCHEMES)[number],
  opts: { url?: string; params?: Params; wait?: "redraw" | "networkidle" } = {},
): Promise<void> {
  const url = opts.url ?? demo.url;
  const target = opts.params ? `${url}?${query(demo.ns, opts.params)}` : url;
  test.setTimeout(120_000); // axe over a long, KaTeX-heavy article takes tens of seconds
  const d = demoPage(page, demo.ns);
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(target);
  await d.root.scrollIntoViewIfNeeded();
  if ((opts.wait ?? "redraw") === "redraw") await d.rendered(1);
  else await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3)}`);
  expect(serious).toEqual([]);
}
