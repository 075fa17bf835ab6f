#!/usr/bin/env node
// Whole-process CLI comparison on the 200 generated 20 KB documents: specmark against
// `rumdl check` (PyPI) and `markdownlint-cli2` (npm), each installed at a pinned version into
// bench/out/tools (not project dependencies). Reports the median wall time over repeated
// runs, files/s and peak RSS (`/usr/bin/time -v`), and specmark's peak RSS on the 5 MB
// document.
//
// Usage: node bench/cli.mjs [--specmark PATH] [--runs N] [--json FILE]

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const RUMDL_VERSION = "0.3.0";
export const MARKDOWNLINT_CLI2_VERSION = "0.24.1";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const tools = join(here, "out", "tools");

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 28, ...opts });
  if (r.error) throw r.error;
  return r;
}

/** Install the comparison tools (idempotent). Returns their commands, or the reason not. */
export function installTools(log = console.log) {
  mkdirSync(tools, { recursive: true });
  const out = {};
  const venv = join(tools, "venv");
  const rumdl = join(venv, "bin", "rumdl");
  try {
    const have = existsSync(rumdl) && run(rumdl, ["--version"]).stdout.includes(RUMDL_VERSION);
    if (!have) {
      log(`installing rumdl ${RUMDL_VERSION} into ${venv}`);
      if (!existsSync(venv)) run("python3", ["-m", "venv", venv], { stdio: "inherit" });
      const r = run(join(venv, "bin", "pip"), ["install", "-q", `rumdl==${RUMDL_VERSION}`], { stdio: "inherit" });
      if (r.status !== 0) throw new Error(`pip install rumdl failed (${r.status})`);
    }
    out.rumdl = { cmd: rumdl, version: run(rumdl, ["--version"]).stdout.trim() };
  } catch (e) {
    out.rumdl = { error: String(e.message ?? e) };
  }
  const mdlDir = join(tools, "markdownlint");
  const mdl = join(mdlDir, "node_modules", "markdownlint-cli2", "markdownlint-cli2-bin.mjs");
  try {
    if (!existsSync(mdl)) {
      log(`installing markdownlint-cli2 ${MARKDOWNLINT_CLI2_VERSION} into ${mdlDir}`);
      mkdirSync(mdlDir, { recursive: true });
      writeFileSync(join(mdlDir, "package.json"), '{ "private": true }\n');
      const r = run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", `markdownlint-cli2@${MARKDOWNLINT_CLI2_VERSION}`], {
        cwd: mdlDir,
        stdio: "inherit",
        env: { ...process.env, npm_config_yes: "true" },
      });
      if (r.status !== 0) throw new Error(`npm install markdownlint-cli2 failed (${r.status})`);
    }
    const v = run("node", [mdl, "--help"]).stdout.split("\n")[0].trim();
    out.markdownlint = { cmd: mdl, version: v };
  } catch (e) {
    out.markdownlint = { error: String(e.message ?? e) };
  }
  return out;
}

/** Run `cmd args` under /usr/bin/time -v: wall seconds (measured here) and peak RSS in KiB. */
function timed(cmd, args, cwd) {
  const start = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-v", cmd, ...args], { cwd, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error) throw r.error;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const code = /Exit status: (\d+)/.exec(r.stderr);
  if (!rss) throw new Error(`${cmd}: no /usr/bin/time output:\n${r.stderr.slice(-2000)}`);
  return { seconds, rssKiB: Number(rss[1]), exit: code ? Number(code[1]) : r.status };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function countMd(dir) {
  let n = 0;
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) n += countMd(p);
    else if (e.endsWith(".md")) n++;
  }
  return n;
}

/** How many files each tool says it linted (so the comparison is like for like). */
function filesLinted(name, cmd, args, cwd) {
  const r = run(cmd, args, { cwd });
  const text = r.stdout + r.stderr;
  if (name === "specmark") {
    try {
      return JSON.parse(r.stdout).files.length;
    } catch {
      return null;
    }
  }
  const m = name === "rumdl" ? /(\d+) files? checked|checked (\d+) files?|in (\d+) files?/i.exec(text) : /Linting: (\d+) file/.exec(text);
  return m ? Number(m[1] ?? m[2] ?? m[3]) : null;
}

