// `specmark mcp`: the Model Context Protocol over stdio (the official TypeScript SDK), so a
// coding agent checks its own PRD or tasks.md before it claims a checkpoint is done.
//
// Tools: lint, lint_workspace, fix, explain_rule, list_rules. Paths are relative to the
// folder the server was started in. Bad arguments give a tool error (`isError: true`) with
// a message saying what and what to do; the server keeps serving.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { Checker, Configs, UsageError, collect, display, ioMessage, writeAtomic } from "./walk.mjs";
import { explainText, ruleSummary } from "./formats.mjs";

const require = createRequire(import.meta.url);
const ENGINE = require.resolve("../node.cjs");
const GLUE = require.resolve("../../pkg/node/specmark.js");

/** The engine; after a wasm trap (a bug) the module is instantiated again. */
let sm = require(ENGINE);
function reload() {
  delete require.cache[ENGINE];
  delete require.cache[GLUE];
  sm = require(ENGINE);
}

/** An argument error: the tool answers with `isError` and this message. */
class ToolError extends Error {}

const str = { type: "string" };
const KIND = { type: "string", description: "Force a document kind (prd, tasks, speckit-spec, kiro-requirements, ...); default: detected" };
const PROFILE = { type: "string", description: "Force a profile (`list_rules` and the README list them); default: detected" };
const CONFIG = { type: "string", description: "A .specmark.toml as TOML text; default: the nearest .specmark.toml of `path`" };

export const TOOLS = [
  {
    name: "lint",
    description:
      "Lint one spec document (PRD, tasks.md, Spec Kit / Kiro / OpenSpec file, ...). Give `text`, or `path` to read a file, or both (the path then decides the kind and configuration). Returns the findings with ranges (0-based line and UTF-16 character), the score with its breakdown, and the profile the document was linted as and why.",
    inputSchema: {
      type: "object",
      properties: {
        text: { type: "string", description: "The document's Markdown" },
        path: { type: "string", description: "The document's path, relative to the server's folder" },
        kind: KIND,
        profile: PROFILE,
        config: CONFIG,
      },
      additionalProperties: false,
    },
  },
  {
    name: "lint_workspace",
    description:
      "Lint every spec document of a folder the way `specmark check` does, with the cross-document findings (requirements not covered by tasks, unknown ids, phantom completions). Returns each file's profile, score and findings.",
    inputSchema: {
      type: "object",
      properties: {
        folder: { type: "string", description: "Folder to lint, relative to the server's folder (default: \".\")" },
        all_markdown: { type: "boolean", description: "Lint every Markdown file, not only recognized spec documents" },
        kind: KIND,
        profile: PROFILE,
      },
      additionalProperties: false,
    },
  },
  {
    name: "fix",
    description:
      "Apply specmark's safe fixes (unsafe ones too with `unsafe: true`) to a document given as `text` or `path`. Returns the fixed text and the fixes applied with their edits. Writes the file only with `write: true` and a `path`.",
    inputSchema: {
      type: "object",
      properties: {
        text: { type: "string" },
        path: { type: "string" },
        unsafe: { type: "boolean" },
        write: { type: "boolean", description: "Write the fixed text back to `path` (atomically)" },
        kind: KIND,
        profile: PROFILE,
        config: CONFIG,
      },
      additionalProperties: false,
    },
  },
  {
    name: "explain_rule",
    description: "A rule's documentation: what it checks, why, an example, how to fix it, and its options.",
    inputSchema: {
      type: "object",
      properties: { rule: { type: "string", description: "Rule name (`dependency-cycle`) or code (`SM005`)" } },
      required: ["rule"],
      additionalProperties: false,
    },
  },
  {
    name: "list_rules",
    description: "Every rule: code, name, summary, category, default severity, whether it is fixable, and the kinds it runs on.",
    inputSchema: { type: "object", properties: {}, additionalProperties: false },
  },
];

/** Check arguments against a tool's schema: unknown keys, missing keys and wrong types. */
function checkArgs(tool, args) {
  if (args === undefined || args === null) args = {};
  if (typeof args !== "object" || Array.isArray(args)) throw new ToolError(`${tool.name}: arguments must be an object`);
  const props = tool.inputSchema.properties;
  for (const [k, v] of Object.entries(args)) {
    if (!(k in props)) {
      throw new ToolError(`${tool.name}: unknown argument "${k}"; expected ${Object.keys(props).join(", ") || "none"}`);
    }
    if (typeof v !== props[k].type) {
      throw new ToolError(`${tool.name}: argument "${k}" must be a ${props[k].type}, not ${v === null ? "null" : typeof v}`);
    }
  }
  for (const k of tool.inputSchema.required || []) {
    if (!(k in args)) throw new ToolError(`${tool.name}: argument "${k}" is required`);
  }
  return args;
}

