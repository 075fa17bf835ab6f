// Settings and `.specmark.toml`: severity overrides, kind globs, lint-all-Markdown, enable,
// reloading a changed configuration file, and configuration errors as diagnostics.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LspClient, uriOf } from "./lsp-client.mjs";

const DOC = ["# Tasks: Demo", "", "- [ ] 1. One <invoke name=\"x\">", "- [ ] 2. Two", ""].join("\n");
const severityOf = (p, code) => p.diagnostics.find((d) => d.code === code)?.severity;

let root;
let client;
let uri;
const configFile = () => join(root, ".specmark.toml");

/** Tell the server a watched file changed (what an editor's file watcher does). */
function watched(path, type = 2) {
  return client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(path), type }] });
}

before(async () => {
  root = mkdtempSync(join(tmpdir(), "specmark-cfg-"));
  mkdirSync(join(root, "docs"));
  client = new LspClient({ root });
  await client.initialize();
  uri = client.open(join(root, "docs", "tasks.md"), DOC);
  const p = await client.nextDiagnostics(uri, 0);
  assert.equal(severityOf(p, "agent-artifact"), 1);
});

after(async () => {
  await client.shutdown();
  rmSync(root, { recursive: true, force: true });
});

test("a new .specmark.toml is picked up when its watcher fires", async () => {
  writeFileSync(configFile(), '[rules.agent-artifact]\nseverity = "warning"\n');
  const n = client.count(uri);
  await watched(configFile(), 1);
  const p = await client.nextDiagnostics(uri, n);
  assert.equal(severityOf(p, "agent-artifact"), 2);
});

test("a changed .specmark.toml is reloaded", async () => {
  writeFileSync(configFile(), '[rules.agent-artifact]\nseverity = "info"\n');
  const n = client.count(uri);
  await watched(configFile());
  const p = await client.nextDiagnostics(uri, n);
  assert.equal(severityOf(p, "agent-artifact"), 3);
});

test("an invalid .specmark.toml is a diagnostic on that file (line/column); linting goes on", async () => {
  writeFileSync(configFile(), '# comment\n[rules.agent-artifact]\nseverity = "loud"\n');
  const cfgUri = uriOf(configFile());
  const n = client.count(uri);
  const before = client.count(cfgUri);
  await watched(configFile());
  const c = await client.nextDiagnostics(cfgUri, before, (p) => p.diagnostics.length > 0);
  assert.equal(c.diagnostics.length, 1);
  const d = c.diagnostics[0];
  assert.equal(d.code, "invalid-config");
  assert.equal(d.severity, 1);
  assert.equal(d.range.start.line, 2);
  assert.equal(d.range.start.character, 11);
  assert.match(d.message, /invalid severity "loud"/);
  // The document is linted with the defaults meanwhile.
  const p = await client.nextDiagnostics(uri, n);
  assert.equal(severityOf(p, "agent-artifact"), 1);
  // Fixing the file clears its diagnostic.
  writeFileSync(configFile(), '[rules.agent-artifact]\nseverity = "warning"\n');
  const fixedAt = client.count(cfgUri);
  const docAt = client.count(uri);
  await watched(configFile());
  const cleared = await client.nextDiagnostics(cfgUri, fixedAt);
  assert.deepEqual(cleared.diagnostics, []);
  const relinted = await client.nextDiagnostics(uri, docAt);
  assert.equal(severityOf(relinted, "agent-artifact"), 2);
});

test("editor settings override the file: specmark.rules severity and off", async () => {
  client.settings = { rules: { "agent-artifact": "error" } };
  let n = client.count(uri);
  await client.notify("workspace/didChangeConfiguration", { settings: null });
  let p = await client.nextDiagnostics(uri, n, (x) => severityOf(x, "agent-artifact") === 1);
  assert.equal(severityOf(p, "agent-artifact"), 1, "the setting beats the file's warning");
  client.settings = { rules: { "agent-artifact": "off", "no-such-rule": "off" } };
  n = client.count(uri);
  await client.notify("workspace/didChangeConfiguration", { settings: null });
  p = await client.nextDiagnostics(uri, n, (x) => severityOf(x, "agent-artifact") === undefined);
  assert.deepEqual(p.diagnostics, []);
  assert.ok(client.logs.some((l) => /unknown rule "no-such-rule"/.test(l)));
});

