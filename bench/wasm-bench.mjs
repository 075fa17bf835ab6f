// Benchmark (not a test): lint time of the wasm package in Node versus the native library.
// Inputs are generated deterministically (seeded PRNG) into bench/out/: a ~20 KB PRD-like
// spec and a ~1 MB document built from the same generator.
//
//   node bench/wasm-bench.mjs            (npm run bench:wasm builds what it needs first)
//
// Reports, per input: the median warm lint() time in Node, the first lint() in a fresh
// process (cold: right after the module is instantiated), instantiation time, and the native
// library's median and first lint (examples/lint_json --bench, release build).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "bench", "out");
const NATIVE = process.env.SPECMARK_NATIVE_BENCH ?? join(ROOT, "target", "release", "examples", "lint_json");
const require = createRequire(import.meta.url);

// mulberry32: a small deterministic PRNG.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ("the user system request response latency session token cache login account " +
  "dashboard report export import validate measure within seconds percent error retry queue " +
  "service endpoint database migration schema index query page render mobile browser support " +
  "admin role permission audit log event metric alert threshold deploy rollback release " +
  "feature flag experiment cohort onboarding checkout payment invoice refund notification").split(" ");

function generator(seed) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const sentence = (n) => {
    const w = Array.from({ length: n }, () => pick(WORDS));
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    return w.join(" ") + ".";
  };
  const paragraph = () => Array.from({ length: 3 + Math.floor(r() * 3) }, () => sentence(8 + Math.floor(r() * 10))).join(" ");
  return { r, pick, sentence, paragraph };
}

/** A PRD-like document of at least `bytes` bytes: sections, criteria, tables, tasks, code. */
function spec(bytes, seed) {
  const g = generator(seed);
  const out = [
    "# PRD: Checkout Latency Improvements",
    "",
    "**Status**: Draft  ",
    "**Owner**: Platform team  ",
    "**Last Updated**: 2025-01-15",
    "",
  ];
  let size = () => out.reduce((a, l) => a + Buffer.byteLength(l) + 1, 0);
  let section = 0;
  while (size() < bytes) {
    section++;
    out.push(`## ${section}. ${g.sentence(3).slice(0, -1)}`, "", g.paragraph(), "");
    out.push(`### ${section}.1 Acceptance Criteria`, "");
    for (let i = 1; i <= 6; i++) {
      out.push(`- [ ] AC-${section}.${i}: ${g.sentence(10).slice(0, -1)} within ${100 + Math.floor(g.r() * 900)} ms`);
    }
    out.push("", `### ${section}.2 Design`, "", g.paragraph(), "", g.paragraph(), "");
    out.push("| Component | Owner | Risk | Mitigation |", "|---|---|---|---|");
    for (let i = 0; i < 4; i++) {
      out.push(`| ${g.pick(WORDS)} ${g.pick(WORDS)} | team ${i} | ${g.pick(["low", "medium", "high"])} | ${g.sentence(6)} |`);
    }
    out.push("", "```ts", `export function handle${section}(req: Request): Response {`,
      `  return new Response("${g.pick(WORDS)}");`, "}", "```", "");
    out.push(`### ${section}.3 Tasks`, "");
    for (let i = 1; i <= 5; i++) {
      const dep = i > 1 ? ` (depends on T${section}.${i - 1})` : "";
      out.push(`- [${g.r() < 0.4 ? "x" : " "}] **T${section}.${i}**: ${g.sentence(7).slice(0, -1)}${dep}`);
    }
    out.push("", `See [the design notes](docs/design-${section}.md) and \`src/${g.pick(WORDS)}.rs\`.`, "");
  }
  return out.join("\n");
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const ms = (x) => (x < 1 ? x.toFixed(3) : x.toFixed(2));

function coldRun(file) {
  // A fresh process: instantiate, then time the first lint() call.
  const script = `
    const t0 = performance.now();
    const s = require(${JSON.stringify(join(ROOT, "pkg", "node", "specmark.js"))});
    const t1 = performance.now();
    const text = require("fs").readFileSync(${JSON.stringify(file)}, "utf8");
    const t2 = performance.now();
    s.lint(text, { path: "docs/prd.md" });
    const t3 = performance.now();
    console.log(JSON.stringify({ load: t1 - t0, first: t3 - t2 }));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

function main() {
  mkdirSync(OUT, { recursive: true });
  const inputs = [
    { name: "20 KB spec", file: join(OUT, "spec-20k.md"), text: spec(20 * 1024, 1), runs: 500 },
    { name: "1 MB spec", file: join(OUT, "spec-1m.md"), text: spec(1024 * 1024, 2), runs: 15 },
  ];
  for (const i of inputs) writeFileSync(i.file, i.text);

  const specmark = require(join(ROOT, "pkg", "node", "specmark.js"));
  const results = [];
  for (const input of inputs) {
    const colds = Array.from({ length: 5 }, () => coldRun(input.file));
    const opts = { path: "docs/prd.md" };
    let findings = 0;
    for (let i = 0; i < Math.min(20, input.runs); i++) findings = specmark.lint(input.text, opts).diagnostics.length;
    const times = [];
    for (let i = 0; i < input.runs; i++) {
      const t = performance.now();
      specmark.lint(input.text, opts);
      times.push(performance.now() - t);
    }
    const nativeOut = execFileSync(NATIVE, ["--bench", String(input.runs), input.file], {
      cwd: ROOT, encoding: "utf8",
    });
    const nat = JSON.parse(nativeOut.trim().split("\n")[0]);
    results.push({
      input: input.name,
      bytes: Buffer.byteLength(input.text),
      findings,
      nodeWarmMedianMs: median(times),
      nodeColdFirstMs: median(colds.map((c) => c.first)),
      nodeInstantiateMs: median(colds.map((c) => c.load)),
      nativeMedianMs: nat.medianUs / 1000,
      nativeFirstMs: nat.firstUs / 1000,
      runs: input.runs,
    });
  }
  const wasmBytes = require("node:fs").statSync(join(ROOT, "pkg", "node", "specmark_bg.wasm")).size;
  console.log(`specmark ${specmark.version()} · Node ${process.version} · wasm ${wasmBytes} bytes\n`);
  console.log("| input | bytes | findings | Node warm median | Node cold first lint | Node instantiate | native median | native first |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    console.log(`| ${r.input} | ${r.bytes} | ${r.findings} | ${ms(r.nodeWarmMedianMs)} ms | ${ms(r.nodeColdFirstMs)} ms | ` +
      `${ms(r.nodeInstantiateMs)} ms | ${ms(r.nativeMedianMs)} ms | ${ms(r.nativeFirstMs)} ms |`);
  }
  writeFileSync(join(OUT, "wasm-bench.json"), JSON.stringify(results, null, 2) + "\n");
  console.log(`\n(warm: median of ${inputs.map((i) => i.runs).join(" / ")} runs after warm-up; cold: median of 5 fresh processes; ` +
    "native: examples/lint_json --bench, release build, same inputs)");
}

main();
