// Which files `specmark check` lints and how, for the npm package's command: the same
// walking rules, configuration discovery and workspace grouping as the native CLI
// (src/cli/discover.rs, configs.rs, check.rs), over the WebAssembly engine.
//
// - Folders are walked with hidden folders included (`.kiro`, `.goalkit`), VCS folders
//   skipped, symlinks not followed, and `.gitignore` / `.ignore` files applied (also those of
//   the walked folder's parents, and `.git/info/exclude`), even outside a git checkout.
// - Each file uses the nearest `.specmark.toml` (or `--config`), read once per folder.
// - Files of one feature folder are linted together (cross-document rules), with the
//   folder's other documents read as context.

import fs from "node:fs";
import path from "node:path";
import ignore from "ignore";

export const CONFIG_FILE = ".specmark.toml";

/** A message for the user; the command exits with code 2. */
export class UsageError extends Error {}

/** An I/O error in words, as the native CLI words it. */
export function ioMessage(e) {
  switch (e && e.code) {
    case "ENOENT":
      return "no such file or folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a folder, not a file";
    case "ELOOP":
      return "too many levels of symbolic links (a symlink loop?)";
    case "ENOTDIR":
      return "Not a directory";
    case "ENAMETOOLONG":
      return "File name too long";
    default: {
      const m = String((e && e.message) || e);
      // Node's "EIO: i/o error, read" → "i/o error, read".
      return m.replace(/^[A-Z]+: /, "").replace(/, \w+ '.*'$/, "");
    }
  }
}

/** `abs` relative to `cwd` (`..` when outside), `/`-separated; "." for cwd itself. */
export function display(cwd, abs) {
  const r = path.relative(cwd, abs);
  return r === "" ? "." : r.split(path.sep).join("/");
}

export function isMarkdown(p) {
  const ext = path.extname(p).slice(1).toLowerCase();
  return ext === "md" || ext === "markdown";
}

/** UTF-8 text exactly as the Rust CLI reads it (a byte-order mark is kept), or null. */
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
function utf8(bytes) {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/** Configurations, found by walking up from each file's folder and read once per folder. */
export class Configs {
  constructor(engine, cwd, explicit, profile) {
    this.engine = engine;
    this.cwd = cwd;
    this.profile = profile || undefined;
    this.cache = new Map();
    /** File (absolute) → its `pathInfo` (the walk and the load both ask). */
    this.infos = new Map();
    this.nextId = 0;
    const info = engine.configInfo(null, { profile: this.profile });
    if (!info.ok) throw new UsageError(info.message);
    this.default = this.#loaded(null, undefined, cwd, info, ".specmark.toml");
    this.forced = explicit ? this.#load(path.resolve(cwd, explicit)) : null;
  }

  #loaded(text, templates, dir, info, shown) {
    return {
      id: this.nextId++,
      text,
      templates,
      dir,
      shown,
      maxFileSize: info.maxFileSize,
      allMarkdown: info.allMarkdown,
      // Lint options shared by every file with this configuration.
      options: {
        config: text ?? undefined,
        templates,
        profile: this.profile,
      },
    };
  }

  #load(abs) {
    const shown = display(this.cwd, abs);
    let stat;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      throw new UsageError(`${shown}: cannot read configuration: ${ioMessage(e)}`);
    }
    if (!stat.isFile()) {
      throw new UsageError(`${shown}: cannot read configuration: not a regular file`);
    }
    let text;
    try {
      text = utf8(fs.readFileSync(abs));
    } catch (e) {
      throw new UsageError(`${shown}: cannot read configuration: ${ioMessage(e)}`);
    }
    if (text === null) {
      throw new UsageError(`${shown}: cannot read configuration: stream did not contain valid UTF-8`);
    }
    const dir = path.dirname(abs);
    let info = this.engine.configInfo(text, { path: shown, profile: this.profile });
    if (!info.ok) throw new UsageError(info.message);
    let templates;
    if (info.templates.length > 0) {
      templates = {};
      for (const t of info.templates) {
        let bytes;
        try {
          bytes = fs.readFileSync(path.resolve(dir, t.path));
        } catch (e) {
          throw new UsageError(
            `${shown}: profile "${t.profile}": cannot read template ${t.path}: ${ioMessage(e)}`,
          );
        }
        const body = utf8(bytes);
        if (body === null) {
          throw new UsageError(`${shown}: profile "${t.profile}": template ${t.path} is not UTF-8 text`);
        }
        templates[t.path] = body;
      }
      info = this.engine.configInfo(text, { path: shown, profile: this.profile, templates });
      if (!info.ok) throw new UsageError(info.message);
    }
    return this.#loaded(text, templates, dir, info, shown);
  }

  /** The configuration for files directly inside folder `dir` (absolute). */
  forDir(dir) {
    if (this.forced) return this.forced;
    const visited = [];
    let found = null;
    for (let d = dir; ; d = path.dirname(d)) {
      const cached = this.cache.get(d);
      if (cached) {
        found = cached;
        break;
      }
      visited.push(d);
      const candidate = path.join(d, CONFIG_FILE);
      let isFile = false;
      try {
        isFile = fs.statSync(candidate).isFile();
      } catch {
        // No configuration here.
      }
      if (isFile) {
        found = this.#load(candidate);
        break;
      }
      if (path.dirname(d) === d) break;
    }
    const config = found || this.default;
    for (const d of visited) this.cache.set(d, config);
    return config;
  }

  forFile(file) {
    return this.forDir(path.dirname(file));
  }

  /** Whether the configuration's `exclude` matches the file, and the kind its path gives. */
  pathInfo(config, abs, shown) {
    let info = this.infos.get(abs);
    if (!info) {
      const inside = !path.relative(config.dir, abs).startsWith("..");
      const rel = inside ? display(config.dir, abs) : shown;
      info = this.engine.pathInfo(config.text, [[rel, shown]])[0];
      this.infos.set(abs, info);
    }
    return info;
  }
}

