#!/usr/bin/env node
// `npm run bench`: every benchmark of issue 7 in one command, results in bench/out/.
//
//   1. generate the corpus (bench/generate.mjs)
//   2. build the release CLI
//   3. native benchmark (cargo bench --bench native): throughput against the parse-and-walk
//      baseline, and the pathological set at 10 KB / 100 KB / 1 MB
//   4. instruction counts (valgrind --tool=callgrind) of the walk and the full lint on the
//      1 MB and 5 MB documents: a load-independent version of budget 1
//   5. CLI comparison with rumdl and markdownlint-cli2, memory on the 5 MB document
//   6. wasm in Node: warm / cold times and module size
// Writes bench/out/results.json and bench/out/results.md (a table of every budget).
//
//   7. agents and CI (bench/agents.mjs): `npx specmark check` next to the native CLI, and
//      the MCP server's round trip for a 20 KB PRD
// Options: --quick (shorter native runs), --skip-valgrind, --skip-cli, --skip-wasm, --skip-agents,
//          --skip-pathological, --runs N (CLI runs per tool, default 7),
//          --python-size (also build the wasm module with the `python` feature, for its size)

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { cliBench } from "./cli.mjs";
import { wasmBench } from "./wasm.mjs";
import { agentsBench } from "./agents.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const out = join(here, "out");
const has = (flag) => process.argv.includes(flag);
const argValue = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const log = (...a) => console.log(...a);
const step = (s) => log(`\n=== ${s}`);
const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 28, ...opts });

const loadStart = loadavg();
const started = new Date();

step("generate the corpus");
sh("node", [join(here, "generate.mjs")], { stdio: "inherit" });

step("cargo build --release --bin specmark");
sh("cargo", ["build", "--release", "--bin", "specmark"], { stdio: "inherit" });
const specmark = join(root, "target", "release", "specmark");

step("native benchmark (cargo bench --bench native)");
const built = sh("cargo", ["bench", "--bench", "native", "--no-run", "--message-format=json"], { stdio: ["ignore", "pipe", "inherit"] });
const benchExe = built
  .split("\n")
  .filter((l) => l.startsWith("{"))
  .map((l) => JSON.parse(l))
  .find((m) => m.reason === "compiler-artifact" && m.target?.name === "native" && m.executable)?.executable;
if (!benchExe) throw new Error("could not find the native bench executable");
const nativeJson = join(out, "native.json");
sh(benchExe, ["--json", nativeJson, ...(has("--quick") ? ["--quick"] : []), ...(has("--skip-pathological") ? ["--skip-pathological"] : [])], { stdio: "inherit" });
const native = JSON.parse(readFileSync(nativeJson, "utf8"));

let instructions = null;
const valgrind = spawnSync("valgrind", ["--version"], { encoding: "utf8" });
if (!has("--skip-valgrind") && valgrind.status === 0) {
  step(`instruction counts (${valgrind.stdout.trim()} --tool=callgrind)`);
  instructions = { valgrind: valgrind.stdout.trim(), rows: [] };
  const count = (mode, file, path) => {
    const r = spawnSync("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", benchExe, "--once", mode, file, path], { encoding: "utf8", maxBuffer: 1 << 26 });
    const m = /Collected : (\d+)/.exec(r.stderr);
    if (!m) throw new Error(`callgrind ${mode} ${file}: ${r.stderr.slice(-1000)}`);
    return Number(m[1]);
  };
  for (const [label, rel] of [
    ["generated 1 MB", "large-1m/specs/active/large/tasks.md"],
    ["generated 5 MB", "large-5m/specs/active/huge/tasks.md"],
  ]) {
    const file = join(out, "corpus", rel);
    // Each pass first lints a small document (regexes compiled), then does its work once;
    // `read` does only the first part, so differences are steady-state costs.
    const read = count("read", file, rel);
    const walk = count("baseline", file, rel) - read;
    const model = count("model", file, rel) - read;
    const full = count("full", file, rel) - read;
    const row = { input: label, walk, model, full, full_over_walk_throughput: walk / full };
    instructions.rows.push(row);
    log(`${label}: walk ${(walk / 1e6).toFixed(1)} M instructions, model ${(model / 1e6).toFixed(1)} M, full ${(full / 1e6).toFixed(1)} M; full runs at ${((walk / full) * 100).toFixed(0)}% of the walk's throughput`);
  }
}

