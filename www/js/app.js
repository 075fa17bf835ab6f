// The browser checker: wires the editor, the wasm linter and the results panel together.
// Everything happens in this page: the document is never sent anywhere. Document text and
// every string derived from it (messages, rule output, file names) reach the DOM only as
// text nodes (see dom.js); no HTML is ever parsed from data.

import init, * as firstInstance from "../wasm/specmark.js";
import { EXAMPLES } from "./examples.js";
import { h, replace, svg } from "./dom.js";
import { Editor } from "./editor.js";
import { renderMarkdown } from "./markdown.js";
import { applyEdits } from "./positions.js";
import { countText, download, jsonReport, kindSourceText, lineNumber, markdownReport } from "./report.js";

const TYPING_DELAY_MS = 180;
const CONFIG_DELAY_MS = 250;
const MAX_FILE_BYTES = 10_000_000;
/** How many files of a dropped folder are read at most. */
const MAX_DROPPED_FILES = 200;
const MAX_LISTED_PER_SEVERITY = 300;
const SEVERITIES = [
  ["error", "Errors"],
  ["warning", "Warnings"],
  ["info", "Info"],
];
const CATEGORY_LABEL = {
  structure: "Structure",
  completeness: "Completeness",
  measurability: "Measurability",
  verification: "Verification",
  consistency: "Consistency",
};

const $ = (id) => document.getElementById(id);

const state = {
  /** File name of an opened or dropped file (used for kind detection), else null. */
  path: null,
  /** Label of what is in the editor ("Example: Weak PRD", a file name), for exports. */
  docName: null,
  kinds: new Map(),
  rules: new Map(),
  version: "",
  configText: "",
  configOk: true,
  /** The last result and the exact text it was computed from. */
  result: null,
  resultText: null,
  undo: [],
  revision: 0,
  timer: 0,
  configTimer: 0,
  /** Set while re-checking after a trap restarted the wasm module. */
  restarted: false,
  /**
   * Several files opened or dropped together: one feature folder, linted together so the
   * cross-document rules (citations, coverage, deltas) see every file. `files` maps each
   * path to its text (the shown one is refreshed from the editor), `current` is the shown
   * one. Null for a single document.
   */
  folder: null,
};

let editor;

/** The wasm module in use; replaced by a fresh instance after a trap (see `recover`). */
let specmark = firstInstance;
let instances = 0;
let recovering = null;

/**
 * A trap (`WebAssembly.RuntimeError`, a panic inside the linter) may leave the instance's
 * memory inconsistent, so the page drops it: it imports the glue module again under a new
 * URL, which gives a fresh module instance with fresh memory, and instantiates the wasm anew.
 * This is the only case in which the page makes a request after it has loaded.
 */
function recover() {
  if (!recovering) {
    instances += 1;
    const url = new URL(`../wasm/specmark.js?instance=${instances}`, import.meta.url);
    recovering = import(url.href)
      .then(async (fresh) => {
        await fresh.default();
        specmark = fresh;
        if (python) specmark.setPythonParser(python);
      })
      .finally(() => {
        recovering = null;
      });
  }
  return recovering;
}

/**
 * The Python parser of `snippet-syntax`: a second wasm module (wasm/specmark_python_bg.wasm),
 * fetched the first time a document has python snippets to check, so a page without python
 * pays nothing for it. Until it is there the engine reports one info finding ("loading"); when
 * it arrives the document is checked again.
 */
let python = null;
let pythonLoading = null;

function loadPython() {
  if (python || pythonLoading) return;
  specmark.setPythonStatus("loading");
  const t0 = performance.now();
  pythonLoading = import("../wasm/specmark_python.js")
    .then(async (glue) => {
      await glue.default();
      python = { parse: (source) => glue.parse(source) };
      specmark.setPythonParser(python);
      $("results").dataset.pythonLoadMs = (performance.now() - t0).toFixed(1);
    })
    .catch((err) => {
      specmark.setPythonStatus(String(err?.message ?? err));
    })
    .finally(() => {
      pythonLoading = null;
      run();
    });
}

