// The built wasm package (pkg/, through the package's own `exports`) against the native
// library: every fixture gives the same reports, positions included; errors are clear JS
// Errors; rules() covers the registry. Run by scripts/test-wasm.sh, which builds pkg/ and
// the native reference first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as specmark from "specmark";
import { ROOT, FIXTURES, native, fixtureGroups, allPaths } from "./helpers.mjs";

const { lint, lintWorkspace, fix, rules, kinds, checkConfig, version } = specmark;
const read = (p) => readFileSync(p, "utf8");
const groups = fixtureGroups();

test("the fixtures exist (the comparison below is not vacuous)", () => {
  const n = groups.singles.reduce((a, g) => a + g.files.length, 0);
  assert.ok(n >= 1, "no fixtures under tests/fixtures");
});

test("lint() equals the native report for every fixture", async (t) => {
  let compared = 0;
  for (const g of groups.singles) {
    const args = g.config ? ["--config", g.config.path, ...g.files] : g.files;
    const want = native(args, FIXTURES);
    assert.equal(want.length, g.files.length);
    g.files.forEach((rel, i) => {
      const got = lint(read(join(FIXTURES, rel)), { path: rel, config: g.config?.text });
      assert.deepStrictEqual(got, want[i], `${rel}: wasm and native reports differ`);
      compared++;
    });
  }
  t.diagnostic(`${compared} fixtures compared`);
});

test("lintWorkspace() equals the native workspace lint for every workspace fixture", async (t) => {
  let compared = 0;
  for (const g of groups.workspaces) {
    const files = Object.fromEntries(g.files.map((rel) => [rel, read(join(g.root, rel))]));
    const known = allPaths(g.root);
    const args = ["--workspace", "--known-from", "."];
    if (g.config) args.push("--config", g.config.path);
    const want = native([...args, ...g.files], g.root);
    const got = lintWorkspace(files, { config: g.config?.text, knownPaths: known });
    assert.deepStrictEqual(got, want, `${g.root}: wasm and native workspace reports differ`);
    compared += g.files.length;
  }
  t.diagnostic(`${compared} workspace fixture files compared`);
});

test("fix() equals the native fix for every fixture, safe and unsafe", async (t) => {
  let changed = 0;
  for (const g of groups.singles) {
    const base = g.config ? ["--config", g.config.path] : [];
    const safe = native([...base, "--fix", ...g.files], FIXTURES);
    const all = native([...base, "--fix", "--unsafe", ...g.files], FIXTURES);
    g.files.forEach((rel, i) => {
      const text = read(join(FIXTURES, rel));
      const opts = { path: rel, config: g.config?.text };
      const gotSafe = fix(text, opts);
      assert.equal(gotSafe, safe[i], `${rel}: safe fix differs`);
      assert.equal(fix(text, { ...opts, unsafe: true }), all[i], `${rel}: unsafe fix differs`);
      if (gotSafe !== text) changed++;
    });
  }
  assert.ok(changed >= 1, "no fixture has a fixable finding; the fix comparison proves nothing");
  t.diagnostic(`${changed} fixtures changed by fix()`);
});

// Documents whose findings sit after multi-byte characters, on CRLF and lone-CR lines,
// after a BOM: byte ranges and UTF-16 positions must match the native ones exactly.
const SAMPLES = {
  "emoji.md":
    "# Design 🚀\n\n👍🏽 done </invoke> then 😀 <parameter name=\"x\">\n" +
    "<!-- specmark-disable-line no-such-rule --> 🎉\n",
  "cjk.md":
    "# 设计文档\n\n## 正确性属性\n\n你好世界 </invoke> 以及 <function_calls>\n" +
    "日本語のテキスト <!-- specmark-disable-next-line agent-artifact -->\n次の行\n",
  "crlf.md":
    "# Title\r\n\r\nLine with </invoke> tag\r\n\r\n<!-- specmark-disable-line bogus -->\r\n" +
    "Ünïcödé </parameter>\r\n",
  "lone-cr.md": "# Title\r\rtext </invoke>\rmore <invoke name=\"a\">\r",
  "bom.md": "\uFEFF</invoke> at the start\n\uFEFF second BOM is text </invoke>\n",
  "specs/active/demo/tasks.md":
    "# Tasks: Demo\r\n\r\n- [ ] **T1**: 第一 </invoke>\r\n- [x] **T2**: 😀 second\r\n",
};

