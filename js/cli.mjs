#!/usr/bin/env node
// `specmark` from npm (`npx specmark check`): the WebAssembly engine over files and folders,
// with the native CLI's walking rules, configuration discovery, formats and exit codes
// (0 no errors, 1 errors or too many warnings, 2 usage, configuration or I/O error).
// `specmark mcp` serves the Model Context Protocol over stdio (js/cli/mcp.mjs).

import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { Checker, Configs, UsageError, collect } from "./cli/walk.mjs";
import * as formats from "./cli/formats.mjs";
import { explainText, ruleKinds } from "./cli/formats.mjs";

const require = createRequire(import.meta.url);

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

const HELP = `specmark: deterministic linter and scorer for Markdown spec documents

Usage: specmark <command> [options]

Commands:
  check [PATH...]   lint files and folders (default: the current folder)
  score PATH...     each file's score and which rules cost how many points
  rules             list every rule
  explain NAME      a rule's documentation and options
  mcp               serve the Model Context Protocol over stdio (for coding agents)

check and score options:
  --config PATH        use this configuration instead of discovering .specmark.toml files
  --kind KIND          treat every file as this kind
  --profile NAME       lint every file as this profile
  --all-markdown       lint every Markdown file found in folders
  --force-exclude      apply the configuration's exclude globs to named files too
check options:
  -f, --format FMT     human (default), json, github or sarif
  --fix                apply safe fixes (--unsafe-fixes: unsafe ones too)
  --max-warnings N     exit 1 when there are more than N warnings
  -q, --quiet          human output: only findings and the summary
  --baseline FILE      report only findings not recorded in FILE
  --update-baseline    write the current findings to the --baseline file

Exit codes: 0 no errors, 1 errors found (or warnings over --max-warnings),
2 usage, configuration or I/O error.`;

const INPUT_OPTIONS = {
  config: { type: "string" },
  kind: { type: "string" },
  profile: { type: "string" },
  "all-markdown": { type: "boolean" },
  "force-exclude": { type: "boolean" },
  color: { type: "string" },
};

const CHECK_OPTIONS = {
  ...INPUT_OPTIONS,
  format: { type: "string", short: "f" },
  fix: { type: "boolean" },
  "unsafe-fixes": { type: "boolean" },
  "max-warnings": { type: "string" },
  quiet: { type: "boolean", short: "q" },
  baseline: { type: "string" },
  "update-baseline": { type: "boolean" },
};

/** The engine (the Node build of the wasm module, with the lazily loaded Python parser), loaded once. */
export function engine() {
  return require("./node.cjs");
}

class Io {
  constructor(stdout, stderr) {
    this.out = stdout;
    this.err = stderr;
  }
  error(message) {
    this.err(`specmark: error: ${message}\n`);
  }
}

function parse(argv, options, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError(`${e.message.replace(/^[^:]*Error: /, "")}; run \`specmark --help\``);
  }
}

function input(values, sm) {
  if (values.kind !== undefined && values.kind !== "auto") {
    const names = sm.kinds().map((k) => k.name);
    if (!names.includes(values.kind)) {
      throw new UsageError(`unknown kind "${values.kind}"; expected one of: ${names.join(", ")}`);
    }
  }
  return {
    kind: values.kind === "auto" ? undefined : values.kind,
    profile: values.profile,
    allMarkdown: Boolean(values["all-markdown"]),
    forceExclude: Boolean(values["force-exclude"]),
  };
}

function reportErrors(io, outcome) {
  for (const e of outcome.errors) io.error(`${e.display}: ${e.message}`);
}

const unreadable = (r) => !r.linted && r.diagnostics.some((d) => d.name === "invalid-utf8");
const ioFailed = (outcome) => outcome.errors.length > 0 || outcome.files.some((f) => unreadable(f.report));

function check(argv, io, cwd) {
  const sm = engine();
  const { values, positionals } = parse(argv, CHECK_OPTIONS);
  const format = values.format ?? "human";
  if (!["human", "json", "github", "sarif"].includes(format)) {
    throw new UsageError(
      `unknown format "${format}"; expected one of: human, json, github, sarif (junit is in the native CLI)`,
    );
  }
  let maxWarnings = null;
  if (values["max-warnings"] !== undefined) {
    if (!/^\d+$/.test(values["max-warnings"])) {
      throw new UsageError(`--max-warnings expects a number, not "${values["max-warnings"]}"`);
    }
    maxWarnings = Number(values["max-warnings"]);
  }
  if (values["update-baseline"] && values.baseline === undefined) {
    throw new UsageError("--update-baseline needs --baseline FILE");
  }
  const inp = input(values, sm);
  const configs = new Configs(sm, cwd, values.config, inp.profile);
  const collected = collect(cwd, positionals.length ? positionals : ["."], configs, inp.forceExclude);
  const baseline =
    values.baseline === undefined ? null : formats.Baseline.open(cwd, values.baseline, values["update-baseline"]);
  const checker = new Checker(sm, cwd, inp);
  const fix = values.fix ? { unsafe: Boolean(values["unsafe-fixes"]) } : null;
  const outcome = checker.run(collected, configs, fix);
  reportErrors(io, outcome);
  let applied = null;
  if (baseline) {
    if (values["update-baseline"]) {
      const n = baseline.write(cwd, outcome.files);
      io.err(`specmark: recorded ${n} finding${n === 1 ? "" : "s"} in the baseline ${baseline.shown}\n`);
    }
    applied = baseline.apply(cwd, outcome.files);
  }
  if (outcome.files.length === 0 && outcome.errors.length === 0 && !inp.allMarkdown) {
    io.err("specmark: no spec documents found (pass --all-markdown to lint every Markdown file)\n");
  }
  const version = sm.version();
  const summary = applied && { file: baseline.shown, hidden: applied.hidden, gone: applied.gone };
  switch (format) {
    case "json":
      io.out(formats.json(version, outcome.files, summary));
      break;
    case "github":
      io.out(formats.github(outcome.files));
      break;
    case "sarif":
      io.out(formats.sarif(version, sm.rules(), outcome.files, outcome.errors, applied?.known));
      break;
    default: {
      let text = formats.human(outcome.files, {
        quiet: values.quiet,
        unsafeFixes: Boolean(values["unsafe-fixes"]),
        fixedFiles: outcome.fixedFiles,
      });
      if (applied) text += formats.baselineSummary(baseline.shown, applied) + "\n";
      io.out(text);
    }
  }
  if (ioFailed(outcome)) return EXIT_ERROR;
  const t = formats.totals(outcome.files, false);
  return t.errors > 0 || (maxWarnings !== null && t.warnings > maxWarnings) ? EXIT_FINDINGS : EXIT_OK;
}

