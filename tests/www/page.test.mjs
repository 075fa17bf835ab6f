// The browser checker in a real Chromium: examples, findings, highlighting, fixes, kinds,
// configuration, exports, files, explain, keyboard, themes, timing and screenshots.
// Expected results come from the same wasm loaded in Node, so these tests hold as rules
// are added; the rules that exist on main (agent-artifact, unused-suppression) are also
// asserted by name.

import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  OUTPUT,
  expected,
  launch,
  loadExample,
  loadExamples,
  loadSpecmark,
  openPage,
  rerender,
  shown,
  sorted,
  startServer,
} from "./helpers.mjs";

let server;
let browser;
let page;
let problems;
let specmark;
let examples;

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  specmark = await loadSpecmark();
  examples = await loadExamples();
  server = await startServer();
  browser = await launch();
  ({ page, problems } = await openPage(browser.context, server.url));
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** Replace the editor's text the way typing would (an input event) and wait for results. */
async function setText(text) {
  await rerender(page, () => page.fill("#source", text));
}

async function resetPage() {
  await page.setViewportSize({ width: 1280, height: 800 });
  if (await page.inputValue("#config")) await rerender(page, () => page.fill("#config", ""));
  assert.match(await page.textContent("#config-status"), /^No configuration/);
  await page.selectOption("#kind-select", "auto");
}

