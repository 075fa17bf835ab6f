// The npm package as a user gets it: `npm pack`, install the tarball into a fresh project
// (no registry), then use it from Node CommonJS, Node ESM, the web build in Node, and an
// esbuild bundle of `specmark/web` loaded by headless Chromium from a 127.0.0.1 server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { NATIVE_CLI, ROOT } from "./helpers.mjs";

const NPM_ENV = { ...process.env, npm_config_yes: "true", npm_config_update_notifier: "false" };
const CHROMIUM = process.env.SPECMARK_CHROMIUM ?? "/usr/bin/chromium";
const DOC = "# Design\n\n👍 Leaked </invoke> markup\n";
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

let work; // temporary folder: tarball + consumer project
let project;
let tarball;
let packed; // npm pack --json output

before(() => {
  work = mkdtempSync(join(tmpdir(), "specmark-pack-"));
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", work], {
    cwd: ROOT, env: NPM_ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"],
  });
  packed = JSON.parse(out.slice(out.indexOf("[")))[0];
  tarball = join(work, packed.filename);
  project = join(work, "consumer");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
  // The dependencies come from the npm cache that `npm ci` of this repository filled.
  execFileSync("npm", ["install", tarball, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: project, env: NPM_ENV, stdio: ["ignore", "pipe", "pipe"],
  });
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function node(file, source) {
  writeFileSync(join(project, file), source);
  return execFileSync(process.execPath, [file], { cwd: project, encoding: "utf8" });
}

test("the tarball holds exactly the built files, declarations and README", () => {
  const files = packed.files.map((f) => f.path).sort();
  assert.deepStrictEqual(files, [...pkg.files, "package.json"].sort());
  assert.equal(packed.name, "specmark");
  assert.equal(packed.entryCount, files.length);
  // Runtime dependencies: only the npm command's (gitignore rules, the MCP SDK), pinned.
  assert.deepStrictEqual(Object.keys(pkg.dependencies).sort(), ["@modelcontextprotocol/sdk", "ignore"]);
  for (const v of Object.values(pkg.dependencies)) assert.match(v, /^\d+\.\d+\.\d+$/, "pinned");
  assert.equal(pkg.bin.specmark, "./js/cli.mjs");
  assert.ok(files.includes("pkg/node/specmark_bg.wasm") && files.includes("pkg/web/specmark_bg.wasm"), "the tarball holds the wasm modules");
});

test("installed from the tarball: require() works (CommonJS)", () => {
  const out = node("cjs.cjs", `
    const specmark = require("specmark");
    const r = specmark.lint(${JSON.stringify(DOC)}, { path: "docs/design.md" });
    console.log(JSON.stringify({ v: specmark.version(), names: r.diagnostics.map((d) => d.name),
      range: r.diagnostics[0].range, rules: specmark.rules().length,
      fixed: specmark.fix("x\\n<!-- specmark-disable-line agent-artifact -->\\n") }));
  `);
  const got = JSON.parse(out);
  assert.equal(got.v, pkg.version);
  assert.deepStrictEqual(got.names, ["agent-artifact"]);
  assert.deepStrictEqual(got.range, { start: { line: 2, character: 10 }, end: { line: 2, character: 19 } });
  assert.ok(got.rules >= 4);
  assert.equal(got.fixed, "x\n");
});

test("installed from the tarball: import works (ESM), sharing the CommonJS instance", () => {
  const out = node("esm.mjs", `
    import { lint, lintWorkspace, version, checkConfig } from "specmark";
    import { createRequire } from "node:module";
    const cjs = createRequire(import.meta.url)("specmark");
    const r = lint(${JSON.stringify(DOC)});
    const ws = lintWorkspace({ "b.md": "# B\\n", "a.md": "x </invoke>\\n" });
    console.log(JSON.stringify({ v: version(), n: r.diagnostics.length, same: cjs.lint === lint,
      ws: ws.map((x) => [x.path, x.diagnostics.length]), cfg: checkConfig("bogus = 1").line }));
  `);
  assert.deepStrictEqual(JSON.parse(out), {
    v: pkg.version, n: 1, same: true, ws: [["b.md", 0], ["a.md", 1]], cfg: 1,
  });
});

test("installed from the tarball: the web build loads in Node with initSync", () => {
  const out = node("web-node.mjs", `
    import { readFileSync } from "node:fs";
    import { createRequire } from "node:module";
    import { initSync, lint, version } from "specmark/web";
    const wasm = createRequire(import.meta.url).resolve("specmark/specmark_bg.wasm");
    initSync({ module: readFileSync(wasm) });
    console.log(JSON.stringify({ v: version(), n: lint(${JSON.stringify(DOC)}).diagnostics.length }));
  `);
  assert.deepStrictEqual(JSON.parse(out), { v: pkg.version, n: 1 });
});

