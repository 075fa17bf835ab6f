#!/usr/bin/env node
// wasm in Node: warm lint time on the generated inputs (compared with the native medians of
// the same inputs), the cold first call after instantiation, and the module's size.
//
// The module: the npm package's nodejs build (`pkg/node/specmark.js`, from
// `npm run build:wasm`) when it is newer than every source, else a nodejs-target build made
// here with the same settings (features wasm and fast-regex, opt-level 3, LTO, one codegen unit,
// panic=abort, wasm-opt -Oz from the pinned npm binaryen). The size budget is the browser's
// module (`pkg/web`, opt-level "z"), measured from pkg/web or from a "z" build made here. With
// --python-size, a "z" build with the `python` feature is made too, for its size only.
//
// Usage: node bench/wasm.mjs [--native bench/out/native.json] [--json FILE] [--rebuild]
//        [--python-size]

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const BINARYEN_VERSION = "132.0.0";
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const out = join(here, "out");
const require = createRequire(import.meta.url);

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** A directory holding `wasm-opt` (the project's devDependency, or a pinned copy here). */
function wasmOptBin(log) {
  const project = join(root, "node_modules", ".bin");
  if (existsSync(join(project, "wasm-opt"))) return project;
  const dir = join(out, "tools", "binaryen");
  const bin = join(dir, "node_modules", ".bin");
  if (!existsSync(join(bin, "wasm-opt"))) {
    log(`installing binaryen ${BINARYEN_VERSION} (wasm-opt) into ${dir}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), '{ "private": true }\n');
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", `binaryen@${BINARYEN_VERSION}`], {
      cwd: dir,
      stdio: "inherit",
      env: { ...process.env, npm_config_yes: "true" },
    });
  }
  return bin;
}

/** Modification time of the newest file the module is built from. */
function newestSource() {
  let newest = 0;
  const walk = (p) => {
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else newest = Math.max(newest, s.mtimeMs);
  };
  for (const p of ["src", "Cargo.toml", "Cargo.lock"]) walk(join(root, p));
  return newest;
}

/** Whether `stamp` exists and is newer than every source. */
function fresh(stamp) {
  return existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource();
}

/** Build a nodejs-target module with `features` into `dir` (skipped when up to date). */
export function buildWasm(features, dir, { rebuild = false, log = console.log, opt = "3" } = {}) {
  const js = join(dir, "specmark.js");
  const stamp = join(dir, ".built");
  if (existsSync(js) && fresh(stamp) && !rebuild) return js;
  const bin = wasmOptBin(log);
  log(`wasm-pack build --target nodejs (features: ${features}, opt-level ${opt}) into ${dir}`);
  const r = spawnSync(
    "wasm-pack",
    ["--log-level", "warn", "build", "--release", "--no-pack", "--no-typescript", "--no-gitignore", "--target", "nodejs", "--out-dir", dir, "--out-name", "specmark", root, "--", "--no-default-features", "--features", features],
    {
      stdio: "inherit",
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.HOME}/.cargo/bin:${process.env.PATH}`,
        CARGO_PROFILE_RELEASE_OPT_LEVEL: opt,
        // The compiled crates of scripts/build-wasm.sh for the same opt-level.
        CARGO_TARGET_DIR: opt === "z" ? join(root, "target") : join(root, "target", `wasm-opt-${opt}`),
        CARGO_PROFILE_RELEASE_LTO: "true",
        CARGO_PROFILE_RELEASE_CODEGEN_UNITS: "1",
        CARGO_PROFILE_RELEASE_PANIC: "abort",
        WASM_PACK_DISABLE_UPDATE_CHECK: "1",
      },
    },
  );
  if (r.status !== 0) throw new Error(`wasm-pack failed (${r.status})`);
  writeFileSync(stamp, "");
  return js;
}