async function main() {
  editor = new Editor($("editor"));
  wireTheme();
  try {
    await init();
  } catch (err) {
    setStatus(`The checker could not start: ${err?.message ?? err}`, "error");
    return;
  }
  state.version = specmark.version();
  $("version").textContent = `specmark ${state.version}`;
  for (const k of specmark.kinds()) {
    state.kinds.set(k.name, k.label);
    $("kind-select").append(h("option", { value: k.name }, k.label));
  }
  for (const p of specmark.profiles()) {
    $("profile-select").append(h("option", { value: p.name }, p.label));
  }
  for (const r of specmark.rules()) state.rules.set(r.name, r);
  wireEditor();
  wireActions();
  wireConfig();
  document.body.dataset.ready = "true";
  run();
}

// ---------------------------------------------------------------- linting

function lintOptions() {
  const opts = {};
  const kind = $("kind-select").value;
  if (kind && kind !== "auto") opts.kind = kind;
  const profile = $("profile-select").value;
  if (profile && profile !== "auto") opts.profile = profile;
  if (state.path) opts.path = state.path;
  if (state.configOk && state.configText.trim()) opts.config = state.configText;
  return opts;
}

/** Lint the folder's files together; the report of the shown one. */
function lintFolder(text) {
  const f = state.folder;
  f.files.set(f.current, text);
  const opts = lintOptions();
  delete opts.path;
  const files = Object.fromEntries(f.files);
  const reports = specmark.lintWorkspace(files, opts);
  const at = [...f.files.keys()].indexOf(f.current);
  return reports[at];
}

function schedule(delay) {
  clearTimeout(state.timer);
  state.timer = setTimeout(run, delay);
}

/** Lint the editor's text now and render the result. */
function run() {
  clearTimeout(state.timer);
  const text = editor.value;
  editor.refreshLines();
  if (!text.trim()) {
    showEmpty();
    return;
  }
  const t0 = performance.now();
  let result;
  const lintNow = () => (state.folder ? lintFolder(text) : specmark.lint(text, lintOptions()));
  try {
    result = lintNow();
    if (specmark.pythonPending() && !python && !pythonLoading) {
      // Python snippets and no parser yet: start loading it, and show "loading" meanwhile.
      loadPython();
      result = lintNow();
      specmark.pythonPending();
    }
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError && !state.restarted) {
      // One restart per trap; a document that traps the fresh instance too is reported.
      state.restarted = true;
      setStatus("The checker hit an internal error; restarting it…", "warn");
      recover().then(run, (e) => setStatus(`The checker could not restart: ${e?.message ?? e}`, "error"));
      return;
    }
    setStatus(`Could not check the document: ${err?.message ?? err}`, "error");
    return;
  }
  const t1 = performance.now();
  state.result = result;
  state.resultText = text;
  render(result);
  if (state.restarted) {
    state.restarted = false;
    setStatus(`The checker restarted after an internal error. ${$("status").textContent}`, "warn");
  }
  const t2 = performance.now();
  const panel = $("results");
  panel.dataset.lintMs = (t1 - t0).toFixed(2);
  panel.dataset.renderMs = (t2 - t1).toFixed(2);
  panel.dataset.revision = String(++state.revision);
}

function showEmpty() {
  state.result = null;
  state.resultText = null;
  for (const id of ["summary", "categories-wrap", "diagnostics-wrap"]) $(id).hidden = true;
  editor.setDiagnostics([]);
  updateAutoLabel(null);
  setStatus("Paste, type, drop or open a spec to see its score.");
  setButtons(false, false);
  $("results").dataset.revision = String(++state.revision);
}

// ---------------------------------------------------------------- rendering

