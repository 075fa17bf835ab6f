//! Markdown the server shows: hovers, rule documentation pages and the score report. Text
//! that comes from a document (finding messages quote it) is escaped, never passed as HTML.

import type { Finding, Report, RuleInfo } from "./wasm-api";

/**
 * Make a message safe as inline Markdown: outside its code spans, `<`, `>` and `&` become
 * entities (no HTML from a document reaches a renderer) and line breaks become spaces.
 * Rule messages already put quoted document text in code spans, which stay as they are.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(/(`[^`\r\n]*`)/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
    )
    .join("")
    .replace(/\r?\n|\r/g, " ");
}

/** A rule's documentation with its `##` headings demoted to bold labels (for hovers). */
function compactDocs(docs: string): string {
  let fence: string | undefined;
  return docs
    .split("\n")
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (marker && (fence === undefined || marker.startsWith(fence))) {
        fence = fence === undefined ? marker : undefined;
        return line;
      }
      return fence === undefined ? line.replace(/^#{1,6}\s+(.+)$/, "**$1**") : line;
    })
    .join("\n");
}

export function hoverMarkdown(findings: Finding[], rule: (name: string) => RuleInfo | undefined): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    const lines = [`**specmark ${f.name}** (${f.code}, ${f.severity}): ${escapeMarkdown(f.message)}`];
    if (f.help) lines.push("", `*${escapeMarkdown(f.help)}*`);
    if (f.fix) {
      const how = f.fix.applicability === "safe" ? "quick fix" : "quick fix (unsafe: check the result)";
      lines.push("", `${how}: ${escapeMarkdown(f.fix.title)}`);
    }
    const info = rule(f.name);
    if (info && !seen.has(f.name)) {
      seen.add(f.name);
      lines.push("", "---", "", compactDocs(info.docs));
    }
    parts.push(lines.join("\n"));
  }
  return parts.join("\n\n---\n\n");
}

export function ruleDocMarkdown(info: RuleInfo): string {
  return [
    `# ${info.name} (${info.code})`,
    "",
    `${info.summary}. Category: ${info.category}; default severity: ${info.severity}${info.fixable ? "; has fixes" : ""}.`,
    "",
    info.docs,
    "",
  ].join("\n");
}

/** The score report of one document: per category, with the findings that cost points. */
export function reportMarkdown(name: string, report: Report): string {
  const out: string[] = [`# specmark report: ${escapeMarkdown(name)}`, ""];
  if (!report.linted) {
    out.push("This file was not linted:", "");
    for (const d of report.diagnostics) out.push(`- ${escapeMarkdown(d.message)}`);
    return out.join("\n") + "\n";
  }
  out.push(
    `**Score ${report.score}** (grade ${report.grade}) · kind \`${report.kind}\` (from ${report.kindSource}) · ${report.words} words · ${report.diagnostics.length} finding${report.diagnostics.length === 1 ? "" : "s"}`,
    "",
    `Profile ${escapeMarkdown(report.profileReason)}`,
    "",
    "| Category | Score | Points lost | Lost to |",
    "|---|---:|---:|---|",
  );
  for (const c of report.categories) {
    const lost = c.lost.map((l) => `${l.name} ×${l.count} (−${l.points})`).join(", ");
    out.push(`| ${c.name} | ${c.score ?? "n/a"} | ${c.points} | ${lost || "—"} |`);
  }
  out.push("");
  const categories = report.categories.filter((c) => c.lost.length > 0);
  if (categories.length === 0) {
    out.push("No findings cost points.");
  }
  for (const c of categories) {
    out.push(`## ${c.name} (${c.score ?? "n/a"})`, "");
    for (const l of c.lost) {
      out.push(`### ${l.name} (${l.code}): −${l.points}`, "");
      for (const d of report.diagnostics.filter((d) => d.name === l.name)) {
        out.push(`- line ${d.range.start.line + 1}: ${escapeMarkdown(d.message)}`);
      }
      out.push("");
    }
  }
  const free = report.diagnostics.filter(
    (d) => !report.categories.some((c) => c.lost.some((l) => l.name === d.name)),
  );
  if (free.length > 0) {
    out.push("## Findings that cost no points", "");
    for (const d of free) out.push(`- line ${d.range.start.line + 1}: ${d.name}: ${escapeMarkdown(d.message)}`);
    out.push("");
  }
  return out.join("\n");
}
