//! The specmark language server: lints Markdown spec documents with the specmark wasm and
//! serves diagnostics, quick fixes, fix-all, hovers and scores over LSP. Runs on stdio
//! (`specmark-lsp --stdio`); see the README ("VS Code extension and language server") for editors other than VS Code.

import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import {
  CodeAction,
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DiagnosticSeverity,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  APPLY_FIX_ALL_COMMAND,
  DEFAULT_RULE_DOCS_URL,
  FIX_ALL_KIND,
  REPORT_REQUEST,
  RULE_DOC_REQUEST,
  SERVER_INFO_REQUEST,
  STATUS_NOTIFICATION,
  type ReportParams,
  type RuleDocParams,
  type ServerInfo,
  type StatusParams,
} from "../protocol";
import { ConfigStore, CONFIG_FILE, type ConfigProblem, type ResolvedConfig } from "./configs";
import { disableFileEdit, disableLineEdit, minimalEdit } from "./edits";
import { Engine, EngineTrap } from "./engine";
import { isMarkdownPath, relatedFiles, setFolderResolver, SpecFolders, specFolder } from "./folders";
import { hoverMarkdown, reportMarkdown, ruleDocMarkdown } from "./markdown";
import { FrameFilter } from "./resync";
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from "./settings";
import type { Finding, Report } from "./wasm-api";

/** A lint slower than this makes the next change of that document wait (debounce). */
const SLOW_LINT_MS = 25;
/** How many of a document's last lints must all be slow before its changes wait. */
const SLOW_WINDOW = 3;
/** Findings of these rules cannot be silenced by a comment (they are about the file itself). */
const NOT_SUPPRESSIBLE = new Set(["unused-suppression", "file-too-large", "invalid-utf8"]);

const USAGE = `specmark-lsp: the specmark language server.

Usage: specmark-lsp --stdio        speak LSP on stdin/stdout (the default)
       specmark-lsp --node-ipc     speak LSP over Node IPC (VS Code)
       specmark-lsp --version
`;

// stdout carries the protocol: anything printed goes to stderr.
console.log = console.info = console.error.bind(console);

interface LintResult {
  version: number;
  report: Report;
  lintPath?: string;
  config: ResolvedConfig;
}

function startConnection(): Connection {
  const argv = process.argv.slice(2);
  if (argv.includes("--node-ipc") || argv.some((a) => a.startsWith("--socket") || a.startsWith("--pipe"))) {
    return createConnection(ProposedFeatures.all);
  }
  let dropped: (bytes: number, why: string) => void = (bytes, why) =>
    process.stderr.write(`specmark-lsp: dropped ${bytes} bytes (${why})\n`);
  const filter = new FrameFilter((bytes, why) => dropped(bytes, why));
  process.stdin.pipe(filter);
  process.stdin.on("end", () => setTimeout(() => process.exit(0), 50));
  const connection = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(filter),
    new StreamMessageWriter(process.stdout),
  );
  dropped = (bytes, why) => connection.console.warn(`specmark: dropped ${bytes} bytes from the client (${why})`);
  return connection;
}

export function main(): void {
  const argv = process.argv.slice(2);
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(USAGE);
    return;
  }
  const engine = new Engine(path.join(__dirname, "specmark.js"), (m) => process.stderr.write(`${m}\n`));
  setFolderResolver((p) => engine.featureFolder(p));
  if (argv.includes("--version")) {
    process.stdout.write(`specmark-lsp ${engine.version()}\n`);
    return;
  }
  serve(engine, startConnection());
}

