/**
 * What a code cell's program can use beyond the JavaScript standard library (see prelude.ts).
 * The type-check test compiles every shipped cell against this file.
 */
type PlotMark = { mark: string; data: unknown[]; options: Record<string, unknown> };

/** Plot marks by name (lineY, barY, dot, cell, text, ruleY, …): they record data and options. */
declare const Plot: Record<string, (data?: Iterable<unknown>, options?: Record<string, unknown>) => PlotMark>;

/** Draws a chart under the cell with Observable Plot. Options must be plain data (no functions). */
declare function plot(spec: { marks: PlotMark[]; [option: string]: unknown }): void;

/** Shows an array of objects as a table. */
declare function table(rows: readonly unknown[]): void;
