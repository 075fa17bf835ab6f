// The editor: a plain <textarea> (so typing, paste, undo, IME and screen readers behave
// natively) with a line-number gutter and a highlight layer kept in sync with its scroll.
// Lines do not wrap, so line N sits at a fixed offset and markers need no text measuring.

import { h, replace } from "./dom.js";
import { lineStarts, indexOf } from "./positions.js";

const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };

export class Editor {
  /** `root` holds `.gutter-inner`, `.line-numbers`, `.gutter-marks`, `.overlay-inner`, textarea. */
  constructor(root) {
    this.root = root;
    this.textarea = root.querySelector("textarea");
    this.gutterInner = root.querySelector(".gutter-inner");
    this.numbers = root.querySelector(".line-numbers");
    this.marks = root.querySelector(".gutter-marks");
    this.overlay = root.querySelector(".overlay-inner");
    this.lineCount = 0;
    this.flagged = [];
    this.active = null;
    this.textarea.addEventListener("scroll", () => this.syncScroll());
    // Zoom or a font change alters the line height: place the markers again.
    new ResizeObserver(() => this.render()).observe(this.textarea);
    this.refreshLines();
  }

  get value() {
    return this.textarea.value;
  }

  /** Replace the whole text (examples, opened files, fixes) and drop stale markers. */
  set value(text) {
    this.textarea.value = text;
    this.textarea.scrollTop = 0;
    this.textarea.scrollLeft = 0;
    this.active = null;
    this.refreshLines();
  }

  /** Pixel metrics of a line, read from the textarea's computed style. */
  metrics() {
    const cs = getComputedStyle(this.textarea);
    return {
      lineHeight: parseFloat(cs.lineHeight) || 20,
      padTop: parseFloat(cs.paddingTop) || 0,
    };
  }

  /** Line numbers: one text node, rebuilt only when the number of lines changes. */
  refreshLines() {
    const count = lineStarts(this.textarea.value).length;
    if (count !== this.lineCount) {
      this.lineCount = count;
      const nums = new Array(count);
      for (let i = 0; i < count; i++) nums[i] = i + 1;
      this.numbers.textContent = nums.join("\n");
      this.root.style.setProperty("--gutter-digits", String(String(count).length));
    }
  }

  /** Gutter markers and line tints for every flagged line (worst severity wins). */
  setDiagnostics(diagnostics) {
    const worst = new Map();
    for (const d of diagnostics) {
      const line = d.range.start.line;
      const prev = worst.get(line);
      if (!prev || SEVERITY_RANK[d.severity] > SEVERITY_RANK[prev.severity]) {
        worst.set(line, { severity: d.severity, count: (prev?.count ?? 0) + 1 });
      } else {
        prev.count++;
      }
    }
    this.flagged = [...worst.entries()].sort((a, b) => a[0] - b[0]);
    this.render();
  }

  render() {
    const { lineHeight, padTop } = this.metrics();
    const top = (line) => `${padTop + line * lineHeight}px`;
    const marks = [];
    const tints = [];
    for (const [line, { severity, count }] of this.flagged) {
      const mark = h("span", {
        class: `gutter-mark sev-${severity}`,
        dataset: { line: String(line) },
        title: `Line ${line + 1}: ${count} finding${count === 1 ? "" : "s"}`,
      });
      mark.style.top = top(line);
      marks.push(mark);
      const tint = h("div", { class: `line-tint sev-${severity}`, dataset: { line: String(line) } });
      tint.style.top = top(line);
      tint.style.height = `${lineHeight}px`;
      tints.push(tint);
    }
    if (this.active !== null) {
      const bar = h("div", { class: "line-active", dataset: { line: String(this.active) } });
      bar.style.top = top(this.active);
      bar.style.height = `${lineHeight}px`;
      tints.push(bar);
    }
    replace(this.marks, marks);
    replace(this.overlay, tints);
    this.root.dataset.activeLine = this.active === null ? "" : String(this.active);
    this.syncScroll();
  }

  syncScroll() {
    const y = -this.textarea.scrollTop;
    this.gutterInner.style.transform = `translateY(${y}px)`;
    this.overlay.style.transform = `translateY(${y}px)`;
  }

  /** Scroll `range` into view, select it, and highlight its first line. */
  reveal(range) {
    const text = this.textarea.value;
    const starts = lineStarts(text);
    const start = indexOf(text, starts, range.start);
    const end = indexOf(text, starts, range.end);
    this.active = Math.min(range.start.line, starts.length - 1);
    const { lineHeight, padTop } = this.metrics();
    const ta = this.textarea;
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(start, Math.max(start, end));
    const lineTop = padTop + this.active * lineHeight;
    if (lineTop < ta.scrollTop || lineTop + lineHeight > ta.scrollTop + ta.clientHeight) {
      ta.scrollTop = Math.max(0, lineTop - ta.clientHeight / 3);
    }
    // Show the start of the range horizontally too (long lines do not wrap).
    ta.scrollLeft = 0;
    this.render();
    this.root.classList.remove("flash");
    void this.root.offsetWidth;
    this.root.classList.add("flash");
  }

  clearActive() {
    if (this.active !== null) {
      this.active = null;
      this.render();
    }
  }
}