function serve(engine: Engine, connection: Connection): void {
  const log = (m: string) => connection.console.log(m);
  engine.log = (m) => connection.console.warn(m);
  const documents = new TextDocuments(TextDocument);
  const folders = new SpecFolders();
  const results = new Map<string, LintResult>();
  /** The durations of each document's last lints (at most SLOW_WINDOW). */
  const lastLintMs = new Map<string, number[]>();
  const timers = new Map<string, NodeJS.Timeout>();
  const settingsCache = new Map<string, Settings>();
  const settingsPending = new Map<string, Promise<Settings>>();
  let workspaceFolders: string[] = [];
  let pushedSettings: unknown;
  let ruleDocsUrl = DEFAULT_RULE_DOCS_URL;
  let workspaceFoldersSupported = false;
  const caps = { configPull: false, dynamicConfig: false, dynamicWatch: false, documentChanges: false };

  const configs = new ConfigStore(engine, log, publishConfigProblem);

  process.on("uncaughtException", (e) => log(`specmark: internal error: ${e.stack ?? String(e)}`));
  process.on("unhandledRejection", (e) => log(`specmark: internal error: ${String(e)}`));

  // ---- paths ----------------------------------------------------------------------------

  function fsPath(uri: string): string | undefined {
    if (!uri.startsWith("file:")) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  }

  function folderFor(abs: string): string | undefined {
    let best: string | undefined;
    for (const f of workspaceFolders) {
      const rel = path.relative(f, abs);
      if (!rel.startsWith("..") && !path.isAbsolute(rel) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  /** The path the core sees: relative to the workspace folder (or config folder), `/`-separated. */
  function lintPathFor(abs: string, root: string | undefined): string {
    if (root) {
      const rel = path.relative(root, abs);
      if (rel && !rel.startsWith("..") && !path.isAbsolute(rel)) return rel.split(path.sep).join("/");
    }
    return abs.split(path.sep).join("/");
  }

  interface DocContext {
    abs?: string;
    root?: string;
    lintPath?: string;
    config: ResolvedConfig;
  }

  function contextFor(uri: string, settings: Settings): DocContext {
    const abs = fsPath(uri);
    const folder = abs ? folderFor(abs) : undefined;
    const config = configs.resolve(abs, settings, folder);
    const root = folder ?? (config.file ? path.dirname(config.file) : undefined);
    return { abs, root, lintPath: abs ? lintPathFor(abs, root) : undefined, config };
  }

  // ---- settings -------------------------------------------------------------------------

  function settingsFor(uri: string): Settings | Promise<Settings> {
    if (!caps.configPull) {
      const pushed = pushedSettings as { specmark?: unknown } | undefined;
      return normalizeSettings(pushed?.specmark ?? pushed);
    }
    const hit = settingsCache.get(uri);
    if (hit) return hit;
    let pending = settingsPending.get(uri);
    if (!pending) {
      pending = connection.workspace
        .getConfiguration({ scopeUri: uri, section: "specmark" })
        .then(normalizeSettings, () => DEFAULT_SETTINGS)
        .then((s) => {
          if (settingsPending.get(uri) === pending) {
            settingsCache.set(uri, s);
            settingsPending.delete(uri);
          }
          return s;
        });
      settingsPending.set(uri, pending);
    }
    return pending;
  }

  // ---- publishing -----------------------------------------------------------------------

  const SEVERITY = {
    error: DiagnosticSeverity.Error,
    warning: DiagnosticSeverity.Warning,
    info: DiagnosticSeverity.Information,
  } as const;

  function docsUrl(name: string, code: string): string {
    return ruleDocsUrl.replace(/\{name\}/g, encodeURIComponent(name)).replace(/\{code\}/g, encodeURIComponent(code));
  }

  function toDiagnostic(f: Finding): Diagnostic {
    return {
      range: f.range,
      severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
      code: f.name,
      codeDescription: { href: docsUrl(f.name, f.code) },
      source: "specmark",
      message: f.message,
      data: { code: f.code },
    };
  }

  function sendStatus(params: StatusParams): void {
    void connection.sendNotification(STATUS_NOTIFICATION, params);
  }

  function clear(doc: TextDocument): void {
    results.delete(doc.uri);
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [] });
    sendStatus({ uri: doc.uri, version: doc.version, linted: false });
  }

  function publish(doc: TextDocument, report: Report, settings: Settings, ctx: DocContext): void {
    const shown = report.kind !== "markdown" || settings.lintAllMarkdown || ctx.config.allMarkdown;
    if (!shown) return clear(doc);
    results.set(doc.uri, { version: doc.version, report, lintPath: ctx.lintPath, config: ctx.config });
    void connection.sendDiagnostics({
      uri: doc.uri,
      version: doc.version,
      diagnostics: report.diagnostics.map(toDiagnostic),
    });
    sendStatus({
      uri: doc.uri,
      version: doc.version,
      linted: report.linted,
      score: report.score,
      grade: report.grade,
      kind: report.kind,
      profile: report.profile,
      profileReason: report.profileReason,
      findings: report.diagnostics.length,
    });
  }

  function publishFailure(doc: TextDocument, e: unknown): void {
    results.delete(doc.uri);
    const why = e instanceof EngineTrap ? e.message : `specmark could not lint this document: ${(e as Error)?.message ?? String(e)}`;
    log(`specmark: ${doc.uri}: ${why}`);
    void connection.sendDiagnostics({
      uri: doc.uri,
      version: doc.version,
      diagnostics: [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Warning,
          code: "internal-error",
          source: "specmark",
          message: why,
        },
      ],
    });
    sendStatus({ uri: doc.uri, version: doc.version, linted: false });
  }

  function publishConfigProblem(file: string, problem: ConfigProblem | undefined): void {
    const uri = pathToFileURL(file).toString();
    const diagnostics: Diagnostic[] = [];
    if (problem) {
      const lines = problem.text.split(/\r\n|\n|\r/);
      const line = Math.max(0, (problem.line ?? 1) - 1);
      const character = Math.max(0, (problem.column ?? 1) - 1);
      const end = Math.max(character, lines[line]?.length ?? character);
      diagnostics.push({
        range: { start: { line, character }, end: { line, character: end } },
        severity: DiagnosticSeverity.Error,
        code: "invalid-config",
        source: "specmark",
        message: `${CONFIG_FILE}: ${problem.message}`,
      });
    }
    void connection.sendDiagnostics({ uri, diagnostics });
  }

  // ---- linting --------------------------------------------------------------------------

  function openDocsIn(folder: string): TextDocument[] {
    return documents.all().filter((d) => {
      const p = fsPath(d.uri);
      return p !== undefined && specFolder(p) === folder;
    });
  }

  function lintDocument(doc: TextDocument, settings: Settings): void {
    const ctx = contextFor(doc.uri, settings);
    if (!settings.enable || configs.isExcluded(ctx.config, ctx.lintPath)) return clear(doc);
    const folder = ctx.abs ? specFolder(ctx.abs) : undefined;
    try {
      if (folder) lintFolder(folder, doc, settings, ctx);
      else publish(doc, engine.lint(doc.getText(), { path: ctx.lintPath, config: ctx.config.value }), settings, ctx);
    } catch (e) {
      publishFailure(doc, e);
    }
  }

  /**
   * Lint a spec folder's documents together (cross-document rules): open documents with
   * their editor text, the others from disk; publish for every open one.
   */
  function lintFolder(folder: string, doc: TextDocument, settings: Settings, ctx: DocContext): void {
    const files: Record<string, string> = {};
    const open = new Map<string, TextDocument>();
    const openPaths: string[] = [];
    for (const d of openDocsIn(folder)) {
      const p = fsPath(d.uri);
      if (!p) continue;
      const lp = lintPathFor(p, ctx.root);
      files[lp] = d.getText();
      open.set(lp, d);
      openPaths.push(p);
    }
    const listed = folders.list(folder);
    // An OpenSpec change is read with the current specs of the capabilities it changes
    // (its deltas open in the editor or on disk).
    const related = [...openPaths, ...listed].flatMap((f) => relatedFiles(f));
    for (const f of [...listed, ...related]) {
      const lp = lintPathFor(f, ctx.root);
      if (lp in files) continue;
      const text = folders.read(f);
      if (text !== undefined) files[lp] = text;
    }
    const reports = engine.lintWorkspace(files, { config: ctx.config.value });
    const keys = Object.keys(files);
    reports.forEach((report, i) => {
      const key = reports.length === keys.length ? keys[i] : (report.path ?? "");
      const d = open.get(key);
      if (!d) return;
      if (d === doc) return publish(d, report, settings, ctx);
      const s = settingsCache.get(d.uri) ?? settings;
      const dctx = contextFor(d.uri, s);
      if (!s.enable || configs.isExcluded(dctx.config, dctx.lintPath)) return clear(d);
      publish(d, report, s, dctx);
    });
  }

  async function run(uri: string): Promise<void> {
    try {
      const doc = documents.get(uri);
      if (!doc) return;
      const version = doc.version;
      const s = settingsFor(uri);
      const settings = s instanceof Promise ? await s : s;
      const current = documents.get(uri);
      // A newer change arrived meanwhile: its own run publishes; this result would be stale.
      if (!current || current.version !== version) return;
      const t0 = performance.now();
      lintDocument(current, settings);
      const recent = lastLintMs.get(uri) ?? [];
      recent.push(performance.now() - t0);
      if (recent.length > SLOW_WINDOW) recent.shift();
      lastLintMs.set(uri, recent);
    } catch (e) {
      log(`specmark: internal error while linting ${uri}: ${(e as Error)?.stack ?? String(e)}`);
    }
  }

  /** Lint at once, unless this document's previous lint was slow: then wait for a pause. */
  function schedule(uri: string, immediate = false): void {
    const timer = timers.get(uri);
    if (timer) clearTimeout(timer);
    timers.delete(uri);
    // The fastest of the last lints: one slow lint (the engine compiling a rule's patterns, a
    // garbage collection) does not make a document wait; a document that is slow every time does.
    const recent = lastLintMs.get(uri) ?? [];
    const last = recent.length === 0 ? 0 : Math.min(...recent);
    if (immediate || last <= SLOW_LINT_MS) {
      void run(uri);
      return;
    }
    const delay = Math.min(500, Math.max(50, 2 * last));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void run(uri);
      }, delay),
    );
  }

  function relintAll(): void {
    for (const d of documents.all()) schedule(d.uri, true);
  }

  function relintFolder(folder: string): void {
    // Each one: a document's own settings may exclude it, and must not hide its siblings.
    for (const d of openDocsIn(folder)) schedule(d.uri, true);
  }

  // ---- LSP handlers ---------------------------------------------------------------------

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const c = params.capabilities;
    caps.configPull = c.workspace?.configuration === true;
    caps.dynamicConfig = c.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    caps.dynamicWatch = c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    caps.documentChanges = c.workspace?.workspaceEdit?.documentChanges === true;
    workspaceFoldersSupported = c.workspace?.workspaceFolders === true;
    const init = (params.initializationOptions ?? {}) as { ruleDocsUrl?: unknown; settings?: unknown; specmark?: unknown };
    if (typeof init.ruleDocsUrl === "string" && init.ruleDocsUrl.includes("{")) ruleDocsUrl = init.ruleDocsUrl;
    // `{ settings: { specmark: {...} } }`, or `{ specmark: {...} }` (Helix sends its `config` so).
    pushedSettings = init.settings ?? (init.specmark !== undefined ? { specmark: init.specmark } : undefined);
    const wf = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: "" }] : []);
    workspaceFolders = wf.map((f) => fsPath(f.uri)).filter((p): p is string => p !== undefined);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND],
          resolveProvider: false,
        },
        hoverProvider: true,
        executeCommandProvider: { commands: [APPLY_FIX_ALL_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "specmark", version: engine.version() },
    };
  });

  connection.onInitialized(() => {
    // Warm the wasm up (its first calls run unoptimized code), so the first real lints are
    // fast and do not make their documents look slow (which would debounce them).
    // Each sample in its own turn of the event loop, so a request arriving meanwhile waits
    // for one lint at most.
    const samples = warmUpSamples(engine);
    const next = (): void => {
      const sample = samples.shift();
      if (!sample) return;
      try {
        sample();
      } catch (e) {
        log(`specmark: warm-up failed: ${String(e)}`);
        return;
      }
      setImmediate(next);
    };
    setImmediate(next);
    if (caps.dynamicConfig) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: "specmark" });
    }
    if (caps.dynamicWatch) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: "**/*.{md,markdown}" }, { globPattern: `**/${CONFIG_FILE}` }],
      });
    }
    if (workspaceFoldersSupported) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => fsPath(f.uri)));
        workspaceFolders = workspaceFolders
          .filter((f) => !removed.has(f))
          .concat(e.added.map((f) => fsPath(f.uri)).filter((p): p is string => p !== undefined));
        configs.settingsChanged();
        relintAll();
      });
    }
  });

  connection.onDidChangeConfiguration((params) => {
    const s = params?.settings as unknown;
    if (s && typeof s === "object" && "specmark" in s) pushedSettings = s;
    settingsCache.clear();
    settingsPending.clear();
    configs.settingsChanged();
    configs.invalidate();
    relintAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    let configChanged = false;
    const touched = new Set<string>();
    const loaded = new Set(configs.loadedFiles());
    for (const change of params.changes) {
      const abs = fsPath(change.uri);
      if (!abs) continue;
      if (path.basename(abs) === CONFIG_FILE || loaded.has(abs)) {
        configChanged = true;
      } else if (isMarkdownPath(abs)) {
        folders.changed(abs);
        const f = specFolder(abs);
        if (f) touched.add(f);
      }
    }
    if (configChanged) {
      configs.invalidate();
      relintAll();
      return;
    }
    for (const f of touched) relintFolder(f);
  });

  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const timer = timers.get(uri);
    if (timer) clearTimeout(timer);
    timers.delete(uri);
    results.delete(uri);
    lastLintMs.delete(uri);
    settingsCache.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    // Its siblings now see the file as it is on disk.
    const p = fsPath(uri);
    const f = p ? specFolder(p) : undefined;
    if (f) relintFolder(f);
  });

  function workspaceEdit(doc: TextDocument, edits: TextEdit[]): WorkspaceEdit {
    if (caps.documentChanges) {
      return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
    }
    return { changes: { [doc.uri]: edits } };
  }

  function fixAllEdit(doc: TextDocument): WorkspaceEdit | undefined {
    const res = results.get(doc.uri);
    if (!res || res.version !== doc.version || !res.report.linted) return undefined;
    const fixed = engine.fix(doc.getText(), { path: res.lintPath, config: res.config.value });
    const edit = minimalEdit(doc, fixed);
    return edit ? workspaceEdit(doc, [edit]) : undefined;
  }

  function overlaps(a: Range, b: Range): boolean {
    const before = (p: { line: number; character: number }, q: { line: number; character: number }) =>
      p.line < q.line || (p.line === q.line && p.character <= q.character);
    return before(a.start, b.end) && before(b.start, a.end);
  }

  function sameRange(a: Range, b: Range): boolean {
    return (
      a.start.line === b.start.line &&
      a.start.character === b.start.character &&
      a.end.line === b.end.line &&
      a.end.character === b.end.character
    );
  }

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const actions: CodeAction[] = [];
    const res = results.get(doc.uri);
    if (res && res.version === doc.version && wants(CodeActionKind.QuickFix)) {
      const ours = params.context.diagnostics.filter((d) => d.source === "specmark");
      const findings =
        ours.length > 0
          ? res.report.diagnostics.filter((f) => ours.some((d) => d.code === f.name && sameRange(d.range, f.range)))
          : res.report.diagnostics.filter((f) => overlaps(f.range, params.range));
      const seenLine = new Set<string>();
      const seenFile = new Set<string>();
      for (const f of findings) {
        const diagnostic = toDiagnostic(f);
        if (f.fix && f.fix.edits.length > 0) {
          const safe = f.fix.applicability === "safe";
          actions.push({
            title: safe ? f.fix.title : `${f.fix.title} (unsafe: check the result)`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: safe,
            edit: workspaceEdit(
              doc,
              f.fix.edits.map((e) => ({ range: e.range, newText: e.text })),
            ),
          });
        }
        if (NOT_SUPPRESSIBLE.has(f.name)) continue;
        const lineKey = `${f.name}:${f.range.start.line}`;
        if (!seenLine.has(lineKey)) {
          seenLine.add(lineKey);
          actions.push({
            title: `Disable ${f.name} for this line`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: workspaceEdit(doc, [disableLineEdit(doc, f.range.start.line, f.name)]),
          });
        }
        if (!seenFile.has(f.name)) {
          seenFile.add(f.name);
          actions.push({
            title: `Disable ${f.name} for this file`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: workspaceEdit(doc, [disableFileEdit(doc, f.name)]),
          });
        }
      }
    }
    if (only && wants(FIX_ALL_KIND) && only.some((o) => FIX_ALL_KIND.startsWith(o) && o.startsWith("source"))) {
      const edit = fixAllEdit(doc);
      if (edit) actions.push({ title: "specmark: Fix all safe problems", kind: FIX_ALL_KIND, edit });
    }
    return actions;
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== APPLY_FIX_ALL_COMMAND) return null;
    const uri = params.arguments?.[0];
    const doc = typeof uri === "string" ? documents.get(uri) : undefined;
    if (!doc) return { applied: false };
    const edit = fixAllEdit(doc);
    if (!edit) return { applied: false };
    const r = await connection.workspace.applyEdit({ label: "specmark: Fix all", edit });
    return { applied: r.applied };
  });

  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    const res = results.get(params.textDocument.uri);
    if (!doc || !res || res.version !== doc.version) return null;
    const p = params.position;
    const hits = res.report.diagnostics.filter((f) => {
      const { start, end } = f.range;
      const empty = start.line === end.line && start.character === end.character;
      if (empty) return p.line === start.line;
      return overlaps(f.range, { start: p, end: p });
    });
    if (hits.length === 0) return null;
    return {
      contents: { kind: "markdown", value: hoverMarkdown(hits, (n) => engine.rule(n)) },
      range: hits[0].range,
    };
  });

  connection.onRequest(REPORT_REQUEST, (params: ReportParams) => {
    const res = results.get(params?.uri);
    if (!res) return null;
    const name = res.lintPath ?? params.uri;
    return reportMarkdown(name, res.report);
  });

  connection.onRequest(RULE_DOC_REQUEST, (params: RuleDocParams) => {
    const info = typeof params?.name === "string" ? engine.rule(params.name) : undefined;
    return info ? ruleDocMarkdown(info) : null;
  });

  connection.onRequest(SERVER_INFO_REQUEST, (): ServerInfo => ({
    version: engine.version(),
    wasmInstances: engine.instances,
    rules: engine.rules().length,
  }));

  documents.listen(connection);
  connection.listen();
}