test("emoji, CJK, CRLF, lone CR and BOM documents match the native reports", () => {
  const dir = mkdtempSync(join(tmpdir(), "specmark-samples-"));
  try {
    const names = Object.keys(SAMPLES);
    for (const name of names) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), SAMPLES[name]);
    }
    const want = native(names, dir);
    let findings = 0;
    names.forEach((name, i) => {
      const got = lint(SAMPLES[name], { path: name });
      assert.deepStrictEqual(got, want[i], `${name}: wasm and native reports differ`);
      findings += got.diagnostics.length;
    });
    assert.ok(findings >= 10, `only ${findings} findings in the samples`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("positions are 0-based UTF-16 and byte ranges index the UTF-8 text", () => {
  const text = "# T\r\n\r\n👍 你好 </invoke> done\r\n";
  const report = lint(text);
  const d = report.diagnostics.find((x) => x.name === "agent-artifact");
  assert.ok(d, "agent-artifact finding expected");
  assert.deepStrictEqual(d.range, {
    start: { line: 2, character: 6 },
    end: { line: 2, character: 15 },
  });
  const bytes = Buffer.from(text, "utf8");
  assert.equal(bytes.subarray(d.byteRange.start, d.byteRange.end).toString(), "</invoke>");
  // The UTF-16 range addresses the same text in the JavaScript string.
  const line = text.split("\r\n")[d.range.start.line];
  assert.equal(line.slice(d.range.start.character, d.range.end.character), "</invoke>");
});

test("lint() result shape", () => {
  const r = lint("# Hello\n\nSome </invoke> text.\n", { path: "notes/hello.md" });
  assert.deepStrictEqual(Object.keys(r), [
    "path", "kind", "kindSource", "profile", "profileLabel", "profileReason", "linted", "score", "grade",
    "categories", "words", "diagnostics",
  ]);
  assert.equal(r.path, "notes/hello.md");
  assert.equal(r.linted, true);
  assert.equal(r.words, 5);
  assert.ok(r.score >= 0 && r.score <= 100);
  assert.deepStrictEqual(r.categories.map((c) => c.name),
    ["structure", "completeness", "measurability", "verification", "consistency"]);
  const d = r.diagnostics[0];
  assert.deepStrictEqual(Object.keys(d),
    ["code", "name", "severity", "message", "help", "range", "byteRange", "fix", "fingerprint"]);
  assert.match(d.fingerprint, /^[0-9a-f]{16}$/);
  assert.equal(d.code, "SM005");
  assert.equal(d.severity, "error");
  assert.equal(d.fix, null);
  assert.equal(Object.getPrototypeOf(r), Object.prototype, "plain objects, not Maps");
});

test("options: kind forces the kind, path drives detection, config applies", () => {
  assert.equal(lint("# x\n", { kind: "prd" }).kind, "prd");
  assert.equal(lint("# x\n", { kind: "prd" }).kindSource, "explicit");
  assert.equal(lint("# x\n", { kind: "auto" }).kind, "markdown");
  assert.equal(lint("# x\n", { path: "specs/active/a/tasks.md" }).kind, "tasks");
  const text = "Leaked </invoke> here\n";
  assert.equal(lint(text).diagnostics.length, 1);
  const off = { rules: { "agent-artifact": "off" } };
  assert.equal(lint(text, { config: off }).diagnostics.length, 0, "config object");
  const toml = '[rules.agent-artifact]\nseverity = "info"\n';
  assert.equal(lint(text, { config: toml }).diagnostics[0].severity, "info", "config TOML");
  assert.equal(lint(text, null).diagnostics.length, 1, "null options");
  const big = lint("x".repeat(200), { config: { "max-file-size": 100 } });
  assert.equal(big.linted, false);
  assert.equal(big.diagnostics[0].name, "file-too-large");
  assert.equal(lint("a\u0000b").diagnostics[0].name, "invalid-utf8");
});

function throwsError(fn, pattern) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, `expected an Error, got ${Object.prototype.toString.call(e)}`);
    assert.match(e.message, pattern);
    assert.doesNotMatch(e.message, /unreachable|RuntimeError/);
    return true;
  });
}

