// The GitHub Action's job summary (scripts/action.sh): from `specmark check --format json`,
// a Markdown table of each file's profile, score and findings by rule.
// Usage: node action-summary.mjs REPORT.json EXIT_CODE  (Markdown on stdout)
import { readFileSync } from "node:fs";

const [file, code] = process.argv.slice(2);
const cell = (s) => String(s).replaceAll("|", "\\|").replaceAll("\n", " ");
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

let report;
try {
  report = JSON.parse(readFileSync(file, "utf8"));
} catch {
  report = null;
}
let out = "## specmark\n\n";
if (!report || !Array.isArray(report.files)) {
  out += `specmark could not produce a report (exit code ${code}); the step's log says why.\n`;
  process.stdout.write(out);
  process.exit(0);
}
const count = { error: 0, warning: 0, info: 0 };
for (const f of report.files) for (const d of f.diagnostics) count[d.severity]++;
out += `**${plural(report.files.length, "file", "files")}**: ${plural(count.error, "error", "errors")}, `;
out += `${plural(count.warning, "warning", "warnings")}, ${plural(count.info, "info", "infos")} (exit code ${code}).\n\n`;
if (report.baseline) {
  const b = report.baseline;
  out += `Baseline \`${cell(b.file)}\`: ${plural(b.hidden, "known finding", "known findings")} hidden`;
  out += b.gone > 0 ? `, ${plural(b.gone, "recorded finding", "recorded findings")} gone (run \`--update-baseline\` to drop them).\n\n` : ".\n\n";
}
if (report.files.length > 0) {
  out += "| File | Profile | Score | Findings by rule |\n|---|---|---|---|\n";
  for (const f of report.files) {
    const rules = new Map();
    for (const d of f.diagnostics) {
      const r = rules.get(d.name) ?? { n: 0, severity: d.severity };
      r.n++;
      rules.set(d.name, r);
    }
    const findings =
      [...rules].map(([name, r]) => `${name} ×${r.n} (${r.severity})`).join(", ") || "none";
    const score = f.linted ? `${f.score} (${f.grade})` : "not linted";
    out += `| \`${cell(f.path)}\` | ${cell(f.profileLabel || f.profile || "-")} | ${score} | ${cell(findings)} |\n`;
  }
}
process.stdout.write(out + "\n");