describe("loading", () => {
  it("loads under a sub-path with the wasm, every kind, and no errors or CSP violations", async () => {
    assert.match(server.url, /\/specmark\/checker\/$/);
    assert.equal(await page.textContent("#status"), "Paste, type, drop or open a spec to see its score.");
    assert.match(await page.textContent("#version"), /^specmark \d+\.\d+\.\d+/);
    const kinds = await page.$$eval("#kind-select option", (os) => os.map((o) => o.value));
    assert.deepEqual(kinds, ["auto", ...specmark.kinds().map((k) => k.name)]);
    assert.match(await page.textContent("#privacy"), /runs locally.*never uploaded/s);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    assert.match(csp, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/);
    assert.match(csp, /connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'/);
    assert.deepEqual(problems, []);
  });
});

describe("examples", () => {
  it("weak example: the expected rules are listed, with gutter markers, and it scores below the strong example", async () => {
    await resetPage();
    await loadExample(page, "weak");
    const weak = await shown(page);
    const want = expected(specmark, examples.weak.text);
    assert.deepEqual(sorted(weak.findings), want.findings);
    const names = new Set(weak.findings.map((f) => f.name));
    assert.ok(names.has("unused-suppression"), "unused-suppression listed");
    assert.ok(names.has("agent-artifact"), "agent-artifact listed");
    assert.ok(names.has("claim-mismatch"), "claim-mismatch listed");
    assert.equal(weak.score, want.result.score);
    assert.equal(weak.kind, "prd");
    assert.equal(weak.kindSource, "(detected from the content)");

    const marks = await page.$$eval(".gutter-mark", (ms) => ms.map((m) => Number(m.dataset.line) + 1));
    assert.deepEqual(new Set(marks), new Set(weak.findings.map((f) => f.line)));

    const categories = await page.$$eval("#categories li.category", (ls) => ls.map((l) => l.dataset.name));
    assert.deepEqual(categories, ["structure", "completeness", "measurability", "verification", "consistency"]);
    const lost = await page.textContent('#categories li[data-name="structure"] .cat-lost');
    assert.match(lost, /agent-artifact ×1: −25 points/);

    await loadExample(page, "strong");
    const strong = await shown(page);
    assert.equal(strong.score, specmark.lint(examples.strong.text, {}).score);
    assert.ok(weak.score < strong.score, `weak ${weak.score} < strong ${strong.score}`);
    assert.deepEqual(sorted(strong.findings), expected(specmark, examples.strong.text).findings);
  });

  it("tasks example: detected as tasks, the cycle reported (and by dependency-cycle once that rule exists)", async () => {
    await resetPage();
    await loadExample(page, "tasks");
    const s = await shown(page);
    assert.equal(s.kind, "tasks");
    assert.deepEqual(sorted(s.findings), expected(specmark, examples.tasks.text).findings);
    const cycle = s.findings.find((f) => f.name === "claim-mismatch");
    assert.ok(cycle, "the ticked 'no circular dependencies' claim is reported");
    assert.match(cycle.message, /1\.1 → 2\.2 → 1\.2 → 1\.1/);
    if (specmark.rules().some((r) => r.name === "dependency-cycle")) {
      assert.ok(s.findings.some((f) => f.name === "dependency-cycle"), "dependency-cycle listed");
    }
  });
});

describe("editor", () => {
  it("clicking a finding scrolls to its line, selects the range and highlights the line", async () => {
    await resetPage();
    const filler = Array.from({ length: 150 }, (_, i) => `Line ${i + 3} of a long document.`).join("\n");
    const text = `# PRD: Scrolling\n\n${filler}\n## Broken<invoke name="x"> heading\n`;
    await setText(text);
    const target = 153; // 1-based line of the artifact
    await page.$eval("#source", (t) => {
      t.scrollTop = 0;
    });
    await page.click(`li.diag[data-name="agent-artifact"] .diag-jump`);
    assert.equal(await page.getAttribute("#editor", "data-active-line"), String(target - 1));
    const sel = await page.$eval("#source", (t) => t.value.slice(t.selectionStart, t.selectionEnd));
    assert.equal(sel, '<invoke name="x">');
    assert.equal(await page.evaluate(() => document.activeElement.id), "source");
    // The highlight bar is inside the visible part of the editor.
    const box = await page.$eval(".line-active", (el) => {
      const r = el.getBoundingClientRect();
      const t = document.querySelector("#source").getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, tTop: t.top, tBottom: t.bottom, line: el.dataset.line };
    });
    assert.equal(box.line, String(target - 1));
    assert.ok(box.top >= box.tTop && box.bottom <= box.tBottom, `highlight visible: ${JSON.stringify(box)}`);
    assert.ok((await page.$eval("#source", (t) => t.scrollTop)) > 0, "editor scrolled");
    // The gutter follows the textarea's scroll: line number `target` sits next to the bar.
    const gutterTop = await page.$eval(`.gutter-mark[data-line="${target - 1}"]`, (m) => m.getBoundingClientRect().top);
    assert.ok(Math.abs(gutterTop - box.top) < 12, `gutter mark aligned (${gutterTop} vs ${box.top})`);

    // Editing clears the stale highlight.
    await page.focus("#source");
    await rerender(page, () => page.keyboard.type("x"));
    assert.equal(await page.getAttribute("#editor", "data-active-line"), "");
  });

  it("typing updates results after a pause (debounced live results)", async () => {
    await resetPage();
    await setText("# PRD: Typing\n\nSome text.\n");
    assert.equal((await shown(page)).findings.length, expected(specmark, "# PRD: Typing\n\nSome text.\n").findings.length);
    await page.focus("#source");
    await page.keyboard.press("End");
    await rerender(page, () => page.keyboard.type('\n## Oops <function_calls>\n'));
    const s = await shown(page);
    assert.ok(s.findings.some((f) => f.name === "agent-artifact"), "finding appears while typing");
  });

  it("uses the line/character range, not bytes, with emoji and CJK before the finding", async () => {
    await resetPage();
    const text = "# PRD: 表情 🎉🎉\n\n説明 🚀 <!-- specmark-disable-line agent-artifact -->\n";
    await setText(text);
    await page.click(`li.diag[data-name="unused-suppression"] .diag-jump`);
    const sel = await page.$eval("#source", (t) => t.value.slice(t.selectionStart, t.selectionEnd));
    assert.equal(sel, "<!-- specmark-disable-line agent-artifact -->");
  });
});