test("installed from the tarball: bad input throws a clear Error", () => {
  const out = node("err.cjs", `
    const { lint } = require("specmark");
    try { lint("x", { kind: "novel" }); console.log("no error"); }
    catch (e) { console.log(JSON.stringify({ isError: e instanceof Error, message: e.message })); }
  `);
  const got = JSON.parse(out);
  assert.equal(got.isError, true);
  assert.match(got.message, /^specmark: unknown kind "novel"/);
});

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
};

function serve(dir) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const file = normalize(join(dir, decodeURIComponent(url.pathname === "/" ? "/index.html" : url.pathname)));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

test("installed from the tarball: an esbuild bundle of specmark/web runs in headless Chromium", async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/setup.sh --browser`);
  const { chromium } = await import("playwright-core");
  writeFileSync(join(project, "entry.js"), `
    import init, { lint, rules, version } from "specmark/web";
    const out = document.getElementById("out");
    try {
      await init();
      const report = lint(${JSON.stringify(DOC)}, { path: "docs/design.md", kind: "kiro-design" });
      window.specmarkResult = { version: version(), rules: rules().length, kind: report.kind,
        score: report.score, diagnostics: report.diagnostics.map((d) => [d.name, d.range]) };
      out.textContent = "score " + report.score;
    } catch (e) {
      window.specmarkResult = { error: String(e && e.stack || e) };
    }
  `);
  const dist = join(project, "dist");
  mkdirSync(dist);
  execFileSync(join(ROOT, "node_modules", ".bin", "esbuild"), [
    "entry.js", "--bundle", "--format=esm", "--platform=browser", "--target=es2022",
    `--outfile=${join(dist, "app.js")}`, "--log-level=warning",
  ], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
  // The web loader fetches specmark_bg.wasm next to the script (new URL(..., import.meta.url)).
  copyFileSync(join(project, "node_modules", "specmark", "pkg", "web", "specmark_bg.wasm"),
    join(dist, "specmark_bg.wasm"));
  writeFileSync(join(dist, "index.html"),
    '<!doctype html><meta charset="utf-8"><title>specmark</title><p id="out"></p><script type="module" src="app.js"></script>');
  const bundle = readFileSync(join(dist, "app.js"), "utf8");
  assert.doesNotMatch(bundle, /require\(["']fs["']\)/, "the browser bundle must not use Node's fs");

  const server = await serve(dist);
  const port = server.address().port;
  const profile = mkdtempSync(join(tmpdir(), "specmark-chromium-"));
  let context;
  try {
    // A fresh profile; the flags keep Chromium off the (closed) network.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const page = await context.newPage();
    const requests = [];
    const errors = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => window.specmarkResult !== undefined, null, { timeout: 30000 });
    const result = await page.evaluate(() => window.specmarkResult);
    assert.equal(result.error, undefined, result.error);
    assert.deepStrictEqual(errors, []);
    assert.equal(result.version, pkg.version);
    assert.equal(result.kind, "kiro-design");
    assert.ok(result.rules >= 4);
    assert.deepStrictEqual(result.diagnostics, [
      ["agent-artifact", { start: { line: 2, character: 10 }, end: { line: 2, character: 19 } }],
    ]);
    assert.equal(await page.textContent("#out"), `score ${result.score}`);
    assert.ok(requests.some((u) => u.endsWith("/specmark_bg.wasm")), "the wasm was fetched");
    for (const u of requests) assert.ok(u.startsWith(`http://127.0.0.1:${port}/`), `request left 127.0.0.1: ${u}`);
  } finally {
    await context?.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("installed from the tarball: `npx specmark check` lints a project like the native CLI", () => {
  const specs = join(project, "specs", "001-export");
  mkdirSync(specs, { recursive: true });
  writeFileSync(join(specs, "spec.md"), "# Feature Specification: Export\n\n## Requirements\n\n- **FR-001**: System MUST export CSV.\n- **FR-002**: System MUST export JSON.\n");
  writeFileSync(join(specs, "tasks.md"), "# Tasks: Export\n\n## Phase 1\n\n- [ ] T001 CSV writer in src/csv.py (FR-001)\n- [ ] T002 JSON writer in src/json.py (FR-002)\n- [ ] T003 XML writer in src/xml.py (FR-009)\n");
  const npx = (args) => spawnSync("npx", ["--no-install", "specmark", ...args], { cwd: project, env: NPM_ENV, encoding: "utf8" });
  const r = npx(["check", "-f", "json", "."]);
  assert.equal(r.status, 1, r.stderr);
  const native = spawnSync(NATIVE_CLI, ["check", "-f", "json", "."], { cwd: project, encoding: "utf8" });
  // node_modules holds no spec documents (ignored by neither tool, found by neither).
  assert.equal(r.stdout, native.stdout);
  assert.ok(JSON.parse(r.stdout).files.some((f) => f.diagnostics.some((d) => d.name === "unknown-requirement")));
  const v = npx(["--version"]);
  assert.equal(v.stdout.trim(), `specmark ${pkg.version}`);
  const bad = npx(["check", "--format", "xml"]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /specmark: error: unknown format "xml"/);
});
