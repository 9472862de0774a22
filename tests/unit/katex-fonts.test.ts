import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { katexCharacters, rewriteFontSources } from "../../src/integrations/katex-fonts";

describe("KaTeX font subsetting", () => {
  it("keeps only the renamed woff2 source of each KaTeX @font-face", () => {
    const css =
      '@font-face{font-family:KaTeX_AMS;src:url(/_astro/KaTeX_AMS-Regular.BQhdFMY1.woff2) format("woff2"),url(/_astro/KaTeX_AMS-Regular.DMm9YOAa.woff) format("woff"),url(/_astro/KaTeX_AMS-Regular.DRggAlZN.ttf) format("truetype");font-weight:400}' +
      '@font-face{font-family:Other;src:url(/x.woff) format("woff")}';
    const out = rewriteFontSources(css, new Map([["KaTeX_AMS-Regular.BQhdFMY1.woff2", "KaTeX_AMS-Regular.new.woff2"]]));
    expect(out).toBe(
      '@font-face{font-family:KaTeX_AMS;src:url(/_astro/KaTeX_AMS-Regular.new.woff2) format("woff2");font-weight:400}' +
        '@font-face{font-family:Other;src:url(/x.woff) format("woff")}',
    );
  });

  it("collects the characters drawn inside .katex-html only", () => {
    const dir = mkdtempSync(join(tmpdir(), "katex-chars-"));
    const file = join(dir, "index.html");
    writeFileSync(
      file,
      '<p>正文 abc</p><span class="katex"><span class="katex-mathml"><math>zzz</math></span><span class="katex-html"><span>x²+∑</span></span></span>',
    );
    expect([...katexCharacters([file])].sort().join("")).toBe([..."x²+∑"].sort().join(""));
  });
});
