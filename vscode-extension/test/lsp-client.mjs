// A minimal LSP client for tests and the benchmark: spawns dist/server.js --stdio and talks
// to it with vscode-jsonrpc, recording what the server publishes.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";

export const SERVER = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "server.js");

export const uriOf = (p) => pathToFileURL(p).toString();

export class LspClient {
  /**
   * @param {{ root: string, env?: Record<string,string>, settings?: object, pull?: boolean }} o
   * `pull` (default true): the client answers workspace/configuration with `settings`.
   */
  constructor(o) {
    this.root = o.root;
    this.settings = o.settings ?? {};
    this.pull = o.pull ?? true;
    this.init = o.init;
    this.child = spawn(process.execPath, [SERVER, "--stdio"], {
      env: { ...process.env, ...(o.env ?? {}) },
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.stderr = "";
    this.child.stderr.on("data", (d) => (this.stderr += d));
    this.exited = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
    this.conn = createMessageConnection(
      new StreamMessageReader(this.child.stdout),
      new StreamMessageWriter(this.child.stdin),
    );
    /** uri → every publishDiagnostics params received, in order. */
    this.published = new Map();
    this.status = new Map();
    this.logs = [];
    this.applied = [];
    this.registrations = [];
    this.waiters = [];
    this.conn.onNotification("textDocument/publishDiagnostics", (p) => {
      const list = this.published.get(p.uri) ?? [];
      list.push(p);
      this.published.set(p.uri, list);
      this.wake();
    });
    this.conn.onNotification("specmark/status", (p) => {
      this.status.set(p.uri, p);
      this.wake();
    });
    this.conn.onNotification("window/logMessage", (p) => {
      this.logs.push(p.message);
      this.wake();
    });
    this.conn.onRequest("workspace/configuration", (p) => p.items.map(() => this.settings));
    this.conn.onRequest("client/registerCapability", (p) => {
      this.registrations.push(...p.registrations);
      this.wake();
      return null;
    });
    this.conn.onRequest("workspace/applyEdit", (p) => {
      this.applied.push(p);
      this.wake();
      return { applied: true };
    });
    this.conn.listen();
    this.versions = new Map();
  }

  wake() {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves when `check()` returns a truthy value (re-checked on every server message). */
  waitFor(check, what, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== poll);
        reject(new Error(`timed out waiting for ${what}\nstderr: ${this.stderr}\nlogs: ${this.logs.join("\n")}`));
      }, timeoutMs);
      const poll = () => {
        let v;
        try {
          v = check();
        } catch (e) {
          v = undefined;
        }
        if (v) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== poll);
          resolve(v);
        }
      };
      this.waiters.push(poll);
      poll();
    });
  }

  /** The next publishDiagnostics for `uri` after `after` earlier ones (and matching `pred`). */
  nextDiagnostics(uri, after, pred = () => true, timeoutMs) {
    return this.waitFor(() => {
      const list = this.published.get(uri) ?? [];
      return list.slice(after).find(pred);
    }, `diagnostics for ${uri}`, timeoutMs);
  }

  count(uri) {
    return (this.published.get(uri) ?? []).length;
  }

  latest(uri) {
    const list = this.published.get(uri) ?? [];
    return list[list.length - 1];
  }

  async initialize(capabilities) {
    const caps = capabilities ?? {
      workspace: {
        configuration: this.pull,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true },
        workspaceFolders: true,
      },
      textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source"] } } } },
    };
    const result = await this.request("initialize", {
      processId: process.pid,
      rootUri: uriOf(this.root),
      workspaceFolders: [{ uri: uriOf(this.root), name: "ws" }],
      capabilities: caps,
      initializationOptions: this.init ?? (this.pull ? {} : { settings: { specmark: this.settings } }),
    });
    await this.conn.sendNotification("initialized", {});
    return result;
  }

  open(path, text, languageId = "markdown") {
    const uri = uriOf(path);
    this.versions.set(uri, 1);
    void this.conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId, version: 1, text },
    });
    return uri;
  }

  /** A full-text or ranged change; returns the new version. */
  change(uri, changes) {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.conn.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: Array.isArray(changes) ? changes : [{ text: changes }],
    });
    return version;
  }

  close(uri) {
    void this.conn.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  /** A request that fails after `timeoutMs` instead of waiting forever for a dead server. */
  request(method, params, timeoutMs = 10_000) {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to ${method} within ${timeoutMs} ms\nstderr: ${this.stderr}`)), timeoutMs);
    });
    return Promise.race([this.conn.sendRequest(method, params), timeout]).finally(() => clearTimeout(timer));
  }

  notify(method, params) {
    return this.conn.sendNotification(method, params);
  }

  async shutdown() {
    try {
      await Promise.race([this.conn.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification("exit");
    } catch {
      // already gone
    }
    const code = await Promise.race([this.exited, new Promise((r) => setTimeout(() => r("timeout"), 3000))]);
    if (code === "timeout") this.child.kill("SIGKILL");
    this.conn.dispose();
    return code;
  }
}
