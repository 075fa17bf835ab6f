// The page and the Python parser module: fetched only when a document has python snippets to
// check, an info finding while it loads, then the same syntax error as the engine in Node.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { launch, loadSpecmark, openPage, revision, shown, startServer } from "./helpers.mjs";

const PRD = "# PRD: Checkout\n\n```python\n# VERIFIED: ran it\ndef f(:\n    pass\n```\n";
const TASKS = "# Tasks: Demo\n\n- [ ] **T1**: First\n- [ ] **T2**: Second (depends on T1)\n";
const fetchedParser = (requests) => requests.filter((r) => /\/wasm\/specmark_python(_bg\.wasm|\.js)$/.test(r.url));

let server;
let browser;
let page;
let specmark;

before(async () => {
  specmark = await loadSpecmark();
  server = await startServer();
  browser = await launch();
  ({ page } = await openPage(browser.context, server.url));
});

after(async () => {
  await browser?.close();
  server?.stop();
});

describe("python snippets in the page", () => {
  it("a document without python does not fetch the parser", async () => {
    const rev = await revision(page);
    await page.fill("#source", TASKS);
    await page.waitForFunction((b) => Number(document.querySelector("#results").dataset.revision) > b, rev);
    assert.deepEqual(fetchedParser(browser.requests), []);
  });

  it("a python syntax error shows once the parser has loaded (info finding meanwhile)", async (t) => {
    const rev = await revision(page);
    const t0 = Date.now();
    await page.fill("#source", PRD);
    await page.waitForFunction((b) => Number(document.querySelector("#results").dataset.revision) > b, rev);
    const first = (await shown(page)).findings.filter((f) => f.name === "snippet-syntax");
    await page.waitForFunction(() => document.querySelector('#diagnostics li.diag[data-name="snippet-syntax"].sev-error'));
    t.diagnostic(`cold: first syntax finding ${Date.now() - t0} ms after the paste (parser fetched and compiled in ${await page.getAttribute("#results", "data-python-load-ms")} ms)`);
    // Either the loading note showed first, or the parser was already fast enough: never both
    // at once, never a wrong finding.
    assert.ok(first.length === 1 && (/is loading/.test(first[0].message) || first[0].message.includes("does not parse")), JSON.stringify(first));
    const want = specmark.lint(PRD, {}).diagnostics.filter((d) => d.name === "snippet-syntax");
    const got = (await shown(page)).findings.filter((f) => f.name === "snippet-syntax");
    assert.deepEqual(got, want.map((d) => ({ name: d.name, line: d.range.start.line + 1, message: d.message })));
    assert.equal(fetchedParser(browser.requests).length, 2, "the glue and the module, once each");
  });
});
