//! Loads the specmark wasm (the wasm-bindgen Node glue beside the bundle) and calls it. A
//! trap poisons a wasm instance, so on a trap the module is instantiated afresh and the call
//! retried once; a second trap is reported to the caller as an `EngineTrap`.

import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";
import * as path from "node:path";
import type { LintOptions, Report, RuleInfo, ConfigCheck, WasmModule } from "./wasm-api";

// Node provides WebAssembly globally; @types/node 20 does not declare it.
declare const WebAssembly: { RuntimeError: new (message?: string) => Error };

/** The call trapped twice, on two fresh instances. */
export class EngineTrap extends Error {}

/** A trap or a stack overflow inside the wasm (a `JsError` from the API is a plain `Error`). */
function isTrap(e: unknown): boolean {
  return e instanceof WebAssembly.RuntimeError || e instanceof RangeError;
}

/**
 * Test hook: `SPECMARK_LSP_FAILPOINT=trap:MARKER` makes the first wasm instance trap on any
 * lint of a text containing MARKER, so tests can prove the recovery path.
 */
const failpoint = (() => {
  const v = process.env.SPECMARK_LSP_FAILPOINT ?? "";
  return v.startsWith("trap:") ? v.slice(5) : undefined;
})();

/**
 * Compile the whole module at once and optimize every function in the background, instead of
 * V8's default (compile a function on its first call with the baseline compiler, optimize it
 * once it has run a while). By default the first lints after start run baseline code, about
 * five times slower, and the first edits of a document lag; with this, the optimized code is
 * ready about two seconds after start (measured by bench/didchange.mjs). A server lives long:
 * the background compile pays off, where a one-shot CLI run would wait for it.
 */
function optimizeEagerly(): void {
  setFlagsFromString("--no-wasm-dynamic-tiering");
  setFlagsFromString("--no-wasm-lazy-compilation");
}

/**
 * The Python parser of `snippet-syntax` (the second wasm module, beside the engine), handed
 * to the engine as an object that requires it on the first python snippet to check: a
 * workspace without python blocks never compiles it. If it cannot load, the engine reports
 * an info finding saying so; after a trap the next call loads it afresh.
 */
function lazyPython(req: NodeRequire, gluePath: string): { parse(source: string): string } {
  let python: { parse(source: string): string } | undefined;
  return {
    parse(source: string): string {
      python ??= req(gluePath) as { parse(source: string): string };
      try {
        return python.parse(source);
      } catch (e) {
        delete req.cache[req.resolve(gluePath)];
        python = undefined;
        throw e;
      }
    },
  };
}

export class Engine {
  /** How many times the module was instantiated (1 after start). */
  instances = 0;
  private mod!: WasmModule;
  private rulesCache: RuleInfo[] | undefined;

  constructor(
    private readonly gluePath: string,
    /** Where trap reports go (the server points it at the client's log once connected). */
    public log: (message: string) => void,
  ) {
    this.load();
  }

  /** Instantiates the module afresh: the glue compiles and instantiates the wasm on load. */
  private load(): void {
    optimizeEagerly();
    const req = createRequire(this.gluePath);
    const resolved = req.resolve(this.gluePath);
    delete req.cache[resolved];
    this.mod = req(resolved) as WasmModule;
    this.mod.setPythonParser(lazyPython(req, path.join(path.dirname(resolved), "specmark_python.js")));
    this.instances += 1;
  }

  private call<T>(what: string, f: (m: WasmModule) => T, text?: string): T {
    try {
      this.maybeTrap(text);
      return f(this.mod);
    } catch (e) {
      if (!isTrap(e)) throw e;
      this.log(`specmark: the wasm trapped in ${what} (${String(e)}); re-instantiating it`);
      this.load();
      try {
        return f(this.mod);
      } catch (again) {
        if (!isTrap(again)) throw again;
        this.log(`specmark: the wasm trapped again in ${what} (${String(again)})`);
        this.load();
        throw new EngineTrap(`specmark could not process this document (${String(again)})`);
      }
    }
  }

  private maybeTrap(text: string | undefined): void {
    if (failpoint && this.instances === 1 && text?.includes(failpoint)) {
      throw new WebAssembly.RuntimeError("unreachable (test failpoint)");
    }
  }

  lint(text: string, options: LintOptions): Report {
    return this.call("lint", (m) => m.lint(text, options), text);
  }

  lintWorkspace(files: Record<string, string>, options: LintOptions): Report[] {
    const joined = failpoint ? Object.values(files).join("\n") : undefined;
    return this.call("lintWorkspace", (m) => m.lintWorkspace(files, options), joined);
  }

  fix(text: string, options: LintOptions): string {
    return this.call("fix", (m) => m.fix(text, options));
  }

  /** The core's feature folder of a `/`-separated path, and related files outside it. */
  featureFolder(path: string): { folder: string | null; related: string[] } {
    return this.call("featureFolder", (m) => m.featureFolder(path));
  }

  checkConfig(text: string): ConfigCheck {
    return this.call("checkConfig", (m) => m.checkConfig(text));
  }

  rules(): RuleInfo[] {
    this.rulesCache ??= this.call("rules", (m) => m.rules());
    return this.rulesCache;
  }

  rule(name: string): RuleInfo | undefined {
    return this.rules().find((r) => r.name === name || r.code === name);
  }

  version(): string {
    return this.call("version", (m) => m.version());
  }
}
