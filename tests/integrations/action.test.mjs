// The GitHub Action (action.yml) run offline: its composite steps are read from action.yml and
// run as a runner runs them (bash -e, `${{ inputs.* }}` substituted, $GITHUB_ENV carried to
// later steps) with GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_ENV and RUNNER_TEMP pointed at
// temporary files, on a temporary repository with a defective Spec Kit feature folder.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const ACTION = parse(readFileSync(join(ROOT, "action.yml"), "utf8"));
let work;
let tarball;

before(() => {
  work = mkdtempSync(join(tmpdir(), "specmark-action-"));
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", work], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  tarball = join(work, JSON.parse(out.slice(out.indexOf("[")))[0].filename);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A workspace with a defective Spec Kit feature folder (a task citing FR-009). */
function workspace(name) {
  const ws = join(work, name);
  const write = (rel, text) => {
    mkdirSync(dirname(join(ws, rel)), { recursive: true });
    writeFileSync(join(ws, rel), text);
  };
  write("specs/001-export/spec.md", "# Feature Specification: Export\n\n## Requirements\n\n- **FR-001**: System MUST export CSV.\n- **FR-002**: System MUST export JSON.\n");
  write("specs/001-export/tasks.md", "# Tasks: Export\n\n## Phase 1\n\n- [ ] T001 CSV writer in src/csv.py (FR-001)\n- [ ] T002 JSON writer in src/json.py (FR-002)\n- [ ] T003 XML writer in src/xml.py (FR-009)\n");
  write("README.md", "# Project\n\nNot a spec.\n");
  return ws;
}

/** `${{ inputs.x }}` and `${{ github.action_path }}` in a value. */
function expand(value, inputs) {
  return String(value ?? "").replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expr) => {
    if (expr.startsWith("inputs.")) return inputs[expr.slice(7)] ?? "";
    if (expr === "github.action_path") return ROOT;
    throw new Error(`action.yml uses an expression this runner does not know: ${expr}`);
  });
}

/** Parse a GITHUB_ENV / GITHUB_OUTPUT file: `KEY=VALUE` lines and `KEY<<EOF` blocks. */
function keyValues(file) {
  const out = {};
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const heredoc = lines[i].match(/^([^=<]+)<<(.+)$/);
    if (heredoc) {
      const body = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i]);
      out[heredoc[1]] = body.join("\n");
    } else if (lines[i].includes("=")) {
      const k = lines[i].indexOf("=");
      out[lines[i].slice(0, k)] = lines[i].slice(k + 1);
    }
  }
  return out;
}

/** Run the action's steps in `cwd` with `with` inputs; stops at the first failing step. */
function runAction(cwd, withInputs, extraEnv = {}) {
  const inputs = {};
  for (const [k, v] of Object.entries(ACTION.inputs)) inputs[k] = v.default ?? "";
  Object.assign(inputs, withInputs);
  const temp = mkdtempSync(join(work, "runner-"));
  const files = {
    GITHUB_ENV: join(temp, "env"),
    GITHUB_PATH: join(temp, "path"),
    GITHUB_STEP_SUMMARY: join(temp, "summary.md"),
  };
  for (const f of Object.values(files)) writeFileSync(f, "");
  const carried = {};
  const outputs = {};
  let log = "";
  let code = 0;
  for (const step of ACTION.runs.steps) {
    assert.equal(step.shell, "bash", "every step runs in bash");
    const output = join(temp, `output-${step.id ?? "step"}`);
    writeFileSync(output, "");
    const env = {
      ...process.env,
      PATH: `${join(homedir(), ".cargo", "bin")}:${process.env.PATH}`,
      ...extraEnv,
      ...files,
      ...carried,
      GITHUB_OUTPUT: output,
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_WORKSPACE: cwd,
      RUNNER_TEMP: temp,
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, inputs);
    const dir = join(cwd, expand(step["working-directory"] ?? ".", inputs));
    const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", expand(step.run, inputs)], {
      cwd: dir,
      env,
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    log += r.stdout + r.stderr;
    Object.assign(carried, keyValues(files.GITHUB_ENV));
    if (step.id) outputs[step.id] = keyValues(output);
    if (r.status !== 0) {
      code = r.status;
      break;
    }
  }
  const actionOutputs = {};
  for (const [k, v] of Object.entries(ACTION.outputs)) {
    const m = v.value.match(/steps\.([\w-]+)\.outputs\.([\w-]+)/);
    actionOutputs[k] = m ? outputs[m[1]]?.[m[2]] : undefined;
  }
  return { code, log, outputs: actionOutputs, summary: readFileSync(files.GITHUB_STEP_SUMMARY, "utf8"), env: carried };
}

