// Benchmark (not a test): time to the first snippet-syntax finding, cold, with the Python
// parser as a second wasm module (README, "Python snippets: a second module").
//   Node: a new process requires the package and lints a PRD with a python syntax error (the
//         parser module is required and compiled inside that lint); then the same lint warm.
//   Page: Chromium opens the built page (dist/www, scripts/build-www.sh), the PRD is pasted;
//         the time until the error finding is on screen, and the page's own measure of the
//         parser's fetch and compile.
// Usage: node bench/python.mjs [runs]   (median of runs, 5 by default)
import { spawnSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.argv[2] ?? 5);
const PRD = "# PRD: Checkout\n\n```python\n# VERIFIED: ran it\ndef f(:\n    pass\n```\n";
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const script = `
  const t0 = performance.now();
  const sm = require(${JSON.stringify(join(ROOT, "js/node.cjs"))});
  const t1 = performance.now();
  const r = sm.lint(${JSON.stringify(PRD)}, { path: "prd.md" });
  const t2 = performance.now();
  if (!r.diagnostics.some((d) => d.name === "snippet-syntax" && d.severity === "error")) throw new Error("no syntax finding");
  sm.lint(${JSON.stringify(PRD)}, { path: "prd.md" });
  const t3 = performance.now();
  console.log(JSON.stringify({ load: t1 - t0, first: t2 - t1, total: t2 - t0, warm: t3 - t2 }));`;
const node = [];
for (let i = 0; i < RUNS; i++) {
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  node.push(JSON.parse(r.stdout));
}
const m = (k) => median(node.map((x) => x[k])).toFixed(1);
console.log(`Node, new process (median of ${RUNS}): load engine ${m("load")} ms; first lint with a python error (parser required and compiled) ${m("first")} ms; total ${m("total")} ms; next lint ${m("warm")} ms`);

const { launch, openPage, revision, startServer } = await import(join(ROOT, "tests/www/helpers.mjs"));
const server = await startServer();
const page = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const browser = await launch();
    try {
      const { page: p } = await openPage(browser.context, server.url);
      const rev = await revision(p);
      const t0 = Date.now();
      await p.fill("#source", PRD);
      await p.waitForFunction((b) => Number(document.querySelector("#results").dataset.revision) > b, rev);
      await p.waitForFunction(() => document.querySelector('#diagnostics li.diag[data-name="snippet-syntax"].sev-error'));
      page.push({ total: Date.now() - t0, load: Number(await p.getAttribute("#results", "data-python-load-ms")) });
    } finally {
      await browser.close();
    }
  }
} finally {
  server.stop();
}
console.log(`Page, fresh browser (median of ${RUNS}): paste to the syntax error on screen ${median(page.map((x) => x.total))} ms; parser fetched and compiled in ${median(page.map((x) => x.load)).toFixed(1)} ms`);