function render(r) {
  const kindLabel = state.kinds.get(r.kind) ?? r.kind;
  const configNote = state.configOk ? "" : " The configuration has an error, so default settings are used.";
  setStatus(
    r.linted
      ? `Score ${r.score} of 100, grade ${r.grade}. ${countText(r.diagnostics)}.${configNote}`
      : `This file was not checked: ${r.diagnostics[0]?.message ?? "it cannot be read as text"}.`,
    state.configOk ? "" : "warn",
  );
  $("summary").hidden = false;
  renderGauge(r.score, r.grade);
  $("kind-label").textContent = kindLabel;
  $("kind-source").textContent = `(${kindSourceText(r.kindSource)})`;
  $("results").dataset.kind = r.kind;
  $("results").dataset.profile = r.profile;
  $("profile-line").textContent = r.linted ? `Profile ${r.profileReason}` : "";
  $("counts").textContent = countText(r.diagnostics);
  $("words").textContent = `${r.words.toLocaleString("en")} words`;
  updateAutoLabel(r.kindSource === "explicit" ? null : kindLabel);
  renderCategories(r);
  renderDiagnostics(r);
  editor.setDiagnostics(r.diagnostics);
  setButtons(true, r.diagnostics.some((d) => d.fix?.applicability === "safe"));
}

function updateAutoLabel(detected) {
  const auto = $("kind-select").options[0];
  auto.textContent = detected ? `Auto-detect (${detected})` : "Auto-detect";
}

function renderGauge(score, grade) {
  const r = 52;
  const len = 2 * Math.PI * r;
  const ring = svg(
    "svg",
    { viewBox: "0 0 120 120", class: "gauge-ring", "aria-hidden": "true", focusable: "false" },
    svg("circle", { cx: 60, cy: 60, r, class: "gauge-track" }),
    svg("circle", {
      cx: 60,
      cy: 60,
      r,
      class: "gauge-value",
      "stroke-dasharray": `${((len * score) / 100).toFixed(2)} ${len.toFixed(2)}`,
      transform: "rotate(-90 60 60)",
    }),
  );
  const gauge = $("gauge");
  gauge.className = `gauge grade-${grade}`;
  gauge.setAttribute("role", "img");
  gauge.setAttribute("aria-label", `Score ${score} out of 100, grade ${grade}`);
  replace(
    gauge,
    ring,
    h("div", { class: "gauge-center" }, h("span", { class: "gauge-score", id: "score" }, String(score)), h("span", { class: "gauge-grade", id: "grade" }, `Grade ${grade}`)),
  );
}

function renderCategories(r) {
  $("categories-wrap").hidden = r.categories.length === 0;
  const kindLabel = state.kinds.get(r.kind) ?? r.kind;
  const items = r.categories.map((c) => {
    const label = CATEGORY_LABEL[c.name] ?? c.name;
    const scored = c.score !== null;
    const fill = h("div", { class: "bar-fill" });
    fill.style.width = `${scored ? c.score : 0}%`;
    let detail;
    if (!scored) {
      detail = h("p", { class: "cat-lost muted" }, `Not scored: no rule of this category applies to ${kindLabel} documents.`);
    } else if (!c.lost.length) {
      detail = h("p", { class: "cat-lost muted" }, "Nothing lost.");
    } else {
      detail = h(
        "ul",
        { class: "cat-lost" },
        c.lost.map((l) =>
          h(
            "li",
            {},
            h("button", { type: "button", class: "link-button", onclick: (e) => explain(l.name, e.currentTarget) }, l.name),
            ` ×${l.count}: −${l.points} point${l.points === 1 ? "" : "s"}`,
          ),
        ),
      );
    }
    return h(
      "li",
      { class: `category${scored ? "" : " not-scored"}`, dataset: { name: c.name } },
      h(
        "div",
        { class: "cat-head" },
        h("span", { class: "cat-name" }, label),
        h("span", { class: "cat-weight" }, c.points ? `−${c.points} points` : "no points lost"),
        h("span", { class: "cat-score" }, scored ? `${c.score}/100` : "n/a"),
      ),
      h("div", { class: `bar${scored ? "" : " bar-empty"}`, "aria-hidden": "true" }, fill),
      detail,
    );
  });
  replace($("categories"), items);
}

