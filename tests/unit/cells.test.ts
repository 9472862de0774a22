/**
 * Every shipped code cell type-checks (strict) against the cell globals, and the cell syntax is parsed
 * the way authors expect.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { parseCellMeta } from "../../src/markdown/remark-code-cells";
import { ROOT } from "../support/articles";
import { shippedCells } from "../support/cells";

describe("cell meta", () => {
  it("parses title, id, timeLimit and runOnLoad", () => {
    expect(parseCellMeta('cell title="试试 softmax" id=sm timeLimit=2000 runOnLoad')).toEqual({
      title: "试试 softmax",
      id: "sm",
      timeLimit: 2000,
      runOnLoad: true,
    });
    expect(parseCellMeta("cell")).toEqual({ runOnLoad: false });
    expect(parseCellMeta('title="x"')).toBeNull();
    expect(parseCellMeta(undefined)).toBeNull();
  });

  it("rejects an unreasonable time limit", () => {
    expect(() => parseCellMeta("cell timeLimit=10")).toThrow(/timeLimit/);
  });
});

describe("shipped cells", () => {
  const cells = shippedCells();

  it("exist in every foundation article", () => {
    expect(new Set(cells.map((c) => c.file)).size).toBeGreaterThanOrEqual(3);
  });

  // One program over every cell plus the worker libs: seconds when idle, far longer on a loaded machine.
  it("type-check in strict mode", () => {
    const dir = mkdtempSync(join(tmpdir(), "cells-"));
    const files = cells.map((cell, i) => {
      const path = join(dir, `cell${i}.ts`);
      // `export {}` makes each cell its own module, as it is in its worker.
      writeFileSync(path, `${cell.code}\nexport {};\n`);
      return path;
    });
    const program = ts.createProgram([...files, join(ROOT, "components/cells/cell-globals.d.ts")], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      lib: ["lib.es2022.d.ts", "lib.webworker.d.ts"],
      skipLibCheck: true,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const index = files.indexOf(d.file?.fileName ?? "");
      const cell = cells[index];
      const { line } = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0 };
      const where = cell ? `${cell.file}:${cell.line + line}` : d.file?.fileName;
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    expect(problems).toEqual([]);
  }, 120_000);
});