let cli = null;
if (!has("--skip-cli")) {
  step("CLI comparison: 200 documents of 20 KB, whole process");
  cli = cliBench({ specmark, runs: Number(argValue("--runs", "7")), log });
}

let wasm = null;
if (!has("--skip-wasm")) {
  step("wasm in Node");
  try {
    wasm = wasmBench({ nativeJson, pythonSize: has("--python-size"), log });
  } catch (e) {
    wasm = { error: String(e.message ?? e) };
    log(`wasm benchmark failed: ${wasm.error}`);
  }
}

const loadEnd = loadavg();
const machine = {
  date: started.toISOString(),
  cpu: cpus()[0]?.model ?? "?",
  cores: cpus().length,
  load_average_start: loadStart,
  load_average_end: loadEnd,
  rustc: sh("rustc", ["--version"]).trim(),
  node: process.version,
  specmark: native.specmark,
  pulldown_cmark: /pulldown-cmark = \{ version = "=?([^"]+)"/.exec(readFileSync(join(root, "Cargo.toml"), "utf8"))?.[1],
};
let agents = null;
if (!has("--skip-agents")) {
  step("agents and CI: npx specmark, the MCP server");
  try {
    agents = await agentsBench({ specmark, log });
  } catch (e) {
    agents = { error: String(e.message ?? e) };
    log(`agents benchmark failed: ${agents.error}`);
  }
}

const results = { machine, native, instructions, cli, wasm, agents };
writeFileSync(join(out, "results.json"), JSON.stringify(results, null, 1) + "\n");
writeFileSync(join(out, "results.md"), report(results));
log(`\n${report(results)}`);
log(`wrote ${join(out, "results.json")} and ${join(out, "results.md")}`);

function pass(ok) {
  return ok === null || ok === undefined ? "n/a" : ok ? "PASS" : "FAIL";
}