/** Ignore rules of `.gitignore` / `.ignore` files, innermost folder first. */
class IgnoreStack {
  constructor(frames = []) {
    this.frames = frames;
  }

  static read(dir) {
    const ig = ignore({ allowRelativePaths: true });
    let any = false;
    for (const name of [".gitignore", ".ignore"]) {
      try {
        ig.add(fs.readFileSync(path.join(dir, name), "utf8"));
        any = true;
      } catch {
        // No such file.
      }
    }
    return any ? ig : null;
  }

  /** The stack for the walk root: ignore files of its parents, then `.git/info/exclude`. */
  static forRoot(root) {
    const frames = [];
    for (let d = root; ; d = path.dirname(d)) {
      const ig = IgnoreStack.read(d);
      if (ig) frames.push({ dir: d, ig });
      if (fs.existsSync(path.join(d, ".git"))) {
        try {
          const ex = ignore({ allowRelativePaths: true }).add(
            fs.readFileSync(path.join(d, ".git", "info", "exclude"), "utf8"),
          );
          frames.push({ dir: d, ig: ex });
        } catch {
          // No exclude file.
        }
        break;
      }
      if (path.dirname(d) === d) break;
    }
    return new IgnoreStack(frames.reverse());
  }

  push(dir) {
    const ig = IgnoreStack.read(dir);
    return ig ? new IgnoreStack([...this.frames, { dir, ig }]) : this;
  }

  /**
   * The innermost ignore file that decides about `abs` wins (a `!` rule re-includes). A rule
   * decides about the path itself, not about its folders: the walk never enters an ignored
   * folder, and a folder named on the command line is walked even where an ignore file above
   * it ignores it (as the native CLI's walker, the `ignore` crate, does).
   */
  ignored(abs, isDir) {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const { dir, ig } = this.frames[i];
      let rel = path.relative(dir, abs).split(path.sep).join("/");
      if (rel === "" || rel.startsWith("..")) continue;
      if (isDir) rel += "/";
      const r = matchItself(ig, rel);
      if (r.ignored) return true;
      if (r.unignored) return false;
    }
    return false;
  }
}

/**
 * The rules of `ig` that match `rel` itself, without `test()`'s look at its parent folders
 * (ignore@7.0.5's rule matcher; the version is pinned and tests/js/cli.test.mjs compares the
 * walk with the native CLI's).
 */
