/**
 * A heatmap drawn as one small indexed-colour PNG inside the SVG, instead of one <rect> per cell.
 * A 48 × 64 grid as Plot `cell` marks is ~120 KB of SVG; as a PNG data URI it is ~5 KB, and it costs
 * the same to draw on the server (linkedom has no canvas) and in the browser. Pure code, no DOM:
 * the encoder writes stored (uncompressed) deflate blocks, which every PNG decoder accepts.
 */
import { type Markish, type RenderFunction, rect, scale } from "@observablehq/plot";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** PNG (8-bit indexed colour) of `width` × `height` palette indices, row-major from the top-left. */
export function encodeIndexedPng(
  width: number,
  height: number,
  indices: ArrayLike<number>,
  palette: readonly (readonly [number, number, number])[],
): Uint8Array {
  // Raw scanlines: filter byte 0, then one index per pixel.
  const raw = new Uint8Array(height * (width + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = indices[y * width + x];
  }
  // zlib stream of stored blocks (≤ 65535 bytes each) + Adler-32.
  const blocks = Math.max(1, Math.ceil(raw.length / 65535));
  const zlib = new Uint8Array(2 + raw.length + blocks * 5 + 4);
  zlib[0] = 0x78;
  zlib[1] = 0x01;
  let o = 2;
  for (let b = 0; b < blocks; b++) {
    const from = b * 65535;
    const len = Math.min(65535, raw.length - from);
    zlib[o++] = b === blocks - 1 ? 1 : 0;
    zlib[o++] = len & 0xff;
    zlib[o++] = len >>> 8;
    zlib[o++] = ~len & 0xff;
    zlib[o++] = (~len >>> 8) & 0xff;
    zlib.set(raw.subarray(from, from + len), o);
    o += len;
  }
  let a = 1;
  let s = 0;
  for (const v of raw) {
    a = (a + v) % 65521;
    s = (s + a) % 65521;
  }
  const adler = ((s << 16) | a) >>> 0;
  zlib[o++] = adler >>> 24;
  zlib[o++] = (adler >>> 16) & 0xff;
  zlib[o++] = (adler >>> 8) & 0xff;
  zlib[o++] = adler & 0xff;

  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 3, 0, 0, 0], 8); // bit depth 8, colour type 3 (palette), deflate, no filter, no interlace
  const plte = new Uint8Array(palette.length * 3);
  palette.forEach(([r, g, b], i) => {
    plte.set([r, g, b], i * 3);
  });

  const chunks: [string, Uint8Array][] = [
    ["IHDR", ihdr],
    ["PLTE", plte],
    ["IDAT", zlib],
    ["IEND", new Uint8Array(0)],
  ];
  const total = 8 + chunks.reduce((acc, [, data]) => acc + 12 + data.length, 0);
  const png = new Uint8Array(total);
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  const out = new DataView(png.buffer);
  let p = 8;
  for (const [type, data] of chunks) {
    out.setUint32(p, data.length);
    for (let i = 0; i < 4; i++) png[p + 4 + i] = type.charCodeAt(i);
    png.set(data, p + 8);
    out.setUint32(p + 8 + data.length, crc32(png, p + 4, p + 8 + data.length));
    p += 12 + data.length;
  }
  return png;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 (works the same in Node and the browser, no Buffer/btoa). */
export function base64(bytes: Uint8Array): string {
  const out: string[] = new Array(Math.ceil(bytes.length / 3));
  for (let i = 0, j = 0; i < bytes.length; i += 3, j++) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out[j] =
      B64[n >>> 18] +
      B64[(n >>> 12) & 63] +
      (i + 1 < bytes.length ? B64[(n >>> 6) & 63] : "=") +
      (i + 2 < bytes.length ? B64[n & 63] : "=");
  }
  return out.join("");
}

/** Number of colour steps in the diverging palette (odd, so 0 has its own colour). */
export const LEVELS = 65;
let paletteCache: [number, number, number][] | undefined;

/** Plot's "burd" diverging scheme (blue −1, white 0, red +1) sampled at LEVELS steps. */
export function divergingPalette(): [number, number, number][] {
  if (paletteCache) return paletteCache;
  const color = scale({ color: { type: "linear", scheme: "burd", domain: [-1, 1] } });
  paletteCache = Array.from({ length: LEVELS }, (_, i) => {
    const css = String(color.apply(-1 + (2 * i) / (LEVELS - 1)));
    const [r, g, b] = (css.match(/\d+/g) ?? ["0", "0", "0"]).map(Number);
    return [r, g, b];
  });
  return paletteCache;
}