/** Which finding control has focus, so a re-render can put focus back on its successor. */
function focusedFinding() {
  const el = document.activeElement;
  const li = el?.closest?.("#diagnostics li.diag");
  if (!li) return null;
  const kind = ["diag-jump", "explain", "fix"].find((c) => el.classList.contains(c));
  return kind ? { code: li.dataset.code, line: li.dataset.line, kind } : null;
}

function restoreFocus(f) {
  if (!f) return;
  const li =
    document.querySelector(`#diagnostics li.diag[data-code="${CSS.escape(f.code)}"][data-line="${CSS.escape(f.line)}"]`) ??
    document.querySelector("#diagnostics li.diag");
  const target = li?.querySelector(`.${f.kind}`) ?? li?.querySelector(".diag-jump") ?? $("diagnostics-title");
  target.focus();
}

function renderDiagnostics(r) {
  const focused = focusedFinding();
  try {
    renderDiagnosticList(r);
  } finally {
    restoreFocus(focused);
  }
}

function renderDiagnosticList(r) {
  $("diagnostics-wrap").hidden = false;
  $("diagnostics-title").textContent = `Findings (${r.diagnostics.length})`;
  if (!r.diagnostics.length) {
    replace($("diagnostics"), h("p", { class: "no-findings" }, "No findings. Nice work."));
    return;
  }
  const groups = [];
  for (const [sev, title] of SEVERITIES) {
    const items = r.diagnostics.filter((d) => d.severity === sev).sort((a, b) => a.range.start.line - b.range.start.line);
    if (!items.length) continue;
    const shown = items.slice(0, MAX_LISTED_PER_SEVERITY);
    groups.push(
      h(
        "section",
        { class: `diag-group sev-${sev}`, dataset: { severity: sev } },
        h("h4", {}, h("span", { class: "sev-icon", "aria-hidden": "true" }), `${title} (${items.length})`),
        h("ol", { class: "diag-list" }, shown.map(diagnosticItem)),
        items.length > shown.length ? h("p", { class: "muted" }, `…and ${items.length - shown.length} more (export the report to see all).`) : null,
      ),
    );
  }
  replace($("diagnostics"), groups);
}

function diagnosticItem(d) {
  const line = lineNumber(d);
  const rule = state.rules.get(d.name);
  const actions = [
    h("button", { type: "button", class: "btn btn-small explain", onclick: (e) => explain(d.name, e.currentTarget), "aria-label": `Explain ${d.name}` }, "Explain"),
  ];
  if (d.fix) {
    const safe = d.fix.applicability === "safe";
    actions.push(
      h(
        "button",
        { type: "button", class: `btn btn-small fix${safe ? "" : " fix-unsafe"}`, onclick: () => applyFix(d), title: safe ? "Safe fix" : "Unsafe fix: review the result" },
        safe ? `Fix: ${d.fix.title}` : `Fix (review): ${d.fix.title}`,
      ),
    );
  }
  return h(
    "li",
    { class: `diag sev-${d.severity}`, dataset: { name: d.name, code: d.code, line: String(line) } },
    h(
      "button",
      { type: "button", class: "diag-jump", onclick: () => editor.reveal(d.range), title: "Show in the editor" },
      h("span", { class: "diag-loc" }, `Line ${line}`),
      h("span", { class: "diag-rule" }, d.name),
      h("span", { class: "diag-code" }, d.code),
      h("span", { class: "diag-msg" }, d.message),
    ),
    d.help ? h("p", { class: "diag-help" }, d.help) : null,
    rule ? null : h("p", { class: "diag-help" }, "(unknown rule)"),
    h("div", { class: "diag-actions" }, actions),
  );
}