describe("fixes", () => {
  it("a finding's Fix button applies its edits and the finding disappears; Undo restores", async () => {
    await resetPage();
    await loadExample(page, "weak");
    const before = await shown(page);
    assert.ok(before.findings.some((f) => f.name === "unused-suppression"));
    await rerender(page, () => page.click(`li.diag[data-name="unused-suppression"] button.fix`));
    const after = await shown(page);
    assert.ok(!after.findings.some((f) => f.name === "unused-suppression"), "unused-suppression gone");
    assert.ok(after.findings.some((f) => f.name === "agent-artifact"), "other findings stay");
    const text = await page.inputValue("#source");
    assert.ok(!text.includes("specmark-disable-next-line agent-artifact"), "comment removed");
    // The edit removed exactly the comment line, nothing else.
    assert.equal(text, examples.weak.text.replace("<!-- specmark-disable-next-line agent-artifact -->\n", ""));
    assert.match(await page.textContent("#status"), /^Applied fix/);

    await rerender(page, () => page.click("#undo"));
    assert.equal(await page.inputValue("#source"), examples.weak.text);
  });

  it("Apply all safe fixes produces what fix() produces", async () => {
    await resetPage();
    await loadExample(page, "weak");
    assert.equal(await page.isEnabled("#fix-all"), true);
    await rerender(page, () => page.click("#fix-all"));
    assert.equal(await page.inputValue("#source"), specmark.fix(examples.weak.text, {}));
    assert.equal(await page.isEnabled("#fix-all"), false, "nothing safe left to fix");
  });

  it("copies the fixed text to the clipboard without changing the editor", async () => {
    await resetPage();
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });
    await loadExample(page, "weak");
    await page.click("#copy-fixed");
    await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("Copied"));
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(clip, specmark.fix(examples.weak.text, {}));
    assert.equal(await page.inputValue("#source"), examples.weak.text);
  });
});

describe("kinds", () => {
  it("switching the kind re-lints with that kind and shows it", async () => {
    await resetPage();
    await loadExample(page, "weak");
    assert.equal(await page.$eval("#kind-select option", (o) => o.textContent), "Auto-detect (PRD)");
    const prd = await shown(page);
    await rerender(page, () => page.selectOption("#kind-select", "tasks"));
    const tasks = await shown(page);
    assert.equal(tasks.kind, "tasks");
    assert.equal(tasks.kindLabel, "Tasks (GOE / phase style)");
    assert.equal(tasks.kindSource, "(chosen by you)");
    assert.notEqual(tasks.kindLabel, prd.kindLabel);
    const want = expected(specmark, examples.weak.text, { kind: "tasks" });
    assert.deepEqual(sorted(tasks.findings), want.findings);
    assert.equal(tasks.score, want.result.score);
    const note = await page.textContent('#categories li[data-name="completeness"] .cat-lost');
    const completenessApplies = want.result.categories.find((c) => c.name === "completeness").score !== null;
    if (!completenessApplies) assert.match(note, /Tasks \(GOE \/ phase style\) documents/);

    await rerender(page, () => page.selectOption("#kind-select", "markdown"));
    const md = await shown(page);
    assert.equal(md.kind, "markdown");
    assert.deepEqual(sorted(md.findings), expected(specmark, examples.weak.text, { kind: "markdown" }).findings);

    await rerender(page, () => page.selectOption("#kind-select", "auto"));
    assert.equal((await shown(page)).kind, "prd");
  });
});

describe("profiles", () => {
  it("shows the profile and why, and the profile selector re-lints as that family", async () => {
    await resetPage();
    await loadExample(page, "weak");
    const line = await page.textContent("#profile-line");
    assert.match(line, /^Profile GOE PRD: /);
    assert.equal(await page.$eval("#results", (r) => r.dataset.profile), "goe-prd");
    const goe = await shown(page);
    assert.ok(goe.findings.some((f) => f.name === "unverified-snippet"), "GOE rules run on a GOE PRD");
    await rerender(page, () => page.selectOption("#profile-select", "generic-prd"));
    assert.equal(await page.$eval("#results", (r) => r.dataset.profile), "generic-prd");
    const generic = await shown(page);
    const want = expected(specmark, examples.weak.text, { profile: "generic-prd" });
    assert.deepEqual(sorted(generic.findings), want.findings);
    assert.ok(!generic.findings.some((f) => f.name === "unverified-snippet"), "no GOE rule on a generic PRD");
    assert.match(await page.textContent("#profile-line"), /chosen explicitly/);
    await rerender(page, () => page.selectOption("#profile-select", "auto"));
  });
});