/** The text and lint options of a `text` / `path` document. */
function documentOf(args, cwd, toolName) {
  if (args.text === undefined && args.path === undefined) {
    throw new ToolError(`${toolName}: give the document as \`text\`, or a \`path\` to read`);
  }
  let text = args.text;
  let shown;
  let abs;
  if (args.path !== undefined) {
    if (args.path === "") throw new ToolError(`${toolName}: \`path\` is empty`);
    abs = path.resolve(cwd, args.path);
    shown = display(cwd, abs);
  }
  if (text === undefined) {
    let bytes;
    try {
      const st = fs.statSync(abs);
      if (st.isDirectory()) throw new ToolError(`${shown}: is a folder, not a file (use lint_workspace for folders)`);
      if (!st.isFile()) throw new ToolError(`${shown}: not a regular file; it was not read`);
      bytes = fs.readFileSync(abs);
    } catch (e) {
      if (e instanceof ToolError) throw e;
      throw new ToolError(`${shown}: cannot read: ${ioMessage(e)}`);
    }
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      throw new ToolError(`${shown}: not UTF-8 text; re-save it as UTF-8`);
    }
  }
  let options = { path: shown, kind: args.kind, profile: args.profile };
  if (args.config !== undefined) {
    options.config = args.config;
  } else if (abs) {
    try {
      const configs = new Configs(sm, cwd, undefined, args.profile);
      options = { ...configs.forFile(abs).options, ...options };
    } catch (e) {
      if (e instanceof UsageError) throw new ToolError(e.message);
      throw e;
    }
  }
  return { text, options, abs, shown };
}

/** A finding as the tools return it. */
function finding(d) {
  const out = {
    rule: d.name,
    code: d.code,
    severity: d.severity,
    message: d.message,
    line: d.range.start.line + 1,
    range: d.range,
  };
  if (d.help) out.help = d.help;
  if (d.fix) out.fix = { title: d.fix.title, applicability: d.fix.applicability, edits: d.fix.edits.map(({ range, text }) => ({ range, text })) };
  return out;
}

function summary(report) {
  return {
    path: report.path,
    kind: report.kind,
    profile: report.profile,
    profileLabel: report.profileLabel,
    profileReason: report.profileReason,
    linted: report.linted,
    score: report.score,
    grade: report.grade,
    categories: report.categories,
    counts: {
      error: report.diagnostics.filter((d) => d.severity === "error").length,
      warning: report.diagnostics.filter((d) => d.severity === "warning").length,
      info: report.diagnostics.filter((d) => d.severity === "info").length,
    },
    findings: report.diagnostics.map(finding),
  };
}

function engineCall(f) {
  try {
    return f();
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      reload();
      throw new ToolError(`specmark hit an internal error (${e.message}); the engine was restarted, please report this document`);
    }
    // The engine's own errors (bad kind, profile or configuration) are clear messages.
    throw new ToolError(String(e.message || e).replace(/^specmark: /, ""));
  }
}

/**
 * A file of a feature folder (Spec Kit, Kiro, OpenSpec, GOE) is linted with the folder's
 * other documents, as `specmark check FILE` does, so its cross-document findings show.
 */
function lintInFolder(doc, args, cwd) {
  if (!doc.abs || args.kind !== undefined || args.config !== undefined) return null;
  const folder = sm.featureFolder(doc.shown).folder;
  if (folder === null) return null;
  let configs;
  try {
    configs = new Configs(sm, cwd, undefined, args.profile);
  } catch (e) {
    throw new ToolError(e.message);
  }
  const config = configs.forFile(doc.abs);
  const checker = new Checker(sm, cwd, { profile: args.profile });
  const collected = { knownPaths: new Set(), walked: [], markdown: new Map(), completeListing: false };
  const first = { cand: { abs: doc.abs, display: doc.shown, config } };
  const { context, listing } = checker.siblings(collected, folder, first, new Set([doc.abs]), configs);
  const files = { [doc.shown]: doc.text };
  for (const [p, t] of context) if (!(p in files)) files[p] = t;
  const options = { ...config.options, profile: args.profile, knownPaths: listing, completeListing: false };
  return sm.lintWorkspace(files, options)[0];
}

