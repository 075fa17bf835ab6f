// Same answers in every front end: every fixture and every real document of
// ../shared/realdocs is linted by the native CLI (JSON), the npm package (`lint`, and
// `lintWorkspace` with the document alone), the language server (published diagnostics, over
// stdio) and the browser page (driven in Chromium, its exported JSON report). Each finding is
// compared by rule, severity, UTF-16 range and message; any difference fails the test (there
// is no tolerance: a difference is a bug in one front end).
//
// Each document is linted on its own under its file name (the page opens a single file by
// its name; the other front ends get the same name as its path), so the four see the same
// input: the same kind and profile detection, no sibling documents. Documents that are not
// UTF-8 or hold NUL bytes are left out (the page refuses them before linting; the CLI and npm
// tests cover them). Python snippets are checked everywhere: the page and the package load
// the parser module on demand, and the comparison waits for it.
//
// Run by scripts/test-parity.sh (part of `npm test`), which builds every front end first.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LspClient, uriOf } from "../../vscode-extension/test/lsp-client.mjs";
import { launch, openPage, rerender, startServer } from "../www/helpers.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const REALDOCS = resolve(ROOT, "../shared/realdocs");
const CLI = process.env.SPECMARK_CLI ?? join(ROOT, "target/debug/specmark");
const require = createRequire(import.meta.url);

function markdownFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...markdownFiles(p));
    else if (e.isFile() && /\.md$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
/** Every document the four front ends can all read. */
const DOCS = [...markdownFiles(join(ROOT, "tests/fixtures")), ...markdownFiles(REALDOCS)]
  .filter((file) => statSync(file).size <= 1_000_000)
  .map((file) => ({ file, name: basename(file), bytes: readFileSync(file) }))
  .filter((d) => {
    if (d.bytes.includes(0)) return false;
    try {
      d.text = utf8.decode(d.bytes);
      return true;
    } catch {
      return false;
    }
  });

const SEVERITY = { 1: "error", 2: "warning", 3: "info", 4: "info" };

/** One comparable line per finding, sorted. */
function keys(findings) {
  return findings
    .map((f) => {
      const r = f.range;
      return `${f.name} ${f.severity} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${f.message}`;
    })
    .sort();
}

function label(d) {
  return d.file.startsWith(REALDOCS) ? `realdocs/${d.file.slice(REALDOCS.length + 1)}` : d.file.slice(ROOT.length + 1);
}

/** The CLI's findings per document (the reference). */
const cli = new Map();
let empty;

before(() => {
  assert.ok(DOCS.length > 250, `expected the fixtures and real documents, found ${DOCS.length}`);
  empty = mkdtempSync(join(tmpdir(), "specmark-parity-"));
  for (const d of DOCS) {
    const r = spawnSync(CLI, ["check", "--stdin", "--stdin-filename", d.name, "--format", "json"], {
      cwd: empty,
      input: d.bytes,
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.ok(r.status === 0 || r.status === 1, `${label(d)}: CLI exit ${r.status}: ${r.stderr}`);
    cli.set(d, keys(JSON.parse(r.stdout).files[0].diagnostics));
  }
});

after(() => rmSync(empty, { recursive: true, force: true }));

/** Compare every document; report the first few differences. */
function compare(frontEnd, got) {
  const diffs = [];
  for (const d of DOCS) {
    const want = cli.get(d);
    const have = got.get(d);
    if (JSON.stringify(want) === JSON.stringify(have)) continue;
    const missing = want.filter((k) => !have?.includes(k));
    const extra = (have ?? []).filter((k) => !want.includes(k));
    diffs.push(`${label(d)}\n    only in the CLI: ${JSON.stringify(missing)}\n    only in ${frontEnd}: ${JSON.stringify(extra)}`);
  }
  assert.equal(diffs.length, 0, `${frontEnd} differs from the CLI on ${diffs.length} documents:\n  ${diffs.slice(0, 8).join("\n  ")}`);
}

test("the reference sees python syntax errors (the comparison covers snippet-syntax)", () => {
  const errors = [...cli.values()].flat().filter((k) => k.startsWith("snippet-syntax error"));
  assert.ok(errors.length > 0, "no snippet-syntax finding in the fixtures and real documents");
});

test("npm package: lint and lintWorkspace agree with the CLI", () => {
  const sm = require(join(ROOT, "js/node.cjs"));
  const linted = new Map();
  const alone = new Map();
  for (const d of DOCS) {
    linted.set(d, keys(sm.lint(d.text, { path: d.name }).diagnostics));
    alone.set(d, keys(sm.lintWorkspace({ [d.name]: d.text }, {})[0].diagnostics));
  }
  assert.equal(sm.pythonPending(), false, "the Node package checked every python snippet");
  compare("npm lint", linted);
  compare("npm lintWorkspace", alone);
});

test("language server: published diagnostics agree with the CLI", async () => {
  const root = mkdtempSync(join(tmpdir(), "specmark-parity-lsp-"));
  const client = new LspClient({ root, settings: { lintAllMarkdown: true } });
  try {
    await client.initialize();
    const got = new Map();
    for (const d of DOCS) {
      const uri = uriOf(join(root, d.name));
      const seen = client.count(uri);
      client.open(join(root, d.name), d.text);
      const p = await client.nextDiagnostics(uri, seen, () => true, 30_000);
      got.set(
        d,
        keys(p.diagnostics.map((x) => ({ name: x.code, severity: SEVERITY[x.severity], range: x.range, message: x.message }))),
      );
      const closed = client.count(uri);
      client.close(uri);
      await client.nextDiagnostics(uri, closed, () => true, 30_000);
    }
    compare("the language server", got);
  } finally {
    await client.shutdown();
    rmSync(root, { recursive: true, force: true });
  }
});

test("browser page: the exported report agrees with the CLI", async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, problems } = await openPage(browser.context, server.url);
    // The report the Export JSON button hands to the browser, taken where it becomes a
    // download (Chromium stops downloads after the first few from one page).
    await page.evaluate(() => {
      const create = URL.createObjectURL;
      URL.createObjectURL = (blob) => {
        window.__exported = blob.text();
        return create(blob);
      };
    });
    const got = new Map();
    for (const d of DOCS) {
      try {
        await rerender(page, () =>
          page.setInputFiles("#file-input", { name: d.name, mimeType: "text/markdown", buffer: d.bytes }),
        );
        await page.evaluate(() => (window.__exported = null));
        await page.click("#export-json");
        const report = JSON.parse(await page.evaluate(() => window.__exported));
        got.set(d, keys(report.diagnostics));
      } catch (e) {
        throw new Error(`${label(d)}: ${e.message}`);
      }
    }
    assert.deepEqual(problems, []);
    compare("the page", got);
  } finally {
    await browser.close();
    server.stop();
  }
});