/**
 * Lints of small documents of the common families (task lists, a PRD, a Spec Kit feature
 * folder), so the rules' patterns are compiled before the first real document comes, then
 * one large task list (2,000 lines), so the engine's memory has grown to the size a large
 * spec needs and the first lint of one does not pay for growing it (bench/didchange.mjs:
 * the first edit of a 2,000-line document took 125-138 ms without it).
 */
function warmUpSamples(engine: Engine): Array<() => void> {
  const tasks = warmUpSpec(40);
  const prd = "# PRD: Warm-up\n\n## Overview\n\nA short product requirements document for warming up.\n\n## Acceptance Criteria\n\n- [ ] Search returns results in under 200 ms\n";
  const spec = "# Feature Specification: Warm-up\n\n## Requirements\n\n- **FR-001**: System MUST warm up.\n";
  const speckitTasks = "# Tasks: Warm-up\n\n## Phase 1\n\n- [ ] T001 [P] Warm up in src/warm.py (FR-001)\n";
  return [
    ...Array.from({ length: 3 }, () => () => void engine.lint(tasks, { path: "specs/active/warm-up/tasks.md" })),
    () => void engine.lint(prd, { path: "docs/prd.md" }),
    () =>
      void engine.lintWorkspace(
        { "specs/001-warm-up/spec.md": spec, "specs/001-warm-up/tasks.md": speckitTasks },
        {},
      ),
    () => void engine.lint(warmUpSpec(500), { path: "specs/active/warm-up/tasks.md" }),
  ];
}

/** A task list of `n` tasks (four lines each). */
function warmUpSpec(n: number): string {
  const lines = ["# Tasks: Warm-up", "", `**Total Tasks**: ${n}`, ""];
  for (let i = 1; i <= n; i++) {
    lines.push(`- [${i % 2 ? "x" : " "}] 1.${i} Task ${i} 🚀`, `  - **Files**: src/${i}.ts`, `  - **Depends on**: 1.${i - 1}`, "");
  }
  return lines.join("\n");
}

if (require.main === module) main();
