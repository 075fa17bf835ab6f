// Type declarations of the `specmark` npm package (hand-written; the Rust side is
// src/wasm.rs, the result structs are src/report.rs). Every function is synchronous and
// never panics: bad input throws an `Error` whose message starts with "specmark:".

/** A document kind: decides which rules apply. */
export type KindName =
  | "prd"
  | "tasks"
  | "recovery"
  | "research"
  | "goalkit-tasks"
  | "kiro-requirements"
  | "kiro-design"
  | "kiro-tasks"
  | "speckit-spec"
  | "speckit-plan"
  | "speckit-tasks"
  | "speckit-checklist"
  | "openspec-spec"
  | "openspec-delta"
  | "openspec-proposal"
  | "openspec-tasks"
  | "openspec-design"
  | "markdown";

/** Where the kind came from, most specific first. */
export type KindSource =
  /** The `kind` option. */
  | "explicit"
  /** `specmark: { kind: ... }` in the front matter. */
  | "front-matter"
  /** A `[[kinds]]` glob of the configuration. */
  | "config"
  /** The file path (`specs/active/<slug>/tasks.md`, `.kiro/specs/...`, ...). */
  | "path"
  /** The document's title or content. */
  | "content"
  /** Nothing matched: `markdown`. */
  | "default";

export type Severity = "error" | "warning" | "info";

/** The score categories, in report order. */
export type CategoryName = "structure" | "completeness" | "measurability" | "verification" | "consistency";

/**
 * A `.specmark.toml` as a JavaScript object (same keys as the TOML file), e.g.
 * `{ rules: { "word-count": { severity: "off" } } }`. Unknown keys, unknown rule names and
 * wrong types are errors.
 */
export interface ConfigObject {
  /** Lint every Markdown file, not only recognized spec documents (CLI file discovery). */
  "all-markdown"?: boolean;
  /** Texts longer than this many bytes are not linted (one `file-too-large` finding). Default 10,000,000. */
  "max-file-size"?: number;
  /** Globs of files never linted (CLI file discovery). */
  exclude?: string[];
  /** Glob → kind, checked before path and content detection. */
  kinds?: { glob: string; kind: KindName }[];
  /** Per rule (name or code): a level, or a table with `severity` and the rule's options (see `rules()`). */
  rules?: { [rule: string]: RuleLevel | ({ severity?: RuleLevel } & { [option: string]: unknown }) };
  /** Rule settings for some files (`files` globs) or kinds. */
  overrides?: { files?: string[]; kinds?: KindName[]; rules?: ConfigObject["rules"] }[];
  /** Words added to `vague-criterion`'s list. */
  "extend-vague-words"?: string[];
  /** Force this profile on every document (what the CLI's `--profile` sets). */
  profile?: string;
  /**
   * A team's own document families, each described by its Markdown template. The npm
   * package reads no files: give the template's text as `template-text`.
   */
  profiles?: {
    name: string;
    label?: string;
    /** Path of the template (the CLI reads it; here it only names it). */
    template?: string;
    /** The template's Markdown text. */
    "template-text"?: string;
    /** Globs of the documents of this profile. */
    match?: string[];
    /** A built-in profile whose rules it keeps (`"generic-prd"`). */
    extends?: string;
    kind?: KindName;
    /** Template sections that are not required. */
    optional?: string[];
  }[];
}

/** A configured rule level. `"warn"` is accepted for `"warning"`. */
export type RuleLevel = "error" | "warning" | "warn" | "info" | "off";

/** Options of `lint`, `lintWorkspace` and `fix`. Any function accepts any key; unknown keys throw. */
export interface Options {
  /**
   * The document's path, `/`-separated (e.g. `"specs/active/login/tasks.md"`): used for kind
   * detection, configuration globs and `report.path`. `lint` and `fix` only.
   */
  path?: string;
  /** Force a kind instead of detecting it; `"auto"` or `""` detect. `lint` and `fix` only. */
  kind?: KindName | "auto" | "";
  /**
   * Force a profile (document family): a built-in name such as `"goe-prd"` or
   * `"generic-prd"` (see `profiles()`), or a `profiles` entry of `config`; `"auto"` or `""`
   * detect.
   */
  profile?: string;
  /** The configuration: `.specmark.toml` text, or the same structure as an object. */
  config?: string | ConfigObject | null;
  /** `fix` only: apply unsafe fixes too (default: safe fixes only). */
  unsafe?: boolean;
  /**
   * `lintWorkspace` only: every path of the tree (files and folders, relative like the keys
   * of `files`). With it the listing is complete, so `stale-path` may report a path that does
   * not exist; without it only the linted files are known and no path is called stale.
   */
  knownPaths?: string[];
}

/** A 0-based position; `character` counts UTF-16 code units (what JavaScript strings and LSP use). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Byte offsets into the UTF-8 encoding of the text (`end` exclusive). */
export interface ByteRange {
  start: number;
  end: number;
}

/** Replace the text of `range` (also given as `byteRange`) with `text`. */
export interface Edit {
  range: Range;
  byteRange: ByteRange;
  text: string;
}

export interface Fix {
  /** What the fix does, e.g. "Remove the agent markup". */
  title: string;
  /** `safe` fixes keep the meaning and are applied by `fix()`; `unsafe` ones need `{ unsafe: true }`. */
  applicability: "safe" | "unsafe";
  /** Sorted, non-overlapping edits; apply them from last to first. */
  edits: Edit[];
}

