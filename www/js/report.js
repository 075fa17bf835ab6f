// Report exports: the lint result as Markdown (for a pull request or a ticket) and as JSON
// (the wasm result object, unchanged, plus where it came from). Both are downloaded through
// Blob URLs; nothing leaves the browser.

const SEVERITIES = ["error", "warning", "info"];
const SEVERITY_TITLE = { error: "Errors", warning: "Warnings", info: "Info" };

/** Plain-text line number (1-based) of a diagnostic. */
export function lineNumber(d) {
  return d.range.start.line + 1;
}

/** Markdown report of `result` for the document `name` (null for pasted text). */
export function markdownReport(result, { name, kindLabel, version }) {
  const out = [];
  out.push("# specmark report", "");
  out.push(`- Document: ${name ? name : "(pasted text)"}`);
  out.push(`- Kind: ${kindLabel} (\`${result.kind}\`, ${kindSourceText(result.kindSource)})`);
  out.push(`- Score: **${result.score}/100** (grade ${result.grade})`);
  out.push(`- Words: ${result.words}`);
  out.push(`- Findings: ${countText(result.diagnostics)}`);
  out.push(`- specmark ${version}, checked in the browser`, "");
  out.push("## Categories", "", "| Category | Score | Points lost | What cost points |", "|---|---|---|---|");
  for (const c of result.categories) {
    const score = c.score === null ? "n/a" : `${c.score}/100`;
    const lost = c.lost.length
      ? c.lost.map((l) => `${l.name} ×${l.count} (−${l.points})`).join(", ")
      : c.score === null
        ? "no rule applies to this kind"
        : "nothing";
    out.push(`| ${c.name} | ${score} | ${c.points} | ${lost} |`);
  }
  out.push("");
  out.push(`## Findings (${result.diagnostics.length})`, "");
  if (!result.diagnostics.length) out.push("No findings.", "");
  for (const sev of SEVERITIES) {
    const items = result.diagnostics.filter((d) => d.severity === sev);
    if (!items.length) continue;
    out.push(`### ${SEVERITY_TITLE[sev]} (${items.length})`, "");
    for (const d of items) {
      let line = `- Line ${lineNumber(d)}: **${d.name}** (${d.code}): ${oneLine(d.message)}`;
      if (d.help) line += `. Help: ${oneLine(d.help)}`;
      if (d.fix) line += ` [fix${d.fix.applicability === "safe" ? "" : " (unsafe)"}: ${oneLine(d.fix.title)}]`;
      out.push(line);
    }
    out.push("");
  }
  return out.join("\n");
}

/** JSON report: the wasm result plus the document name and the specmark version. */
export function jsonReport(result, { name, version }) {
  return JSON.stringify({ tool: "specmark", version, document: name ?? null, ...result }, null, 2) + "\n";
}

export function countText(diagnostics) {
  const n = (s) => diagnostics.filter((d) => d.severity === s).length;
  const parts = [
    [n("error"), "error", "errors"],
    [n("warning"), "warning", "warnings"],
    [n("info"), "info", "info"],
  ].map(([k, one, many]) => `${k} ${k === 1 ? one : many}`);
  return parts.join(", ");
}

export function kindSourceText(source) {
  return (
    {
      explicit: "chosen by you",
      "front-matter": "from the front matter",
      config: "from the configuration",
      path: "from the file name",
      content: "detected from the content",
      default: "default",
    }[source] ?? source
  );
}

function oneLine(s) {
  return String(s).replace(/\s+/g, " ").trim();
}

/** Offer `text` as a file download through a temporary Blob URL. */
export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
