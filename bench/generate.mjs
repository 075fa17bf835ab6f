#!/usr/bin/env node
// Deterministic generator of spec-like Markdown for the benchmarks: task lists with phases,
// heading tasks, nested checkbox items with task ids, fields and dependencies, task tables,
// fenced code, metadata lines and paragraphs; PRDs, research notes and recovery notes.
//
// Usage: node bench/generate.mjs [OUT_DIR]   (default: bench/out/corpus)
// Writes:
//   single-20k/specs/active/demo/tasks.md            one 20 KB task list
//   many/specs/active/feature-NNN/{tasks,prd,research,recovery}.md   200 documents of 20 KB
//   large-1m/specs/active/large/tasks.md             one 1 MB task list
//   large-5m/specs/active/huge/tasks.md              one 5 MB task list
// The same seed always gives the same bytes (checked by `manifest.json` sizes and hashes).

import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const KB = 1024;
const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] ?? join(here, "out", "corpus"));

/** mulberry32: a small seeded PRNG, so the corpus is the same on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
  };
}

const WORDS = (
  "the parser reads each line of input and builds a model that rules query without parsing " +
  "again so every check stays linear in the size of the document while the cache keeps " +
  "results of earlier runs for the editor which sends changes as the user types and expects " +
  "diagnostics within a few milliseconds users write tasks with ids dependencies acceptance " +
  "criteria and status fields that agents update after each session the service validates " +
  "tokens stores sessions in the database exposes an endpoint for exports and retries failed " +
  "jobs with backoff metrics dashboards alert on latency errors and saturation"
).split(" ");
const VERBS = ["Implement", "Add", "Wire", "Refactor", "Document", "Test", "Validate", "Migrate", "Expose", "Cache"];
const NOUNS = ["parser", "session store", "export endpoint", "retry queue", "config loader", "metrics exporter", "auth middleware", "schema", "CLI flag", "cache layer"];
const FILES = ["src/parser.rs", "src/session.ts", "api/export.py", "lib/retry.go", "config/loader.rs", "web/app.tsx", "tests/e2e.spec.ts", "docs/api.md"];
const LANGS = ["python", "rust", "typescript", "bash", "json", "yaml"];

function sentence(r, min = 8, max = 22) {
  const n = r.int(min, max);
  const words = [];
  for (let i = 0; i < n; i++) {
    let w = r.pick(WORDS);
    if (r.chance(0.04)) w = "`" + w + "()`";
    else if (r.chance(0.03)) w = "**" + w + "**";
    else if (r.chance(0.02)) w = `[${w}](https://example.com/${w})`;
    words.push(w);
  }
  const s = words.join(" ");
  return s[0].toUpperCase() + s.slice(1) + ".";
}

function paragraph(r, sentences = r.int(2, 5)) {
  const out = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(r));
  return out.join(" ") + "\n\n";
}

function code(r) {
  const lang = r.pick(LANGS);
  const lines = [];
  const n = r.int(3, 10);
  for (let i = 0; i < n; i++) {
    switch (lang) {
      case "python":
        lines.push(i === 0 ? `def step_${r.int(1, 99)}(value):` : `    value = value + ${r.int(1, 9)}  # ${r.pick(WORDS)}`);
        break;
      case "rust":
        lines.push(i === 0 ? `fn step_${r.int(1, 99)}(v: u32) -> u32 {` : `    let v = v + ${r.int(1, 9)}; // ${r.pick(WORDS)}`);
        break;
      case "typescript":
        lines.push(`const ${r.pick(WORDS)}${i} = await fetch("/api/${r.pick(WORDS)}");`);
        break;
      case "bash":
        lines.push(`cargo test --test ${r.pick(WORDS)} -- --nocapture`);
        break;
      case "json":
        lines.push(i === 0 ? "{" : `  "${r.pick(WORDS)}${i}": ${r.int(0, 999)},`);
        break;
      default:
        lines.push(`${r.pick(WORDS)}${i}: ${r.pick(WORDS)}`);
    }
  }
  if (lang === "rust") lines.push("}");
  if (lang === "json") lines.push('  "end": true', "}");
  if (lang === "python") lines.push("    return value");
  return "```" + lang + "\n" + lines.join("\n") + "\n```\n\n";
}

function state(r) {
  return r.pick(["[ ]", "[ ]", "[x]", "[x]", "[X]", "[-]"]);
}

/** One phase of a task list: heading tasks, nested checkbox tasks, a task table, code. */
function phase(r, p, counter) {
  let s = `## Phase ${p}: ${r.pick(VERBS)} ${r.pick(NOUNS)}\n\n`;
  s += `**Status**: ${r.pick(["Not Started", "In Progress", "Complete"])}\n`;
  s += `**Owner**: ${r.pick(["backend", "frontend", "platform"])} team\n\n`;
  s += paragraph(r, 2);
  const tasks = r.int(4, 9);
  for (let t = 1; t <= tasks; t++) {
    const id = `${p}.${t}`;
    const prev = t > 1 ? `${p}.${t - 1}` : p > 1 ? `${p - 1}.1` : null;
    if (r.chance(0.25)) {
      s += `### Task ${id}: ${r.pick(VERBS)} the ${r.pick(NOUNS)}\n\n`;
      s += `- **Files**: \`${r.pick(FILES)}\`\n`;
      if (prev) s += `- **Depends on**: Task ${prev}\n`;
      s += `- **Done when**: ${sentence(r, 6, 12)}\n\n`;
      s += paragraph(r, 1);
      continue;
    }
    s += `- ${state(r)} **Task ${id}**: ${r.pick(VERBS)} the ${r.pick(NOUNS)}${r.chance(0.2) ? " [P]" : ""}\n`;
    s += `  - **Files**: \`${r.pick(FILES)}\`, \`${r.pick(FILES)}\`\n`;
    if (prev) s += `  - **Depends on**: Task ${prev}\n`;
    s += `  - **Done when**: ${sentence(r, 6, 14)}\n`;
    const subs = r.int(0, 3);
    for (let k = 0; k < subs; k++) {
      counter.n++;
      const tid = `T${String(counter.n).padStart(4, "0")}`;
      const dep = counter.n > 1 && r.chance(0.5) ? ` (depends on T${String(counter.n - 1).padStart(4, "0")})` : "";
      s += `  - ${state(r)} ${tid} ${r.pick(VERBS)} ${r.pick(NOUNS)} in \`${r.pick(FILES)}\`${dep}\n`;
      if (r.chance(0.3)) s += `    - ${sentence(r, 5, 10)}\n`;
    }
    if (r.chance(0.15)) s += "\n" + code(r).trimEnd().replace(/^/gm, "  ") + "\n\n";
  }
  s += "\n";
  if (r.chance(0.5)) {
    s += "| Task ID | Name | Dependencies | Status |\n|---|---|---|---|\n";
    const rows = r.int(2, 5);
    for (let i = 1; i <= rows; i++) {
      counter.n++;
      const tid = `T${String(counter.n).padStart(4, "0")}`;
      const dep = `T${String(Math.max(1, counter.n - 1)).padStart(4, "0")}`;
      s += `| ${tid} | ${r.pick(VERBS)} ${r.pick(NOUNS)} | ${dep} | ${r.pick(["Done", "Open", "Blocked"])} |\n`;
    }
    s += "\n";
  }
  if (r.chance(0.4)) s += code(r);
  s += paragraph(r);
  return s;
}

