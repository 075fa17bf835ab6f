// Safety of the browser checker: pasted text, file names and configuration are data, never
// markup. Each payload tries to set `window.__xss`; the flag must stay unset, no active
// element may appear, and the page must keep working. Every network request is recorded:
// none may leave 127.0.0.1, and none at all may happen after the page has loaded.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { expected, launch, loadSpecmark, openPage, rerender, shown, sorted, startServer } from "./helpers.mjs";

const PAYLOADS = [
  `<img src=x onerror="window.__xss=1">`,
  `<script>window.__xss=1</script>`,
  `<svg onload="window.__xss=1"></svg>`,
  `<svg/onload=window.__xss=1>`,
  `"><svg/onload=window.__xss=1>`,
  `'><img src=x onerror=window.__xss=1>`,
  `</textarea><img src=x onerror=window.__xss=1>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `[click me](javascript:window.__xss=1)`,
  `<a href="javascript:window.__xss=1" id="xss-link">link</a>`,
  `{{constructor.constructor('window.__xss=1')()}}`,
  "${window.__xss=1}",
  `<details open ontoggle=window.__xss=1>x</details>`,
  `<body onload=window.__xss=1>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>`,
  `<object data="javascript:window.__xss=1"></object>`,
  `<embed src="javascript:window.__xss=1">`,
  `<input autofocus onfocus=window.__xss=1>`,
  `<video><source onerror=window.__xss=1></video>`,
  `<style>@import 'javascript:window.__xss=1';</style>`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">`,
  `<base href="javascript:window.__xss=1//">`,
  `<!--<img src="--><img src=x onerror=window.__xss=1//">`,
  `<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">`,
  `&lt;img src=x onerror=window.__xss=1&gt;`,
  `<img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='parent.__xss=1'/>">`,
];

/** One document placing `p` in prose, a heading, a code block, a link, leaked agent markup
 * (echoed in a finding's message) and a suppression comment (echoed as an unknown rule). */
function documentWith(p) {
  const oneLine = p.replace(/\n/g, " ");
  return [
    `# PRD: ${oneLine}`,
    "",
    `Intro ${p}`,
    "",
    `## ${oneLine}`,
    "",
    "```html",
    p,
    "```",
    "",
    `See [the spec](javascript:window.__xss=1) and ${oneLine}.`,
    "",
    `## Broken <invoke name="${oneLine.replace(/[<>]/g, "")}">`,
    `<!-- specmark-disable-next-line ${oneLine.replace(/-->/g, "")} -->`,
    "Last line.",
    "",
  ].join("\n");
}

/** Config texts that put `p` where the error message echoes it. */
function configsWith(p) {
  const q = p.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, " ");
  return [`[rules."${q}"]\nseverity = "off"\n`, `[rules.unused-suppression]\nseverity = "${q}"\n`, `${p}\n`];
}

let server;
let browser;
let page;
let problems;
let specmark;
let loadedAt;

before(async () => {
  specmark = await loadSpecmark();
  server = await startServer();
  browser = await launch();
  ({ page, problems } = await openPage(browser.context, server.url));
  await page.waitForLoadState("networkidle");
  loadedAt = browser.requests.length;
});

after(async () => {
  await browser?.close();
  server?.stop();
});

async function assertClean(context) {
  const state = await page.evaluate(() => {
    const active = [...document.querySelectorAll("*")].filter((el) =>
      [...el.attributes].some((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)),
    );
    return {
      flag: window.__xss,
      active: active.map((el) => el.outerHTML.slice(0, 80)),
      foreign: document.querySelectorAll("iframe, object, embed, img, video, audio, source, base, meta[http-equiv=refresh], body style, body script").length,
      scripts: document.querySelectorAll("script").length,
      ready: document.body.dataset.ready,
    };
  });
  assert.equal(state.flag, undefined, `${context}: window.__xss was set`);
  assert.deepEqual(state.active, [], `${context}: active attributes in the DOM`);
  assert.equal(state.foreign, 0, `${context}: foreign elements in the DOM`);
  assert.equal(state.scripts, 1, `${context}: only the page's own module script`);
  assert.equal(state.ready, "true");
}

describe("XSS payloads", () => {
  it(`has at least 20 payloads (${PAYLOADS.length})`, () => {
    assert.ok(PAYLOADS.length >= 20);
  });

  for (const [i, p] of PAYLOADS.entries()) {
    it(`payload ${i + 1} in prose, headings, code, links, messages and config stays text: ${p.slice(0, 48)}`, async () => {
      const text = documentWith(p);
      await rerender(page, () => page.fill("#source", text));
      // The editor holds exactly the text (nothing closed the textarea or was parsed).
      assert.equal(await page.inputValue("#source"), text);
      // The page still works: results match the wasm, including echoed payloads in messages.
      const s = await shown(page);
      assert.deepEqual(sorted(s.findings), expected(specmark, text).findings);
      assert.ok(Number.isInteger(s.score));
      // Reveal, explain and close: more rendering paths with the same data.
      const first = page.locator("li.diag .diag-jump").first();
      if (await first.count()) await first.click();
      const explain = page.locator("li.diag button.explain").first();
      if (await explain.count()) {
        await explain.click();
        await page.keyboard.press("Escape");
      }
      await page.click("#settings summary");
      for (const config of configsWith(p)) {
        const check = specmark.checkConfig(config);
        await rerender(page, () => page.fill("#config", config));
        const status = await page.textContent("#config-status");
        if (!check.ok) assert.ok(status.endsWith(check.message), `config error shown as text: ${status}`);
      }
      await rerender(page, () => page.fill("#config", ""));
      await page.click("#settings summary");
      await assertClean(`payload ${i + 1}`);
    });
  }

  it("payloads in a file name are shown as text", async () => {
    const name = `<img src=x onerror=window.__xss=1>.md`;
    await rerender(page, () =>
      page.setInputFiles("#file-input", { name, mimeType: "text/markdown", buffer: Buffer.from("# PRD: named\n") }),
    );
    assert.equal(await page.textContent("#doc-name"), name);
    await assertClean("file name");
  });

  it("after every payload, late handlers (image errors, timers) still set nothing", async () => {
    await page.waitForTimeout(500);
    await assertClean("after all payloads");
    assert.deepEqual(problems, []);
  });
});

describe("network", () => {
  it("every request went to 127.0.0.1, and none after the page loaded but the Python parser's", () => {
    const origin = new URL(server.url).origin;
    const offsite = browser.requests.filter((r) => !r.url.startsWith(`${origin}/`) && !/^(blob|data):/.test(r.url));
    assert.deepEqual(offsite, []);
    // The one fetch a loaded page may make: the parser module, for python snippets.
    const parser = /\/wasm\/specmark_python(_bg\.wasm|\.js)$/;
    const late = browser.requests.slice(loadedAt).filter((r) => !/^(blob|data):/.test(r.url) && !parser.test(r.url));
    assert.deepEqual(late.map((r) => r.url), []);
    // The load itself fetched only the page's own files.
    const paths = browser.requests.slice(0, loadedAt).map((r) => new URL(r.url).pathname.replace(new URL(server.url).pathname, ""));
    assert.deepEqual(new Set(paths), new Set(["", "style.css", "favicon.svg", "js/app.js", "js/dom.js", "js/editor.js", "js/examples.js", "js/markdown.js", "js/positions.js", "js/report.js", "wasm/specmark.js", "wasm/specmark_bg.wasm"]));
  });
});