describe("configuration", () => {
  it("shows a bad .specmark.toml's error with line and column, and uses a valid one", async () => {
    await resetPage();
    await loadExample(page, "weak");
    await page.click("#settings summary");
    const bad = '# thresholds\n[rules.unused-suppresion]\nseverity = "off"\n';
    const check = specmark.checkConfig(bad);
    assert.equal(check.ok, false);
    await rerender(page, () => page.fill("#config", bad));
    const status = await page.textContent("#config-status");
    assert.equal(status, `Line ${check.line}, column ${check.column}: ${check.message}`);
    assert.match(status, /^Line 2, column \d+: unknown rule "unused-suppresion"/);
    assert.equal(await page.getAttribute("#config", "aria-invalid"), "true");
    assert.match(await page.textContent("#status"), /configuration has an error/);

    await rerender(page, () => page.fill("#config", "[rules\nseverity = 1\n"));
    assert.match(await page.textContent("#config-status"), /^Line 1, column \d+: /);

    await rerender(page, () => page.fill("#config", '[rules.unused-suppression]\nseverity = "off"\n'));
    assert.equal(await page.textContent("#config-status"), "Configuration is valid and used for the results.");
    let s = await shown(page);
    assert.ok(!s.findings.some((f) => f.name === "unused-suppression"), "rule turned off");
    assert.ok(s.findings.some((f) => f.name === "agent-artifact"));

    await rerender(page, () => page.fill("#config", '[rules.unused-suppression]\nseverity = "error"\n'));
    const group = await page.$eval('li.diag[data-name="unused-suppression"]', (li) => li.closest("section").dataset.severity);
    assert.equal(group, "error");
    s = await shown(page);
    const want = specmark.lint(examples.weak.text, { config: '[rules.unused-suppression]\nseverity = "error"\n' });
    assert.equal(s.score, want.score);
  });
});

