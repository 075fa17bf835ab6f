// End to end in a real VS Code: code-server (installed by scripts/setup-code-server.sh) with
// the packaged .vsix installed, driven by playwright-core in Debian's Chromium. Opens a
// fixture spec, checks the Problems panel and the status bar score, applies a quick fix and
// checks that the finding disappears, opens the score report. Screenshots go to
// test-output/vscode/ at the repository root.
//
// Usage: node test-e2e/e2e.mjs path/to/extension.vsix
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { createRequire } from "node:module";
import { homedir, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const ext = resolve(here, "..");
const repo = resolve(ext, "..");
const shots = join(repo, "test-output", "vscode");
const vsix = resolve(process.argv[2] ?? "");
const codeServer =
  process.env.CODE_SERVER ??
  join(process.env.SPECMARK_TOOLS ?? join(homedir(), ".cache", "specmark-tools"), "code-server-4.100.3", "node_modules", ".bin", "code-server");

const step = (m) => console.log(`e2e: ${m}`);
function fail(m) {
  throw new Error(m);
}
if (!existsSync(vsix)) fail(`no .vsix at ${vsix}`);
if (!existsSync(codeServer)) fail(`code-server is missing (${codeServer}); run scripts/setup-code-server.sh`);

// What the findings and scores must be, from the same wasm the extension ships.
const wasm = createRequire(import.meta.url)(join(ext, "dist", "specmark.js"));
const fixture = readFileSync(join(here, "fixture-tasks.md"), "utf8");
const expected = wasm.lint(fixture, { path: "tasks.md" });
const fixedText = fixture.replace("Total Tasks: 3", "Total Tasks: 2");
const expectedAfter = wasm.lint(fixedText, { path: "tasks.md" });
const names = expected.diagnostics.map((d) => d.name).sort();
if (names.join() !== "agent-artifact,claim-mismatch,unused-suppression") fail(`fixture findings changed: ${names}`);

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function waitForHttp(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`${url} did not answer within ${ms} ms`);
}

const tmp = mkdtempSync(join(tmpdir(), "specmark-e2e-"));
const userData = join(tmp, "user-data");
const extensions = join(tmp, "extensions");
const workspace = join(tmp, "workspace");
const xdg = join(tmp, "xdg");
mkdirSync(join(userData, "User"), { recursive: true });
mkdirSync(workspace, { recursive: true });
mkdirSync(shots, { recursive: true });
cpSync(join(here, "fixture-tasks.md"), join(workspace, "tasks.md"));
writeFileSync(
  join(userData, "User", "settings.json"),
  JSON.stringify(
    {
      "telemetry.telemetryLevel": "off",
      "update.mode": "none",
      "extensions.autoCheckUpdates": false,
      "extensions.autoUpdate": false,
      "workbench.startupEditor": "none",
      "workbench.tips.enabled": false,
      "workbench.enableExperiments": false,
      "security.workspace.trust.enabled": false,
      "git.enabled": false,
      "npm.autoDetect": "off",
      "editor.minimap.enabled": false,
      "chat.disableAIFeatures": true,
    },
    null,
    2,
  ),
);
const port = await freePort();
const config = join(tmp, "config.yaml");
writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
const env = { ...process.env, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_CACHE_HOME: join(xdg, "cache") };
const common = ["--config", config, "--user-data-dir", userData, "--extensions-dir", extensions];