function matchItself(ig, rel) {
  return ig._rules.test(rel, true, "regex");
}

const VCS = new Set([".git", ".hg", ".svn"]);

/**
 * Walk `root`: calls `visit(abs, dirent, depth)` for every entry that is not ignored
 * (folders before their contents); errors go to `onError(abs, error)`.
 */
export function walk(root, visit, onError) {
  const rec = (dir, stack, depth) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      onError(dir, e);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const inner = stack.push(dir);
    for (const ent of entries) {
      const abs = path.join(dir, ent.name);
      const isDir = ent.isDirectory();
      if (isDir && VCS.has(ent.name)) continue;
      if (inner.ignored(abs, isDir)) continue;
      visit(abs, ent, depth + 1);
      if (isDir) rec(abs, inner, depth + 1);
    }
  };
  rec(root, IgnoreStack.forRoot(path.dirname(root)), 0);
}

/** Collect the candidates of the command-line paths (src/cli/discover.rs). */
export function collect(cwd, args, configs, forceExclude) {
  const out = {
    candidates: [],
    errors: [],
    knownPaths: new Set(),
    completeListing: false,
    walked: [],
    markdown: new Map(),
  };
  const seen = new Map();
  const push = (abs, shown, explicit, config) => {
    const i = seen.get(abs);
    if (i !== undefined) {
      out.candidates[i].explicit ||= explicit;
      return;
    }
    seen.set(abs, out.candidates.length);
    out.candidates.push({ abs, display: shown, explicit, config });
  };
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    const shown = display(cwd, abs);
    let stat;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      out.errors.push({ display: shown, message: ioMessage(e) });
      continue;
    }
    if (stat.isDirectory()) {
      if (abs === cwd) {
        out.completeListing = true;
        if (fs.existsSync(path.join(abs, ".git"))) out.knownPaths.add(".git");
      }
      walk(
        abs,
        (p, ent) => {
          const d = display(cwd, p);
          out.knownPaths.add(d);
          if (ent.isDirectory() || !isMarkdown(p) || !(ent.isFile() || ent.isSymbolicLink())) return;
          if (ent.isFile()) out.markdown.set(d, p);
          const config = configs.forFile(p);
          if (configs.pathInfo(config, p, d).excluded) return;
          push(p, d, false, config);
        },
        (p, e) => out.errors.push({ display: display(cwd, p), message: ioMessage(e) }),
      );
      out.walked.push(abs);
    } else if (stat.isFile()) {
      const config = configs.forFile(abs);
      if (forceExclude && configs.pathInfo(config, abs, shown).excluded) continue;
      push(abs, shown, true, config);
    } else {
      out.errors.push({ display: shown, message: "not a regular file or folder" });
    }
  }
  out.candidates.sort((a, b) => cmp(a.display, b.display));
  sortErrors(out.errors);
  return out;
}