function report({ machine, native, instructions, cli, wasm, agents }) {
  const f = (x, d = 1) => (x === null || x === undefined ? "?" : Number(x).toFixed(d));
  const lines = [];
  lines.push(`# specmark benchmark results`, ``);
  lines.push(`${machine.date} · ${machine.cpu} · ${machine.cores} cores · load average ${machine.load_average_start.map((x) => x.toFixed(1)).join(" ")} at start, ${machine.load_average_end.map((x) => x.toFixed(1)).join(" ")} at end`);
  lines.push(`specmark ${machine.specmark} · pulldown-cmark ${machine.pulldown_cmark} · ${machine.rustc} · Node ${machine.node}`, ``);
  lines.push(`## Budgets`, ``, `| budget | measured | result |`, `|---|---|---|`);
  for (const label of ["generated 1 MB", "generated 5 MB"]) {
    const t = native.throughput.find((r) => r.input === label);
    if (t) lines.push(`| 1. native full ≥ 40% of walk throughput, ${label} (median time) | ${f(t.full.mb_per_s)} MB/s vs ${f(t.walk.mb_per_s)} MB/s = ${f(t.full_over_walk_throughput * 100, 0)}% | ${pass(t.full_over_walk_throughput >= 0.4)} |`);
    const i = instructions?.rows.find((r) => r.input === label);
    if (i) lines.push(`| 1. same, by instruction count | ${f(i.full / 1e6)} M vs ${f(i.walk / 1e6)} M instructions = ${f(i.full_over_walk_throughput * 100, 0)}% | ${pass(i.full_over_walk_throughput >= 0.4)} |`);
  }
  if (wasm && !wasm.error) {
    for (const w of wasm.warm) lines.push(`| 2. wasm ≤ 1.5x native, ${w.input} | ${f(w.median_ms, 2)} ms vs ${f(w.native_median_ms, 2)} ms = ${f(w.wasm_over_native, 2)}x | ${pass(w.wasm_over_native === null ? null : w.wasm_over_native <= 1.5)} |`);
    const w20 = wasm.warm.find((w) => w.input === "generated 20 KB");
    if (w20) lines.push(`| 2. wasm 20 KB warm ≤ 1 ms | ${f(w20.median_ms, 3)} ms | ${pass(w20.median_ms <= 1)} |`);
    lines.push(`| 2. wasm cold (fresh process): instantiate, first lint of 20 KB | ${f(wasm.cold.instantiate_ms, 1)} ms, ${f(wasm.cold.first_call_ms, 2)} ms | reported |`);
  } else if (wasm?.error) {
    lines.push(`| 2. wasm | failed: ${wasm.error} | n/a |`);
  }
  if (cli) {
    const r = cli.ratios;
    lines.push(`| 3. CLI ≥ 10x rumdl (200 × 20 KB) | ${f(r.specmark_vs_rumdl)}x | ${pass(r.specmark_vs_rumdl === undefined ? null : r.specmark_vs_rumdl >= 10)} |`);
    lines.push(`| 3. CLI ≥ 100x markdownlint-cli2 | ${f(r["specmark_vs_markdownlint-cli2"])}x | ${pass(r["specmark_vs_markdownlint-cli2"] === undefined ? null : r["specmark_vs_markdownlint-cli2"] >= 100)} |`);
    lines.push(`| 4. peak RSS ≤ 10x input on the 5 MB document | ${f(cli.memory.peak_rss_mib)} MiB = ${f(cli.memory.ratio_to_input)}x | ${pass(cli.memory.ratio_to_input <= 10)} |`);
  }
  const patho = native.pathological;
  if (patho.length) {
    const worst1m = Math.max(...patho.map((p) => p.sizes[2].median_ms));
    const worstGrowth = Math.max(...patho.map((p) => p.growth_100k_to_1m));
    const over = patho.filter((p) => p.growth_100k_to_1m > 13).length;
    lines.push(`| 5. every pathological 1 MB case ≤ 200 ms | slowest ${f(worst1m)} ms | ${pass(worst1m <= 200)} |`);
    lines.push(`| 5. growth 100 KB → 1 MB ≤ 13x | largest ${f(worstGrowth)}x (${over} of ${patho.length} cases over 13x) | ${pass(worstGrowth <= 13)} |`, ``);
  } else {
    lines.push(``);
  }

  lines.push(`## Native throughput (median of repeated runs)`, ``);
  lines.push(`| input | bytes | walk ms | walk MB/s | model ms | full ms | full MB/s | full / walk |`, `|---|---:|---:|---:|---:|---:|---:|---:|`);
  for (const t of native.throughput) lines.push(`| ${t.input} | ${t.bytes} | ${f(t.walk.median_ms, 2)} | ${f(t.walk.mb_per_s)} | ${f(t.model.median_ms, 2)} | ${f(t.full.median_ms, 2)} | ${f(t.full.mb_per_s)} | ${f(t.full_over_walk_throughput * 100, 0)}% |`);
  if (instructions) {
    lines.push(``, `Instruction counts (${instructions.valgrind}, one pass, regexes compiled beforehand):`, ``);
    lines.push(`| input | walk | model | full | full / walk |`, `|---|---:|---:|---:|---:|`);
    for (const i of instructions.rows) lines.push(`| ${i.input} | ${f(i.walk / 1e6)} M | ${f(i.model / 1e6)} M | ${f(i.full / 1e6)} M | ${f(i.full_over_walk_throughput * 100, 0)}% |`);
  }
  if (patho.length) {
    lines.push(``, `## Pathological inputs (full rule set, median ms; the walk alone for context)`, ``);
    lines.push(`| case | 10 KB | 100 KB | 1 MB | growth 100 KB → 1 MB | walk 1 MB | walk growth |`, `|---|---:|---:|---:|---:|---:|---:|`);
    for (const p of patho) lines.push(`| ${p.case.replace(/\|/g, "\\|")} | ${f(p.sizes[0].median_ms, 3)} | ${f(p.sizes[1].median_ms, 2)} | ${f(p.sizes[2].median_ms, 1)} | ${f(p.growth_100k_to_1m)}x | ${f(p.walk_1m_ms, 1)} | ${f(p.walk_growth_100k_to_1m)}x |`);
  }
  if (cli) {
    lines.push(``, `## CLI, ${cli.files} documents of about 20 KB, whole process (median of ${Object.values(cli.results)[0]?.runs ?? "?"} runs)`, ``);
    lines.push(`| tool | version | command | median s | files/s | peak RSS MiB |`, `|---|---|---|---:|---:|---:|`);
    for (const [name, r] of Object.entries(cli.results)) {
      if (r.error) lines.push(`| ${name} | not installed: ${r.error} | | | | |`);
      else lines.push(`| ${name} | ${r.version} | \`${r.command}\` | ${f(r.median_s, 3)} | ${f(r.files_per_s, 0)} | ${f(r.peak_rss_mib)} |`);
    }
    lines.push(``, `Memory, \`specmark check\` on the 5 MB document: peak RSS ${f(cli.memory.peak_rss_mib)} MiB (${f(cli.memory.ratio_to_input)}x the input); \`specmark --version\` alone ${f(cli.memory.idle_rss_mib)} MiB.`);
  }
  if (wasm && !wasm.error) {
    lines.push(``, `## wasm in Node ${wasm.node}`, ``, `| input | wasm ms | native ms | wasm / native |`, `|---|---:|---:|---:|`);
    for (const w of wasm.warm) lines.push(`| ${w.input} | ${f(w.median_ms, 3)} | ${f(w.native_median_ms, 3)} | ${f(w.wasm_over_native, 2)}x |`);
    lines.push(``, `Cold, in a fresh Node process (median of ${wasm.cold.samples}): loading and instantiating the module ${f(wasm.cold.instantiate_ms, 1)} ms, first lint of the 20 KB document ${f(wasm.cold.first_call_ms, 2)} ms, second ${f(wasm.cold.second_call_ms, 2)} ms.`);
    const sz = wasm.size;
    lines.push(``, `Module: ${f(sz.wasm.gzip / 1024)} KiB gzip (${f(sz.wasm.bytes / 1024)} KiB raw) for the browser (opt-level z)${sz.node ? `; the Node build timed above (opt-level 3) ${f(sz.node.gzip / 1024)} KiB gzip` : ""}${sz.wasm_python ? `; with the python feature ${f(sz.wasm_python.gzip / 1024)} KiB gzip (${f(sz.wasm_python.bytes / 1024)} KiB raw)` : ""}.`);
  }
  if (agents && !agents.error) {
    lines.push(``, `## Agents and CI`, ``, `| command on the 200 documents | files | median ms |`, `|---|---:|---:|`);
    for (const [name, r] of Object.entries(agents.check)) lines.push(`| ${name} | ${r.files} | ${f(r.median_ms, 0)} |`);
    const m = agents.mcp;
    lines.push(``, `MCP server (\`specmark mcp\`, a client over stdio): start and initialize ${f(m.start_and_initialize_ms, 0)} ms; \`lint\` of a ${f(m.prd_bytes / 1024)} KB PRD as text: first call ${f(m.text.first_ms, 1)} ms, warm median ${f(m.text.warm_median_ms, 2)} ms; by path (with its feature folder's other documents): first ${f(m.path.first_ms, 1)} ms, warm median ${f(m.path.warm_median_ms, 2)} ms.`);
  } else if (agents?.error) {
    lines.push(``, `## Agents and CI`, ``, `failed: ${agents.error}`);
  }
  return lines.join("\n") + "\n";
}
