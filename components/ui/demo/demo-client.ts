/**
 * Binds a server-rendered demo (DemoFrame + Controls) in the browser. The maths runs on every input;
 * Plot and the demo's chart module load only when the demo comes near the viewport or is touched,
 * and each change re-renders by replacing the old SVG (Plot has no incremental update).
 *
 * A render dispatches `demo:rendered` on the frame with the latency from the input that caused it,
 * which the bench reads.
 */
import type { PlotOptions } from "@observablehq/plot";
import {
  defaultState,
  formatForUrl,
  type ParamSpecs,
  readState,
  type StateOf,
  writeState,
} from "../../../src/lib/url-state";
import { copyText } from "../clipboard";
import { toast } from "../toast";
import { FIRST_FRAME_WIDTH, formatValue } from "./format";
import { tidyPlotAria } from "./plot-a11y";

export interface DemoBinding<S extends ParamSpecs> {
  ns: string;
  params: S;
  /** Text read-outs by key (`data-readout="key"`), computed without Plot. */
  readouts: (state: StateOf<S>) => Record<string, string>;
  /** Loads the chart module; resolves to a function from state (and the frame) to Plot options by figure key. */
  loadCharts: () => Promise<ChartBuilder<S>>;
  /**
   * The parameters each figure depends on. A change redraws only the figures that depend on it
   * (figures not listed always redraw): Plot's rendering is the expensive part of an update.
   */
  dependsOn?: Partial<Record<string, readonly (keyof S & string)[]>>;
}

export interface ChartContext {
  root: HTMLElement;
  /** Width available to a figure, in CSS pixels. */
  width: number;
}
type ChartBuilder<S extends ParamSpecs> = (state: StateOf<S>, context: ChartContext) => Record<string, PlotOptions>;

type PlotRuntime = typeof import("./plot-runtime");
let plotModule: Promise<PlotRuntime> | undefined;
const loadPlot = () => {
  plotModule ??= import("./plot-runtime");
  return plotModule;
};

export function bindDemos<S extends ParamSpecs>(binding: DemoBinding<S>) {
  for (const root of document.querySelectorAll<HTMLElement>(`[data-demo-ns="${binding.ns}"]`)) {
    bindDemo(root, binding);
  }
}