function setStatus(text, tone = "") {
  const el = $("status");
  el.textContent = text;
  el.className = `status${tone ? ` status-${tone}` : ""}`;
}

function setButtons(hasText, hasSafeFix) {
  $("fix-all").disabled = !hasSafeFix;
  $("copy-fixed").disabled = !hasText;
  $("export-md").disabled = !hasText;
  $("export-json").disabled = !hasText;
  $("undo").disabled = state.undo.length === 0;
}

// ---------------------------------------------------------------- explain

function explain(name, opener) {
  const rule = state.rules.get(name);
  const dialog = $("explain");
  if (!rule) return;
  $("explain-title").textContent = `${rule.code} ${rule.name}`;
  const kinds = rule.kinds.length ? rule.kinds.map((k) => state.kinds.get(k) ?? k).join(", ") : "every kind";
  const meta = [
    h("p", { class: "explain-summary" }, rule.summary),
    h(
      "dl",
      { class: "explain-facts" },
      h("dt", {}, "Category"),
      h("dd", {}, CATEGORY_LABEL[rule.category] ?? rule.category),
      h("dt", {}, "Default severity"),
      h("dd", {}, rule.severity),
      h("dt", {}, "Applies to"),
      h("dd", {}, kinds),
      h("dt", {}, "Fixable"),
      h("dd", {}, rule.fixable ? "yes" : "no"),
    ),
  ];
  if (rule.options.length) {
    meta.push(
      h("h3", {}, "Options"),
      h(
        "ul",
        { class: "explain-options" },
        rule.options.map((o) =>
          h("li", {}, h("code", {}, o.name), ` (${o.type}, default `, h("code", {}, JSON.stringify(o.default)), `): ${o.doc}`),
        ),
      ),
    );
  }
  replace($("explain-meta"), meta);
  replace($("explain-body"), renderMarkdown(rule.docs));
  dialog.returnFocusTo = opener ?? null;
  if (!dialog.open) dialog.showModal();
  $("explain-close").focus();
}

// ---------------------------------------------------------------- editing actions

function remember(text) {
  state.undo.push(text);
  if (state.undo.length > 20) state.undo.shift();
}

/** Replace the editor's text, keeping the scroll position (fixes) or not (new documents). */
function setText(text, { keepScroll = false } = {}) {
  const ta = editor.textarea;
  const top = ta.scrollTop;
  editor.value = text;
  if (keepScroll) {
    ta.scrollTop = top;
    editor.syncScroll();
  }
}

function applyFix(d) {
  if (editor.value !== state.resultText) {
    run();
    setStatus("The document changed since this finding was reported; the results were refreshed. Apply the fix again from the new list.", "warn");
    return;
  }
  const before = editor.value;
  remember(before);
  setText(applyEdits(before, d.fix.edits), { keepScroll: true });
  run();
  setStatus(`Applied fix “${d.fix.title}” (line ${lineNumber(d)}). ${$("status").textContent}`);
  $("diagnostics-title").focus();
}

function fixAll() {
  const before = editor.value;
  let fixed;
  try {
    fixed = specmark.fix(before, lintOptions());
  } catch (err) {
    setStatus(`Could not fix the document: ${err?.message ?? err}`, "error");
    return;
  }
  if (fixed === before) {
    setStatus("There is nothing to fix safely.");
    return;
  }
  remember(before);
  setText(fixed, { keepScroll: true });
  run();
  setStatus(`Applied all safe fixes. ${$("status").textContent}`);
}

function undo() {
  const prev = state.undo.pop();
  if (prev === undefined) return;
  setText(prev, { keepScroll: true });
  run();
  setStatus(`Undone. ${$("status").textContent}`);
}