function size(js) {
  const wasm = join(dirname(js), "specmark_bg.wasm");
  const bytes = readFileSync(wasm);
  return { file: wasm, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Median ms of `f` over about `budgetMs` (at least 5 runs) after 3 warm-up calls. */
function measure(f, budgetMs = 1500) {
  for (let i = 0; i < 3; i++) f();
  const t0 = performance.now();
  f();
  const first = performance.now() - t0;
  const runs = Math.min(301, Math.max(5, Math.ceil(budgetMs / Math.max(first, 0.001))));
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return { median_ms: median(times), min_ms: Math.min(...times), runs };
}

/** Cold numbers, each in a fresh Node process: instantiate, then the first lint call. */
function cold(js, file, path, samples = 7) {
  const script = `
    const t0 = performance.now();
    const m = require(${JSON.stringify(js)});
    const t1 = performance.now();
    const text = require("node:fs").readFileSync(${JSON.stringify(file)}, "utf8");
    const t2 = performance.now();
    m.lint(text, { path: ${JSON.stringify(path)} });
    const t3 = performance.now();
    m.lint(text, { path: ${JSON.stringify(path)} });
    const t4 = performance.now();
    console.log(JSON.stringify({ load: t1 - t0, first: t3 - t2, second: t4 - t3 }));`;
  const rows = [];
  for (let i = 0; i < samples; i++) rows.push(JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })));
  return {
    instantiate_ms: median(rows.map((r) => r.load)),
    first_call_ms: median(rows.map((r) => r.first)),
    second_call_ms: median(rows.map((r) => r.second)),
    samples,
  };
}

export function wasmBench({ nativeJson, rebuild = false, pythonSize = false, log = console.log } = {}) {
  const pkg = join(root, "pkg", "node", "specmark.js");
  const usePkg = existsSync(pkg) && fresh(join(root, "pkg", ".built")) && !rebuild;
  const js = usePkg ? pkg : buildWasm("wasm,fast-regex", join(out, "wasm", "node"), { rebuild, log });
  log(`module: ${usePkg ? "pkg/node (npm run build:wasm)" : "bench/out/wasm/node (built here)"}`);
  const pyJs = pythonSize ? buildWasm("wasm,python", join(out, "wasm", "node-python"), { rebuild, log, opt: "z" }) : null;
  const web = join(root, "pkg", "web", "specmark.js");
  const webJs = usePkg && existsSync(web) ? web : buildWasm("wasm", join(out, "wasm", "size-z"), { rebuild, log, opt: "z" });
  const m = require(js);
  const native = nativeJson && existsSync(nativeJson) ? JSON.parse(readFileSync(nativeJson, "utf8")) : null;
  const corpus = join(out, "corpus");
  const inputs = [
    ["generated 20 KB", "single-20k/specs/active/demo/tasks.md"],
    ["generated 1 MB", "large-1m/specs/active/large/tasks.md"],
    ["generated 5 MB", "large-5m/specs/active/huge/tasks.md"],
  ];
  const rows = [];
  for (const [label, rel] of inputs) {
    const text = readFileSync(join(corpus, rel), "utf8");
    let findings = 0;
    const s = measure(() => {
      findings = m.lint(text, { path: rel }).diagnostics.length;
    });
    const nat = native?.throughput?.find((r) => r.input === label)?.full?.median_ms;
    const row = { input: label, bytes: Buffer.byteLength(text), findings, ...s, native_median_ms: nat ?? null, wasm_over_native: nat ? s.median_ms / nat : null };
    rows.push(row);
    log(`${label.padEnd(16)} wasm ${s.median_ms.toFixed(2).padStart(9)} ms   native ${nat ? nat.toFixed(2).padStart(9) : "?"} ms   ratio ${row.wasm_over_native?.toFixed(2) ?? "?"}x`);
  }
  const first = inputs[0];
  const c = cold(js, join(corpus, first[1]), first[1]);
  log(`cold (fresh process): instantiate ${c.instantiate_ms.toFixed(1)} ms, first lint of 20 KB ${c.first_call_ms.toFixed(2)} ms, second ${c.second_call_ms.toFixed(2)} ms`);
  const sizes = { wasm: size(webJs), node: size(js), wasm_python: pyJs ? size(pyJs) : null };
  log(`size: browser module (opt-level z) ${(sizes.wasm.gzip / 1024).toFixed(1)} KiB gzip (${(sizes.wasm.bytes / 1024).toFixed(1)} KiB raw); Node module (opt-level 3) ${(sizes.node.gzip / 1024).toFixed(1)} KiB gzip`);
  if (sizes.wasm_python) log(`with python: ${(sizes.wasm_python.gzip / 1024).toFixed(1)} KiB gzip (${(sizes.wasm_python.bytes / 1024).toFixed(1)} KiB raw)`);
  return { module: js, node: process.version, warm: rows, cold: c, size: sizes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const res = wasmBench({
    nativeJson: arg("--native", join(out, "native.json")),
    rebuild: process.argv.includes("--rebuild"),
    pythonSize: process.argv.includes("--python-size"),
  });
  const file = arg("--json");
  if (file) writeFileSync(file, JSON.stringify(res, null, 1) + "\n");
}
