// The hooks of .pre-commit-hooks.yaml run by the real pre-commit tool (PyPI; scripts/setup.sh
// --pre-commit installs it) with `try-repo` against a temporary git repository: the lint
// hook fails on a defective spec and passes on a clean one; the fix hook fixes a file and
// then passes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const PRE_COMMIT = join(ROOT, "target", "tools", "pre-commit", "bin", "pre-commit");
const ENV = {
  ...process.env,
  PATH: `${join(homedir(), ".cargo", "bin")}:${process.env.PATH}`,
  // Kept between runs: cargo's build of the hook's dependencies.
  PRE_COMMIT_HOME: join(ROOT, "target", "pre-commit-home"),
  CARGO_TARGET_DIR: join(ROOT, "target", "pre-commit-cargo"),
  // try-repo installs the hook afresh on every call (a temporary store): a test build, which
  // behaves the same as the optimized one, keeps each install to seconds.
  CARGO_PROFILE_RELEASE_LTO: "false",
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS: "16",
  CARGO_PROFILE_RELEASE_OPT_LEVEL: "0",
  NO_COLOR: "1",
};
let repo;
// The commit the hooks are installed from: the checkout with its uncommitted changes to
// tracked files (`git stash create`), so every run of this file builds the hook once.
let ref;

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: repo, env: ENV, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout + r.stderr };
}

function write(rel, text) {
  mkdirSync(dirname(join(repo, rel)), { recursive: true });
  writeFileSync(join(repo, rel), text);
}

const tryRepo = (hook, files) => sh(PRE_COMMIT, ["try-repo", ROOT, hook, "--ref", ref, "--files", ...files]);

before(() => {
  const git = (args) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" }).stdout.trim();
  ref = git(["stash", "create"]) || git(["rev-parse", "HEAD"]);
  repo = mkdtempSync(join(tmpdir(), "specmark-pre-commit-"));
  sh("git", ["init", "-q"]);
  sh("git", ["config", "user.email", "test@example.com"]);
  sh("git", ["config", "user.name", "specmark test"]);
});

after(() => {
  if (repo) rmSync(repo, { recursive: true, force: true });
});

const SPEC = "# Feature Specification: Export\n\n## Requirements\n\n- **FR-001**: System MUST export CSV.\n- **FR-002**: System MUST export JSON.\n";
const tasks = (id) =>
  `# Tasks: Export\n\n## Phase 1\n\n- [ ] T001 CSV writer in src/csv.py (FR-001)\n- [ ] T002 JSON writer in src/json.py (${id})\n`;

test("the specmark hook fails on a defective spec and passes on a clean one", () => {
  write("specs/001-export/spec.md", SPEC);
  write("specs/001-export/tasks.md", tasks("FR-009"));
  sh("git", ["add", "-A"]);
  const files = ["specs/001-export/spec.md", "specs/001-export/tasks.md"];
  const bad = tryRepo("specmark", files);
  assert.notEqual(bad.code, 0, bad.out);
  assert.match(bad.out, /specmark\.+Failed/);
  assert.match(bad.out, /unknown-requirement/);
  assert.match(bad.out, /FR-009 is not defined in spec\.md/);

  write("specs/001-export/tasks.md", tasks("FR-002"));
  sh("git", ["add", "-A"]);
  const good = tryRepo("specmark", files);
  assert.equal(good.code, 0, good.out);
  assert.match(good.out, /specmark\.+Passed/);
});

test("the specmark-fix hook fixes the file, fails that run, and passes the next", () => {
  const doc = "# Weather notes\n\n<!-- specmark-disable-next-line agent-artifact -->\nNothing leaked here.\n";
  write("notes.md", doc);
  sh("git", ["add", "-A"]);
  const first = tryRepo("specmark-fix", ["notes.md"]);
  assert.notEqual(first.code, 0, first.out);
  assert.match(first.out, /files were modified by this hook/);
  const fixed = readFileSync(join(repo, "notes.md"), "utf8");
  assert.notEqual(fixed, doc);
  assert.doesNotMatch(fixed, /specmark-disable-next-line/);
  sh("git", ["add", "-A"]);
  const second = tryRepo("specmark-fix", ["notes.md"]);
  assert.equal(second.code, 0, second.out);
});
