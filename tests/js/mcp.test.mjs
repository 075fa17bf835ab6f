// `specmark mcp` driven by the official MCP TypeScript SDK's client over stdio, as Claude
// Code, Cursor or VS Code would: the tools, their answers compared with the native CLI,
// tool errors for bad arguments, and a server that keeps serving after them (and after a
// malformed message).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { NATIVE_CLI, ROOT } from "./helpers.mjs";

const CLI = join(ROOT, "js", "cli.mjs");
let work;
let client;

function nativeJson(args) {
  const r = spawnSync(NATIVE_CLI, ["check", "-f", "json", ...args], { cwd: work, encoding: "utf8" });
  return JSON.parse(r.stdout);
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), "specmark-mcp-"));
  cpSync(join(ROOT, "examples", "speckit", "specs"), join(work, "specs"), { recursive: true });
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, "mcp"], cwd: work, stderr: "pipe" });
  client = new Client({ name: "specmark-test", version: "1.0.0" });
  await client.connect(transport);
});

after(async () => {
  await client?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const call = (name, args) => client.callTool({ name, arguments: args });

test("the server lists the five tools with their input schemas", async () => {
  const { tools } = await client.listTools();
  assert.deepStrictEqual(tools.map((t) => t.name), ["lint", "lint_workspace", "fix", "explain_rule", "list_rules"]);
  for (const t of tools) assert.equal(t.inputSchema.type, "object", t.name);
  assert.equal(client.getServerVersion().name, "specmark");
});

test("lint by path: the findings of `specmark check FILE`, with the score and the profile", async () => {
  const path = "specs/012-team-invites/spec.md";
  const r = await call("lint", { path });
  assert.ok(!r.isError, r.content?.[0]?.text);
  const got = r.structuredContent;
  const want = nativeJson([path]).files[0];
  assert.equal(got.profile, want.profile);
  assert.equal(got.profileReason, want.profileReason);
  assert.equal(got.score, want.score);
  assert.deepStrictEqual(got.categories, want.categories);
  const key = (d) => `${d.range.start.line}:${d.range.start.character} ${d.rule ?? d.name} ${d.message}`;
  assert.deepStrictEqual(got.findings.map(key), want.diagnostics.map(key));
  assert.ok(got.findings.some((f) => f.rule === "uncovered-requirement"), "cross-document findings of the folder");
  assert.deepStrictEqual(JSON.parse(r.content[0].text), got);
});

test("lint by text: a PRD pasted by an agent", async () => {
  const text = "# PRD: Export\n\n## Problem\n\nTBD\n\n## Correctn<function_calls>\n";
  const r = await call("lint", { text, kind: "prd" });
  assert.ok(!r.isError);
  assert.equal(r.structuredContent.kind, "prd");
  assert.ok(r.structuredContent.findings.some((f) => f.rule === "agent-artifact" && f.line === 7));
});

test("lint_workspace: every document of a folder, as `specmark check FOLDER` reports them", async () => {
  const r = await call("lint_workspace", { folder: "specs" });
  assert.ok(!r.isError, r.content?.[0]?.text);
  const want = nativeJson(["specs"]);
  assert.deepStrictEqual(
    r.structuredContent.files.map((f) => [f.path, f.score, f.findings.length]),
    want.files.map((f) => [f.path, f.score, f.diagnostics.length]),
  );
  assert.ok(r.structuredContent.totals.error >= 1);
});

test("fix returns the fixed text and writes only when asked to, as `check --fix` would", async () => {
  const doc = "# Weather notes\n\n<!-- specmark-disable-next-line agent-artifact -->\nNothing leaked here.\n";
  writeFileSync(join(work, "notes.md"), doc);
  const r = await call("fix", { path: "notes.md" });
  assert.ok(!r.isError, r.content?.[0]?.text);
  assert.equal(r.structuredContent.changed, true);
  assert.equal(r.structuredContent.written, false);
  assert.deepStrictEqual(r.structuredContent.fixes.map((f) => f.rule), ["unused-suppression"]);
  assert.equal(readFileSync(join(work, "notes.md"), "utf8"), doc, "not written without write: true");
  const w = await call("fix", { path: "notes.md", write: true });
  assert.equal(w.structuredContent.written, true);
  const written = readFileSync(join(work, "notes.md"), "utf8");
  assert.equal(written, r.structuredContent.text);
  writeFileSync(join(work, "native.md"), doc);
  spawnSync(NATIVE_CLI, ["check", "--all-markdown", "--fix", "native.md"], { cwd: work });
  assert.equal(written, readFileSync(join(work, "native.md"), "utf8"));
});

test("explain_rule and list_rules", async () => {
  const e = await call("explain_rule", { rule: "SM005" });
  assert.match(e.content[0].text, /^# SM005 agent-artifact/);
  const l = await call("list_rules", {});
  assert.ok(l.structuredContent.rules.length >= 50);
  assert.ok(l.structuredContent.rules.some((r) => r.name === "dependency-cycle"));
});

test("bad arguments are tool errors with a clear message, and the server goes on", async () => {
  const cases = [
    ["lint", {}, /give the document as `text`, or a `path`/],
    ["lint", { txt: "x" }, /unknown argument "txt"; expected text, path/],
    ["lint", { text: 42 }, /argument "text" must be a string, not number/],
    ["lint", { path: "nowhere.md" }, /nowhere\.md: cannot read: no such file or folder/],
    ["lint", { path: "specs" }, /is a folder, not a file/],
    ["lint", { text: "# x", kind: "novel" }, /unknown kind "novel"/],
    ["lint", { text: "# x", config: "[rules.nope]\nseverity = 1" }, /invalid config/],
    ["lint_workspace", { folder: "missing" }, /missing: no such file or folder/],
    ["fix", { text: "# x", write: true }, /`write: true` needs the `path`/],
    ["explain_rule", { rule: "dependency-cycl" }, /did you mean "dependency-cycle"/],
    ["explain_rule", {}, /argument "rule" is required/],
    ["frobnicate", {}, /unknown tool "frobnicate"/],
  ];
  for (const [name, args, message] of cases) {
    const r = await call(name, args);
    assert.equal(r.isError, true, `${name} ${JSON.stringify(args)}`);
    assert.match(r.content[0].text, message, `${name} ${JSON.stringify(args)}`);
  }
  writeFileSync(join(work, "binary.md"), Buffer.from([0x23, 0xff, 0xfe]));
  const b = await call("lint", { path: "binary.md" });
  assert.equal(b.isError, true);
  assert.match(b.content[0].text, /not UTF-8 text/);
  const ok = await call("lint", { text: "# Notes\n\nFine.\n" });
  assert.ok(!ok.isError);
});

test("a malformed message gets a JSON-RPC error and the server answers the next request", async () => {
  const child = spawn(process.execPath, [CLI, "mcp"], { cwd: work, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  const lines = () => out.split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const until = async (pred) => {
    for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 25));
  };
  child.stdin.write("{ this is not json\n");
  child.stdin.write('{"jsonrpc":"2.0","id":1,"method":"no/such/method"}\n');
  child.stdin.write(
    JSON.stringify({ jsonrpc: "2.0", id: 2, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } } }) + "\n",
  );
  await until(() => lines().some((m) => m.id === 2));
  child.stdin.end();
  await new Promise((r) => child.on("close", r));
  const msgs = lines();
  assert.equal(msgs.find((m) => m.id === 1)?.error?.code, -32601, out);
  assert.equal(msgs.find((m) => m.id === 2)?.result?.serverInfo?.name, "specmark", out);
});