export function callTool(name, rawArgs, cwd = process.cwd()) {
  const tool = TOOLS.find((t) => t.name === name);
  if (!tool) throw new ToolError(`unknown tool "${name}"; the tools are ${TOOLS.map((t) => t.name).join(", ")}`);
  const args = checkArgs(tool, rawArgs);
  switch (name) {
    case "lint": {
      const doc = documentOf(args, cwd, name);
      return summary(engineCall(() => lintInFolder(doc, args, cwd) ?? sm.lint(doc.text, doc.options)));
    }
    case "lint_workspace": {
      const folder = args.folder ?? ".";
      const abs = path.resolve(cwd, folder);
      let st;
      try {
        st = fs.statSync(abs);
      } catch (e) {
        throw new ToolError(`${folder}: ${ioMessage(e)}`);
      }
      if (!st.isDirectory()) throw new ToolError(`${folder}: not a folder (use lint for one file)`);
      return engineCall(() => {
        const input = { kind: args.kind, profile: args.profile, allMarkdown: Boolean(args.all_markdown) };
        let configs;
        try {
          configs = new Configs(sm, cwd, undefined, args.profile);
        } catch (e) {
          throw new ToolError(e.message);
        }
        const collected = collect(cwd, [folder], configs, false);
        const outcome = new Checker(sm, cwd, input).run(collected, configs, null);
        const files = outcome.files.map((f) => summary(f.report));
        const totals = { files: files.length, error: 0, warning: 0, info: 0 };
        for (const f of files) for (const k of ["error", "warning", "info"]) totals[k] += f.counts[k];
        return { folder: display(cwd, abs), totals, files, errors: outcome.errors };
      });
    }
    case "fix": {
      if (args.write && args.path === undefined) throw new ToolError("fix: `write: true` needs the `path` to write");
      const doc = documentOf(args, cwd, name);
      const options = { ...doc.options, unsafe: Boolean(args.unsafe) };
      const before = engineCall(() => sm.lint(doc.text, doc.options));
      const fixed = engineCall(() => sm.fix(doc.text, options));
      const fixes = before.diagnostics
        .filter((d) => d.fix && (args.unsafe || d.fix.applicability === "safe"))
        .map((d) => ({ rule: d.name, line: d.range.start.line + 1, title: d.fix.title, edits: d.fix.edits.map(({ range, text }) => ({ range, text })) }));
      let written = false;
      if (args.write && fixed !== doc.text) {
        const failed = writeAtomic(doc.abs, fixed);
        if (failed) throw new ToolError(`${doc.shown}: ${failed}`);
        written = true;
      }
      return { path: doc.shown ?? null, changed: fixed !== doc.text, written, fixes, text: fixed };
    }
    case "explain_rule":
      try {
        return { rule: args.rule, documentation: explainText(sm.rules(), args.rule) };
      } catch (e) {
        throw new ToolError(e.message);
      }
    case "list_rules":
      return {
        rules: sm.rules().map(ruleSummary),
      };
    default:
      throw new ToolError(`unknown tool "${name}"`);
  }
}

export async function serve() {
  const server = new Server(
    { name: "specmark", version: sm.version() },
    {
      capabilities: { tools: {} },
      instructions:
        "specmark lints Markdown spec documents (PRDs, tasks.md, Spec Kit, Kiro, OpenSpec). Call `lint` on a document you wrote before you report it done, and `lint_workspace` on its feature folder for cross-document findings; `explain_rule` tells how to fix a finding.",
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const { name, arguments: args } = request.params;
    try {
      const result = callTool(name, args);
      const text = name === "explain_rule" ? result.documentation : JSON.stringify(result, null, 2);
      return { content: [{ type: "text", text }], structuredContent: result };
    } catch (e) {
      const message = e instanceof ToolError ? e.message : `internal error: ${e && e.stack ? e.stack : e}`;
      return { isError: true, content: [{ type: "text", text: `specmark: ${message}` }] };
    }
  });
  // A malformed message is answered by the SDK (a JSON-RPC error) or dropped; the server
  // goes on serving. Its notes go to stderr, never to stdout (the protocol's channel).
  server.onerror = (e) => process.stderr.write(`specmark mcp: ${e && e.message ? e.message : e}\n`);
  const transport = new StdioServerTransport();
  await server.connect(transport);
  await new Promise((resolve) => {
    server.onclose = resolve;
    process.stdin.on("end", resolve);
  });
}