/** Byte order of UTF-8 strings (as Rust sorts them). */
export function cmp(a, b) {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function sortErrors(errors) {
  errors.sort((a, b) => cmp(a.display, b.display) || cmp(a.message, b.message));
  for (let i = errors.length - 1; i > 0; i--) {
    if (errors[i].display === errors[i - 1].display && errors[i].message === errors[i - 1].message) {
      errors.splice(i, 1);
    }
  }
}

/** The Markdown files below `dir` when the walk went through it, else null. */
function markdownBelow(cwd, collected, dir) {
  const shown = display(cwd, dir);
  if (!(collected.knownPaths.has(shown) || collected.walked.includes(dir))) return null;
  const prefix = shown + "/";
  return [...collected.markdown.entries()]
    .filter(([d]) => d.startsWith(prefix))
    .sort(([a], [b]) => cmp(a, b))
    .map(([, abs]) => abs);
}

/** Every path below `dir` (displayed) and its Markdown files (absolute). */
function listFolder(cwd, dir) {
  const all = [];
  const md = [];
  walk(
    dir,
    (p, ent) => {
      all.push(display(cwd, p));
      if (ent.isFile() && isMarkdown(p)) md.push(p);
    },
    () => {},
  );
  return { all, md };
}

/** The lint pipeline (src/cli/check.rs) with the engine `engine`. */
export class Checker {
  constructor(engine, cwd, input) {
    this.engine = engine;
    this.cwd = cwd;
    this.input = input;
  }

  allMarkdown(config) {
    return Boolean(this.input.allMarkdown || config.allMarkdown || this.input.kind);
  }

  opts(shown, config) {
    return { ...config.options, path: shown, kind: this.input.kind };
  }

  /** Read one candidate: skip, error, report (not lintable) or text. */
  load(c, configs) {
    const cfg = c.config;
    const kind = configs.pathInfo(cfg, c.abs, c.display).kind;
    const wanted = c.explicit || this.allMarkdown(cfg) || (kind !== null && kind !== "markdown");
    let stat;
    try {
      stat = fs.statSync(c.abs);
    } catch (e) {
      return { error: ioMessage(e) };
    }
    if (stat.isDirectory()) return { error: "is a folder, not a file" };
    if (!stat.isFile()) {
      return { error: "not a regular file (a FIFO, socket or device); it was not read" };
    }
    if (stat.size > cfg.maxFileSize) {
      if (!wanted) return { skip: true };
      return {
        report: this.engine.engineReport(
          c.display,
          "file-too-large",
          `file is ${stat.size} bytes, over max-file-size (${cfg.maxFileSize} bytes); it was not linted`,
        ),
      };
    }
    let bytes;
    try {
      bytes = fs.readFileSync(c.abs);
    } catch (e) {
      return { error: ioMessage(e) };
    }
    const text = utf8(bytes);
    if (text === null) {
      if (!wanted) return { skip: true };
      return { report: this.engine.lint(new Uint8Array(bytes), this.opts(c.display, cfg)) };
    }
    if (text.includes("\0")) {
      if (!wanted) return { skip: true };
      return { report: this.engine.lint(text, this.opts(c.display, cfg)) };
    }
    if (wanted) return { text };
    // No path rule names it: the title or a goal-kit table may still make it a spec.
    const report = this.engine.lint(text, this.opts(c.display, cfg));
    return report.kind !== "markdown" ? { text, report } : { skip: true };
  }

  /**
   * Run the pipeline: `{ files: [{display, report, source}], errors: [{display, message}],
   * fixedFiles }`. With `fix`, fixed files are written (atomically) before they are linted.
   */
  run(collected, configs, fix) {
    const entries = collected.candidates.map((cand) => ({ cand, ...this.load(cand, configs) }));
    const outcome = { files: [], errors: [...collected.errors], fixedFiles: 0 };
    if (fix) {
      for (const e of entries) {
        if (e.text === undefined) continue;
        const fixed = this.engine.fix(e.text, { ...this.opts(e.cand.display, e.cand.config), unsafe: fix.unsafe });
        if (fixed === e.text) continue;
        const failed = writeAtomic(e.cand.abs, fixed);
        if (failed) {
          outcome.errors.push({ display: e.cand.display, message: failed });
          continue;
        }
        e.text = fixed;
        e.report = undefined;
        outcome.fixedFiles++;
      }
    }
    const reports = this.lintEntries(collected, entries, configs);
    entries.forEach((e, i) => {
      if (e.skip) return;
      if (e.error !== undefined) {
        outcome.errors.push({ display: e.cand.display, message: e.error });
      } else if (e.text === undefined) {
        outcome.files.push({ display: e.cand.display, report: e.report, source: null });
      } else {
        const report = reports.get(i);
        if (!report) return;
        if (report.kind === "markdown" && !e.cand.explicit && !this.allMarkdown(e.cand.config)) return;
        outcome.files.push({ display: e.cand.display, report, source: e.text });
      }
    });
    outcome.files.sort((a, b) => cmp(a.display, b.display));
    sortErrors(outcome.errors);
    return outcome;
  }

  lintEntries(collected, entries, configs) {
    const out = new Map();
    const folders = new Map();
    entries.forEach((e, i) => {
      if (e.text === undefined) return;
      const folder = this.input.kind ? null : this.engine.featureFolder(e.cand.display).folder;
      if (folder === null) {
        out.set(i, this.engine.lint(e.text, this.opts(e.cand.display, e.cand.config)));
        return;
      }
      const key = `${e.cand.config.id}\u0000${folder}`;
      if (!folders.has(key)) folders.set(key, { folder, members: [] });
      folders.get(key).members.push(i);
    });
    const known = new Set(entries.map((e) => e.cand.abs));
    const jobs = [...folders.values()].sort((a, b) => cmp(a.folder, b.folder));
    for (const { folder, members } of jobs) {
      const first = entries[members[0]];
      const { context, listing } = this.siblings(collected, folder, first, known, configs);
      const files = {};
      for (const i of members) files[entries[i].cand.display] = entries[i].text;
      for (const [p, t] of context) if (!(p in files)) files[p] = t;
      const knownPaths = [...new Set([...collected.knownPaths, ...listing])].sort(cmp);
      const complete = collected.completeListing || this.specsTreeWalked(collected, folder);
      const reports = this.engine.lintWorkspace(files, {
        ...first.cand.config.options,
        knownPaths,
        completeListing: complete,
      });
      members.forEach((i, k) => out.set(i, reports[k]));
    }
    return out;
  }

  /** Whether the walk listed the whole `specs/` tree holding a spec folder. */
  specsTreeWalked(collected, folder) {
    const parts = folder.split("/").filter((p) => p !== "");
    if (parts.length < 2) return false;
    const specs = path.resolve(this.cwd, parts.slice(0, parts.length - 2).join("/") || ".");
    return collected.walked.some((w) => specs === w || specs.startsWith(w + path.sep));
  }

  /** The other documents of a spec folder (context for cross-document rules), and its listing. */
  siblings(collected, folder, first, known, configs) {
    const depth = first.cand.display.slice(folder.length).split("/").filter((p) => p !== "").length;
    let dir = first.cand.abs;
    for (let k = 0; k < depth; k++) dir = path.dirname(dir);
    let listing = [];
    let md = markdownBelow(this.cwd, collected, dir);
    if (md === null) ({ all: listing, md } = listFolder(this.cwd, dir));
    const current = [];
    let openspec = null;
    for (let d = dir; ; d = path.dirname(d)) {
      if (path.basename(d) === "openspec") {
        openspec = d;
        break;
      }
      if (path.dirname(d) === d) break;
    }
    if (openspec) {
      for (const delta of md) {
        for (const related of this.engine.featureFolder(display(this.cwd, delta)).related) {
          const i = related.lastIndexOf("openspec/specs/");
          const rel = i < 0 ? "" : related.slice(i + "openspec/specs/".length);
          const abs = path.join(openspec, "specs", rel);
          let isFile = false;
          try {
            isFile = fs.statSync(abs).isFile();
          } catch {
            // Not there.
          }
          if (isFile && !current.includes(abs)) current.push(abs);
        }
      }
    }
    const context = [];
    for (const abs of [...md.filter((a) => !known.has(a)), ...current]) {
      const cand = { abs, display: display(this.cwd, abs), explicit: false, config: first.cand.config };
      const loaded = this.load(cand, configs);
      if (loaded.text !== undefined) context.push([cand.display, loaded.text]);
    }
    return { context, listing };
  }
}

/** Replace a file's bytes atomically (a temporary file in its folder, then a rename); a message on failure. */
export function writeAtomic(file, text) {
  let real;
  let stat;
  try {
    real = fs.realpathSync(file);
    stat = fs.statSync(real);
  } catch (e) {
    return ioMessage(e);
  }
  try {
    fs.accessSync(real, fs.constants.W_OK);
  } catch {
    return "file is read-only; fixes were not written";
  }
  if ((stat.mode & 0o222) === 0) return "file is read-only; fixes were not written";
  const tmp = path.join(path.dirname(real), `.specmark-fix-${process.pid}-${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, text, { mode: stat.mode & 0o7777 });
    fs.chmodSync(tmp, stat.mode & 0o7777);
    fs.renameSync(tmp, real);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing to clean.
    }
    return `cannot write: ${ioMessage(e)}`;
  }
  return null;
}