test("bad options throw Errors with clear messages", () => {
  throwsError(() => lint("x", { bogus: 1 }), /^specmark: invalid options: unknown field `bogus`/);
  throwsError(() => lint("x", { kind: "novel" }),
    /^specmark: unknown kind "novel"; expected one of: auto, prd, tasks/);
  throwsError(() => lint("x", { kind: 3 }), /^specmark: invalid options: .*string/);
  throwsError(() => lint("x", "prd"), /^specmark: options must be an object/);
  throwsError(() => lint("x", [1]), /^specmark: options must be an object/);
  throwsError(() => lint(undefined), /^specmark: lint\(text, options\) expects the document text as a string/);
  throwsError(() => lint(42), /expects the document text as a string/);
  throwsError(() => fix(null), /^specmark: fix\(text, options\) expects the document text as a string/);
  throwsError(() => fix("x", { unsafe: "yes" }), /^specmark: invalid options: .*boolean/);
  throwsError(() => lintWorkspace("x"), /^specmark: lintWorkspace expects an object of path → text/);
  throwsError(() => lintWorkspace({ "a.md": 1 }), /^specmark: lintWorkspace expects an object of path → text/);
  throwsError(() => lintWorkspace({}, { knownPaths: "a.md" }), /^specmark: invalid options:/);
  throwsError(() => checkConfig(7), /^specmark: checkConfig\(tomlText\) expects/);
});

test("bad config throws with the TOML line and column, or the object's problem", () => {
  throwsError(() => lint("x", { config: "all-markdown = true\nbogus = 1\n" }),
    /^specmark: invalid config: \.specmark\.toml:2:1: unknown field `bogus`/);
  throwsError(() => lint("x", { config: "[rules.agent-artifact]\nseverity = \"loud\"\n" }),
    /^specmark: invalid config: \.specmark\.toml:2:\d+: invalid severity "loud"/);
  throwsError(() => lint("x", { config: "[rules.no-such-rule]\n" }),
    /^specmark: invalid config: \.specmark\.toml:1:\d+: unknown rule "no-such-rule"/);
  throwsError(() => lint("x", { config: "x = [\n" }), /^specmark: invalid config: \.specmark\.toml:\d+:\d+: /);
  throwsError(() => lint("x", { config: '[[kinds]]\nglob = "a/[b"\nkind = "prd"\n' }),
    /\.specmark\.toml:2:\d+: invalid glob "a\/\[b"/);
  throwsError(() => lint("x", { config: { bogus: true } }), /^specmark: invalid config: unknown field `bogus`/);
  throwsError(() => lint("x", { config: { rules: { "agent-artifact": { severity: "loud" } } } }),
    /^specmark: invalid config: invalid severity "loud"/);
  throwsError(() => lint("x", { config: { rules: { "agent-artifact": { nope: 1 } } } }),
    /unknown option "nope" for rule agent-artifact/);
  throwsError(() => lint("x", { config: { "max-file-size": "big" } }), /^specmark: invalid config: invalid type/);
  throwsError(() => lint("x", { config: 12 }), /^specmark: invalid config:/);
  // A bad config is an error for every function, not only lint.
  throwsError(() => fix("x", { config: "bogus = 1" }), /unknown field `bogus`/);
  throwsError(() => lintWorkspace({ "a.md": "x" }, { config: "bogus = 1" }), /unknown field `bogus`/);
});