test("specmark.kinds and specmark.lintAllMarkdown decide which files are linted", async () => {
  client.settings = {};
  await client.notify("workspace/didChangeConfiguration", { settings: null });
  const notes = client.open(join(root, "docs", "notes.md"), '# Notes\n\n<invoke name="x">\n');
  let p = await client.nextDiagnostics(notes, 0);
  assert.deepEqual(p.diagnostics, [], "plain Markdown is skipped by default");
  client.settings = { kinds: { "docs/notes.md": "research" } };
  let n = client.count(notes);
  await client.notify("workspace/didChangeConfiguration", { settings: null });
  p = await client.nextDiagnostics(notes, n, (x) => x.diagnostics.length > 0);
  assert.ok(p.diagnostics.some((d) => d.code === "agent-artifact"));
  const status = await client.waitFor(() => client.status.get(notes)?.kind === "research" && client.status.get(notes), "kind");
  assert.equal(status.linted, true);
  client.settings = { lintAllMarkdown: true };
  n = client.count(notes);
  await client.notify("workspace/didChangeConfiguration", { settings: null });
  p = await client.nextDiagnostics(notes, n);
  assert.ok(p.diagnostics.some((d) => d.code === "agent-artifact"));
});

test("specmark.enable false clears everything; true brings it back", async () => {
  client.settings = { enable: false };
  let n = client.count(uri);
  await client.notify("workspace/didChangeConfiguration", { settings: null });
  let p = await client.nextDiagnostics(uri, n, (x) => x.diagnostics.length === 0);
  assert.equal(client.latest(uri).diagnostics.length, 0);
  client.settings = {};
  n = client.count(uri);
  await client.notify("workspace/didChangeConfiguration", { settings: null });
  p = await client.nextDiagnostics(uri, n, (x) => x.diagnostics.length > 0);
  assert.equal(severityOf(p, "agent-artifact"), 2);
});

test("specmark.configPath and the config's exclude globs", async () => {
  const custom = join(root, "custom.toml");
  writeFileSync(custom, 'exclude = ["docs/skip-*.md"]\n[rules.agent-artifact]\nseverity = "info"\n');
  client.settings = { configPath: "custom.toml" };
  let n = client.count(uri);
  await client.notify("workspace/didChangeConfiguration", { settings: null });
  const p = await client.nextDiagnostics(uri, n, (x) => severityOf(x, "agent-artifact") === 3);
  assert.ok(p);
  const skipped = client.open(join(root, "docs", "skip-tasks.md"), "# Tasks: x\n\n- [ ] 1. a <invoke name=\"x\">\n");
  const s = await client.nextDiagnostics(skipped, 0);
  assert.deepEqual(s.diagnostics, [], "excluded by the glob");
  // The custom file is watched too: editing it applies.
  writeFileSync(custom, '[rules.agent-artifact]\nseverity = "warning"\n');
  n = client.count(skipped);
  await watched(custom);
  const back = await client.nextDiagnostics(skipped, n);
  assert.equal(severityOf(back, "agent-artifact"), 2);
  unlinkSync(custom);
});

test("clients without workspace/configuration pass settings in initializationOptions", async () => {
  const other = new LspClient({ root, pull: false, settings: { rules: { "agent-artifact": "info" } } });
  try {
    await other.initialize();
    const u = other.open(join(root, "docs", "other", "tasks.md"), DOC);
    const p = await other.nextDiagnostics(u, 0);
    assert.equal(severityOf(p, "agent-artifact"), 3);
    const n = other.count(u);
    await other.notify("workspace/didChangeConfiguration", { settings: { specmark: { rules: { "agent-artifact": "off" } } } });
    const q = await other.nextDiagnostics(u, n);
    assert.equal(severityOf(q, "agent-artifact"), undefined);
  } finally {
    await other.shutdown();
  }
});

test("Helix-style initializationOptions ({ specmark }) and a custom rule documentation URL", async () => {
  const other = new LspClient({
    root,
    pull: false,
    init: { specmark: { rules: { "agent-artifact": "warning" } }, ruleDocsUrl: "https://example.invalid/rules.md#{name}-{code}" },
  });
  try {
    await other.initialize();
    const u = other.open(join(root, "docs", "helix", "tasks.md"), DOC);
    const p = await other.nextDiagnostics(u, 0);
    const d = p.diagnostics.find((x) => x.code === "agent-artifact");
    assert.equal(d.severity, 2);
    assert.equal(d.codeDescription.href, "https://example.invalid/rules.md#agent-artifact-SM005");
  } finally {
    await other.shutdown();
  }
});