async function copyFixed() {
  let fixed;
  try {
    fixed = specmark.fix(editor.value, lintOptions());
  } catch (err) {
    setStatus(`Could not fix the document: ${err?.message ?? err}`, "error");
    return;
  }
  try {
    await navigator.clipboard.writeText(fixed);
  } catch {
    // Fallback for browsers without clipboard permission: a temporary textarea.
    const tmp = h("textarea", { class: "visually-hidden", "aria-hidden": "true" });
    tmp.value = fixed;
    document.body.append(tmp);
    tmp.select();
    const ok = document.execCommand("copy");
    tmp.remove();
    if (!ok) {
      setStatus("The browser did not allow copying. Use “Apply all safe fixes” and copy from the editor.", "error");
      return;
    }
  }
  const changed = fixed === editor.value ? "no fixes were needed" : "safe fixes applied";
  setStatus(`Copied the fixed text to the clipboard (${changed}; the editor is unchanged).`);
}

function baseName() {
  const name = state.path ?? "document.md";
  return name.replace(/\.(md|markdown|mdx|txt)$/i, "").replace(/[^\w.-]+/g, "_") || "document";
}

function exportReport(format) {
  if (!state.result || editor.value !== state.resultText) run();
  const r = state.result;
  if (!r) return;
  const kindLabel = state.kinds.get(r.kind) ?? r.kind;
  if (format === "md") {
    download(`${baseName()}.specmark.md`, markdownReport(r, { name: state.docName, kindLabel, version: state.version }), "text/markdown");
  } else {
    download(`${baseName()}.specmark.json`, jsonReport(r, { name: state.docName, version: state.version }), "application/json");
  }
  setStatus(`Report exported as ${format === "md" ? "Markdown" : "JSON"}.`);
}

function loadDocument(text, { path = null, name = null } = {}) {
  if (editor.value.trim() && editor.value !== text) remember(editor.value);
  if (state.folder) {
    state.folder = null;
    renderFileSelect();
  }
  state.path = path;
  state.docName = name;
  $("doc-name").textContent = name ?? "";
  setText(text);
  run();
}

/** The text of a file, or null (with a status message) when it cannot be checked. */
async function readText(file) {
  if (file.size > MAX_FILE_BYTES) {
    setStatus(`${file.name} is ${file.size.toLocaleString("en")} bytes; the page checks files up to ${MAX_FILE_BYTES.toLocaleString("en")} bytes.`, "error");
    return null;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    setStatus(`${file.name} is not valid UTF-8 text; re-save it as UTF-8 and open it again.`, "error");
    return null;
  }
}

/**
 * Paths for files opened together, as one feature folder: kept when they already name one
 * the checker knows (`specs/001-x/…`, `.kiro/specs/x/…`, `openspec/changes/x/…`), else
 * placed under the folder their file names say they form (`proposal.md` → an OpenSpec
 * change, `requirements.md` → a Kiro spec, `spec.md` / `plan.md` → a Spec Kit feature,
 * `prd.md` / `recovery.md` → a GOE workspace).
 */
function featurePaths(paths, featureFolder) {
  if (paths.some((p) => featureFolder(p).folder)) return paths;
  const parts = paths.map((p) => p.split("/").filter(Boolean));
  // The folder they share (a dropped folder's name), and each path inside it.
  const first = parts[0] ?? [];
  let shared = 0;
  while (shared < first.length - 1 && parts.every((q) => q.length > shared + 1 && q[shared] === first[shared])) shared++;
  const name = (shared ? first[shared - 1] : "feature").replace(/[^\w.-]+/g, "-") || "feature";
  const inner = parts.map((q) => q.slice(shared).join("/"));
  const names = new Set(inner.map((p) => p.split("/").pop().toLowerCase()));
  let root;
  if (names.has("proposal.md")) root = `openspec/changes/${name}`;
  else if (names.has("requirements.md") || names.has("bugfix.md")) root = `.kiro/specs/${name}`;
  else if (names.has("spec.md") || names.has("plan.md")) root = `specs/${/^\d+-/.test(name) ? name : `001-${name}`}`;
  else if (names.has("prd.md") || names.has("recovery.md")) root = `specs/active/${name}`;
  else root = name;
  return inner.map((p) => `${root}/${p}`);
}