function tasksDoc(r, target, title) {
  let s = `# Tasks: ${title}\n\n**Status**: In Progress\n**Created**: 2025-03-14\n**Last Updated**: 2025-04-02\n\n`;
  s += "## Overview\n\n" + paragraph(r, 4);
  const counter = { n: 0 };
  let p = 1;
  while (s.length < target - 600) s += phase(r, p++, counter);
  s += "## Acceptance Criteria\n\n";
  for (let i = 1; i <= 8; i++) s += `- [ ] **AC${i}**: ${sentence(r, 6, 12)}\n`;
  return s + "\n";
}

function prdDoc(r, target, title) {
  let s = `# PRD: ${title}\n\n**Status**: Draft\n**Author**: product team\n**Created**: 2025-02-01\n\n`;
  const sections = ["Overview", "Problem Statement", "Goals", "User Stories", "Technical Design", "API", "Data Model", "Testing Strategy", "Risks and Mitigation", "Rollout"];
  let i = 0;
  while (s.length < target - 900) {
    const name = sections[i % sections.length];
    s += `## ${i >= sections.length ? `${name} (part ${Math.floor(i / sections.length) + 1})` : name}\n\n`;
    s += paragraph(r);
    if (name === "Technical Design" || name === "API") s += code(r) + paragraph(r, 2);
    if (name === "Risks and Mitigation") {
      s += "| Risk | Likelihood | Impact | Mitigation |\n|---|---|---|---|\n";
      for (let k = 0; k < 4; k++) s += `| ${sentence(r, 3, 6)} | ${r.pick(["Low", "Medium", "High"])} | ${r.pick(["Low", "High"])} | ${sentence(r, 4, 8)} |\n`;
      s += "\n";
    }
    if (name === "User Stories") {
      for (let k = 1; k <= 4; k++) s += `${k}. As a user, I want ${sentence(r, 5, 10).toLowerCase()}\n`;
      s += "\n";
    }
    if (r.chance(0.3)) s += `### ${r.pick(VERBS)} ${r.pick(NOUNS)}\n\n` + paragraph(r, 2);
    i++;
  }
  s += "## Acceptance Criteria\n\n";
  for (let k = 1; k <= 8; k++) s += `- [ ] **AC${k}**: ${sentence(r, 6, 12)}\n`;
  return s + "\n";
}

