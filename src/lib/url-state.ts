/**
 * Demo settings in the URL, namespaced per demo (`?softmax.T=0.5&norm.batch=4`) so two demos on one
 * page never collide. Reading validates every value: garbage or out-of-range values fall back to the
 * default and are reported, so a mangled shared link still shows a working demo.
 */

export interface NumberParam {
  type: "number";
  label: string;
  min: number;
  max: number;
  /** Slider step (in log10 units when `log` is set). */
  step: number;
  default: number;
  /** Slider moves in log space: for scales spanning orders of magnitude. */
  log?: boolean;
  /** Integer-only parameter (a count, a seed). */
  integer?: boolean;
}

export interface ChoiceParam<T extends string | number = string | number> {
  type: "choice";
  label: string;
  options: readonly T[];
  default: T;
  /** Human-readable label per option; defaults to the value. */
  optionLabels?: Readonly<Record<string, string>>;
}

export type ParamSpec = NumberParam | ChoiceParam;
export type ParamSpecs = Record<string, ParamSpec>;

export type StateOf<S extends ParamSpecs> = {
  [K in keyof S]: S[K] extends ChoiceParam<infer T> ? T : number;
};

export function defaultState<S extends ParamSpecs>(specs: S): StateOf<S> {
  return Object.fromEntries(Object.entries(specs).map(([k, spec]) => [k, spec.default])) as StateOf<S>;
}

/** The value a raw URL string stands for, or undefined when it is not a valid value of the spec. */
export function parseValue(spec: ParamSpec, raw: string): number | string | undefined {
  if (spec.type === "choice") {
    return spec.options.find((option) => String(option) === raw);
  }
  if (!/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(raw.trim())) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < spec.min || value > spec.max) return undefined;
  if (spec.integer && !Number.isInteger(value)) return undefined;
  return value;
}

export interface ReadResult<S extends ParamSpecs> {
  state: StateOf<S>;
  /** `name=value` pairs that were present but invalid (and replaced by defaults). */
  rejected: string[];
}

export function readState<S extends ParamSpecs>(ns: string, specs: S, search: string): ReadResult<S> {
  const params = new URLSearchParams(search);
  const state = defaultState(specs) as Record<string, number | string>;
  const rejected: string[] = [];
  for (const [key, spec] of Object.entries(specs)) {
    const raw = params.get(`${ns}.${key}`);
    if (raw === null) continue;
    const value = parseValue(spec, raw);
    if (value === undefined) rejected.push(`${ns}.${key}=${raw}`);
    else state[key] = value;
  }
  return { state: state as StateOf<S>, rejected };
}

/** Writes the state into a URL's query: non-default values only, other parameters untouched. */
export function writeState<S extends ParamSpecs>(ns: string, specs: S, state: StateOf<S>, url: URL): URL {
  const out = new URL(url);
  for (const [key, spec] of Object.entries(specs)) {
    const value = (state as Record<string, number | string>)[key];
    const name = `${ns}.${key}`;
    if (value === spec.default) out.searchParams.delete(name);
    else out.searchParams.set(name, formatForUrl(value));
  }
  return out;
}

/**
 * Short, stable text for a value in the URL (no 0.30000000000000004); integers stay exact (16384).
 * Huge values (FLOPs) are written 5.76e23, not 5.76e+23, whose "+" a hand-typed link turns into a space.
 */
export function formatForUrl(value: number | string): string {
  if (typeof value !== "number") return value;
  const text = Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  return text.replace("e+", "e");
}