/** Palette index of a value in [−1, 1] (clamped). */
export const levelOf = (v: number): number =>
  Math.max(0, Math.min(LEVELS - 1, Math.round(((v + 1) / 2) * (LEVELS - 1))));

/** The data URI of a grid of values in [−1, 1] drawn with the diverging palette. */
export function rasterHref(columns: number, rows: number, values: ArrayLike<number>): string {
  const indices = new Uint8Array(columns * rows);
  for (let i = 0; i < indices.length; i++) indices[i] = levelOf(values[i]);
  return `data:image/png;base64,${base64(encodeIndexedPng(columns, rows, indices, divergingPalette()))}`;
}

export interface RasterOptions {
  /** A data URI from rasterHref (callers may cache it). */
  href: string;
  /** Data extent the grid covers (x left → right, y of the top row → y of the bottom row). */
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  className?: string;
}

/** A Plot mark drawing the grid as a pixelated image over [x1, x2] × [y1, y2] of the x and y scales. */
export function rasterMark(options: RasterOptions): Markish {
  const { href, x1, x2, y1, y2, className } = options;
  const render: RenderFunction = (_index, scales, _values, _dimensions, context) => {
    const sx = scales.x as (v: number) => number;
    const sy = scales.y as (v: number) => number;
    const [left, right] = [sx(x1), sx(x2)].sort((a, b) => a - b);
    const [top, bottom] = [sy(y1), sy(y2)].sort((a, b) => a - b);
    const svgNs = "http://www.w3.org/2000/svg";
    const g = context.document.createElementNS(svgNs, "g") as SVGGElement;
    if (className) g.setAttribute("class", className);
    const image = context.document.createElementNS(svgNs, "image");
    image.setAttribute("x", left.toFixed(1));
    image.setAttribute("y", top.toFixed(1));
    image.setAttribute("width", (right - left).toFixed(1));
    image.setAttribute("height", (bottom - top).toFixed(1));
    image.setAttribute("preserveAspectRatio", "none");
    image.setAttribute("style", "image-rendering:pixelated");
    image.setAttribute("href", href);
    g.appendChild(image);
    return g;
  };
  // An invisible rect over the extent makes the x and y scales cover it; its render draws the image.
  return rect([{}], { x1: () => x1, x2: () => x2, y1: () => y1, y2: () => y2, render });
}

/**
 * A small colour key (−1 … 0 … +1) in the top-right corner of the frame, drawn with the same
 * palette as the heatmap.
 */
export function rasterLegend(options: { width?: number; dy?: number } = {}): Markish {
  const keyWidth = options.width ?? 84;
  const dy = options.dy ?? -16;
  const href = `data:image/png;base64,${base64(
    encodeIndexedPng(
      LEVELS,
      1,
      Array.from({ length: LEVELS }, (_, i) => i),
      divergingPalette(),
    ),
  )}`;
  const render: RenderFunction = (_index, _scales, _values, dimensions, context) => {
    const svgNs = "http://www.w3.org/2000/svg";
    const doc = context.document;
    const right = dimensions.width - dimensions.marginRight;
    const top = dimensions.marginTop + dy;
    const g = doc.createElementNS(svgNs, "g") as SVGGElement;
    g.setAttribute("class", "raster-legend");
    const image = doc.createElementNS(svgNs, "image");
    const left = right - keyWidth - 18;
    image.setAttribute("x", String(left));
    image.setAttribute("y", String(top - 5));
    image.setAttribute("width", String(keyWidth));
    image.setAttribute("height", "8");
    image.setAttribute("preserveAspectRatio", "none");
    image.setAttribute("href", href);
    g.appendChild(image);
    for (const [label, x, anchor] of [
      ["−1", left - 3, "end"],
      ["+1", left + keyWidth + 3, "start"],
    ] as const) {
      const text = doc.createElementNS(svgNs, "text");
      text.setAttribute("x", String(x));
      text.setAttribute("y", String(top));
      text.setAttribute("dy", "0.32em");
      text.setAttribute("text-anchor", anchor);
      text.setAttribute("fill", "currentColor");
      text.textContent = label;
      g.appendChild(text);
    }
    return g;
  };
  return render;
}
