//! Configuration for a document: the nearest `.specmark.toml` (or `specmark.configPath`),
//! validated by the wasm, with the editor's rule and kind settings merged on top. An invalid
//! file is reported (as a diagnostic on the file, by the caller) and linting goes on with the
//! defaults: a configuration error never stops the server.

import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseToml } from "smol-toml";
import type { Engine } from "./engine";
import type { Settings } from "./settings";
import type { ConfigValue } from "./wasm-api";

export const CONFIG_FILE = ".specmark.toml";

/** What is wrong with a configuration file (positions 1-based, as the wasm reports them). */
export interface ConfigProblem {
  text: string;
  message: string;
  line: number | null;
  column: number | null;
}

export interface ResolvedConfig {
  /** The configuration file in use, if any. */
  file?: string;
  /** What the wasm gets as `config` (undefined: defaults). */
  value?: ConfigValue;
  allMarkdown: boolean;
  exclude: string[];
}

interface FileEntry {
  text: string;
  problem?: ConfigProblem;
  /** The file as an object (undefined when it is invalid). */
  parsed?: Record<string, unknown>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export class ConfigStore {
  /** Folder → the nearest configuration file at or above it (null: none). */
  private nearest = new Map<string, string | null>();
  private files = new Map<string, FileEntry>();
  private resolved = new Map<string, ResolvedConfig>();
  private excluded = new Map<string, boolean>();

  constructor(
    private readonly engine: Engine,
    private readonly log: (message: string) => void,
    /** Called whenever a configuration file is (re)read: its problem, or undefined when valid. */
    private readonly onChecked: (file: string, problem: ConfigProblem | undefined) => void,
  ) {}

  /** Forget everything read from disk; re-check the files read before (their problems may be gone). */
  invalidate(): void {
    const known = [...this.files.keys()];
    this.nearest.clear();
    this.files.clear();
    this.resolved.clear();
    this.excluded.clear();
    for (const file of known) {
      if (fs.existsSync(file)) this.load(file);
      else this.onChecked(file, undefined);
    }
  }

  /** Forget merged results (settings changed); files stay cached. */
  settingsChanged(): void {
    this.resolved.clear();
    this.excluded.clear();
  }

  resolve(docPath: string | undefined, settings: Settings, root: string | undefined): ResolvedConfig {
    const file = this.configFile(docPath, settings, root);
    const key = `${file ?? ""}\0${JSON.stringify(settings.rules)}\0${JSON.stringify(settings.kinds)}`;
    const hit = this.resolved.get(key);
    if (hit) return hit;
    const entry = file ? (this.files.get(file) ?? this.load(file)) : undefined;
    const result = this.merge(file, entry, settings);
    this.resolved.set(key, result);
    return result;
  }

  /** Whether the configuration's `exclude` globs match `lintPath`. */
  isExcluded(config: ResolvedConfig, lintPath: string | undefined): boolean {
    if (!lintPath || config.exclude.length === 0) return false;
    const key = `${config.file ?? ""}\0${lintPath}`;
    let hit = this.excluded.get(key);
    if (hit === undefined) {
      // The wasm has no glob API; a `[[kinds]]` entry per exclude glob matches exactly as
      // `exclude` does (both use the core's glob matcher), and reveals itself in kindSource.
      try {
        const probe = this.engine.lint("", {
          path: lintPath,
          config: { kinds: config.exclude.map((glob) => ({ glob, kind: "prd" })) },
        });
        hit = probe.kindSource === "config";
      } catch {
        hit = false;
      }
      this.excluded.set(key, hit);
    }
    return hit;
  }

  /** Configuration files read so far (for watching and tests). */
  loadedFiles(): string[] {
    return [...this.files.keys()];
  }

  private configFile(
    docPath: string | undefined,
    settings: Settings,
    root: string | undefined,
  ): string | undefined {
    if (settings.configPath) {
      const base = root ?? (docPath ? path.dirname(docPath) : process.cwd());
      return path.resolve(base, settings.configPath);
    }
    if (!docPath) return undefined;
    return this.findNearest(path.dirname(docPath)) ?? undefined;
  }

  private findNearest(dir: string): string | null {
    const visited: string[] = [];
    let found: string | null = null;
    for (let d = dir; ; ) {
      const cached = this.nearest.get(d);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(d);
      const candidate = path.join(d, CONFIG_FILE);
      if (isFile(candidate)) {
        found = candidate;
        break;
      }
      const up = path.dirname(d);
      if (up === d) break;
      d = up;
    }
    for (const d of visited) this.nearest.set(d, found);
    return found;
  }

  private load(file: string): FileEntry {
    let entry: FileEntry;
    try {
      const text = fs.readFileSync(file, "utf8");
      entry = { text };
      const check = this.engine.checkConfig(text);
      if (!check.ok) {
        entry.problem = {
          text,
          message: check.message ?? "invalid configuration",
          line: check.line,
          column: check.column,
        };
      } else {
        try {
          entry.parsed = parseToml(text) as Record<string, unknown>;
          const problem = readTemplates(entry.parsed, path.dirname(file));
          if (problem) entry.problem = { text, message: problem, line: null, column: null };
        } catch (e) {
          // The core accepted it, so it is used as text (without the editor's overrides).
          this.log(`specmark: ${file}: could not merge editor settings into it (${String(e)})`);
        }
      }
    } catch (e) {
      const message = `could not read the configuration: ${e instanceof Error ? e.message : String(e)}`;
      entry = { text: "", problem: { text: "", message, line: null, column: null } };
    }
    this.files.set(file, entry);
    this.onChecked(file, entry.problem);
    return entry;
  }

  private merge(file: string | undefined, entry: FileEntry | undefined, settings: Settings): ResolvedConfig {
    const base: Record<string, unknown> = entry?.parsed ? { ...entry.parsed } : {};
    const exclude = Array.isArray(base.exclude)
      ? base.exclude.filter((g): g is string => typeof g === "string")
      : [];
    const allMarkdown = base["all-markdown"] === true;
    const usable = entry !== undefined && entry.problem === undefined;
    // Valid, but not parsed in JS: the text as it is.
    if (usable && !entry.parsed) {
      return { file, value: entry.text, allMarkdown, exclude };
    }
    const merged = this.withSettings(base, settings);
    let value: ConfigValue | undefined = merged;
    try {
      this.engine.lint("", { config: merged });
    } catch (e) {
      this.log(`specmark: ignoring the editor's specmark.rules / specmark.kinds: ${(e as Error).message}`);
      value = base;
    }
    if (Object.keys(value).length === 0) value = undefined;
    return { file, value, allMarkdown, exclude };
  }

  private withSettings(base: Record<string, unknown>, settings: Settings): Record<string, unknown> {
    const out = { ...base };
    const ruleEntries = Object.entries(settings.rules).filter(([name]) => {
      if (this.engine.rule(name)) return true;
      this.log(`specmark: specmark.rules names an unknown rule "${name}"; ignored`);
      return false;
    });
    if (ruleEntries.length > 0) {
      const rules: Record<string, unknown> = isObject(base.rules) ? { ...base.rules } : {};
      for (const [name, level] of ruleEntries) {
        const existing = rules[name];
        rules[name] = isObject(existing) ? { ...existing, severity: level } : level;
      }
      out.rules = rules;
    }
    const kindEntries = Object.entries(settings.kinds);
    if (kindEntries.length > 0) {
      const fileKinds = Array.isArray(base.kinds) ? base.kinds : [];
      // Editor globs first: the first matching glob wins.
      out.kinds = [...kindEntries.map(([glob, kind]) => ({ glob, kind })), ...fileKinds];
    }
    return out;
  }
}

/**
 * Each `[[profiles]]` template, read relative to the configuration's folder into
 * `template-text` (the wasm reads no files), as the CLI does. Returns what went wrong, if
 * anything.
 */
function readTemplates(parsed: Record<string, unknown>, dir: string): string | undefined {
  if (!Array.isArray(parsed.profiles)) return undefined;
  for (const p of parsed.profiles) {
    if (!isObject(p) || typeof p.template !== "string" || p["template-text"] !== undefined) continue;
    try {
      p["template-text"] = fs.readFileSync(path.join(dir, p.template), "utf8");
    } catch (e) {
      return `profile "${String(p.name)}": cannot read template ${p.template}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return undefined;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
