// The language server over stdio, as an editor sees it: node:test + vscode-jsonrpc against
// the built dist/server.js (run `npm run build` first; scripts/test-vscode.sh does).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TextDocument } from "vscode-languageserver-textdocument";
import { LspClient, uriOf } from "./lsp-client.mjs";

const EMOJI_TASKS = [
  "# Tasks: Demo 🚀", //                                   line 0
  "",
  "Total Tasks: 3", //                                      line 2: claim-mismatch (2 tasks)
  "",
  '- [ ] 1. First 😀 task <invoke name="x">', //            line 4: agent-artifact
  "- [ ] 2. Second task",
  "",
  "<!-- specmark-disable-next-line agent-artifact -->", // line 7: unused-suppression
  "A clean line.",
  "",
].join("\n");

const range = (l1, c1, l2, c2) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const byCode = (p) => Object.fromEntries(p.diagnostics.map((d) => [d.code, d]));
const apply = (text, edits) => TextDocument.applyEdits(TextDocument.create("x", "markdown", 1, text), edits);
const editsOf = (action, uri) =>
  action.edit.documentChanges ? action.edit.documentChanges.find((c) => c.textDocument.uri === uri).edits : action.edit.changes[uri];

let root;
let client;

before(async () => {
  root = mkdtempSync(join(tmpdir(), "specmark-lsp-"));
  mkdirSync(join(root, "notes"));
  client = new LspClient({ root });
});

after(async () => {
  const code = await client.shutdown();
  assert.equal(code, 0, `server exit code; stderr: ${client.stderr}`);
  rmSync(root, { recursive: true, force: true });
});

test("initialize announces sync, code actions (fix all), hover and the fix-all command", async () => {
  const r = await client.initialize();
  assert.equal(r.serverInfo.name, "specmark");
  assert.equal(r.capabilities.textDocumentSync.change, 2);
  assert.deepEqual(r.capabilities.codeActionProvider.codeActionKinds, ["quickfix", "source.fixAll.specmark"]);
  assert.equal(r.capabilities.hoverProvider, true);
  assert.deepEqual(r.capabilities.executeCommandProvider.commands, ["specmark.applyFixAll"]);
  // The server asks to watch Markdown files and configurations (for cross-document refresh).
  await client.waitFor(() => client.registrations.find((x) => x.method === "workspace/didChangeWatchedFiles"), "watch registration");
});

test("didOpen publishes findings with exact UTF-16 ranges, rule name as code, doc links, severities", async () => {
  const uri = client.open(join(root, "notes", "tasks.md"), EMOJI_TASKS);
  const p = await client.nextDiagnostics(uri, 0);
  assert.equal(p.version, 1);
  const d = byCode(p);
  assert.deepEqual(Object.keys(d).sort(), ["agent-artifact", "claim-mismatch", "unused-suppression"]);
  // "- [ ] 1. First " is 15 code units, 😀 two more, " task " six: 23 (bytes would say 25, chars 22).
  assert.deepEqual(d["agent-artifact"].range, range(4, 23, 4, 40));
  assert.equal(d["agent-artifact"].severity, 1);
  assert.equal(d["agent-artifact"].source, "specmark");
  assert.equal(d["agent-artifact"].codeDescription.href, "specmark-rule:agent-artifact");
  assert.match(d["agent-artifact"].message, /<invoke name="x">/);
  assert.deepEqual(d["claim-mismatch"].range, range(2, 13, 2, 14));
  assert.equal(d["claim-mismatch"].severity, 2);
  assert.deepEqual(d["unused-suppression"].range, range(7, 0, 7, 50));
  const status = await client.waitFor(() => client.status.get(uri), "status");
  assert.equal(status.linted, true);
  assert.equal(status.kind, "tasks");
  assert.equal(status.profile, "generic-tasks");
  assert.match(status.profileReason, /^generic task list: /);
  assert.equal(typeof status.score, "number");
  assert.ok(status.score < 100);
});

