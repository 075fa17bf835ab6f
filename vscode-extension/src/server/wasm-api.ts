//! Types of the specmark wasm API (src/wasm.rs) as the server uses it.

export type Severity = "error" | "warning" | "info";

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface ByteRange {
  start: number;
  end: number;
}

export interface FixEdit {
  range: Range;
  byteRange: ByteRange;
  text: string;
}

export interface Fix {
  title: string;
  applicability: "safe" | "unsafe";
  edits: FixEdit[];
}

export interface Finding {
  code: string;
  name: string;
  severity: Severity;
  message: string;
  help: string | null;
  range: Range;
  byteRange: ByteRange;
  fix: Fix | null;
}

export interface Loss {
  code: string;
  name: string;
  count: number;
  points: number;
}

export interface CategoryScore {
  name: string;
  score: number | null;
  points: number;
  lost: Loss[];
}

export interface Report {
  path: string | null;
  kind: string;
  kindSource: string;
  profile: string;
  profileLabel: string;
  profileReason: string;
  linted: boolean;
  score: number;
  grade: string;
  categories: CategoryScore[];
  words: number;
  diagnostics: Finding[];
}

export interface RuleInfo {
  code: string;
  name: string;
  summary: string;
  category: string;
  severity: Severity;
  fixable: boolean;
  docs: string;
}

export interface ConfigCheck {
  ok: boolean;
  message: string | null;
  line: number | null;
  column: number | null;
}

/** A `.specmark.toml` as text, or the same structure as an object. */
export type ConfigValue = string | Record<string, unknown>;

export interface LintOptions {
  path?: string;
  kind?: string;
  config?: ConfigValue;
  unsafe?: boolean;
}

/** The exports of the wasm-bindgen Node glue (`specmark.js`). */
export interface WasmModule {
  lint(text: string, options: LintOptions): Report;
  lintWorkspace(files: Record<string, string>, options: LintOptions): Report[];
  fix(text: string, options: LintOptions): string;
  rules(): RuleInfo[];
  kinds(): { name: string; label: string }[];
  featureFolder(path: string): { folder: string | null; related: string[] };
  checkConfig(text: string): ConfigCheck;
  version(): string;
  /** Hands in the Python parser module (src/python.rs). */
  setPythonParser(parser: { parse(source: string): string }): void;
}
