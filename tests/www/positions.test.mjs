// The page applies a finding's fix by turning its 0-based line / UTF-16 character range into
// JavaScript string indices (www/js/positions.js). These tests check that conversion against
// the wasm's own fix() on text with CRLF, lone CR, emoji, CJK and a BOM.

import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { before, describe, it } from "node:test";
import { ROOT, loadSpecmark } from "./helpers.mjs";

const { lineStarts, indexOf, lineAt, applyEdits } = await import(pathToFileURL(join(ROOT, "www/js/positions.js")).href);

let specmark;
before(async () => {
  specmark = await loadSpecmark();
});

const SUPPRESS = "<!-- specmark-disable-next-line agent-artifact -->";

describe("positions", () => {
  it("line starts break at \\n, \\r\\n and a lone \\r", () => {
    assert.deepEqual(lineStarts("a\nb\r\nc\rd"), [0, 2, 5, 7]);
    assert.deepEqual(lineStarts(""), [0]);
    assert.deepEqual(lineStarts("x\n"), [0, 2]);
    const text = "ab\r\ncd";
    const starts = lineStarts(text);
    assert.equal(indexOf(text, starts, { line: 1, character: 1 }), 5);
    assert.equal(indexOf(text, starts, { line: 9, character: 0 }), text.length);
    assert.equal(lineAt(starts, 4), 1);
    assert.equal(lineAt(starts, 0), 0);
  });

  const ENDINGS = [
    ["LF", "\n", ""],
    ["CRLF", "\r\n", ""],
    ["lone CR", "\r", ""],
    ["BOM + CRLF", "\r\n", "\uFEFF"],
  ];

  for (const [label, nl, prefix] of ENDINGS) {
    it(`every finding's line/character range covers the same text as its byte range (${label})`, () => {
      const text =
        prefix +
        [`# PRD: 表情 🎉🎉`, "", `## 説明 🚀 <invoke name="a">`, "", `x 𝔘𝔘 </parameter> é`, `<!-- specmark-disable-line nope -->`].join(nl) +
        nl;
      const result = specmark.lint(text, {});
      assert.ok(result.diagnostics.length >= 2, `findings: ${result.diagnostics.map((d) => d.name)}`);
      const bytes = new TextEncoder().encode(text);
      const starts = lineStarts(text);
      for (const d of result.diagnostics) {
        const byText = new TextDecoder().decode(bytes.slice(d.byteRange.start, d.byteRange.end));
        const byRange = text.slice(indexOf(text, starts, d.range.start), indexOf(text, starts, d.range.end));
        assert.equal(byRange, byText.replace(/^\uFEFF/, ""), `${d.name} at line ${d.range.start.line}`);
      }
    });
  }

  for (const [label, nl, prefix] of ENDINGS.filter(([l]) => l !== "lone CR")) {
    it(`a fix applied from its line/character range equals fix() (${label}, emoji, CJK)`, () => {
      const text =
        prefix +
        [`# PRD: 表情 🎉🎉 test`, "", `説明 🚀🚀 ${SUPPRESS} after 🎉`, "", `Ünïcödé 𝔘 ${SUPPRESS}`, "end 🎉"].join(nl) +
        nl;
      const result = specmark.lint(text, {});
      const fixes = result.diagnostics.filter((d) => d.fix?.applicability === "safe");
      assert.ok(fixes.length >= 1, "there is a fix to apply");
      // One fix at a time through the page's code, re-linting in between like the page does.
      let current = text;
      for (;;) {
        const d = specmark.lint(current, {}).diagnostics.find((x) => x.fix?.applicability === "safe");
        if (!d) break;
        const next = applyEdits(current, d.fix.edits);
        assert.notEqual(next, current);
        current = next;
      }
      assert.equal(current, specmark.fix(text, {}));
    });
  }
});
