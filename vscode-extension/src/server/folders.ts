//! Feature folders (`specs/active/<slug>/`, `specs/NNN-x/`, `.kiro/specs/x/`,
//! `openspec/changes/x/`): cross-document rules lint
//! their Markdown files together, so the server lists them and reads the ones not open in
//! the editor from disk (cached by modification time and size).

import * as fs from "node:fs";
import * as path from "node:path";

/** Listing limits: a spec folder holds a handful of documents, never a whole tree. */
const MAX_FILES = 200;
const MAX_DEPTH = 4;
/** Siblings larger than this are left out of the workspace (the core would not lint them). */
const MAX_SIBLING_BYTES = 10_000_000;
/** A listing is trusted this long without a file-watch event (clients without watchers). */
const LISTING_TTL_MS = 2_000;

/**
 * How the core finds a path's feature folder (`specs/active/<slug>`, `specs/NNN-x`,
 * `.kiro/specs/x`, `openspec/changes/x`) and the files outside it that belong to it (an
 * OpenSpec delta's current spec): set by the server from the engine, so the editor groups
 * documents exactly as the CLI does.
 */
export type FolderResolver = (slashPath: string) => { folder: string | null; related: string[] };

let resolver: FolderResolver = () => ({ folder: null, related: [] });

export function setFolderResolver(r: FolderResolver): void {
  resolver = r;
}

/** The absolute feature folder containing `file`, if any. */
export function specFolder(file: string): string | undefined {
  // The core reads `/`-separated paths; `\` → `/` keeps every index, so the folder is a
  // prefix of `file` itself.
  const folder = resolver(file.replace(/\\/g, "/")).folder;
  return folder == null ? undefined : file.slice(0, folder.length);
}

/** Files outside `file`'s feature folder that are linted with it (absolute paths). */
export function relatedFiles(file: string): string[] {
  const slash = file.replace(/\\/g, "/");
  return resolver(slash).related.map((r) => (path.sep === "/" ? r : r.replace(/\//g, path.sep)));
}

export function isMarkdownPath(p: string): boolean {
  return /\.(md|markdown)$/i.test(p);
}

interface Listing {
  at: number;
  files: string[];
}

interface Cached {
  mtimeMs: number;
  size: number;
  text: string;
}

export class SpecFolders {
  private listings = new Map<string, Listing>();
  private texts = new Map<string, Cached>();

  /** Markdown files of the folder (absolute paths, sorted). */
  list(folder: string): string[] {
    const hit = this.listings.get(folder);
    if (hit && Date.now() - hit.at < LISTING_TTL_MS) return hit.files;
    const files: string[] = [];
    walk(folder, 0, files);
    files.sort();
    this.listings.set(folder, { at: Date.now(), files });
    return files;
  }

  /** A file's text from disk, or undefined when it cannot be read or is too large. */
  read(file: string): string | undefined {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      this.texts.delete(file);
      return undefined;
    }
    if (!st.isFile() || st.size > MAX_SIBLING_BYTES) return undefined;
    const hit = this.texts.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.text;
    try {
      const text = fs.readFileSync(file, "utf8");
      this.texts.set(file, { mtimeMs: st.mtimeMs, size: st.size, text });
      return text;
    } catch {
      return undefined;
    }
  }

  /** A file changed, appeared or disappeared on disk. */
  changed(file: string): void {
    this.texts.delete(file);
    const folder = specFolder(file);
    if (folder) this.listings.delete(folder);
  }

  clear(): void {
    this.listings.clear();
    this.texts.clear();
  }
}

function walk(dir: string, depth: number, out: string[]): void {
  if (depth > MAX_DEPTH || out.length >= MAX_FILES) return;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (out.length >= MAX_FILES) return;
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, depth + 1, out);
    else if (e.isFile() && isMarkdownPath(e.name)) out.push(p);
  }
}
