declare module "subset-font" {
  interface SubsetOptions {
    targetFormat?: "sfnt" | "woff" | "woff2" | "truetype";
    noHinting?: boolean;
    noLayoutClosure?: boolean;
    preserveNameIds?: number[];
    /** Pins (or narrows) the axes of a variable font, e.g. { wght: 700 }. */
    variationAxes?: Record<string, number | { min?: number; max?: number; default?: number }>;
  }
  export default function subsetFont(font: Buffer, text: string, options?: SubsetOptions): Promise<Buffer>;
}
