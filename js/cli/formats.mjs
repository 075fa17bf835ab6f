// Output formats of the npm package's `specmark` command, as the native CLI writes them
// (src/cli/formats.rs, sarif.rs, human.rs): JSON is the same document, GitHub workflow
// commands and SARIF carry the same fields; human output lists findings as
// `path:line:col: severity CODE name: message` with the same score lines and summary.

import fs from "node:fs";
import path from "node:path";
import { cmp, display, ioMessage, writeAtomic, UsageError } from "./walk.mjs";

export function json(version, files, baseline) {
  const out = { version };
  if (baseline) out.baseline = baseline;
  out.files = files.map((f) => f.report);
  return JSON.stringify(out, null, 2) + "\n";
}

function ghData(s) {
  return s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

function ghProperty(s) {
  return ghData(s).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

const GH = { error: "error", warning: "warning", info: "notice" };

export function github(files) {
  let out = "";
  for (const f of files) {
    for (const d of f.report.diagnostics) {
      const { start, end } = d.range;
      let message = `${d.message} (${d.code})`;
      if (d.help) message += `\nhelp: ${d.help}`;
      out +=
        `::${GH[d.severity]} file=${ghProperty(f.display)},line=${start.line + 1},col=${start.character + 1},` +
        `endLine=${end.line + 1},endColumn=${end.character + 1},title=${ghProperty(d.name)}::${ghData(message)}\n`;
    }
  }
  return out;
}

const SARIF_LEVEL = { error: "error", warning: "warning", info: "note" };

/** A relative path as a URI reference (unreserved characters kept, the rest percent-encoded). */
export function uri(p) {
  let out = "";
  for (const b of Buffer.from(p)) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~/]/.test(c) ? c : "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

function region(start, end) {
  return {
    startLine: start.line + 1,
    startColumn: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

export function sarif(version, rules, files, errors, known) {
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const result = (p, d, state) => {
    let text = d.message;
    if (d.help) text += ` (help: ${d.help})`;
    const r = {
      ruleId: d.code,
      level: SARIF_LEVEL[d.severity],
      message: { text },
      locations: [
        { physicalLocation: { artifactLocation: { uri: uri(p) }, region: region(d.range.start, d.range.end) } },
      ],
      properties: { name: d.name },
      partialFingerprints: { "specmark/v1": d.fingerprint },
    };
    if (state) r.baselineState = state;
    if (index.has(d.code)) r.ruleIndex = index.get(d.code);
    if (d.fix && d.fix.edits.length > 0) {
      r.fixes = [
        {
          description: { text: d.fix.title },
          artifactChanges: [
            {
              artifactLocation: { uri: uri(p) },
              replacements: d.fix.edits.map((e) => ({
                deletedRegion: region(e.range.start, e.range.end),
                insertedContent: { text: e.text },
              })),
            },
          ],
        },
      ];
    }
    return r;
  };
  const results = [];
  for (const f of files) for (const d of f.report.diagnostics) results.push(result(f.display, d, known ? "new" : null));
  for (const [p, d] of known || []) results.push(result(p, d, "unchanged"));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "specmark",
            version,
            semanticVersion: version,
            rules: rules.map((r) => ({
              id: r.code,
              name: r.name,
              shortDescription: { text: r.summary },
              fullDescription: { text: r.docs, markdown: r.docs },
              help: { text: r.docs, markdown: r.docs },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
              properties: { category: r.category, tags: r.tags, fixable: r.fixable },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: errors.length === 0,
            toolExecutionNotifications: errors.map((e) => ({
              level: "error",
              message: { text: `${e.display}: ${e.message}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: uri(e.display) } } }],
            })),
          },
        ],
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** Error, warning and info counts, and how many findings a fix could remove. */
export function totals(files, unsafeFixes) {
  const t = { errors: 0, warnings: 0, infos: 0, files: files.length, fixable: 0 };
  for (const f of files) {
    for (const d of f.report.diagnostics) {
      if (d.severity === "error") t.errors++;
      else if (d.severity === "warning") t.warnings++;
      else t.infos++;
      if (d.fix && (unsafeFixes || d.fix.applicability === "safe")) t.fixable++;
    }
  }
  return t;
}

/** Document text shown in a terminal: control characters become U+FFFD. */
function clean(s) {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "\ufffd");
}

export function human(files, { quiet, unsafeFixes, fixedFiles }) {
  let out = "";
  for (const f of files) {
    const lines = f.source === null ? [] : f.source.split("\n");
    for (const d of f.report.diagnostics) {
      const { line, character } = d.range.start;
      out += `${f.display}:${line + 1}:${character + 1}: ${d.severity} ${d.code} ${d.name}: ${clean(d.message)}\n`;
      if (lines[line] !== undefined) out += `  ${line + 1} | ${clean(lines[line].replace(/\r$/, ""))}\n`;
      if (d.help) out += `  help: ${clean(d.help)}\n`;
      out += "\n";
    }
  }
  if (!quiet) {
    for (const f of files) {
      out += f.report.linted
        ? `${f.display}: ${f.report.profile}, score ${f.report.score} (${f.report.grade})\n  profile: ${f.report.profileReason}\n`
        : `${f.display}: not linted\n`;
    }
    if (files.length > 0) out += "\n";
  }
  const t = totals(files, unsafeFixes);
  out += `${plural(t.errors, "error", "errors")}, ${plural(t.warnings, "warning", "warnings")}, ${plural(t.infos, "info", "infos")} in ${plural(t.files, "file", "files")}\n`;
  if (fixedFiles > 0) out += `fixed ${plural(fixedFiles, "file", "files")}\n`;
  if (t.fixable > 0) {
    out += `${plural(t.fixable, "finding", "findings")} fixable with \`specmark check ${unsafeFixes ? "--fix --unsafe-fixes" : "--fix"}\`\n`;
  }
  return out;
}

/** `specmark score`: each file's categories and the rules that cost points. */
export function scoreBreakdown(files) {
  let out = "";
  for (const f of files) {
    const rep = f.report;
    if (!rep.linted) {
      out += `${f.display}: not scored: ${rep.diagnostics[0]?.message ?? "not linted"}\n\n`;
      continue;
    }
    out += `${f.display} (${rep.kind}): score ${rep.score} (${rep.grade})\n  profile: ${rep.profileReason}\n`;
    for (const c of rep.categories) {
      if (c.score === null) {
        out += `  ${c.name.padEnd(14)} ${"-".padStart(4)}  (no rule of this category applies)\n`;
        continue;
      }
      out += `  ${c.name.padEnd(14)} ${String(c.score).padStart(4)}  -${c.points} points\n`;
      for (const l of c.lost) {
        out += `      -${String(l.points).padEnd(3)} ${l.code} ${l.name} (${l.count} finding${l.count === 1 ? "" : "s"})\n`;
      }
    }
    out += "\n";
  }
  // 50 is the engine's cap per rule (specmark::score::RULE_CAP; the CLI tests compare).
  out +=
    "Each finding costs 25 points (error) or 5 (warning); info findings cost nothing; one rule costs at most 50 points; the score is 100 minus every point lost.\n";
  return out;
}

/**
 * A baseline file (the native CLI's format, src/cli/baseline.rs): findings matched by file
 * (relative to the baseline's folder), rule and fingerprint, counted.
 */
export class Baseline {
  static open(cwd, file, create) {
    const abs = path.resolve(cwd, file);
    const b = new Baseline();
    b.shown = display(cwd, abs);
    b.abs = abs;
    b.dir = path.dirname(abs);
    b.entries = [];
    let stat;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      if (e.code === "ENOENT") {
        if (create) return b;
        throw new UsageError(`${b.shown}: baseline not found; record the current findings with --update-baseline`);
      }
      throw new UsageError(`${b.shown}: cannot read baseline: ${ioMessage(e)}`);
    }
    if (!stat.isFile()) throw new UsageError(`${b.shown}: cannot read baseline: not a regular file`);
    let data;
    try {
      data = JSON.parse(fs.readFileSync(abs, "utf8"));
    } catch (e) {
      throw new UsageError(
        `${b.shown}: not a specmark baseline (${e.message}); delete it and run --update-baseline to write a new one`,
      );
    }
    const entryOk = (x) =>
      x && typeof x === "object" && ["path", "rule", "fingerprint"].every((k) => typeof x[k] === "string");
    if (!data || typeof data !== "object" || typeof data.version !== "number" || !Array.isArray(data.findings)) {
      throw new UsageError(
        `${b.shown}: not a specmark baseline (expected {"version": 1, "findings": [...]}); delete it and run --update-baseline to write a new one`,
      );
    }
    if (data.version !== 1) {
      throw new UsageError(
        `${b.shown}: baseline version ${data.version} is not supported (this specmark writes version 1); run --update-baseline to rewrite it`,
      );
    }
    if (!data.findings.every(entryOk)) {
      throw new UsageError(
        `${b.shown}: not a specmark baseline (a finding without path, rule and fingerprint); delete it and run --update-baseline to write a new one`,
      );
    }
    b.entries = data.findings;
    return b;
  }

  key(cwd, shown, rule, fingerprint) {
    return [display(this.dir, path.resolve(cwd, shown)), rule, fingerprint];
  }

  /** Remove the recorded findings from `files`; returns `{hidden, gone, known}`. */
  apply(cwd, files) {
    const left = new Map();
    for (const e of this.entries) {
      const k = JSON.stringify([e.path, e.rule, e.fingerprint]);
      left.set(k, (left.get(k) || 0) + 1);
    }
    const known = [];
    for (const f of files) {
      f.report.diagnostics = f.report.diagnostics.filter((d) => {
        const k = JSON.stringify(this.key(cwd, f.display, d.name, d.fingerprint));
        const n = left.get(k) || 0;
        if (n > 0) {
          left.set(k, n - 1);
          known.push([f.display, d]);
          return false;
        }
        return true;
      });
    }
    let gone = 0;
    for (const n of left.values()) gone += n;
    return { hidden: known.length, gone, known };
  }

  write(cwd, files) {
    const findings = [];
    for (const f of files) {
      for (const d of f.report.diagnostics) {
        const [p, rule, fingerprint] = this.key(cwd, f.display, d.name, d.fingerprint);
        findings.push({ path: p, rule, fingerprint, message: d.message });
      }
    }
    findings.sort(
      (a, b) => cmp(a.path, b.path) || cmp(a.rule, b.rule) || cmp(a.fingerprint, b.fingerprint) || cmp(a.message, b.message),
    );
    const text = JSON.stringify({ version: 1, findings }, null, 2) + "\n";
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      if (!fs.existsSync(this.abs)) fs.writeFileSync(this.abs, "");
    } catch (e) {
      throw new UsageError(`${this.shown}: cannot write baseline: ${ioMessage(e)}`);
    }
    const failed = writeAtomic(this.abs, text);
    if (failed) throw new UsageError(`${this.shown}: cannot write baseline: ${failed}`);
    this.entries = findings;
    return findings.length;
  }
}

export function baselineSummary(shown, { hidden, gone }) {
  let s = `${hidden} known finding${hidden === 1 ? "" : "s"} hidden by the baseline ${shown}`;
  if (gone > 0) {
    s += `; ${gone} recorded finding${gone === 1 ? " is" : "s are"} gone (run --update-baseline to drop ${gone === 1 ? "it" : "them"})`;
  }
  return s;
}

export const ruleKinds = (r) => (r.kinds.length === 0 ? "all" : r.kinds.join(","));

/** A rule's documentation, as `specmark explain` prints it. */
export function explainText(list, name) {
  const r = list.find((x) => x.name === name || x.code.toLowerCase() === String(name).toLowerCase());
  if (!r) {
    const near = list
      .map((x) => [distance(x.name, name), x.name])
      .sort((a, b) => a[0] - b[0])[0];
    const hint = near && near[0] <= Math.max(2, name.length / 3) ? ` (did you mean "${near[1]}"?)` : "";
    throw new UsageError(`unknown rule "${name}"${hint}; \`specmark rules\` lists every rule`);
  }
  let out = `# ${r.code} ${r.name}\n\n${r.summary}\n\n`;
  out += `- Category: ${r.category}\n- Default severity: ${r.severity}\n- Fixable: ${r.fixable ? "yes" : "no"}\n- Kinds: ${ruleKinds(r)}\n`;
  out += `\n${r.docs}\n\n## Options\n\nIn \`.specmark.toml\`:\n\n\`\`\`toml\n[rules.${r.name}]\nseverity = "${r.severity}"    # error | warning | info | off\n`;
  for (const o of r.options) out += `${o.name} = ${JSON.stringify(o.default)}\n`;
  out += "```\n\n";
  if (r.options.length === 0) out += "This rule has no options besides `severity`.\n";
  for (const o of r.options) out += `- \`${o.name}\` (${o.type}, default ${JSON.stringify(o.default)}): ${o.doc}\n`;
  out += `\nSuppress it in a document with \`<!-- specmark-disable-next-line ${r.name} -->\`.\n`;
  return out;
}

function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}


/** A rule's identity, as `list_rules` (MCP) and `specmark rules --format json` give it. */
export const ruleSummary = (r) => ({
  code: r.code,
  name: r.name,
  summary: r.summary,
  category: r.category,
  severity: r.severity,
  fixable: r.fixable,
  kinds: r.kinds,
});

/** A rule as `specmark rules --format json` prints it. */
export const ruleJson = (r) => ({
  ...ruleSummary(r),
  tags: r.tags,
  options: r.options.map((o) => ({ name: o.name, type: o.type, default: o.default, doc: o.doc })),
  documentation: r.docs,
});
