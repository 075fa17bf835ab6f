// A deliberately small Markdown renderer for rule documentation. It builds DOM nodes with
// createElement and textContent only, so whatever the text contains stays text: headings,
// paragraphs, bullet lists, fenced code blocks, `code`, **bold** and *emphasis*. Links are
// shown as their text (no href is ever created).

import { h } from "./dom.js";

/** Render Markdown `text` into a DocumentFragment. */
export function renderMarkdown(text) {
  const frag = document.createDocumentFragment();
  const lines = String(text).replace(/\r\n?/g, "\n").split("\n");
  let i = 0;
  let para = [];
  let list = null;
  const flushPara = () => {
    if (para.length) frag.append(h("p", {}, inline(para.join(" "))));
    para = [];
  };
  const flushList = () => {
    if (list) frag.append(list);
    list = null;
  };
  while (i < lines.length) {
    const line = lines[i];
    const fence = /^(\s*)(```+|~~~+)\s*([\w+-]*)/.exec(line);
    if (fence) {
      flushPara();
      flushList();
      const body = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence[2])) body.push(lines[i++]);
      i++;
      const code = h("code", {}, body.join("\n"));
      if (fence[3]) code.dataset.lang = fence[3];
      frag.append(h("pre", { class: "md-code" }, code));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flushPara();
      flushList();
      // Rule docs use "##" for their parts; inside the dialog they sit below its title.
      const level = Math.min(6, heading[1].length + 1);
      frag.append(h(`h${level}`, {}, inline(heading[2])));
      i++;
      continue;
    }
    const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      flushPara();
      if (!list) list = h("ul");
      list.append(h("li", {}, inline(item[1])));
      i++;
      continue;
    }
    if (!line.trim()) {
      flushPara();
      flushList();
    } else if (list && /^\s+\S/.test(line)) {
      list.lastChild.append(" ", inline(line.trim()));
    } else {
      flushList();
      para.push(line.trim());
    }
    i++;
  }
  flushPara();
  flushList();
  return frag;
}

/** Inline spans: `code`, **strong**, *em*, [text](url) → text. Returns an array of nodes. */
export function inline(text) {
  const out = [];
  const re = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)|\*\*([^*]+)\*\*|(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])|\[([^\]]+)\]\([^)]*\)/g;
  let last = 0;
  let m;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1]) out.push(h("code", {}, m[2].trim() || m[2]));
    else if (m[3] !== undefined) out.push(h("strong", {}, m[3]));
    else if (m[4] !== undefined) out.push(h("em", {}, m[4]));
    else out.push(m[5]);
    last = re.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