test("the module keeps working after errors", () => {
  for (let i = 0; i < 50; i++) assert.throws(() => lint("x", { bogus: i }));
  assert.equal(lint("ok </invoke>\n").diagnostics.length, 1);
});

test("checkConfig() reports validity with 1-based positions", () => {
  assert.deepStrictEqual(checkConfig('[rules.agent-artifact]\nseverity = "warning"\n'),
    { ok: true, message: null, line: null, column: null });
  const bad = checkConfig("all-markdown = true\n\n  bogus = 1\n");
  assert.equal(bad.ok, false);
  assert.equal(bad.line, 3);
  assert.equal(bad.column, 3);
  assert.match(bad.message, /unknown field `bogus`/);
});

function registry() {
  const src = read(join(ROOT, "src", "rules", "registry.rs"));
  const body = src.slice(src.indexOf("pub static RULES"));
  return [...body.matchAll(/&(sm(\d{3})_(\w+))::RULE/g)].map((m) => ({
    code: `SM${m[2]}`,
    name: m[3].replaceAll("_", "-"),
  }));
}

test("rules() covers every rule of the registry, with documentation", () => {
  const want = registry();
  assert.ok(want.length >= 4, "registry parse found too few rules");
  const got = rules();
  assert.deepStrictEqual(got.map((r) => ({ code: r.code, name: r.name })), want);
  const kindNames = new Set(kinds().map((k) => k.name));
  for (const r of got) {
    assert.ok(r.summary.length > 0, `${r.name}: summary`);
    for (const h of ["## What it does", "## Why", "## Example", "## How to fix"]) {
      assert.ok(r.docs.includes(h), `${r.name}: docs lack ${h}`);
    }
    assert.ok(["structure", "completeness", "measurability", "verification", "consistency"].includes(r.category));
    assert.ok(["error", "warning", "info"].includes(r.severity));
    assert.equal(typeof r.fixable, "boolean");
    for (const k of r.kinds) assert.ok(kindNames.has(k), `${r.name}: unknown kind ${k}`);
    for (const o of r.options) {
      assert.deepStrictEqual(Object.keys(o), ["name", "doc", "type", "default"]);
    }
  }
});

test("kinds() lists every kind with a label; each is accepted as the kind option", () => {
  const ks = kinds();
  assert.ok(ks.length >= 12);
  for (const k of ks) {
    assert.ok(k.label.length > 0);
    assert.equal(lint("# x\n", { kind: k.name }).kind, k.name);
  }
});