/** Open several files as one feature folder (each `{ path, file }`). */
async function loadFiles(entries) {
  const md = entries.filter((e) => /\.(md|markdown)$/i.test(e.path));
  if (md.length <= 1) return loadFile(md[0]?.file ?? entries[0]?.file);
  const texts = [];
  for (const e of md) {
    const text = await readText(e.file);
    if (text === null) return;
    texts.push(text);
  }
  const paths = featurePaths(
    md.map((e) => e.path),
    (p) => specmark.featureFolder(p),
  );
  if (editor.value.trim()) remember(editor.value);
  state.folder = { files: new Map(paths.map((p, i) => [p, texts[i]])), current: paths[0] };
  renderFileSelect();
  showFolderFile(paths[0]);
}

function renderFileSelect() {
  const sel = $("file-select");
  const f = state.folder;
  sel.hidden = !f;
  if (!f) return replace(sel, []);
  replace(
    sel,
    [...f.files.keys()].map((p) => h("option", { value: p }, p)),
  );
  sel.value = f.current;
}

function showFolderFile(path) {
  const f = state.folder;
  f.current = path;
  $("file-select").value = path;
  state.path = path;
  state.docName = path;
  $("doc-name").textContent = `${f.files.size} files, checked together`;
  setText(f.files.get(path));
  run();
}

async function loadFile(file) {
  if (!file) return;
  state.folder = null;
  renderFileSelect();
  if (file.size > MAX_FILE_BYTES) {
    setStatus(`${file.name} is ${file.size.toLocaleString("en")} bytes; the page checks files up to ${MAX_FILE_BYTES.toLocaleString("en")} bytes.`, "error");
    return;
  }
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    setStatus(`${file.name} is not valid UTF-8 text; re-save it as UTF-8 and open it again.`, "error");
    return;
  }
  loadDocument(text, { path: file.name, name: file.name });
}

/**
 * The files of a drop, folders walked (a dropped feature folder), as `{ path, file }` with
 * paths relative to what was dropped.
 */
