//! Text edits the server builds itself: suppression comments ("Disable NAME for this line /
//! file") and the single minimal edit of "fix all". Positions are UTF-16, like LSP's.

import type { TextDocument } from "vscode-languageserver-textdocument";
import type { TextEdit } from "vscode-languageserver";

/** The line break of line `line` (or of the document when that line has none). */
function lineBreak(doc: TextDocument, line: number): string {
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const own = /\r\n|\n|\r$/.exec(text);
  if (own) return own[0];
  const any = /\r\n|\n|\r/.exec(doc.getText());
  return any ? any[0] : "\n";
}

function lineText(doc: TextDocument, line: number): string {
  return doc
    .getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } })
    .replace(/\r?\n$|\r$/, "");
}

/**
 * `<!-- specmark-disable-next-line NAME -->` on its own line above `line`, with the line's
 * indentation and block-quote markers so the comment stays in the same block.
 */
export function disableLineEdit(doc: TextDocument, line: number, name: string): TextEdit {
  const text = lineText(doc, line);
  const prefix = /^(?:[ \t]*>)*[ \t]*/.exec(text)?.[0] ?? "";
  const quote = prefix.includes(">") && !/[ \t]$/.test(prefix) ? `${prefix} ` : prefix;
  const at = { line, character: 0 };
  return {
    range: { start: at, end: at },
    newText: `${quote}<!-- specmark-disable-next-line ${name} -->${lineBreak(doc, line)}`,
  };
}

/** The first line after YAML (`---`) or TOML (`+++`) front matter, or 0 without any. */
export function lineAfterFrontMatter(doc: TextDocument): number {
  const first = lineText(doc, 0).replace(/^\uFEFF/, "").trimEnd();
  if (first !== "---" && first !== "+++") return 0;
  const closers = first === "---" ? ["---", "..."] : ["+++"];
  for (let line = 1; line < doc.lineCount; line++) {
    if (closers.includes(lineText(doc, line).trimEnd())) return line + 1;
  }
  return 0;
}

/** `<!-- specmark-disable-file NAME -->` as the first line after the front matter. */
export function disableFileEdit(doc: TextDocument, name: string): TextEdit {
  const line = lineAfterFrontMatter(doc);
  const bom = line === 0 && doc.getText().startsWith("\uFEFF") ? 1 : 0;
  const breakLine = Math.max(0, line - 1);
  const eol = lineBreak(doc, breakLine);
  const at = { line, character: bom };
  // After front matter that ends the file without a line break, start a new line first.
  const needsBreak = line > 0 && line >= doc.lineCount && !/(\r\n|\n|\r)$/.test(doc.getText());
  return {
    range: { start: at, end: at },
    newText: `${needsBreak ? eol : ""}<!-- specmark-disable-file ${name} -->${eol}`,
  };
}

/** One edit turning `before` into `after`: the differing middle, not the whole text. */
export function minimalEdit(doc: TextDocument, after: string): TextEdit | undefined {
  const before = doc.getText();
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < max - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end++;
  }
  // Never split a surrogate pair or a CRLF.
  while (start > 0 && splits(before, start)) start--;
  while (end > 0 && splits(before, before.length - end)) end--;
  return {
    range: { start: doc.positionAt(start), end: doc.positionAt(before.length - end) },
    newText: after.slice(start, after.length - end),
  };
}

function splits(s: string, i: number): boolean {
  const prev = s.charCodeAt(i - 1);
  const next = s.charCodeAt(i);
  return (prev >= 0xd800 && prev <= 0xdbff) || (prev === 13 && next === 10);
}
