/**
 * The part of Plot the browser needs to draw a figure. Importing by name (never the namespace)
 * lets the bundler drop the marks and transforms no demo uses.
 */
export { plot } from "@observablehq/plot";
