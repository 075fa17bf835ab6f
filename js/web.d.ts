// Type declarations of `specmark/web`: the same functions as the Node entry, plus the
// loaders. Call `await init()` (or `initSync`) once before any other function.

export * from "./index";

/** What `init` and `initSync` accept: the wasm file's URL, a fetch `Response`, its bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** The instantiated module's raw exports (internal; use the functions above). */
export interface InitOutput {
  readonly memory: WebAssembly.Memory;
  readonly [name: string]: unknown;
}

/**
 * Load and instantiate the WebAssembly module. Without an argument it fetches
 * `specmark_bg.wasm` next to this file (`new URL("specmark_bg.wasm", import.meta.url)`); a
 * bundler that does not copy it needs the file served and its URL passed here. Safe to call
 * more than once: later calls return the first instance.
 */
export default function init(
  module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<InitOutput>;

/** Instantiate synchronously from the wasm bytes or a compiled module (workers, Node). */
export function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): InitOutput;

/**
 * Fetch and instantiate the Python parser of `snippet-syntax` (a second wasm module,
 * `specmark_python_bg.wasm`, about a third the size of the engine) and hand it to the engine.
 * Until it has loaded, a lint with python snippets to check reports one info finding instead
 * and `pythonPending()` returns true. Call after `init()`; later calls return the same promise.
 * The argument is what the parser's own init accepts (by default the wasm file beside its glue).
 */
export function loadPython(moduleOrPath?: InitInput | Promise<InitInput>): Promise<void>;

/** Hand in a Python parser object (`loadPython` does this). */
export function setPythonParser(parser: { parse(source: string): string }): void;

/** Tell the engine the parser is `"loading"`, `"not-loaded"`, or why it failed. */
export function setPythonStatus(status: string): void;