test("didChange re-lints: an incremental edit before a finding moves it, fixing it removes it", async () => {
  const uri = uriOf(join(root, "notes", "tasks.md"));
  let n = client.count(uri);
  // Insert another emoji at the start of line 4: the finding moves by 2 UTF-16 units.
  const v2 = client.change(uri, [{ range: range(4, 0, 4, 0), text: "🎉" }]);
  let p = await client.nextDiagnostics(uri, n);
  assert.equal(p.version, v2);
  assert.deepEqual(byCode(p)["agent-artifact"].range, range(4, 25, 4, 42));
  n = client.count(uri);
  // Delete the leaked markup (and the space before it).
  const v3 = client.change(uri, [{ range: range(4, 24, 4, 42), text: "" }]);
  p = await client.nextDiagnostics(uri, n);
  assert.equal(p.version, v3);
  assert.equal(byCode(p)["agent-artifact"], undefined);
  assert.ok(byCode(p)["claim-mismatch"]);
});

test("code actions: the rule's fix (preferred when safe) and both disable actions, with exact edits", async () => {
  const path = join(root, "notes", "actions", "tasks.md");
  const uri = client.open(path, EMOJI_TASKS);
  const p = await client.nextDiagnostics(uri, 0);
  const claim = byCode(p)["claim-mismatch"];
  const actions = await client.request("textDocument/codeAction", {
    textDocument: { uri },
    range: claim.range,
    context: { diagnostics: [claim] },
  });
  const titles = actions.map((a) => a.title);
  assert.deepEqual(titles.slice(1), ["Disable claim-mismatch for this line", "Disable claim-mismatch for this file"]);
  const fix = actions[0];
  assert.equal(fix.kind, "quickfix");
  assert.equal(fix.isPreferred, true);
  assert.deepEqual(editsOf(fix, uri), [{ range: range(2, 13, 2, 14), newText: "2" }]);
  assert.equal(fix.edit.documentChanges[0].textDocument.version, 1);
  assert.deepEqual(editsOf(actions[1], uri), [
    { range: range(2, 0, 2, 0), newText: "<!-- specmark-disable-next-line claim-mismatch -->\n" },
  ]);
  assert.deepEqual(editsOf(actions[2], uri), [
    { range: range(0, 0, 0, 0), newText: "<!-- specmark-disable-file claim-mismatch -->\n" },
  ]);

  // The unused suppression's fix deletes its whole line.
  const unused = byCode(p)["unused-suppression"];
  const [removal] = await client.request("textDocument/codeAction", {
    textDocument: { uri },
    range: unused.range,
    context: { diagnostics: [unused] },
  });
  assert.deepEqual(editsOf(removal, uri), [{ range: range(7, 0, 8, 0), newText: "" }]);

  // Applying the fix makes the finding go away.
  const n = client.count(uri);
  client.change(uri, apply(EMOJI_TASKS, editsOf(fix, uri)));
  const after = await client.nextDiagnostics(uri, n);
  assert.equal(byCode(after)["claim-mismatch"], undefined);
  assert.ok(byCode(after)["agent-artifact"]);
});

