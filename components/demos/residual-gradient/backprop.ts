/**
 * Small dense linear algebra for the gradient demos (residual-gradient for NRM-01, post-vs-pre-ln for
 * NRM-04): square weight matrices stored row-major in a Float64Array, matrix–vector products for the
 * forward pass and transposed products for the backward pass, and seeded initialisation.
 * Pure maths, no DOM. Written as plain loops over typed arrays: these run on every slider move.
 */

/** An n × n matrix, row-major: entry (i, j) is at i·n + j. */
export type Matrix = Float64Array;
export type Vector = Float64Array;

/** W·x for an n × n matrix. */
export function matVec(W: Matrix, x: ArrayLike<number>, n: number): Vector {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let s = 0;
    for (let j = 0; j < n; j++) s += W[row + j] * x[j];
    out[i] = s;
  }
  return out;
}

/** Wᵀ·g for an n × n matrix: the backward pass of y = W·x, ∂ℓ/∂x = Wᵀ ∂ℓ/∂y. */
export function matTVec(W: Matrix, g: ArrayLike<number>, n: number): Vector {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    if (gi === 0) continue; // ReLU zeroes half of the entries: skip their rows
    const row = i * n;
    for (let j = 0; j < n; j++) out[j] += W[row + j] * gi;
  }
  return out;
}

/**
 * W·x for several vectors at once: each weight is loaded once per group of four vectors, which is
 * markedly faster in V8 than separate products when the vectors share W (samples of a batch).
 */
export function matVecBatch(W: Matrix, xs: readonly ArrayLike<number>[], n: number): Vector[] {
  const outs = xs.map(() => new Float64Array(n));
  for (let g = 0; g < xs.length; g += 4) {
    const count = Math.min(4, xs.length - g);
    const zero = new Float64Array(n);
    const [a, b, c, e] = [0, 1, 2, 3].map((k) => (k < count ? xs[g + k] : zero));
    const [oa, ob, oc, oe] = [0, 1, 2, 3].map((k) => (k < count ? outs[g + k] : new Float64Array(n)));
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < n; j++) {
        const w = W[row + j];
        s0 += w * a[j];
        s1 += w * b[j];
        s2 += w * c[j];
        s3 += w * e[j];
      }
      oa[i] = s0;
      ob[i] = s1;
      oc[i] = s2;
      oe[i] = s3;
    }
  }
  return outs;
}

/** Wᵀ·g for several vectors at once (see matVecBatch). */
export function matTVecBatch(W: Matrix, gs: readonly ArrayLike<number>[], n: number): Vector[] {
  const outs = gs.map(() => new Float64Array(n));
  for (let g = 0; g < gs.length; g += 4) {
    const count = Math.min(4, gs.length - g);
    const zero = new Float64Array(n);
    const [a, b, c, e] = [0, 1, 2, 3].map((k) => (k < count ? gs[g + k] : zero));
    const [oa, ob, oc, oe] = [0, 1, 2, 3].map((k) => (k < count ? outs[g + k] : new Float64Array(n)));
    for (let i = 0; i < n; i++) {
      const row = i * n;
      const ga = a[i];
      const gb = b[i];
      const gc = c[i];
      const ge = e[i];
      if (ga === 0 && gb === 0 && gc === 0 && ge === 0) continue;
      for (let j = 0; j < n; j++) {
        const w = W[row + j];
        oa[j] += w * ga;
        ob[j] += w * gb;
        oc[j] += w * gc;
        oe[j] += w * ge;
      }
    }
  }
  return outs;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Euclidean norm. */
export const norm = (v: ArrayLike<number>): number => Math.sqrt(dot(v, v));

/** Root mean square, ‖v‖/√n: the typical size of one coordinate. */
export const rms = (v: ArrayLike<number>): number => norm(v) / Math.sqrt(v.length);

/** n × n matrix with i.i.d. N(0, std²) entries. */
export function gaussianMatrix(normal: () => number, n: number, std: number): Matrix {
  const W = new Float64Array(n * n);
  for (let i = 0; i < W.length; i++) W[i] = normal() * std;
  return W;
}

/**
 * n × n matrix with i.i.d. U(−a, a) entries, a = √(3/n): variance 1/n, Xavier/Glorot uniform for a
 * square layer (fan_in = fan_out = n). Each 32-bit draw of `uniform` (a mulberry32 stream: k/2³²)
 * yields two entries, its high and low 16 bits: half the generator calls for a 96-layer network,
 * and 16-bit resolution is far finer than anything the demos measure.
 */
export function xavierMatrix(uniform: () => number, n: number): Matrix {
  const a = Math.sqrt(3 / n);
  const W = new Float64Array(n * n);
  const scale = (2 * a) / 65536;
  const offset = 0.5 * scale - a;
  for (let i = 0; i < W.length; i += 2) {
    const bits = (uniform() * 4294967296) >>> 0;
    W[i] = (bits >>> 16) * scale + offset;
    if (i + 1 < W.length) W[i + 1] = (bits & 0xffff) * scale + offset;
  }
  return W;
}

/** A vector of n draws. */
export function randomVector(draw: () => number, n: number): Vector {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = draw();
  return v;
}

/** A small least-recently-used cache: the demos key expensive passes by their configuration. */
export function lruCache<T>(capacity: number) {
  const entries = new Map<string, T>();
  return (key: string, compute: () => T): T => {
    const hit = entries.get(key);
    if (hit !== undefined) {
      entries.delete(key);
      entries.set(key, hit);
      return hit;
    }
    const value = compute();
    entries.set(key, value);
    if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
    return value;
  };
}
