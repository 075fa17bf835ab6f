// `npm pack` on a fresh checkout: the prepack script builds the WebAssembly modules first, so
// the tarball holds them (pkg/ is git-ignored; a checkout has none).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

test("npm pack in a fresh clone builds pkg/ and packs the wasm modules", { timeout: 30 * 60 * 1000 }, () => {
  const work = mkdtempSync(join(tmpdir(), "specmark-prepack-"));
  try {
    const clone = join(work, "specmark");
    execFileSync("git", ["clone", "--quiet", "--no-hardlinks", ROOT, clone]);
    assert.ok(!existsSync(join(clone, "pkg")), "a checkout has no pkg/");
    // The clone's build tools (wasm-opt from binaryen) come from this checkout's install.
    symlinkSync(join(ROOT, "node_modules"), join(clone, "node_modules"));
    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", work], {
      cwd: clone,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      // Kept between runs, apart from this checkout's own build.
      env: { ...process.env, SPECMARK_CARGO_TARGET_DIR: join(ROOT, "target", "fresh-clone") },
    });
    const packed = JSON.parse(out.slice(out.indexOf("[")))[0];
    const files = packed.files.map((f) => f.path);
    for (const f of ["pkg/node/specmark_bg.wasm", "pkg/node/specmark.js", "pkg/web/specmark_bg.wasm", "pkg/web/specmark.js", "js/cli.mjs"]) {
      assert.ok(files.includes(f), `${f} is in the tarball`);
    }
    const built = createRequire(join(clone, "x.js"))(join(clone, "pkg", "node", "specmark.js"));
    assert.equal(built.lint("# Notes\n\nSome </invoke> text.\n").diagnostics[0].name, "agent-artifact");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