export function cliBench({ specmark, runs = 7, log = console.log } = {}) {
  const corpus = join(here, "out", "corpus");
  if (!existsSync(join(corpus, "many"))) throw new Error("run `node bench/generate.mjs` first");
  // Outside the repository, so no tool skips the files as git-ignored or reads our configs.
  const work = mkdtempSync(join(tmpdir(), "specmark-bench-"));
  const many = join(work, "many");
  cpSync(join(corpus, "many"), many, { recursive: true });
  const big = join(work, "big");
  cpSync(join(corpus, "large-5m"), big, { recursive: true });
  const files = countMd(many);
  const t = installTools(log);
  const contenders = [
    // --all-markdown: every Markdown file, as the other tools lint (without it, the research
    // notes at the top of each folder are not spec documents and would be skipped).
    ["specmark", specmark, ["check", "--all-markdown", "."], ["check", "--all-markdown", ".", "--format", "json"], run(specmark, ["--version"]).stdout.trim()],
  ];
  if (t.rumdl.cmd) contenders.push(["rumdl", t.rumdl.cmd, ["check", "--no-cache", "--no-config", "."], ["check", "--no-cache", "--no-config", "."], t.rumdl.version]);
  if (t.markdownlint.cmd) contenders.push(["markdownlint-cli2", "node", [t.markdownlint.cmd, "**/*.md"], [t.markdownlint.cmd, "**/*.md"], t.markdownlint.version]);
  const results = {};
  for (const [name, cmd, args, checkArgs, version] of contenders) {
    const linted = filesLinted(name, cmd, checkArgs, many);
    timed(cmd, args, many); // warm the page cache
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(timed(cmd, args, many));
    const secs = median(samples.map((s) => s.seconds));
    results[name] = {
      version,
      command: [name === "markdownlint-cli2" ? "markdownlint-cli2" : name, ...(name === "markdownlint-cli2" ? args.slice(1) : args)].join(" "),
      files,
      files_reported_linted: linted,
      runs,
      median_s: secs,
      min_s: Math.min(...samples.map((s) => s.seconds)),
      files_per_s: files / secs,
      peak_rss_mib: median(samples.map((s) => s.rssKiB)) / 1024,
      exit: samples[0].exit,
    };
    log(`${name.padEnd(18)} ${(secs * 1e3).toFixed(1).padStart(8)} ms  ${(files / secs).toFixed(0).padStart(7)} files/s  ${results[name].peak_rss_mib.toFixed(1).padStart(7)} MiB  (linted ${linted ?? "?"} of ${files})`);
  }
  for (const [k, v] of Object.entries(t)) if (v.error) results[k] = { error: v.error };
  // Memory on the 5 MB document (one file, whole process).
  const bigFile = join(big, "specs", "active", "huge", "tasks.md");
  const bigBytes = statSync(bigFile).size;
  const mem = [];
  for (let i = 0; i < 3; i++) mem.push(timed(specmark, ["check", bigFile], big));
  const idle = timed(specmark, ["--version"], big);
  const memory = {
    input_bytes: bigBytes,
    peak_rss_mib: median(mem.map((m) => m.rssKiB)) / 1024,
    median_s: median(mem.map((m) => m.seconds)),
    idle_rss_mib: idle.rssKiB / 1024,
  };
  memory.ratio_to_input = (memory.peak_rss_mib * 1024 * 1024) / bigBytes;
  log(`specmark on the 5 MB document: peak RSS ${memory.peak_rss_mib.toFixed(1)} MiB (${memory.ratio_to_input.toFixed(1)}x input; ${memory.idle_rss_mib.toFixed(1)} MiB for --version)`);
  rmSync(work, { recursive: true, force: true });
  const ratios = {};
  for (const other of ["rumdl", "markdownlint-cli2"]) {
    if (results[other]?.median_s) ratios[`specmark_vs_${other}`] = results[other].median_s / results.specmark.median_s;
  }
  return { files, results, ratios, memory };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const specmark = resolve(arg("--specmark", join(root, "target", "release", "specmark")));
  const res = cliBench({ specmark, runs: Number(arg("--runs", "7")) });
  console.log(JSON.stringify(res.ratios));
  const out = arg("--json");
  if (out) writeFileSync(out, JSON.stringify(res, null, 1) + "\n");
}
