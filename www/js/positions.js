// Line/character positions → JavaScript string indices.
//
// specmark reports every range twice: `byteRange` (UTF-8 byte offsets into the document, what
// the Rust core uses) and `range` (0-based line and UTF-16 `character`, computed in Rust).
// JavaScript strings are indexed in UTF-16 code units, so the page never uses `byteRange`:
// it turns `range` positions into string indices with a table of line starts. Lines break at
// "\n", "\r\n" and a lone "\r", exactly as the core counts them.

/** Start index (UTF-16) of every line of `text`; always at least one entry. */
export function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      starts.push(i + 1);
    } else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Index of `{line, character}` in `text`, clamped to the line's end and the text. */
export function indexOf(text, starts, pos) {
  if (pos.line >= starts.length) return text.length;
  const start = starts[pos.line];
  const next = pos.line + 1 < starts.length ? starts[pos.line + 1] : text.length;
  return Math.min(start + pos.character, next, text.length);
}

/** 0-based line containing string index `index`. */
export function lineAt(starts, index) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Apply one fix's edits (`[{range, text}]`, sorted and non-overlapping as the core
 * guarantees) to `text`. Edits are applied from the last to the first so earlier indices
 * stay valid. Returns the new text.
 */
export function applyEdits(text, edits) {
  const starts = lineStarts(text);
  const spans = edits
    .map((e) => ({
      start: indexOf(text, starts, e.range.start),
      end: indexOf(text, starts, e.range.end),
      text: e.text,
    }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) {
    out = out.slice(0, s.start) + s.text + out.slice(Math.max(s.start, s.end));
  }
  return out;
}
