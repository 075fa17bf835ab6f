//! The VS Code side of specmark: starts the language server, shows the active document's
//! score in the status bar, serves rule documentation (`specmark-rule:NAME`) and score reports
//! as read-only Markdown documents, and contributes the specmark commands.

import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import {
  APPLY_FIX_ALL_COMMAND,
  REPORT_REQUEST,
  RULE_DOC_REQUEST,
  RULE_DOC_SCHEME,
  STATUS_NOTIFICATION,
  type StatusParams,
} from "./protocol";

const REPORT_SCHEME = "specmark-report";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("specmark", { log: true });
  const serverModule = context.asAbsolutePath("dist/server.js");
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "untitled", language: "markdown" },
    ],
    initializationOptions: { ruleDocsUrl: `${RULE_DOC_SCHEME}:{name}` },
    outputChannel: output,
  };
  client = new LanguageClient("specmark", "specmark", serverOptions, clientOptions);

  const status = new StatusBar(context);
  const reports = new ReportDocuments();
  client.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => {
    status.update(p);
    reports.changed(p.uri);
  });

  context.subscriptions.push(
    output,
    vscode.workspace.registerTextDocumentContentProvider(RULE_DOC_SCHEME, new RuleDocs()),
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
    // Rule pages open from the Problems panel's links: show them as Markdown.
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (doc.uri.scheme === RULE_DOC_SCHEME && doc.languageId !== "markdown") {
        void vscode.languages.setTextDocumentLanguage(doc, "markdown");
      }
    }),
    vscode.commands.registerCommand("specmark.showReport", showReport),
    vscode.commands.registerCommand("specmark.fixAll", fixAll),
    vscode.commands.registerCommand("specmark.restartServer", async () => {
      await client?.restart();
      void vscode.window.setStatusBarMessage("specmark: server restarted", 3000);
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function activeMarkdown(): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.languageId === "markdown" && doc.uri.scheme !== REPORT_SCHEME ? doc : undefined;
}

async function showReport(uri?: vscode.Uri): Promise<void> {
  const target = uri instanceof vscode.Uri ? uri.toString() : activeMarkdown()?.uri.toString();
  if (!target) {
    void vscode.window.showInformationMessage("specmark: open a spec document to see its score report.");
    return;
  }
  const name = vscode.Uri.parse(target).path.split("/").pop() ?? "document";
  const reportUri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/specmark report - ${name}`, query: target });
  const doc = await vscode.workspace.openTextDocument(reportUri);
  await vscode.languages.setTextDocumentLanguage(doc, "markdown");
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}

async function fixAll(): Promise<void> {
  const doc = activeMarkdown();
  if (!doc || !client) return;
  await vscode.commands.executeCommand(APPLY_FIX_ALL_COMMAND, doc.uri.toString());
}

/** "specmark 82" for the active document; hidden for documents specmark does not lint. */
class StatusBar {
  private readonly item: vscode.StatusBarItem;
  private readonly byUri = new Map<string, StatusParams>();

  constructor(context: vscode.ExtensionContext) {
    this.item = vscode.window.createStatusBarItem("specmark.score", vscode.StatusBarAlignment.Right, 100);
    this.item.name = "specmark score";
    this.item.command = "specmark.showReport";
    context.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((d) => this.byUri.delete(d.uri.toString())),
    );
  }

  update(p: StatusParams): void {
    this.byUri.set(p.uri, p);
    this.render();
  }

  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const s = doc ? this.byUri.get(doc.uri.toString()) : undefined;
    if (!s || !s.linted || s.score === undefined) {
      this.item.hide();
      return;
    }
    this.item.text = `specmark ${s.score}`;
    const findings = s.findings ?? 0;
    const profile = s.profileReason ? ` Profile ${s.profileReason}.` : "";
    this.item.tooltip = `specmark: ${s.kind} document, grade ${s.grade}, ${findings} finding${findings === 1 ? "" : "s"}.${profile} Click for the score report.`;
    this.item.show();
  }
}

/** Rule documentation pages: `specmark-rule:NAME`. */
class RuleDocs implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const name = decodeURIComponent(uri.path.replace(/^\//, "").replace(/\.md$/, ""));
    const text = client ? await client.sendRequest<string | null>(RULE_DOC_REQUEST, { name }) : null;
    return text ?? `# ${name}\n\nspecmark has no rule named "${name}".\n`;
  }
}

/** Score reports: `specmark-report:/specmark report - NAME?DOCUMENT-URI`, refreshed on each lint. */
class ReportDocuments implements vscode.TextDocumentContentProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  changed(documentUri: string): void {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme === REPORT_SCHEME && doc.uri.query === documentUri) this.emitter.fire(doc.uri);
    }
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const text = client ? await client.sendRequest<string | null>(REPORT_REQUEST, { uri: uri.query }) : null;
    return text ?? "# specmark report\n\nThis document is not linted by specmark (not a recognized spec document, excluded, or specmark is disabled).\n";
  }
}