test("disable comments keep CRLF, indentation and block quotes, go after front matter, and work", async () => {
  const text = [
    "---",
    "title: Demo",
    "---",
    "# Tasks: Demo",
    "",
    "- [ ] 1. One",
    '  continued <invoke name="x">',
    "",
    '> quoted <parameter name="y">',
    "",
  ].join("\r\n");
  const uri = client.open(join(root, "notes", "crlf", "tasks.md"), text);
  const p = await client.nextDiagnostics(uri, 0);
  const [indented, quoted] = p.diagnostics.filter((d) => d.code === "agent-artifact");
  assert.deepEqual(indented.range.start, { line: 6, character: 12 });
  const a1 = await client.request("textDocument/codeAction", {
    textDocument: { uri },
    range: indented.range,
    context: { diagnostics: [indented] },
  });
  const line = editsOf(a1.find((a) => a.title.endsWith("this line")), uri);
  assert.deepEqual(line, [{ range: range(6, 0, 6, 0), newText: "  <!-- specmark-disable-next-line agent-artifact -->\r\n" }]);
  const file = editsOf(a1.find((a) => a.title.endsWith("this file")), uri);
  assert.deepEqual(file, [{ range: range(3, 0, 3, 0), newText: "<!-- specmark-disable-file agent-artifact -->\r\n" }]);
  const a2 = await client.request("textDocument/codeAction", {
    textDocument: { uri },
    range: quoted.range,
    context: { diagnostics: [quoted] },
  });
  assert.deepEqual(editsOf(a2.find((a) => a.title.endsWith("this line")), uri), [
    { range: range(8, 0, 8, 0), newText: "> <!-- specmark-disable-next-line agent-artifact -->\r\n" },
  ]);

  // Both line suppressions silence exactly their findings, and neither is reported unused.
  let n = client.count(uri);
  const both = apply(text, [...line, ...editsOf(a2.find((a) => a.title.endsWith("this line")), uri)]);
  client.change(uri, both);
  let after = await client.nextDiagnostics(uri, n);
  assert.deepEqual(after.diagnostics.map((d) => d.code), []);
  // The file suppression alone silences both.
  n = client.count(uri);
  client.change(uri, apply(text, file));
  after = await client.nextDiagnostics(uri, n);
  assert.deepEqual(after.diagnostics.map((d) => d.code), []);
});

test("source.fixAll.specmark and the fix-all command apply every safe fix", async () => {
  const uri = client.open(join(root, "notes", "fixall", "tasks.md"), EMOJI_TASKS);
  await client.nextDiagnostics(uri, 0);
  const actions = await client.request("textDocument/codeAction", {
    textDocument: { uri },
    range: range(0, 0, 0, 0),
    context: { diagnostics: [], only: ["source.fixAll"] },
  });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, "source.fixAll.specmark");
  const fixed = apply(EMOJI_TASKS, editsOf(actions[0], uri));
  assert.match(fixed, /^Total Tasks: 2$/m);
  assert.doesNotMatch(fixed, /specmark-disable-next-line/);
  assert.match(fixed, /<invoke name="x">/, "agent-artifact has no fix; the markup stays");
  // A quick-fix-only request does not include it.
  const quick = await client.request("textDocument/codeAction", {
    textDocument: { uri },
    range: range(0, 0, 0, 0),
    context: { diagnostics: [], only: ["quickfix"] },
  });
  assert.ok(quick.every((a) => a.kind === "quickfix"));

  const r = await client.request("workspace/executeCommand", { command: "specmark.applyFixAll", arguments: [uri] });
  assert.deepEqual(r, { applied: true });
  const edit = client.applied.at(-1).edit;
  assert.equal(apply(EMOJI_TASKS, editsOf({ edit }, uri)), fixed);
});

test("hover on a flagged range explains the rule; elsewhere nothing", async () => {
  const uri = uriOf(join(root, "notes", "fixall", "tasks.md"));
  const h = await client.request("textDocument/hover", { textDocument: { uri }, position: { line: 4, character: 30 } });
  assert.equal(h.contents.kind, "markdown");
  assert.match(h.contents.value, /\*\*specmark agent-artifact\*\* \(SM005, error\)/);
  assert.match(h.contents.value, /delete the markup and rejoin/);
  assert.match(h.contents.value, /\*\*What it does\*\*/);
  assert.deepEqual(h.range, range(4, 23, 4, 40));
  const none = await client.request("textDocument/hover", { textDocument: { uri }, position: { line: 0, character: 3 } });
  assert.equal(none, null);
});

