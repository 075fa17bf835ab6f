// Builds the extension: the wasm (scripts/build-wasm.sh), then two esbuild bundles
// (dist/extension.js for VS Code, dist/server.js: the language server, also `specmark-lsp`)
// with the wasm-bindgen glue and .wasm copied beside them.
// Usage: node scripts/build.mjs [--production] [--skip-wasm]
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ext = join(dirname(fileURLToPath(import.meta.url)), "..");
const production = process.argv.includes("--production");
const say = (m) => console.log(`build: ${m}`);

if (!process.argv.includes("--skip-wasm")) {
  execFileSync("bash", [join(ext, "scripts/build-wasm.sh")], { stdio: "inherit" });
}

const dist = join(ext, "dist");
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["vscode"],
  minify: production,
  sourcemap: production ? false : "linked",
  logLevel: "warning",
};
await build({ ...common, entryPoints: [join(ext, "src/extension.ts")], outfile: join(dist, "extension.js") });
await build({
  ...common,
  entryPoints: [join(ext, "src/server/server.ts")],
  outfile: join(dist, "server.js"),
  banner: { js: "#!/usr/bin/env node" },
});
chmodSync(join(dist, "server.js"), 0o755);
for (const f of ["specmark.js", "specmark_bg.wasm", "specmark_python.js", "specmark_python_bg.wasm"]) {
  copyFileSync(join(ext, "wasm", f), join(dist, f));
}
say(`dist/ ready (${production ? "production" : "development"})`);
