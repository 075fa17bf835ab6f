// Shared helpers of the JavaScript tests: where things are, the native reference
// (examples/lint_json.rs, built by scripts/test-wasm.sh) and the fixture walk.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const FIXTURES = join(ROOT, "tests", "fixtures");

/** The native reference binary; scripts/test-wasm.sh builds it before the tests run. */
export const NATIVE =
  process.env.SPECMARK_LINT_JSON ?? join(ROOT, "target", "debug", "examples", "lint_json");

/**
 * The native CLI: the reference of the npm package's `specmark` command (both check python
 * snippets: the package loads the parser module on demand). scripts/test-wasm.sh builds it.
 */
export const NATIVE_CLI = process.env.SPECMARK_NATIVE_CLI ?? join(ROOT, "target", "debug", "specmark");

const toPosix = (p) => p.split(sep).join("/");

/** Run the native example in `cwd` with `args`; returns its parsed JSON output. */
export function native(args, cwd = ROOT) {
  if (!existsSync(NATIVE)) {
    throw new Error(
      `native reference ${NATIVE} is missing: run scripts/test-wasm.sh (it builds ` +
        "`cargo build --example lint_json --no-default-features --features python`)",
    );
  }
  const out = execFileSync(NATIVE, args, { cwd, encoding: "utf8", maxBuffer: 256 << 20 });
  return JSON.parse(out);
}

/** Every `.md` file below `dir`, sorted. */
export function markdownFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...markdownFiles(p));
    else if (name.endsWith(".md")) out.push(p);
  }
  return out;
}

/** Every file and folder below `dir`, relative to `root`, `/`-separated. */
export function allPaths(root, dir = root) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    out.push(toPosix(relative(root, p)));
    if (statSync(p).isDirectory()) out.push(...allPaths(root, p));
  }
  return out;
}

/** The nearest ancestor folder (inside the fixtures) holding a `.workspace` file. */
function workspaceRoot(file) {
  for (let d = dirname(file); d.startsWith(FIXTURES) && d !== FIXTURES; d = dirname(d)) {
    if (existsSync(join(d, ".workspace"))) return d;
  }
  return null;
}

/**
 * The fixtures the way tests/fixtures.rs lints them: single files (path relative to
 * tests/fixtures, configured by a `.specmark.toml` in their own folder) and workspaces
 * (folders with a `.workspace` file, paths relative to that folder).
 */
export function fixtureGroups() {
  const singles = new Map(); // folder -> { config, files: [rel] }
  const workspaces = new Map(); // root -> [rel to root]
  for (const file of markdownFiles(FIXTURES)) {
    const ws = workspaceRoot(file);
    if (ws) {
      if (!workspaces.has(ws)) workspaces.set(ws, []);
      workspaces.get(ws).push(toPosix(relative(ws, file)));
      continue;
    }
    const folder = dirname(file);
    if (!singles.has(folder)) singles.set(folder, []);
    singles.get(folder).push(toPosix(relative(FIXTURES, file)));
  }
  const configOf = (folder) => {
    const p = join(folder, ".specmark.toml");
    return existsSync(p) ? { path: p, text: readFileSync(p, "utf8") } : null;
  };
  return {
    singles: [...singles].map(([folder, files]) => ({ folder, config: configOf(folder), files })),
    workspaces: [...workspaces].map(([root, files]) => ({ root, config: configOf(root), files })),
  };
}