let server;
let browser;
let page;
let ok = false;
try {
  step(`installing ${vsix}`);
  execFileSync(codeServer, [...common, "--install-extension", vsix, "--force"], { env, stdio: "pipe" });
  const listed = execFileSync(codeServer, [...common, "--list-extensions"], { env }).toString();
  if (!listed.includes("specmark.specmark-vscode")) fail(`extension not installed: ${listed}`);

  step(`starting code-server on 127.0.0.1:${port}`);
  server = spawn(
    codeServer,
    [...common, "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override", workspace],
    { env, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let serverLog = "";
  server.stdout.on("data", (d) => (serverLog += d));
  server.stderr.on("data", (d) => (serverLog += d));
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);

  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
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
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector(".monaco-workbench", { timeout: 60_000 });
  await page.waitForTimeout(3000);
  step("workbench loaded; opening tasks.md");

  await page.keyboard.press("Control+P");
  await page.waitForSelector(".quick-input-widget input", { timeout: 15_000 });
  await page.keyboard.type("tasks.md");
  // Enter only once quick open lists the file (its file search is slow on a busy machine).
  await page.locator(".quick-input-list .monaco-list-row", { hasText: "tasks.md" }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press("Enter");
  await page.waitForSelector(".monaco-editor .view-lines", { timeout: 15_000 });

  // The score in the status bar (the server publishes after its first lint).
  const statusItem = page.locator(".statusbar-item", { hasText: /^specmark \d+$/ });
  await statusItem.first().waitFor({ timeout: 45_000 });
  const statusText = (await statusItem.first().innerText()).trim();
  step(`status bar: "${statusText}"`);
  if (statusText !== `specmark ${expected.score}`) fail(`status bar says "${statusText}", expected "specmark ${expected.score}"`);

  await page.keyboard.press("Control+Shift+M");
  const problems = page.locator(".markers-panel");
  await problems.waitFor({ timeout: 15_000 });
  const rowText = async () => (await page.locator(".markers-panel .monaco-list-row").allInnerTexts()).join("\n");
  const expectRows = async (wanted, unwanted = [], ms = 30_000) => {
    const end = Date.now() + ms;
    let text = "";
    while (Date.now() < end) {
      text = await rowText();
      if (wanted.every((w) => text.includes(w)) && unwanted.every((u) => !text.includes(u))) return text;
      await page.waitForTimeout(300);
    }
    fail(`Problems panel: wanted ${JSON.stringify(wanted)}, unwanted ${JSON.stringify(unwanted)}; it shows:\n${text}`);
  };
  const messages = expected.diagnostics.map((d) => d.message);
  const claimMessage = expected.diagnostics.find((d) => d.name === "claim-mismatch").message;
  const before = await expectRows([...messages, "claim-mismatch", "agent-artifact", "unused-suppression"]);
  step(`Problems panel lists the ${messages.length} findings`);
  await page.screenshot({ path: join(shots, "1-problems-and-score.png") });

  // Quick fix on line 3 ("Total Tasks: 3"): put the cursor there and open the quick fixes.
  await page.locator(".monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+G");
  await page.keyboard.type("3:14");
  await page.keyboard.press("Enter");
  await page.waitForTimeout(500);
  await page.keyboard.press("Control+.");
  const fixItem = page.locator(".action-widget .monaco-list-row", { hasText: "write 2" });
  await fixItem.first().waitFor({ timeout: 15_000 });
  const menu = (await page.locator(".action-widget .monaco-list-row").allInnerTexts()).map((t) => t.trim());
  step(`quick fixes offered: ${JSON.stringify(menu)}`);
  for (const t of ["write 2", "Disable claim-mismatch for this line", "Disable claim-mismatch for this file"]) {
    if (!menu.some((m) => m.includes(t))) fail(`quick fix menu lacks "${t}": ${JSON.stringify(menu)}`);
  }
  await page.screenshot({ path: join(shots, "2-quick-fix-menu.png") });
  // The menu takes keys (a pointer block covers it): move to "write 2", then Enter.
  for (let i = 0; i < menu.length; i++) {
    const focused = (await page.locator(".action-widget .monaco-list-row.focused").first().innerText()).trim();
    if (focused.includes("write 2")) break;
    await page.keyboard.press("ArrowDown");
  }
  await page.keyboard.press("Enter");

  const after = await expectRows(
    expectedAfter.diagnostics.map((d) => d.message),
    [claimMessage, "claim-mismatch"],
  );
  step("the claim-mismatch finding disappeared after the quick fix");
  await statusItem.first().waitFor({ timeout: 15_000 });
  const end = Date.now() + 15_000;
  let statusAfter = "";
  while (Date.now() < end) {
    statusAfter = (await page.locator(".statusbar-item", { hasText: /^specmark \d+$/ }).first().innerText()).trim();
    if (statusAfter === `specmark ${expectedAfter.score}`) break;
    await page.waitForTimeout(300);
  }
  if (statusAfter !== `specmark ${expectedAfter.score}`) fail(`status after the fix: "${statusAfter}", expected "specmark ${expectedAfter.score}"`);
  const editorText = (await page.locator(".monaco-editor .view-lines").first().innerText()).replace(/\u00a0/g, " ");
  if (!editorText.includes("Total Tasks: 2")) fail(`the editor does not show the fixed line:\n${editorText}`);
  step(`status bar after the fix: "${statusAfter}"`);
  await page.screenshot({ path: join(shots, "3-after-quick-fix.png") });

  // Clicking the score opens the report beside the document.
  await page.locator(".statusbar-item", { hasText: /^specmark \d+$/ }).first().click();
  const reportTab = page.locator(".tab", { hasText: "specmark report - tasks.md" });
  await reportTab.first().waitFor({ timeout: 15_000 });
  const reportEnd = Date.now() + 15_000;
  let reportText = "";
  while (Date.now() < reportEnd) {
    reportText = (await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().innerText()).replace(/\u00a0/g, " ");
    if (reportText.includes("# specmark report: tasks.md")) break;
    await page.waitForTimeout(300);
  }
  if (!reportText.includes(`**Score ${expectedAfter.score}**`) || !reportText.includes("agent-artifact")) {
    fail(`the score report does not show the score and findings:\n${reportText}`);
  }
  step("the status bar opens the score report");
  await page.screenshot({ path: join(shots, "4-score-report.png") });
  // The rule name in the Problems panel links to the rule's documentation page.
  await page.locator(".markers-panel a, .markers-panel .monaco-link", { hasText: "agent-artifact" }).first().click();
  const docEnd = Date.now() + 15_000;
  let docText = "";
  while (Date.now() < docEnd) {
    docText = (await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().innerText().catch(() => "")).replace(/\u00a0/g, " ");
    if (docText.includes("# agent-artifact (SM005)")) break;
    await page.waitForTimeout(300);
  }
  if (!docText.includes("# agent-artifact (SM005)") || !docText.includes("What it does")) {
    fail(`the rule link did not open the rule's documentation:\n${docText}`);
  }
  step("the rule link in the Problems panel opens the rule documentation");
  await page.screenshot({ path: join(shots, "5-rule-documentation.png") });
  // "specmark: Fix all" from the command palette removes the unused suppression (safe fix).
  await page.locator(".tab", { hasText: /^tasks\.md/ }).first().click();
  await page.keyboard.press("Control+Shift+P");
  await page.waitForSelector(".quick-input-widget input", { timeout: 15_000 });
  await page.keyboard.type("specmark: Fix all");
  await page.locator(".quick-input-list .monaco-list-row", { hasText: "specmark: Fix all" }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press("Enter");
  const afterFixAll = await expectRows(["agent-artifact"], ["unused-suppression", "claim-mismatch"]);
  const fixedEditor = (await page.locator(".editor-group-container .monaco-editor .view-lines").first().innerText()).replace(/\u00a0/g, " ");
  if (fixedEditor.includes("specmark-disable-next-line")) fail(`fix all left the unused suppression:\n${fixedEditor}`);
  step("specmark: Fix all removed the unused suppression");
  await page.screenshot({ path: join(shots, "6-after-fix-all.png") });
  // "specmark: Restart server": the new server lints the next edit.
  await page.keyboard.press("Control+Shift+P");
  await page.waitForSelector(".quick-input-widget input", { timeout: 15_000 });
  await page.keyboard.type("specmark: Restart server");
  await page.locator(".quick-input-list .monaco-list-row", { hasText: "specmark: Restart server" }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press("Enter");
  await page.waitForTimeout(3000);
  await page.locator(".editor-group-container .monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type('Another leak <parameter name="z">');
  await expectRows(["agent-artifact", '`<parameter name="z">`']);
  step("after specmark: Restart server, a new edit is linted");
  await page.screenshot({ path: join(shots, "7-after-restart.png") });
  console.log(`e2e: Problems after fix all:\n${afterFixAll}`);
  console.log(`e2e: Problems before the fix:\n${before}\ne2e: Problems after the fix:\n${after}`);
  ok = true;
} catch (e) {
  console.error(`e2e: ${e.stack ?? e}`);
  await page?.screenshot({ path: join(shots, "failure.png") }).catch(() => {});
} finally {
  await browser?.close().catch(() => {});
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await new Promise((r) => setTimeout(r, 500));
  rmSync(tmp, { recursive: true, force: true });
}
console.log(ok ? "e2e: passed" : "e2e: FAILED");
process.exit(ok ? 0 : 1);