describe("exports", () => {
  it("exports the report as Markdown and JSON downloads", async () => {
    await resetPage();
    await loadExample(page, "weak");
    const want = specmark.lint(examples.weak.text, {});

    const [json] = await Promise.all([page.waitForEvent("download"), page.click("#export-json")]);
    assert.equal(json.suggestedFilename(), "document.specmark.json");
    const report = JSON.parse(readFileSync(await json.path(), "utf8"));
    assert.equal(report.tool, "specmark");
    assert.equal(report.document, "Example: Weak PRD");
    assert.equal(report.score, want.score);
    assert.deepEqual(report.diagnostics, want.diagnostics);
    assert.deepEqual(report.categories, want.categories);

    const [md] = await Promise.all([page.waitForEvent("download"), page.click("#export-md")]);
    assert.equal(md.suggestedFilename(), "document.specmark.md");
    const text = readFileSync(await md.path(), "utf8");
    assert.match(text, /^# specmark report\n/);
    assert.match(text, new RegExp(`Score: \\*\\*${want.score}/100\\*\\* \\(grade ${want.grade}\\)`));
    for (const d of want.diagnostics) {
      assert.ok(text.includes(`- Line ${d.range.start.line + 1}: **${d.name}** (${d.code})`), `lists ${d.name}`);
    }
    const structure = want.categories.find((c) => c.name === "structure");
    assert.ok(text.includes(`| structure | ${structure.score}/100 | ${structure.points} |`), "structure row with its points");
  });
});

describe("files", () => {
  it("opens a file: its name drives kind detection", async () => {
    await resetPage();
    const text = "# Work plan\n\n- [ ] **Task 1.1**: Do it\n";
    await rerender(page, () =>
      page.setInputFiles("#file-input", { name: "tasks.md", mimeType: "text/markdown", buffer: Buffer.from(text) }),
    );
    assert.equal(await page.inputValue("#source"), text);
    assert.equal(await page.textContent("#doc-name"), "tasks.md");
    const s = await shown(page);
    assert.equal(s.kind, "tasks");
    assert.equal(s.kindSource, "(from the file name)");

    // Pasting a new document over everything forgets the file name.
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });
    await page.evaluate(() => navigator.clipboard.writeText("# Work plan\n\nPasted instead.\n"));
    await page.focus("#source");
    await page.keyboard.press("Control+A");
    await rerender(page, () => page.keyboard.press("Control+V"));
    assert.equal(await page.inputValue("#source"), "# Work plan\n\nPasted instead.\n");
    assert.equal(await page.textContent("#doc-name"), "");
    assert.notEqual((await shown(page)).kindSource, "(from the file name)");
  });

  it("accepts a dropped file", async () => {
    await resetPage();
    const text = "# PRD: Dropped\n\n## Goals <parameter name=\"q\">\n";
    await rerender(page, () =>
      page.evaluate((t) => {
        const dt = new DataTransfer();
        dt.items.add(new File([t], "dropped.md", { type: "text/markdown" }));
        const target = document.querySelector("#source");
        target.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
        target.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, text),
    );
    assert.equal(await page.inputValue("#source"), text);
    assert.equal(await page.textContent("#doc-name"), "dropped.md");
    assert.ok((await shown(page)).findings.some((f) => f.name === "agent-artifact"));
  });

  it("checks several opened files together as one feature folder", async () => {
    await resetPage();
    const spec = "# Feature Specification: Reports\n\n## Requirements\n\n- **FR-001**: System MUST compute weekly totals.\n";
    const tasks = "# Tasks\n\n- [ ] T001 Compute totals in src/totals.py (FR-001)\n- [ ] T002 Email the report in src/mail.py (FR-009)\n";
    await rerender(page, () =>
      page.setInputFiles("#file-input", [
        { name: "tasks.md", mimeType: "text/markdown", buffer: Buffer.from(tasks) },
        { name: "spec.md", mimeType: "text/markdown", buffer: Buffer.from(spec) },
      ]),
    );
    // The files form a Spec Kit feature folder: the task list's citation of FR-009 is
    // resolved against the spec opened with it.
    assert.equal(await page.inputValue("#source"), tasks);
    assert.equal(await page.isVisible("#file-select"), true);
    const s = await shown(page);
    assert.equal(s.kind, "speckit-tasks");
    const unknown = s.findings.filter((f) => f.name === "unknown-requirement");
    assert.equal(unknown.length, 1, JSON.stringify(s.findings));
    // Switching to the spec shows its own report, still read with the tasks.
    await rerender(page, () => page.selectOption("#file-select", { index: 1 }));
    assert.equal(await page.inputValue("#source"), spec);
    assert.equal((await shown(page)).kind, "speckit-spec");
    // Editing the spec re-checks the folder: defining FR-009 clears the tasks' finding.
    await page.focus("#source");
    await page.keyboard.press("Control+End");
    await rerender(page, () => page.keyboard.type("- **FR-009**: System MUST email the report.\n"));
    await rerender(page, () => page.selectOption("#file-select", { index: 0 }));
    assert.equal((await shown(page)).findings.filter((f) => f.name === "unknown-requirement").length, 0);
  });

  it("refuses a file that is not UTF-8 with a clear message", async () => {
    await resetPage();
    await setText("# PRD: keep me\n");
    await page.setInputFiles("#file-input", { name: "latin1.md", mimeType: "text/markdown", buffer: Buffer.from([0x23, 0x20, 0xe9, 0x74, 0xe9, 0x0a]) });
    await page.waitForFunction(() => document.querySelector("#status").textContent.includes("not valid UTF-8"));
    assert.equal(await page.inputValue("#source"), "# PRD: keep me\n");
  });
});