function bindDemo<S extends ParamSpecs>(root: HTMLElement, binding: DemoBinding<S>) {
  const { ns, params } = binding;
  const controls = [...root.querySelectorAll<HTMLInputElement | HTMLSelectElement>("[data-param]")];
  const notice = root.querySelector<HTMLElement>("[data-notice]");
  let state = defaultState(params);
  let charts: Promise<{ plot: PlotRuntime["plot"]; build: ChartBuilder<S> }> | undefined;
  let ready: Awaited<NonNullable<typeof charts>> | undefined;
  let pending = false;
  let inputAt = 0;
  /** What each figure was last drawn from, to skip redrawing figures whose inputs did not change. */
  const drawnFrom = new Map<string, string>();

  const ensureCharts = () => {
    charts ??= Promise.all([loadPlot(), binding.loadCharts()]).then(([{ plot }, build]) => {
      ready = { plot, build };
      return ready;
    });
    return charts;
  };

  function showState() {
    for (const control of controls) {
      const key = control.dataset.param as keyof S & string;
      const spec = params[key];
      const value = state[key] as number | string;
      if (control instanceof HTMLInputElement && control.dataset.log !== undefined) {
        control.value = String(Math.log10(Number(value)));
      } else {
        control.value = String(value);
      }
      const output = root.querySelector(`[data-output="${key}"]`);
      if (output) output.textContent = formatValue(spec, value);
    }
    const texts = binding.readouts(state);
    for (const [key, text] of Object.entries(texts)) {
      const el = root.querySelector(`[data-readout="${key}"]`);
      if (el) el.textContent = text;
    }
  }

  // Reading clientWidth during an update would force a layout of the whole article (tens of ms on a
  // long page with math); track the width with a ResizeObserver instead.
  const firstFigure = root.querySelector<HTMLElement>("[data-figure]");
  let figureWidth = FIRST_FRAME_WIDTH;
  if (firstFigure) {
    new ResizeObserver(([entry]) => {
      const next = Math.round(entry.contentRect.width);
      if (next <= 0 || next === figureWidth) return;
      figureWidth = next;
      if (ready) scheduleRender(); // a rotated phone or resized window
    }).observe(firstFigure);
  }

  function render({ plot, build }: NonNullable<typeof ready>) {
    const width = figureWidth;
    const figures = build(state, { root, width });
    const timings: Record<string, number> = {};
    for (const [key, options] of Object.entries(figures)) {
      const deps = binding.dependsOn?.[key];
      const inputs = deps ? JSON.stringify([width, ...deps.map((d) => state[d])]) : "";
      if (deps && drawnFrom.get(key) === inputs) continue;
      const target = root.querySelector(`[data-figure="${key}"]`);
      if (!target) continue;
      const started = performance.now();
      target.replaceChildren(tidyPlotAria(plot(options)));
      timings[key] = performance.now() - started;
      drawnFrom.set(key, inputs);
    }
    root.dataset.rendered = String(Number(root.dataset.rendered ?? 0) + 1);
    root.dispatchEvent(new CustomEvent("demo:rendered", { detail: { latency: performance.now() - inputAt, timings } }));
  }

  /** Draws now when Plot is loaded (range inputs already fire at most once per frame), else once it is. */
  function scheduleRender() {
    if (ready) {
      render(ready);
      return;
    }
    if (pending) return;
    pending = true;
    void ensureCharts().then((loaded) => {
      pending = false;
      render(loaded);
    });
  }

  // Browsers throttle history updates (a dragged slider fires ~60 inputs a second): write the URL
  // once the reader pauses.
  let urlTimer: number | undefined;
  function syncUrl() {
    clearTimeout(urlTimer);
    urlTimer = window.setTimeout(() => {
      history.replaceState(history.state, "", writeState(ns, params, state, new URL(location.href)));
    }, 150);
  }

  function setState(next: StateOf<S>, { render = true } = {}) {
    state = next;
    showState();
    syncUrl();
    if (render) scheduleRender();
  }

  function controlValue(control: HTMLInputElement | HTMLSelectElement): number | string {
    const spec = params[control.dataset.param as string];
    if (spec.type === "choice") {
      return spec.options.find((o) => String(o) === control.value) ?? spec.default;
    }
    const slider = control as HTMLInputElement;
    const raw = Number(slider.value);
    // At either end of the track, take the exact bound (a log slider's steps rarely land on it).
    const halfStep = Number(slider.step) / 2 || 0;
    if (raw >= Number(slider.max) - halfStep) return spec.max;
    if (raw <= Number(slider.min) + halfStep) return spec.min;
    const value = slider.dataset.log !== undefined ? 10 ** raw : raw;
    // Keep URL and read-outs tidy: 4 significant digits is finer than any slider step.
    return spec.integer ? Math.round(value) : Number(formatForUrl(value));
  }

  for (const control of controls) {
    control.addEventListener("input", () => {
      inputAt = performance.now();
      setState({ ...state, [control.dataset.param as string]: controlValue(control) });
    });
  }

  root.querySelector("[data-reset]")?.addEventListener("click", () => {
    inputAt = performance.now();
    if (notice) notice.hidden = true;
    setState(defaultState(params));
  });

  root.querySelector("[data-share]")?.addEventListener("click", async () => {
    const url = writeState(ns, params, state, new URL(location.href));
    url.hash = root.id ? `#${root.id}` : url.hash;
    const ok = await copyText(url.href);
    toast(ok ? "已复制演示链接（含当前参数）" : "复制失败，请手动复制地址栏");
  });

  // Restore a shared link's settings; invalid values fall back to defaults with a notice.
  const { state: fromUrl, rejected } = readState(ns, params, location.search);
  if (rejected.length > 0 && notice) {
    notice.textContent = `链接里的参数无效，已使用默认值：${rejected.join("、")}`;
    notice.hidden = false;
  }
  const changed = Object.keys(params).some((k) => fromUrl[k] !== params[k].default);
  if (changed) {
    inputAt = performance.now();
    setState(fromUrl);
  } else if (rejected.length > 0) {
    setState(fromUrl, { render: false }); // drop the bad parameters from the address bar
  }

  // Warm Plot up before the reader reaches the demo, so the first drag is instant. The build-time
  // frame is drawn at FIRST_FRAME_WIDTH; redraw it at the real width (sharper text on phones) while
  // it is still off-screen.
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        void ensureCharts();
        if (!changed && Math.abs(figureWidth - FIRST_FRAME_WIDTH) > 40) scheduleRender();
      }
    },
    { rootMargin: "300px" },
  );
  observer.observe(root);
  root.addEventListener("pointerdown", () => void ensureCharts(), { once: true });
  root.addEventListener("focusin", () => void ensureCharts(), { once: true });
}
