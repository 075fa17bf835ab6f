// A tiny element builder. Document text only ever reaches the page through `textContent`
// (strings passed as children become Text nodes); nothing here parses HTML.

/**
 * `h("button", { class: "x", type: "button", onclick: fn }, "label", child)`.
 * Attributes are set with setAttribute (never `style`, never `on*` strings); functions
 * given as `on*` props become event listeners.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (key === "style" || key.startsWith("on")) {
      throw new Error(`h(): refusing to set ${key} as an attribute`);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Append strings (as text) and nodes, flattening arrays and skipping null. */
export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replace every child of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

const SVG = "http://www.w3.org/2000/svg";

/** An SVG element with attributes (presentation attributes only, no style). */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}