const npmInstall = () => ({ install: `npm:${tarball}` });
const NPM_ENV = { npm_config_prefer_offline: "true", npm_config_update_notifier: "false" };

test("npm install: annotations, a job summary, SARIF and outputs; the step fails on the error", () => {
  const ws = workspace("npm");
  const r = runAction(ws, { ...npmInstall(), "sarif-file": "out/specmark.sarif" }, NPM_ENV);
  assert.equal(r.code, 1, r.log);
  assert.match(r.env.SPECMARK, /specmark-npm\/node_modules\/\.bin\/specmark$/);
  assert.match(r.log, /^::error file=specs\/001-export\/tasks\.md,line=7,col=\d+,endLine=7,endColumn=\d+,title=unknown-requirement::FR-009 is not defined/m);
  assert.match(r.summary, /^## specmark/m);
  assert.match(r.summary, /\*\*2 files\*\*: 1 error, /);
  assert.match(r.summary, /^\| `specs\/001-export\/tasks\.md` \| Spec Kit tasks \| \d+ \([A-F]\) \| [^|]*unknown-requirement ×1 \(error\)/m);
  assert.match(r.summary, /^\| `specs\/001-export\/spec\.md` \| Spec Kit spec \|/m);
  assert.deepStrictEqual(r.outputs, { "exit-code": "1", "sarif-file": "out/specmark.sarif" });
  const sarif = JSON.parse(readFileSync(join(ws, "out", "specmark.sarif"), "utf8"));
  assert.equal(sarif.version, "2.1.0");
  assert.ok(sarif.runs[0].results.some((x) => x.properties.name === "unknown-requirement"));
});

test("baseline: known findings are hidden, the step passes, SARIF marks them unchanged", () => {
  const ws = workspace("baseline");
  const first = runAction(ws, { ...npmInstall(), "fail-on-findings": "false" }, NPM_ENV);
  assert.equal(first.code, 0, first.log);
  assert.equal(first.outputs["exit-code"], "1");
  const rec = spawnSync(first.env.SPECMARK, ["check", "--baseline", ".specmark-baseline.json", "--update-baseline", "."], {
    cwd: ws,
    encoding: "utf8",
  });
  assert.equal(rec.status, 0, rec.stderr);
  const r = runAction(ws, { ...npmInstall(), baseline: ".specmark-baseline.json", "sarif-file": "b.sarif" }, NPM_ENV);
  assert.equal(r.code, 0, r.log);
  assert.doesNotMatch(r.log, /^::error/m);
  assert.match(r.summary, /Baseline `\.specmark-baseline\.json`: \d+ known findings? hidden\./);
  const sarif = JSON.parse(readFileSync(join(ws, "b.sarif"), "utf8"));
  assert.ok(sarif.runs[0].results.length > 0);
  assert.ok(sarif.runs[0].results.every((x) => x.baselineState === "unchanged"));
});

test("bad input fails the step with exit code 2 even when findings may pass", () => {
  const ws = workspace("bad");
  const r = runAction(ws, { ...npmInstall(), paths: "specs missing-folder", "fail-on-findings": "false" }, NPM_ENV);
  assert.equal(r.code, 2, r.log);
  assert.match(r.log, /specmark: error: missing-folder: no such file or folder/);
  assert.equal(r.outputs["exit-code"], "2");
  const unknown = runAction(ws, { install: "brew" });
  assert.equal(unknown.code, 2);
  assert.match(unknown.log, /::error title=specmark::install: unknown value "brew"; expected cargo, npm:SPEC or none/);
});

test("cargo install (the default) builds specmark from the action's source", () => {
  const ws = workspace("cargo");
  const r = runAction(ws, {}, {
    // A test build, as in precommit.test.mjs (and sharing its cargo cache).
    CARGO_TARGET_DIR: join(ROOT, "target", "pre-commit-cargo"),
    CARGO_PROFILE_RELEASE_LTO: "false",
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS: "16",
    CARGO_PROFILE_RELEASE_OPT_LEVEL: "0",
  });
  assert.equal(r.code, 1, r.log);
  assert.match(r.env.SPECMARK, /specmark-cargo\/bin\/specmark$/);
  assert.match(r.log, /title=unknown-requirement::FR-009/);
  assert.match(r.summary, /unknown-requirement ×1 \(error\)/);
});