describe("explain and accessibility", () => {
  it("Explain shows the rule's documentation as safe formatted text; Escape closes and returns focus", async () => {
    await resetPage();
    await loadExample(page, "weak");
    const button = 'li.diag[data-name="unused-suppression"] button.explain';
    await page.click(button);
    assert.equal(await page.$eval("#explain", (d) => d.open), true);
    assert.equal(await page.textContent("#explain-title"), "SM900 unused-suppression");
    const headings = await page.$$eval("#explain-body h3", (hs) => hs.map((h) => h.textContent));
    assert.deepEqual(headings, ["What it does", "Why", "Example", "How to fix"]);
    const code = await page.textContent("#explain-body pre code");
    assert.match(code, /specmark-disable-next-line word-count/);
    await page.screenshot({ path: join(OUTPUT, "explain-dialog.png") });
    await page.keyboard.press("Escape");
    assert.equal(await page.$eval("#explain", (d) => d.open), false);
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains("explain")), true);
  });

  it("is keyboard operable: every control is a real button or form field, focus is visible, Enter on a finding jumps", async () => {
    await resetPage();
    await loadExample(page, "weak");
    // No clickable non-buttons: every element with a click role is a button, link, select or input.
    const clickable = await page.$$eval("[data-example], .diag-jump, .fix, .explain, .link-button, #fix-all, #undo, #copy-fixed, #export-md, #export-json, #open-file, #theme-toggle", (els) =>
      els.map((e) => e.tagName),
    );
    assert.ok(clickable.length > 10 && clickable.every((t) => t === "BUTTON"), clickable.join());
    // Tab order starts with the skip link, then the header, then the document panel.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "theme-toggle");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none", "visible focus");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "kind-select");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "profile-select");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "open-file");
    // The status line is a live region.
    assert.equal(await page.getAttribute("#status", "aria-live"), "polite");
    // Enter on a focused finding reveals its line.
    await loadExample(page, "weak");
    const jump = page.locator('li.diag[data-name="agent-artifact"] .diag-jump');
    await jump.focus();
    await page.keyboard.press("Enter");
    const line = Number(await page.getAttribute('li.diag[data-name="agent-artifact"]', "data-line"));
    assert.equal(await page.getAttribute("#editor", "data-active-line"), String(line - 1));
  });

  it("theme toggle switches between auto, light and dark", async () => {
    await resetPage();
    await page.emulateMedia({ colorScheme: "light" });
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    await page.click("#theme-toggle"); // auto → light
    assert.equal(await page.getAttribute("html", "data-theme"), "light");
    assert.equal(await bg(), light);
    await page.click("#theme-toggle"); // light → dark
    assert.equal(await page.getAttribute("html", "data-theme"), "dark");
    assert.notEqual(await bg(), light);
    await page.click("#theme-toggle"); // dark → auto
    assert.equal(await page.getAttribute("html", "data-theme"), null);
    await page.emulateMedia({ colorScheme: "dark" });
    assert.notEqual(await bg(), light, "auto follows prefers-color-scheme");
    await page.emulateMedia({ colorScheme: "light" });
  });
});

describe("performance", () => {
  it("pasting a ~20 KB PRD renders results (time reported, not asserted)", async () => {
    await resetPage();
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });
    let doc = examples.strong.text;
    let n = 1;
    while (doc.length < 20_000) {
      doc += `\n## Appendix ${n++}: Field notes\n\nInspectors on site ${n} reported that the queue kept every photo while the network was down, and the uploads resumed on their own once the connection returned.\n`;
    }
    const bytes = Buffer.byteLength(doc);
    await setText("");
    await page.evaluate((t) => navigator.clipboard.writeText(t), doc);
    await page.focus("#source");
    const before = Number(await page.getAttribute("#results", "data-revision"));
    const t0 = Date.now();
    await page.keyboard.press("Control+V");
    await page.waitForFunction((b) => Number(document.querySelector("#results").dataset.revision) > b, before);
    const wall = Date.now() - t0;
    assert.equal(await page.inputValue("#source"), doc, "the paste arrived");
    const lintMs = Number(await page.getAttribute("#results", "data-lint-ms"));
    const renderMs = Number(await page.getAttribute("#results", "data-render-ms"));
    const s = await shown(page);
    assert.equal(s.score, specmark.lint(doc, {}).score);
    const timing = { bytes, wallMs: wall, lintMs, renderMs };
    writeFileSync(join(OUTPUT, "timing.json"), `${JSON.stringify(timing, null, 2)}\n`);
    console.log(`# paste of a ${bytes}-byte PRD → rendered results: ${wall} ms wall (lint ${lintMs} ms, render ${renderMs} ms)`);
  });
});

