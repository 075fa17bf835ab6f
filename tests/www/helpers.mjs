// Shared setup for the browser checker tests: a static server on 127.0.0.1 (the project's
// own scripts/serve.mjs, under a sub-path like GitHub Pages), Debian's Chromium driven by
// playwright-core with a fresh profile, a request log, and the built wasm loaded in Node to
// compute what the page should show.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST = join(ROOT, "dist/www");
export const OUTPUT = join(ROOT, "test-output/www");
export const BASE = "/specmark/checker/";

/** The built wasm, loaded in Node: the reference the page's output is compared with. */
export async function loadSpecmark() {
  const mod = await import(pathToFileURL(join(DIST, "wasm/specmark.js")).href);
  mod.initSync({ module: readFileSync(join(DIST, "wasm/specmark_bg.wasm")) });
  // The page loads the Python parser module when a document has python snippets: so does
  // the reference.
  const python = await import(pathToFileURL(join(DIST, "wasm/specmark_python.js")).href);
  python.initSync({ module: readFileSync(join(DIST, "wasm/specmark_python_bg.wasm")) });
  mod.setPythonParser({ parse: (source) => python.parse(source) });
  return mod;
}

/** The example documents, exactly as the page embeds them. */
export async function loadExamples() {
  return (await import(pathToFileURL(join(DIST, "js/examples.js")).href)).EXAMPLES;
}

/** Start scripts/serve.mjs on a free port; resolves to { url, stop }. */
export function startServer() {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "scripts/serve.mjs"), DIST, "--base", BASE], {
      env: { ...process.env, PORT: "0" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
      if (m) resolvePromise({ url: m[1], stop: () => child.kill("SIGTERM") });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

/** Launch Chromium (flags from TOOLCHAIN.md) with a throw-away profile. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "specmark-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  const requests = [];
  context.on("request", (r) => requests.push({ url: r.url(), at: Date.now() }));
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, requests, close };
}

/** Open the page and wait until the wasm is loaded and the first render happened. */
export async function openPage(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, problems };
}

export async function revision(page) {
  return Number(await page.getAttribute("#results", "data-revision"));
}

/**
 * Run `action`, then wait until the results panel re-rendered (and, for a document with
 * python snippets, until the page has loaded the Python parser and checked them).
 */
export async function rerender(page, action) {
  const before = await revision(page);
  await action();
  await page.waitForFunction((b) => Number(document.querySelector("#results").dataset.revision) > b, before);
  await page.waitForFunction(() => !document.querySelector("#diagnostics").textContent.includes("parser module is loading"));
}

export async function loadExample(page, key) {
  await rerender(page, () => page.click(`[data-example="${key}"]`));
}

/** What the results panel shows: score, grade, kind, and each listed finding. */
export async function shown(page) {
  return page.evaluate(() => ({
    score: Number(document.querySelector("#score")?.textContent),
    grade: document.querySelector("#grade")?.textContent,
    kind: document.querySelector("#results").dataset.kind,
    kindLabel: document.querySelector("#kind-label").textContent,
    kindSource: document.querySelector("#kind-source").textContent,
    findings: [...document.querySelectorAll("#diagnostics li.diag")].map((li) => ({
      name: li.dataset.name,
      line: Number(li.dataset.line),
      message: li.querySelector(".diag-msg").textContent,
    })),
  }));
}

/** The findings the wasm reports for `text`, in the page's shape, sorted like `sorted()`. */
export function expected(specmark, text, options = {}) {
  const r = specmark.lint(text, options);
  return { result: r, findings: sorted(r.diagnostics.map((d) => ({ name: d.name, line: d.range.start.line + 1, message: d.message }))) };
}

export function sorted(findings) {
  return [...findings].sort((a, b) => a.line - b.line || a.name.localeCompare(b.name) || a.message.localeCompare(b.message));
}
