#!/usr/bin/env node
// Where agents and CI meet specmark (issue 19):
//   1. `npx specmark check` (the npm package's command, js/cli.mjs over the wasm engine)
//      next to the native CLI on the 200 generated documents (bench/out/corpus/many);
//   2. the MCP server's round trip for a 20 KB PRD: a client over stdio (the official SDK),
//      the first `lint` call after start (cold: process, module, first lint) and warm calls.
// Usage: node bench/agents.mjs [--specmark PATH] [--runs N] [--json FILE]
// (run `node bench/generate.mjs` and build the release CLI and pkg/ first; `npm run bench`
// does all of it).

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timed(cmd, args, cwd) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
  return { ms, stdout: r.stdout };
}

export async function agentsBench({ specmark = join(root, "target", "release", "specmark"), runs = 5, log = console.log } = {}) {
  const corpus = join(here, "out", "corpus", "many");
  if (!existsSync(corpus)) throw new Error("run `node bench/generate.mjs` first");
  if (!existsSync(join(root, "pkg", "node", "specmark_bg.wasm"))) throw new Error("run `npm run build:wasm` first");
  const work = mkdtempSync(join(tmpdir(), "specmark-agents-"));
  try {
    const many = join(work, "many");
    cpSync(corpus, many, { recursive: true });
    const cli = join(root, "js", "cli.mjs");
    const contenders = [
      ["native CLI", specmark, ["check", "--all-markdown", "."]],
      ["npx specmark (node js/cli.mjs)", process.execPath, [cli, "check", "--all-markdown", "."]],
    ];
    const check = {};
    for (const [name, cmd, args] of contenders) {
      const json = timed(cmd, [...args, "--format", "json"], many);
      const files = JSON.parse(json.stdout).files.length;
      const samples = [];
      for (let i = 0; i < runs; i++) samples.push(timed(cmd, args, many).ms);
      check[name] = { files, median_ms: median(samples), samples_ms: samples };
      log(`${name.padEnd(32)} ${files} files  median ${median(samples).toFixed(0)} ms`);
    }

    const prd = readFileSync(join(many, "specs", "active", "feature-001", "prd.md"), "utf8");
    const t0 = performance.now();
    const transport = new StdioClientTransport({ command: process.execPath, args: [cli, "mcp"], cwd: many, stderr: "pipe" });
    const client = new Client({ name: "specmark-bench", version: "1.0.0" });
    await client.connect(transport);
    const connected = performance.now() - t0;
    const call = async (args) => {
      const t = performance.now();
      const r = await client.callTool({ name: "lint", arguments: args });
      if (r.isError) throw new Error(r.content[0].text);
      return { ms: performance.now() - t, findings: r.structuredContent.findings.length };
    };
    // As text (the document alone), then by path (read from disk and linted with the three
    // other documents of its feature folder, for the cross-document findings).
    const mcp = { prd_bytes: Buffer.byteLength(prd), start_and_initialize_ms: connected };
    for (const [label, args] of [
      ["text", { text: prd }],
      ["path", { path: "specs/active/feature-001/prd.md" }],
    ]) {
      const first = await call(args);
      const warm = [];
      for (let i = 0; i < 30; i++) warm.push((await call(args)).ms);
      mcp[label] = { findings: first.findings, first_ms: first.ms, warm_median_ms: median(warm), warm_max_ms: Math.max(...warm) };
      log(
        `MCP lint of a ${(mcp.prd_bytes / 1024).toFixed(1)} KB PRD by ${label} (${first.findings} findings): ` +
          `first call ${first.ms.toFixed(1)} ms, warm median ${median(warm).toFixed(2)} ms (max ${Math.max(...warm).toFixed(1)} ms)`,
      );
    }
    log(`MCP server start + initialize: ${connected.toFixed(0)} ms`);
    await client.close();
    return { check, mcp };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : fallback;
  };
  const res = await agentsBench({ specmark: arg("--specmark", undefined), runs: Number(arg("--runs", 5)) });
  const file = arg("--json");
  if (file) writeFileSync(file, JSON.stringify(res, null, 1) + "\n");
}
