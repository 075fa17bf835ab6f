// Cross-document findings refresh when a sibling changes (open or only on disk), and a
// wasm trap is survived: the module is re-instantiated and the document re-linted.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LspClient, uriOf } from "./lsp-client.mjs";

const RECOVERY = [
  "# Session Recovery: demo",
  "",
  "**Last Updated**: 2025-01-01",
  "",
  "## Progress",
  "",
  "- Total Tasks: 2",
  "- Completed: 1",
  "",
].join("\n");
const TASKS_2 = "# Tasks: demo\n\n- [x] 1. One\n- [ ] 2. Two\n";
const TASKS_3 = `${TASKS_2}- [ ] 3. Three\n`;
const claims = (p) => p.diagnostics.filter((d) => d.code === "claim-mismatch");

let root;
let folder;
let client;

before(async () => {
  root = mkdtempSync(join(tmpdir(), "specmark-ws-"));
  folder = join(root, "specs", "active", "demo");
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "tasks.md"), TASKS_2);
  writeFileSync(join(folder, "recovery.md"), RECOVERY);
  client = new LspClient({ root });
  await client.initialize();
});

after(async () => {
  await client.shutdown();
  rmSync(root, { recursive: true, force: true });
});

test("a sibling changed on disk (not open) refreshes the open document's cross-document findings", async () => {
  const recovery = client.open(join(folder, "recovery.md"), RECOVERY);
  const first = await client.nextDiagnostics(recovery, 0);
  assert.deepEqual(claims(first), [], "tasks.md on disk has the 2 tasks the note claims");
  writeFileSync(join(folder, "tasks.md"), TASKS_3);
  const n = client.count(recovery);
  await client.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(join(folder, "tasks.md")), type: 2 }] });
  const p = await client.nextDiagnostics(recovery, n);
  const [c] = claims(p);
  assert.match(c.message, /says 2, but `tasks\.md` has 3 tasks/);
  assert.deepEqual(c.range, { start: { line: 6, character: 15 }, end: { line: 6, character: 16 } });
});

test("editing an open sibling refreshes the other open document at once, without saving", async () => {
  const recovery = uriOf(join(folder, "recovery.md"));
  const tasks = client.open(join(folder, "tasks.md"), TASKS_3);
  await client.nextDiagnostics(tasks, 0);
  const n = client.count(recovery);
  client.change(tasks, TASKS_2); // the editor's text, not the disk's (which still has 3 tasks)
  const p = await client.nextDiagnostics(recovery, n, (x) => claims(x).length === 0);
  assert.deepEqual(claims(p), []);
  // Closing it makes the disk version count again.
  const m = client.count(recovery);
  client.close(tasks);
  const q = await client.nextDiagnostics(recovery, m, (x) => claims(x).length === 1);
  assert.equal(claims(q).length, 1);
});

test("Spec Kit and OpenSpec feature folders are linted together, as the CLI does", async () => {
  // A Spec Kit feature: the open task list's citation is resolved against spec.md on disk.
  const feature = join(root, "specs", "004-reports");
  mkdirSync(feature, { recursive: true });
  writeFileSync(join(feature, "spec.md"), "# Feature Specification: Reports\n\n- **FR-001**: System MUST total sales.\n");
  const tasks = client.open(join(feature, "tasks.md"), "# Tasks\n\n- [ ] T001 Totals in src/t.py (FR-001)\n- [ ] T002 Mail in src/m.py (FR-009)\n");
  const p = await client.nextDiagnostics(tasks, 0);
  const unknown = p.diagnostics.filter((d) => d.code === "unknown-requirement");
  assert.equal(unknown.length, 1, JSON.stringify(p.diagnostics));
  assert.equal(unknown[0].range.start.line, 3);
  // An OpenSpec change's delta is read with the current spec outside the change folder.
  const current = join(root, "openspec", "specs", "auth");
  const change = join(root, "openspec", "changes", "limits", "specs", "auth");
  mkdirSync(current, { recursive: true });
  mkdirSync(change, { recursive: true });
  writeFileSync(join(current, "spec.md"), "# auth Specification\n\n## Purpose\n\nSign-in.\n\n## Requirements\n\n### Requirement: Password sign-in\n\nThe system SHALL sign users in.\n\n#### Scenario: ok\n\n- **WHEN** a\n- **THEN** b\n");
  const delta = client.open(join(change, "spec.md"), "## MODIFIED Requirements\n\n### Requirement: Password login\n\nThe system SHALL lock accounts.\n\n#### Scenario: lock\n\n- **WHEN** a\n- **THEN** b\n");
  const q = await client.nextDiagnostics(delta, 0);
  const shape = q.diagnostics.filter((d) => d.code === "delta-shape");
  assert.equal(shape.length, 1, JSON.stringify(q.diagnostics));
  assert.match(shape[0].message, /not in .*openspec\/specs\/auth\/spec\.md/);
});

test("a wasm trap re-creates the instance and the document is still linted", async () => {
  const trapping = new LspClient({ root, env: { SPECMARK_LSP_FAILPOINT: "trap:TRAP-MARKER" } });
  try {
    await trapping.initialize();
    const before = await trapping.request("specmark/serverInfo");
    assert.equal(before.wasmInstances, 1);
    const uri = trapping.open(join(root, "notes", "tasks.md"), '# Tasks: x\n\nTRAP-MARKER\n\n- [ ] 1. a <invoke name="x">\n');
    const p = await trapping.nextDiagnostics(uri, 0);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ["agent-artifact"]);
    const info = await trapping.request("specmark/serverInfo");
    assert.equal(info.wasmInstances, 2, "re-instantiated once");
    assert.ok(trapping.logs.some((l) => /trapped in lint .*re-instantiating/.test(l)), trapping.logs.join("\n"));
    // The fresh instance keeps working for later edits.
    const n = trapping.count(uri);
    trapping.change(uri, "# Tasks: x\n\n- [ ] 1. a\n");
    const q = await trapping.nextDiagnostics(uri, n);
    assert.deepEqual(q.diagnostics, []);
  } finally {
    await trapping.shutdown();
  }
});