/** One finding. */
export interface Diagnostic {
  /** Stable code, e.g. `"SM203"`. */
  code: string;
  /** Rule name, e.g. `"dependency-cycle"` (used in config and suppression comments). */
  name: string;
  severity: Severity;
  /** What is wrong and what would be right. */
  message: string;
  /** How to fix it, when the rule has advice beyond the message. */
  help: string | null;
  range: Range;
  byteRange: ByteRange;
  fix: Fix | null;
  /**
   * What `check --baseline` matches the finding by: a hash of the rule, the flagged text and
   * the lines it is on (not the line number), 16 hex digits.
   */
  fingerprint: string;
}

/** Points one rule cost a category. */
export interface Loss {
  code: string;
  name: string;
  /** Findings of that rule. */
  count: number;
  points: number;
}

export interface CategoryScore {
  name: CategoryName;
  /** 0-100, or `null` when no rule of the category applies to the document's kind. */
  score: number | null;
  /** Points the category's findings took from the total (the total is 100 minus the sum). */
  points: number;
  lost: Loss[];
}

/** The result of linting one document: the same object as one entry of the CLI's JSON output. */
export interface FileReport {
  /** The `path` option (or workspace key), `/`-separated; `null` without one. */
  path: string | null;
  kind: KindName;
  kindSource: KindSource;
  /** The profile (document family) the text was linted as, e.g. `"goe-prd"`. */
  profile: string;
  /** How reports name the profile, e.g. `"GOE PRD"`. */
  profileLabel: string;
  /** Why it got that profile, e.g. `"GOE PRD: in specs/active/checkout/"`. */
  profileReason: string;
  /** `false` when the text was not linted (over `max-file-size`, or contains a NUL byte): one engine finding, score 0. */
  linted: boolean;
  /** 0-100. */
  score: number;
  /** `"A"` (90+), `"B"`, `"C"`, `"D"` or `"F"` (below 60). */
  grade: string;
  categories: CategoryScore[];
  /** Word count of the whole text, as `wc -w` counts it. */
  words: number;
  /** Findings sorted by position (suppressed ones removed). */
  diagnostics: Diagnostic[];
}

/** One configurable option of a rule. */
export interface RuleOption {
  name: string;
  doc: string;
  /** "integer", "boolean", "string", "array of strings", "array of regular expressions" or "table of integers". */
  type: string;
  default: unknown;
}

/** Metadata and documentation of a rule. */
export interface RuleInfo {
  code: string;
  name: string;
  /** One line. */
  summary: string;
  category: CategoryName;
  tags: string[];
  /** Kinds the rule runs on; empty means every kind. */
  kinds: KindName[];
  /** Default severity. */
  severity: Severity;
  /** Whether some findings carry a fix. */
  fixable: boolean;
  options: RuleOption[];
  /** Markdown: "## What it does", "## Why", "## Example", "## How to fix". */
  docs: string;
}

export interface KindInfo {
  name: KindName;
  /** Human label, e.g. "PRD". */
  label: string;
}

/** The result of `checkConfig`. Positions are 1-based. */
export interface ConfigCheck {
  ok: boolean;
  message: string | null;
  line: number | null;
  column: number | null;
}

/**
 * Lint one document.
 * @throws Error on a non-string `text`, unknown option keys, an unknown kind, or an invalid
 *   config (TOML errors name `.specmark.toml:LINE:COLUMN`).
 */
export function lint(text: string, options?: Options | null): FileReport;

/**
 * Lint several documents together so cross-document rules (recovery ↔ tasks of one
 * `specs/active/<slug>/` folder, missing or stale paths) can look across them.
 * @param files path → text; paths `/`-separated, relative to the workspace root.
 * @returns one report per file, in the order of `files`' keys.
 */
export function lintWorkspace(files: { [path: string]: string }, options?: Options | null): FileReport[];

/**
 * Apply the fixes of the document's findings (repeatedly, until none is left) and return the
 * fixed text. Safe fixes only, unless `{ unsafe: true }`. Text that cannot be linted is
 * returned unchanged.
 */
export function fix(text: string, options?: Options | null): string;

/** Metadata and documentation of every rule, sorted by code. */
export function rules(): RuleInfo[];

/** Every document kind with its label. */
export function kinds(): KindInfo[];

/** A document's feature folder, and the files outside it that belong to its workspace. */
export interface FolderInfo {
  /** `specs/001-x`, `.kiro/specs/x`, `openspec/changes/x` or `specs/active/x`; `null` outside one. */
  folder: string | null;
  /** Files to lint with it (an OpenSpec delta's current spec: `openspec/specs/<capability>/spec.md`). */
  related: string[];
}

/**
 * The feature folder of a `/`-separated path: a host lints the documents of one folder
 * (and the related files) together with `lintWorkspace`, as the CLI does.
 */
export function featureFolder(path: string): FolderInfo;

/** A built-in profile: one document family. */
export interface ProfileInfo {
  name: string;
  label: string;
  kind: KindName;
}

/** Every built-in profile, e.g. `{ name: "goe-prd", label: "GOE PRD", kind: "prd" }`. */
export function profiles(): ProfileInfo[];

/** Validate `.specmark.toml` text without linting anything. */
export function checkConfig(tomlText: string): ConfigCheck;

/** The specmark version, e.g. "0.1.0". */
export function version(): string;

/**
 * Whether a lint since the last call had python snippets to check (`snippet-syntax`) and no
 * Python parser. In Node the parser module is loaded on first need, so this stays false
 * unless it could not load; in the browser (`specmark/web`) call `loadPython()` and lint
 * again.
 */
export function pythonPending(): boolean;

/** Installs the panic hook; runs automatically when the module loads. Calling it again does nothing. */
export function start(): void;
