// The npm package's `specmark` command (js/cli.mjs) against the native CLI (both check
// python snippets; scripts/test-wasm.sh builds the CLI): the same
// JSON, GitHub commands, SARIF, exit codes and error messages over the real documents,
// the fixtures and the examples, and the same baselines and fixes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { NATIVE_CLI, ROOT } from "./helpers.mjs";

const JS_CLI = join(ROOT, "js", "cli.mjs");
const REALDOCS = join(ROOT, "..", "shared", "realdocs");

function run(bin, args, cwd) {
  const [cmd, argv] = bin === "native" ? [NATIVE_CLI, args] : [process.execPath, [JS_CLI, ...args]];
  const r = spawnSync(cmd, argv, { cwd, encoding: "utf8", maxBuffer: 512 << 20, env: { ...process.env, NO_COLOR: "1" } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run both; assert the same exit code, standard error and (unless `parsed`) standard output. */
function both(args, cwd, { parsed = false } = {}) {
  assert.ok(existsSync(NATIVE_CLI), `native CLI ${NATIVE_CLI} is missing: run scripts/test-wasm.sh`);
  const n = run("native", args, cwd);
  const j = run("js", args, cwd);
  assert.equal(j.code, n.code, `exit code of ${args.join(" ")}\nnative stderr: ${n.stderr}\njs stderr: ${j.stderr}`);
  assert.equal(j.stderr, n.stderr, `stderr of ${args.join(" ")}`);
  if (parsed) assert.deepStrictEqual(JSON.parse(j.stdout), JSON.parse(n.stdout));
  else assert.equal(j.stdout, n.stdout, `stdout of ${args.join(" ")}`);
  return n;
}

function tmp() {
  return mkdtempSync(join(tmpdir(), "specmark-cli-"));
}

function write(dir, rel, content) {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), content);
}

test("check --format json equals the native CLI's on every real document", { skip: !existsSync(REALDOCS) && "no realdocs" }, () => {
  const n = both(["check", "-f", "json", "."], REALDOCS);
  const report = JSON.parse(n.stdout);
  assert.ok(report.files.length >= 200, `${report.files.length} files`);
  assert.ok(report.files.reduce((s, f) => s + f.diagnostics.length, 0) >= 300);
});

test("check --format json equals the native CLI's on the fixtures and the examples", () => {
  const n = both(["check", "-f", "json", "--all-markdown", "tests/fixtures"], ROOT);
  assert.ok(JSON.parse(n.stdout).files.length >= 50);
  both(["check", "-f", "json", "."], join(ROOT, "examples"));
  for (const family of ["speckit", "kiro", "openspec", "team-template"]) {
    const e = both(["check", "-f", "json", "."], join(ROOT, "examples", family));
    assert.ok(JSON.parse(e.stdout).files.some((f) => f.diagnostics.length > 0), family);
  }
});

test("github commands, SARIF, score and rules equal the native CLI's", () => {
  const cwd = join(ROOT, "examples", "speckit");
  const g = both(["check", "-f", "github", "."], cwd);
  assert.match(g.stdout, /^::error file=specs\/012-team-invites\/tasks.md,line=\d+/m);
  const s = both(["check", "-f", "sarif", "."], cwd, { parsed: true });
  assert.ok(JSON.parse(s.stdout).runs[0].results.length > 0);
  both(["score", "-f", "json", "specs"], cwd);
  both(["score", "specs"], cwd);
  both(["rules", "-f", "json"], cwd, { parsed: true });
  both(["rules"], cwd);
  both(["explain", "SM005"], cwd);
  both(["explain", "unfilled-placeholder"], cwd);
});

test("walking: .gitignore and .ignore apply, VCS folders are skipped, hidden folders are walked", () => {
  const dir = tmp();
  try {
    const tasks = "# Tasks\n\n- [ ] T001 Write the thing\n- [ ] T001 Write it again\n";
    write(dir, ".gitignore", "ignored/\n");
    write(dir, "docs/.ignore", "draft-*.md\n");
    write(dir, "ignored/tasks.md", tasks);
    write(dir, "docs/draft-tasks.md", tasks);
    write(dir, "docs/tasks.md", tasks);
    write(dir, ".kiro/specs/a/tasks.md", tasks);
    write(dir, ".git/tasks.md", tasks);
    const n = both(["check", "-f", "json", "--all-markdown", "."], dir);
    const paths = JSON.parse(n.stdout).files.map((f) => f.path);
    assert.deepStrictEqual(paths, [".kiro/specs/a/tasks.md", "docs/tasks.md"]);
    // A folder named on the command line is walked even when an ignore file above ignores
    // it; the rules still apply to the paths below it.
    write(dir, "ignored/keep/tasks.md", tasks);
    write(dir, "ignored/keep/draft-tasks.md", tasks);
    write(dir, ".gitignore", "ignored/\ndraft-*.md\n");
    const inner = both(["check", "-f", "json", "--all-markdown", "ignored/keep"], dir);
    assert.deepStrictEqual(JSON.parse(inner.stdout).files.map((f) => f.path), ["ignored/keep/tasks.md"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("bad input: the same exit code and message as the native CLI, and the rest is linted", () => {
  const dir = tmp();
  try {
    write(dir, "tasks.md", "# Tasks\n\n- [ ] T001 Write it\n- [ ] T001 Again\n");
    write(dir, "binary.md", Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]));
    write(dir, "nul/tasks.md", "# Tasks\n\u0000\n");
    both(["check", "-f", "json", "tasks.md", "missing.md", "binary.md", "nul/tasks.md"], dir);
    write(dir, "broken/.specmark.toml", "[rules.not-a-rule]\nseverity = \"off\"\n");
    write(dir, "broken/tasks.md", "# Tasks\n");
    const b = both(["check", "broken"], dir);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /broken\/\.specmark\.toml:1:\d+: unknown rule "not-a-rule"/);
    both(["check", "--config", "nowhere.toml", "."], dir);
    both(["check", "--profile", "no-such-profile", "."], dir);
    both(["check", "--baseline", "none.json", "."], dir);
    write(dir, "bad-baseline.json", "[1, 2");
    assert.equal(both(["check", "--baseline", "tasks.md", "."], dir, { parsed: false }).code, 2);
    for (const args of [["frobnicate"], ["check", "-f", "xml"], ["check", "--kind", "novel"], ["explain", "no-such-rule"]]) {
      const j = run("js", args, dir);
      assert.equal(j.code, 2, args.join(" "));
      assert.match(j.stderr, /^specmark: error: .+/, args.join(" "));
    }
    assert.match(run("js", ["check", "--kind", "novel"], dir).stderr, /unknown kind "novel"; expected one of: prd, tasks/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("baselines: the npm command writes the native CLI's file and honours it", () => {
  const dir = tmp();
  try {
    const doc = "# Weather notes\n\n## Correctn<function_calls>\n\nThe text goes on.\n";
    write(dir, "notes.md", doc);
    for (const bin of ["native", "js"]) {
      const r = run(bin, ["check", "--all-markdown", "--baseline", `${bin}.json`, "--update-baseline", "."], dir);
      assert.equal(r.code, 0, r.stderr);
    }
    const recorded = readFileSync(join(dir, "native.json"), "utf8");
    assert.equal(readFileSync(join(dir, "js.json"), "utf8"), recorded);
    assert.match(recorded, /"rule": "agent-artifact"/);
    write(dir, "notes.md", "# Weather notes\n\nA new line above.\n" + doc.slice("# Weather notes\n".length) + "\n## B<function_calls>\n");
    const n = both(["check", "--all-markdown", "--baseline", "native.json", "-f", "json", "."], dir);
    assert.equal(n.code, 1);
    const report = JSON.parse(n.stdout);
    assert.deepStrictEqual(report.baseline, { file: "native.json", hidden: 1, gone: 0 });
    assert.deepStrictEqual(report.files[0].diagnostics.map((d) => d.range.start.line), [8]);
    both(["check", "--all-markdown", "--baseline", "native.json", "-f", "sarif", "."], dir, { parsed: true });
    const human = run("js", ["check", "--all-markdown", "--baseline", "native.json", "."], dir);
    assert.match(human.stdout, /1 known finding hidden by the baseline native\.json/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("--fix writes what the native CLI writes: CRLF and BOM kept, a second run changes nothing", () => {
  const doc = "\ufeff# Weather notes\r\n\r\n<!-- specmark-disable-next-line agent-artifact -->\r\nNothing leaked here.\r\n";
  const out = {};
  for (const bin of ["native", "js"]) {
    const dir = tmp();
    try {
      write(dir, "notes.md", doc);
      run(bin, ["check", "--all-markdown", "--fix", "."], dir);
      out[bin] = readFileSync(join(dir, "notes.md"));
      const again = run(bin, ["check", "--all-markdown", "--fix", "."], dir);
      assert.equal(again.code, 0, again.stderr);
      assert.deepStrictEqual(readFileSync(join(dir, "notes.md")), out[bin], `${bin}: second --fix changed the file`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  assert.notDeepStrictEqual(out.js, Buffer.from(doc), "the fix changed nothing");
  assert.deepStrictEqual(out.js, out.native);
  assert.ok(out.js.toString("utf8").startsWith("\ufeff# Weather notes\r\n"));
});