describe("layout", () => {
  for (const [label, viewport] of [
    ["desktop", { width: 1280, height: 800 }],
    ["phone", { width: 390, height: 844 }],
  ]) {
    for (const scheme of ["light", "dark"]) {
      it(`${label} ${scheme}: nothing overflows horizontally; screenshot saved`, async () => {
        await resetPage();
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: scheme });
        await loadExample(page, "weak");
        await page.click('li.diag[data-name="agent-artifact"] .diag-jump');
        await page.evaluate(() => document.activeElement.blur());
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
        // Every control fits inside its panel (and so inside the viewport).
        const outside = await page.$$eval("button, select, textarea, summary", (els) =>
          els
            .filter((b) => {
              if (!b.offsetParent) return false;
              const box = (b.closest(".panel, .site-header") ?? document.body).getBoundingClientRect();
              const r = b.getBoundingClientRect();
              return r.right > Math.min(box.right, window.innerWidth) + 1;
            })
            .map((b) => b.id || b.textContent),
        );
        assert.deepEqual(outside, []);
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(OUTPUT, `${label}-${scheme}.png`) });
        if (label === "phone") await page.screenshot({ path: join(OUTPUT, `${label}-${scheme}-full.png`), fullPage: true });
      });
    }
  }
  after(async () => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

describe("recovery", () => {
  it("a wasm trap restarts the checker with a fresh instance, and the document is checked", async () => {
    const trapPage = await browser.context.newPage();
    const errors = [];
    trapPage.on("pageerror", (e) => errors.push(e.message));
    // The first instance's `lint` traps on a marker, as a panic inside the wasm does
    // (`RuntimeError: unreachable`); the fresh instance the page imports after the trap
    // (`specmark.js?instance=1`) is the real module.
    await trapPage.route(/\/wasm\/specmark\.js$/, async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      assert.match(body, /export function lint\(/);
      const trapping =
        body.replace("export function lint(", "function realLint(") +
        "\nexport function lint(text, options) {\n" +
        "  if (String(text).includes('TRAP-MARKER')) throw new WebAssembly.RuntimeError('unreachable');\n" +
        "  return realLint(text, options);\n}\n";
      await route.fulfill({ response, body: trapping });
    });
    await trapPage.goto(server.url);
    await trapPage.waitForSelector('body[data-ready="true"]');
    const text = "# Notes\n\nTRAP-MARKER: Correctn<function_calls> leaked here.\n";
    await rerender(trapPage, () => trapPage.fill("#source", text));
    assert.match(await trapPage.textContent("#status"), /restarted after an internal error/);
    const got = sorted((await shown(trapPage)).findings);
    assert.deepEqual(got, expected(specmark, text).findings);
    assert.ok(got.some((f) => f.name === "agent-artifact"), JSON.stringify(got));
    assert.ok(browser.requests.some((r) => /\/wasm\/specmark\.js\?instance=1$/.test(r.url)));
    // The next edit is checked by the fresh instance without another restart.
    const next = "# Notes\n\nTRAP-MARKER again, and TODO: fill in.\n";
    await rerender(trapPage, () => trapPage.fill("#source", next));
    assert.doesNotMatch(await trapPage.textContent("#status"), /restart/);
    assert.deepEqual(sorted((await shown(trapPage)).findings), expected(specmark, next).findings);
    assert.deepEqual(errors, []);
    await trapPage.close();
  });
});

describe("console", () => {
  it("no console errors, warnings or page errors during the whole run", () => {
    assert.deepEqual(problems, []);
  });

  it("every request of the whole run (exports, files, clipboard, reload) stayed on 127.0.0.1", () => {
    const origin = new URL(server.url).origin;
    const offsite = browser.requests.filter((r) => !r.url.startsWith(`${origin}/`) && !/^(blob|data):/.test(r.url));
    assert.ok(browser.requests.length > 10);
    assert.deepEqual(offsite, []);
  });
});