test("score report and rule documentation requests", async () => {
  const uri = uriOf(join(root, "notes", "fixall", "tasks.md"));
  const report = await client.request("specmark/report", { uri });
  assert.match(report, /^# specmark report: notes\/fixall\/tasks\.md/);
  assert.match(report, /\| structure \| 75 \| 25 \| agent-artifact ×1 \(−25\) \|/);
  assert.match(report, /- line 5: agent tool-call markup `<invoke name="x">` leaked/);
  const doc = await client.request("specmark/ruleDoc", { name: "claim-mismatch" });
  assert.match(doc, /^# claim-mismatch \(SM007\)/);
  assert.equal(await client.request("specmark/ruleDoc", { name: "no-such-rule" }), null);
});

test("plain Markdown is not linted unless lintAllMarkdown is set", async () => {
  const uri = client.open(join(root, "notes", "README.md"), '# Readme\n\n<invoke name="x">\n');
  const p = await client.nextDiagnostics(uri, 0);
  assert.deepEqual(p.diagnostics, []);
  const status = await client.waitFor(() => client.status.get(uri), "status");
  assert.equal(status.linted, false);
});

test("malformed input: garbage, a bad header and invalid JSON are dropped; the next request is answered", async () => {
  const stdin = client.child.stdin;
  const write = (s) => new Promise((r) => stdin.write(s, r));
  await write("garbage bytes \x00\xff without any header");
  await write("Content-Type: nope\r\n\r\n");
  const bad = '{"jsonrpc": "2.0", "id": 999, "method": "initialize", ';
  await write(`Content-Length: ${Buffer.byteLength(bad)}\r\n\r\n${bad}`);
  await write("\r\n\r\nmore garbage");
  const info = await client.request("specmark/serverInfo");
  await client.waitFor(() => client.logs.some((l) => /dropped \d+ bytes/.test(l)), "a log of the dropped bytes");
  assert.match(info.version, /^\d+\.\d+\.\d+/);
  assert.ok(info.rules >= 7);
  // And the documents still lint.
  const uri = uriOf(join(root, "notes", "tasks.md"));
  const n = client.count(uri);
  client.change(uri, EMOJI_TASKS);
  const p = await client.nextDiagnostics(uri, n);
  assert.ok(byCode(p)["agent-artifact"]);
});

test("a 20 MB file gets one info diagnostic, fast", async () => {
  const big = "# Tasks: Big\n\n" + "- [ ] 1. a line of text that repeats\n".repeat(560_000);
  assert.ok(big.length > 20_000_000);
  const t0 = performance.now();
  const uri = client.open(join(root, "notes", "big", "tasks.md"), big);
  const p = await client.nextDiagnostics(uri, 0, undefined, 20_000);
  const ms = performance.now() - t0;
  assert.equal(p.diagnostics.length, 1);
  assert.equal(p.diagnostics[0].code, "file-too-large");
  assert.equal(p.diagnostics[0].severity, 3);
  assert.ok(ms < 5000, `took ${ms} ms`);
  const info = await client.request("specmark/serverInfo");
  assert.ok(info.rules > 0);
  client.close(uri);
});

test("rapid edits: versions never go backwards and the last publish is for the last version", async () => {
  const uri = client.open(join(root, "notes", "rapid", "tasks.md"), EMOJI_TASKS);
  await client.nextDiagnostics(uri, 0);
  const start = client.count(uri);
  let last = 1;
  for (let i = 0; i < 60; i++) {
    last = client.change(uri, i % 2 === 0 ? EMOJI_TASKS.replace("<invoke", "<ınvoke") : EMOJI_TASKS);
  }
  const final = await client.nextDiagnostics(uri, start, (p) => p.version === last);
  const versions = client.published.get(uri).slice(start).map((p) => p.version);
  for (let i = 1; i < versions.length; i++) assert.ok(versions[i] > versions[i - 1], `versions ${versions}`);
  // The last text (i = 59, odd) is the original: the markup is there.
  assert.ok(byCode(final)["agent-artifact"]);
});
