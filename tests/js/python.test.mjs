// The Python parser as a second wasm module (issue: snippet-syntax in every front end):
// loaded only when a document has python snippets to check, the same findings as the native
// CLI once loaded, and a clear info finding while it is not there or cannot load.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { NATIVE_CLI, ROOT } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const PRD = "# PRD: Checkout\n\n```python\n# VERIFIED: ran it\ndef total(items):\n    return sum(i.price for i in items)\n```\n\n```python\n# VERIFIED: ran it\ndef f(:\n    pass\n```\n";
const PLAIN = "# Tasks: Demo\n\n- [ ] T1 Write the code\n";

const syntax = (report) => report.diagnostics.filter((d) => d.name === "snippet-syntax");

function cliFindings(text, name) {
  const r = spawnSync(NATIVE_CLI, ["check", "--stdin", "--stdin-filename", name, "--format", "json"], { input: text });
  assert.ok(r.status === 0 || r.status === 1, String(r.stderr));
  return syntax(JSON.parse(r.stdout).files[0]).map(({ severity, message, range }) => ({ severity, message, range }));
}

/** A fresh instance of the Node engine without the wrapper (no parser handed in). */
function bareEngine() {
  const glue = require.resolve(join(ROOT, "pkg/node/specmark.js"));
  delete require.cache[glue];
  const engine = require(glue);
  delete require.cache[glue];
  return engine;
}

test("the package reports the CLI's python syntax error, range and message included", () => {
  const sm = require(join(ROOT, "js/node.cjs"));
  const got = syntax(sm.lint(PRD, { path: "prd.md" })).map(({ severity, message, range }) => ({ severity, message, range }));
  const want = cliFindings(PRD, "prd.md");
  assert.equal(want.length, 1, JSON.stringify(want));
  assert.equal(want[0].severity, "error");
  assert.deepEqual(got, want);
  assert.equal(sm.pythonPending(), false);
});

test("Node loads the parser module only when a document has python snippets to check", () => {
  const script = `
    const sm = require(${JSON.stringify(join(ROOT, "js/node.cjs"))});
    const loaded = () => Object.keys(require.cache).some((k) => k.endsWith("specmark_python.js"));
    sm.lint(${JSON.stringify(PLAIN)}, { path: "tasks.md" });
    const before = loaded();
    sm.lint(${JSON.stringify(PRD)}, { path: "prd.md" });
    console.log(JSON.stringify({ before, after: loaded() }));`;
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { before: false, after: true });
});

test("without the parser: one info finding that says why, and pythonPending() asks for it", () => {
  const sm = bareEngine();
  const first = syntax(sm.lint(PRD, { path: "prd.md" }));
  assert.equal(first.length, 1, JSON.stringify(first));
  assert.equal(first[0].severity, "info");
  assert.match(first[0].message, /not syntax-checked yet: the Python parser module is not loaded/);
  assert.equal(first[0].range.start.line, 2, "at the first python block's fence");
  assert.equal(sm.pythonPending(), true);
  assert.equal(sm.pythonPending(), false, "the flag is taken by the call");
  // A document without python never asks.
  sm.lint(PLAIN, { path: "tasks.md" });
  assert.equal(sm.pythonPending(), false);

  sm.setPythonStatus("loading");
  assert.match(syntax(sm.lint(PRD, { path: "prd.md" }))[0].message, /the Python parser module is loading/);
  sm.pythonPending();

  sm.setPythonStatus("network error");
  const failed = syntax(sm.lint(PRD, { path: "prd.md" }));
  assert.match(failed[0].message, /could not be loaded \(network error\)/);
  assert.equal(sm.pythonPending(), false, "a failure is not retried by the host on its own");

  // A parser that throws or answers nonsense: an info finding, never a crash.
  sm.setPythonParser({ parse() { throw new Error("boom"); } });
  assert.match(syntax(sm.lint(PRD, { path: "prd.md" }))[0].message, /could not be loaded \(boom\)/);
  sm.setPythonParser({ parse: () => "garbage" });
  assert.match(syntax(sm.lint(PRD, { path: "prd.md" }))[0].message, /answered "garbage"/);
  // An offset past the snippet is clamped into it.
  sm.setPythonParser({ parse: () => "99999\tbad" });
  const clamped = syntax(sm.lint(PRD, { path: "prd.md" }));
  assert.equal(clamped.length, 2);
  assert.ok(clamped.every((d) => d.severity === "error" && d.message.endsWith("bad")));
});

test("the web build: the info finding until loadPython(), then the CLI's finding", async () => {
  const web = await import(pathToFileURL(join(ROOT, "js/web.mjs")).href);
  web.initSync({ module: readFileSync(join(ROOT, "pkg/web/specmark_bg.wasm")) });
  const before = syntax(web.lint(PRD, { path: "prd.md" }));
  assert.equal(before.length, 1);
  assert.equal(before[0].severity, "info");
  assert.equal(web.pythonPending(), true);
  const loading = web.loadPython(readFileSync(join(ROOT, "pkg/python-web/specmark_python_bg.wasm")));
  assert.match(syntax(web.lint(PRD, { path: "prd.md" }))[0].message, /is loading/);
  await loading;
  assert.equal(web.loadPython(), loading, "loaded once");
  const got = syntax(web.lint(PRD, { path: "prd.md" })).map(({ severity, message, range }) => ({ severity, message, range }));
  assert.deepEqual(got, cliFindings(PRD, "prd.md"));
});