function score(argv, io, cwd) {
  const sm = engine();
  const { values, positionals } = parse(argv, { ...INPUT_OPTIONS, format: { type: "string", short: "f" } });
  if (positionals.length === 0) throw new UsageError("score needs at least one FILE; run `specmark --help`");
  const format = values.format ?? "human";
  if (!["human", "json"].includes(format)) throw new UsageError(`unknown format "${format}"; expected human or json`);
  const inp = input(values, sm);
  const configs = new Configs(sm, cwd, values.config, inp.profile);
  const collected = collect(cwd, positionals, configs, inp.forceExclude);
  const outcome = new Checker(sm, cwd, inp).run(collected, configs, null);
  reportErrors(io, outcome);
  io.out(format === "json" ? formats.json(sm.version(), outcome.files) : formats.scoreBreakdown(outcome.files));
  return ioFailed(outcome) ? EXIT_ERROR : EXIT_OK;
}


function rules(argv, io) {
  const { values } = parse(argv, { format: { type: "string", short: "f" } }, false);
  const list = engine().rules();
  const format = values.format ?? "human";
  if (format === "json") {
    const out = list.map(formats.ruleJson);
    io.out(JSON.stringify(out, null, 2) + "\n");
    return EXIT_OK;
  }
  if (format !== "human") throw new UsageError(`unknown format "${format}"; expected human or json`);
  const header = ["CODE", "NAME", "CATEGORY", "SEVERITY", "FIX", "KINDS", "SUMMARY"];
  const rows = list.map((r) => [r.code, r.name, r.category, r.severity, r.fixable ? "yes" : "-", ruleKinds(r), r.summary]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => [...row[i]].length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i + 1 === cells.length ? c : c + " ".repeat(widths[i] - [...c].length + 2)))
      .join("")
      .trimEnd();
  let out = line(header) + "\n";
  for (const row of rows) out += line(row) + "\n";
  out += `\n${list.length} rules. \`specmark explain NAME\` shows a rule's documentation and options.\n`;
  io.out(out);
  return EXIT_OK;
}

function explain(argv, io) {
  const { positionals } = parse(argv, {});
  if (positionals.length !== 1) throw new UsageError("explain needs one rule name or code, e.g. `specmark explain SM005`");
  io.out(explainText(engine().rules(), positionals[0]));
  return EXIT_OK;
}

/** Run the command line; resolves to the exit code. */
export async function main(argv, io = new Io((s) => process.stdout.write(s), (s) => process.stderr.write(s)), cwd = process.cwd()) {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "check":
        return check(rest, io, cwd);
      case "score":
        return score(rest, io, cwd);
      case "rules":
        return rules(rest, io);
      case "explain":
        return explain(rest, io);
      case "mcp": {
        parse(rest, {}, false);
        const { serve } = await import("./cli/mcp.mjs");
        await serve();
        return null;
      }
      case "--version":
      case "-V":
        io.out(`specmark ${engine().version()}\n`);
        return EXIT_OK;
      case undefined:
      case "--help":
      case "-h":
      case "help":
        (command === undefined ? io.err : io.out)(HELP + "\n");
        return command === undefined ? EXIT_ERROR : EXIT_OK;
      default:
        throw new UsageError(
          `unknown command "${command}"; expected check, score, rules, explain or mcp (run \`specmark --help\`)`,
        );
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.error(e.message);
      return EXIT_ERROR;
    }
    io.error(`internal error: ${e && e.stack ? e.stack : e}`);
    return EXIT_ERROR;
  }
}

// Run when executed (directly or through the npm bin link), not when imported.
const invoked = process.argv[1] ? (await import("node:fs")).realpathSync(process.argv[1]) : "";
if (invoked === (await import("node:url")).fileURLToPath(import.meta.url)) {
  // A closed pipe (`specmark check | head`) is not an error of ours.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e) => {
      if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const code = await main(process.argv.slice(2));
  if (code !== null) {
    // Let stdout drain before exiting (a pipe to `head` or a large report).
    process.exitCode = code;
  }
}