function researchDoc(r, target, title) {
  let s = `# Research: ${title}\n\n**Status**: Complete\n**Date**: 2025-01-20\n\n`;
  let i = 1;
  while (s.length < target - 300) {
    s += `## ${i}. ${r.pick(VERBS)} ${r.pick(NOUNS)}\n\n` + paragraph(r);
    s += `- ${sentence(r, 5, 10)}\n- ${sentence(r, 5, 10)}\n  - ${sentence(r, 4, 8)}\n\n`;
    if (r.chance(0.3)) s += code(r);
    if (r.chance(0.2)) s += `> **Finding:** ${sentence(r)}\n\n`;
    i++;
  }
  return s;
}

function recoveryDoc(r, target, title) {
  let s = `# Session Recovery: ${title}\n\n**Last Updated**: 2025-04-02 14:30\n**Current Phase**: Phase 2\n**Blockers**: None\n\n`;
  let i = 1;
  while (s.length < target - 300) {
    s += `## Session ${i}\n\n` + paragraph(r, 2);
    s += "### Completed\n\n";
    for (let k = 0; k < 4; k++) s += `- [x] ${r.pick(VERBS)} ${r.pick(NOUNS)} in \`${r.pick(FILES)}\`\n`;
    s += "\n### Next Steps\n\n";
    for (let k = 0; k < 3; k++) s += `- [ ] ${r.pick(VERBS)} ${r.pick(NOUNS)}\n`;
    s += "\n";
    if (r.chance(0.3)) s += code(r);
    i++;
  }
  return s;
}

const KINDS = [
  ["tasks.md", tasksDoc],
  ["prd.md", prdDoc],
  ["research.md", researchDoc],
  ["recovery.md", recoveryDoc],
];

function write(rel, text, manifest) {
  const path = join(outDir, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  manifest.push({ path: rel, bytes: Buffer.byteLength(text), sha256: createHash("sha256").update(text).digest("hex").slice(0, 16) });
}

rmSync(outDir, { recursive: true, force: true });
const manifest = [];
write("single-20k/specs/active/demo/tasks.md", tasksDoc(rng(20), 20 * KB, "Demo feature"), manifest);
for (let i = 0; i < 200; i++) {
  const [name, gen] = KINDS[i % KINDS.length];
  const folder = `feature-${String(Math.floor(i / KINDS.length)).padStart(3, "0")}`;
  write(`many/specs/active/${folder}/${name}`, gen(rng(1000 + i), 20 * KB, `Feature ${folder}`), manifest);
}
write("large-1m/specs/active/large/tasks.md", tasksDoc(rng(1), 1024 * KB, "Large feature"), manifest);
write("large-5m/specs/active/huge/tasks.md", tasksDoc(rng(5), 5 * 1024 * KB, "Huge feature"), manifest);
writeFileSync(join(outDir, "manifest.json"), JSON.stringify(manifest, null, 1) + "\n");
const total = manifest.reduce((a, m) => a + m.bytes, 0);
console.log(`generated ${manifest.length} documents, ${(total / 1024 / 1024).toFixed(1)} MiB, in ${outDir}`);