async function droppedEntries(dt) {
  const roots = [...(dt.items ?? [])].map((i) => i.webkitGetAsEntry?.()).filter(Boolean);
  if (!roots.length) return [...dt.files].map((file) => ({ path: file.name, file }));
  const out = [];
  const walk = async (entry, depth) => {
    if (out.length >= MAX_DROPPED_FILES || depth > 6) return;
    if (entry.isFile) {
      const file = await new Promise((ok, fail) => entry.file(ok, fail));
      out.push({ path: entry.fullPath.replace(/^\//, ""), file });
      return;
    }
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
      if (!batch.length) break;
      for (const child of batch) await walk(child, depth + 1);
    }
  };
  for (const r of roots) await walk(r, 0);
  return out;
}

// ---------------------------------------------------------------- wiring

function wireEditor() {
  const ta = editor.textarea;
  // Pasting over the whole text starts a new document: forget the opened file's name, which
  // would otherwise still drive kind detection.
  ta.addEventListener("paste", () => {
    if (state.path !== null && ta.selectionStart === 0 && ta.selectionEnd === ta.value.length) {
      state.path = null;
      state.docName = null;
      $("doc-name").textContent = "";
    }
  });
  ta.addEventListener("input", (e) => {
    editor.refreshLines();
    editor.clearActive();
    // A paste or drop is one event: check at once. Typing waits for a pause.
    const burst = e.inputType === "insertFromPaste" || e.inputType === "insertFromDrop";
    schedule(burst ? 0 : TYPING_DELAY_MS);
  });
  // Dropping files anywhere loads the first one; dropped text falls through to the editor.
  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes("Files");
  document.addEventListener("dragover", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
    $("editor").classList.add("dragging");
  });
  document.addEventListener("dragleave", (e) => {
    if (!e.relatedTarget) $("editor").classList.remove("dragging");
  });
  document.addEventListener("drop", (e) => {
    $("editor").classList.remove("dragging");
    if (!hasFiles(e)) return;
    e.preventDefault();
    droppedEntries(e.dataTransfer).then(loadFiles, (err) => setStatus(`Could not read the dropped files: ${err?.message ?? err}`, "error"));
  });
}

function wireActions() {
  $("open-file").addEventListener("click", () => $("file-input").click());
  $("file-input").addEventListener("change", (e) => {
    const files = [...(e.target.files ?? [])];
    loadFiles(files.map((file) => ({ path: file.webkitRelativePath || file.name, file })));
    e.target.value = "";
  });
  $("file-select").addEventListener("change", (e) => {
    if (!state.folder) return;
    state.folder.files.set(state.folder.current, editor.value);
    showFolderFile(e.target.value);
  });
  for (const btn of document.querySelectorAll("[data-example]")) {
    btn.addEventListener("click", () => {
      const ex = EXAMPLES[btn.dataset.example];
      if (ex) loadDocument(ex.text, { name: `Example: ${ex.title}` });
    });
  }
  $("kind-select").addEventListener("change", run);
  $("profile-select").addEventListener("change", run);
  $("fix-all").addEventListener("click", fixAll);
  $("undo").addEventListener("click", undo);
  $("copy-fixed").addEventListener("click", copyFixed);
  $("export-md").addEventListener("click", () => exportReport("md"));
  $("export-json").addEventListener("click", () => exportReport("json"));
  $("diagnostics-title").tabIndex = -1;
  const dialog = $("explain");
  $("explain-close").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => dialog.returnFocusTo?.focus());
  // A click on the backdrop (outside the dialog box) closes it too.
  dialog.addEventListener("click", (e) => {
    if (e.target === dialog) dialog.close();
  });
}

function wireConfig() {
  const input = $("config");
  input.addEventListener("input", () => {
    clearTimeout(state.configTimer);
    state.configTimer = setTimeout(checkConfig, CONFIG_DELAY_MS);
  });
  checkConfig();
}

function checkConfig() {
  const text = $("config").value;
  const status = $("config-status");
  state.configText = text;
  if (!text.trim()) {
    state.configOk = true;
    status.textContent = "No configuration: default settings are used.";
    status.className = "config-status";
  } else {
    const res = specmark.checkConfig(text);
    state.configOk = res.ok;
    if (res.ok) {
      status.textContent = "Configuration is valid and used for the results.";
      status.className = "config-status config-ok";
    } else {
      const where = res.line ? `Line ${res.line}, column ${res.column}: ` : "";
      status.textContent = `${where}${res.message}`;
      status.className = "config-status config-error";
    }
  }
  $("config").setAttribute("aria-invalid", state.configOk ? "false" : "true");
  if (state.rules.size) run();
}

function wireTheme() {
  const modes = ["auto", "light", "dark"];
  const btn = $("theme-toggle");
  let mode = "auto";
  try {
    mode = localStorage.getItem("specmark-theme") ?? "auto";
  } catch {
    // Storage can be disabled; the theme then follows the system.
  }
  const apply = () => {
    if (mode === "auto") delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = mode;
    btn.textContent = `Theme: ${mode}`;
    const desc = { auto: "follow the system", light: "light", dark: "dark" }[mode];
    btn.setAttribute("aria-label", `Theme: ${desc} (click to change)`);
  };
  if (!modes.includes(mode)) mode = "auto";
  apply();
  btn.addEventListener("click", () => {
    mode = modes[(modes.indexOf(mode) + 1) % modes.length];
    try {
      localStorage.setItem("specmark-theme", mode);
    } catch {
      // Not persisted; still applied for this visit.
    }
    apply();
  });
}

main();
