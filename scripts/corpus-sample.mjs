#!/usr/bin/env node
// Draw a reproducible, stratified random sample of corpus findings for review.
//
//   cargo run -q --example corpus_report > report.txt
//   node scripts/corpus-sample.mjs report.txt [SIZE=30] [SEED=20260301] [CAP=8]
//
// Every rule with findings gets one draw; the remaining draws go one at a time to the rule
// with the most findings per draw so far (D'Hondt), at most CAP per rule, so the rules with
// hundreds of findings do not fill the sample. Within a rule, findings are drawn with a
// seeded PRNG (mulberry32), so the same report and seed give the same sample.

import { readFileSync } from "node:fs";

const [file, sizeArg, seedArg, capArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: corpus-sample.mjs REPORT [SIZE] [SEED] [CAP]");
  process.exit(2);
}
const size = Number(sizeArg ?? 30);
const cap = Number(capArg ?? 8);
let state = Number(seedArg ?? 20260301) >>> 0;

function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

// Parse the report: "== FILE [kind] score N", then "  L:C severity rule: message" + "      | line".
const byRule = new Map();
let current = "";
const lines = readFileSync(file, "utf8").split("\n");
for (let i = 0; i < lines.length; i++) {
  const head = lines[i].match(/^== (\S+) \[/);
  if (head) {
    current = head[1].split("/").pop();
    continue;
  }
  const m = lines[i].match(/^  (\d+):(\d+) (\w+) ([a-z0-9-]+): (.*)$/);
  if (!m) continue;
  const text = (lines[i + 1] ?? "").replace(/^ *\| ?/, "");
  const finding = { file: current, line: m[1], col: m[2], severity: m[3], rule: m[4], message: m[5], text };
  if (!byRule.has(m[4])) byRule.set(m[4], []);
  byRule.get(m[4]).push(finding);
}

const rules = [...byRule.keys()].sort();
const quota = new Map(rules.map((r) => [r, 1]));
let given = rules.length;
while (given < size) {
  let best = null;
  for (const r of rules) {
    const n = byRule.get(r).length;
    const q = quota.get(r);
    if (q >= Math.min(cap, n)) continue;
    if (best === null || n / (q + 1) > byRule.get(best).length / (quota.get(best) + 1)) best = r;
  }
  if (best === null) break;
  quota.set(best, quota.get(best) + 1);
  given++;
}

let k = 0;
for (const r of rules) {
  const pool = byRule.get(r).slice();
  for (let j = 0; j < quota.get(r); j++) {
    const pick = pool.splice(Math.floor(random() * pool.length), 1)[0];
    k++;
    console.log(
      `${k}\t${r}\t${byRule.get(r).length}\t${pick.file}:${pick.line}:${pick.col}\t${pick.severity}\t${pick.message}\t${pick.text}`,
    );
  }
}