test("lintWorkspace() keeps key order and detects kinds from paths", () => {
  const files = {
    "specs/active/demo/tasks.md": "# Tasks: Demo\n\n- [ ] **T1**: first </invoke>\n",
    "notes/a.md": "# Notes\n",
    "specs/active/demo/recovery.md": "# Recovery\n",
  };
  const got = lintWorkspace(files);
  assert.deepStrictEqual(got.map((r) => r.path), Object.keys(files));
  assert.equal(got[0].kind, "tasks");
  assert.equal(got[0].diagnostics[0].name, "agent-artifact");
  assert.deepStrictEqual(lintWorkspace({}), []);
  // The same as linting the files one by one through the native workspace path.
  const dir = mkdtempSync(join(tmpdir(), "specmark-ws-"));
  try {
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
    assert.deepStrictEqual(got, native(["--workspace", ...Object.keys(files)], dir));
    assert.deepStrictEqual(
      lintWorkspace(files, { knownPaths: allPaths(dir) }),
      native(["--workspace", "--known-from", ".", ...Object.keys(files)], dir),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("fix() applies safe fixes, keeps the rest, and is idempotent", () => {
  const text = "# T\n\n<!-- specmark-disable-next-line agent-artifact -->\nClean line.\nLeaked </invoke>\n";
  const fixed = fix(text);
  assert.equal(fixed, "# T\n\nClean line.\nLeaked </invoke>\n");
  assert.equal(fix(fixed), fixed);
  assert.equal(fix(text, { unsafe: true }), fixed, "no unsafe fix applies here");
  assert.equal(fix("a\u0000b"), "a\u0000b", "unlintable text comes back unchanged");
  // Every fix a report offers is marked safe or unsafe; fix() applies exactly the safe ones.
  const report = lint(text);
  const fixes = report.diagnostics.filter((d) => d.fix).map((d) => d.fix.applicability);
  assert.deepStrictEqual(fixes, ["safe"]);
  // CRLF documents stay CRLF.
  assert.equal(fix(text.replaceAll("\n", "\r\n")), fixed.replaceAll("\n", "\r\n"));
});

test("version() is the crate version", () => {
  const cargo = read(join(ROOT, "Cargo.toml"));
  const want = /^version = "([^"]+)"/m.exec(cargo)[1];
  assert.equal(version(), want);
  assert.equal(JSON.parse(read(join(ROOT, "package.json"))).version, want, "package.json version");
});

test("large and hostile inputs do not throw", () => {
  const doc = ["\uFEFF# T", "\r", "x\u0000".slice(0, 1), "😀".repeat(5000), "</invoke>".repeat(2000),
    "\u{10FFFF}\uFFFD", "```", "unclosed fence"].join("\n");
  for (const text of [doc, "", "\n", "\r", "\r\n", "\uFEFF", "#", "- [ ]", "|a|\n|-|\n"]) {
    const r = lint(text);
    assert.equal(typeof r.score, "number");
    assert.equal(typeof fix(text), "string");
  }
  const lone = lint("\uD800 lone surrogate </invoke>");
  assert.equal(lone.diagnostics[0].name, "agent-artifact");
});

test("profiles: listed, forced by the profile option, and a team template given inline", () => {
  const list = specmark.profiles();
  const names = list.map((p) => p.name);
  for (const n of ["goe-prd", "generic-prd", "goe-tasks", "generic-tasks", "recovery", "goalkit-tasks"]) {
    assert.ok(names.includes(n), `${n} in ${names}`);
  }
  assert.deepEqual(list.find((p) => p.name === "goe-prd"), { name: "goe-prd", label: "GOE PRD", kind: "prd" });

  const prd = "# Product Requirements: Export\n\n## Overview\n\nShort.\n";
  const generic = lint(prd, { path: "docs/prd.md" });
  assert.equal(generic.profile, "generic-prd");
  assert.match(generic.profileReason, /follows no known template/);
  assert.ok(!generic.diagnostics.some((d) => d.name === "word-count"));
  const goe = lint(prd, { path: "docs/prd.md", profile: "goe-prd" });
  assert.equal(goe.profile, "goe-prd");
  assert.equal(goe.profileLabel, "GOE PRD");
  assert.ok(goe.diagnostics.some((d) => d.name === "word-count"));
  assert.throws(() => lint(prd, { profile: "nope" }), /unknown profile "nope"/);

  const template = "# Note: [Title]\n\n**Status**: Draft | Final\n\n## Summary (20+ words)\n\n## Rollout\n";
  const config = { profiles: [{ name: "note", "template-text": template, extends: "generic-prd", match: ["notes/*.md"] }] };
  const doc = "# Note: Cache\n\n**Status**: Shipped\n\n## Summary\n\nToo short.\n";
  const r = lint(doc, { path: "notes/cache.md", config });
  assert.equal(r.profile, "note");
  const found = r.diagnostics.map((d) => d.name).sort();
  assert.deepEqual(found, ["header-metadata", "missing-section", "section-word-count"]);
  assert.throws(
    () => lint(doc, { config: { profiles: [{ name: "x", template: "t.md" }] } }),
    /template t.md was not read/,
  );
});
