//! The `specmark.*` editor settings, normalized from whatever a client sends.

export type Level = "error" | "warning" | "info" | "off";

export interface Settings {
  enable: boolean;
  lintAllMarkdown: boolean;
  /** Rule name → severity, taking precedence over `.specmark.toml`. */
  rules: Record<string, Level>;
  /** Glob (relative to the workspace folder) → document kind. */
  kinds: Record<string, string>;
  /** A configuration file used instead of the nearest `.specmark.toml`. */
  configPath: string;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  enable: true,
  lintAllMarkdown: false,
  rules: {},
  kinds: {},
  configPath: "",
});

const LEVELS = new Set(["error", "warning", "info", "off"]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Settings from an untrusted value; wrong types fall back to the defaults. */
export function normalizeSettings(raw: unknown): Settings {
  const r = isObject(raw) ? raw : {};
  const rules: Record<string, Level> = {};
  if (isObject(r.rules)) {
    for (const [name, level] of Object.entries(r.rules)) {
      const l = typeof level === "string" ? level.toLowerCase() : "";
      if (LEVELS.has(l)) rules[name] = l as Level;
      else if (l === "warn") rules[name] = "warning";
    }
  }
  const kinds: Record<string, string> = {};
  if (isObject(r.kinds)) {
    for (const [glob, kind] of Object.entries(r.kinds)) {
      if (typeof kind === "string" && glob !== "") kinds[glob] = kind;
    }
  }
  return {
    enable: typeof r.enable === "boolean" ? r.enable : DEFAULT_SETTINGS.enable,
    lintAllMarkdown:
      typeof r.lintAllMarkdown === "boolean" ? r.lintAllMarkdown : DEFAULT_SETTINGS.lintAllMarkdown,
    rules,
    kinds,
    configPath: typeof r.configPath === "string" ? r.configPath.trim() : "",
  };
}
