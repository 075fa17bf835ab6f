// Entry of `specmark/web` (browsers and bundlers): the engine's web build, plus
// `loadPython()`, which fetches and instantiates the Python parser of `snippet-syntax` (a
// second wasm module, pkg/python-web) only when asked. A lint that has python snippets to
// check before the parser is there reports an info finding instead, and `pythonPending()`
// turns true: load the parser, then lint again.
import init, * as engine from "../pkg/web/specmark.js";

export * from "../pkg/web/specmark.js";
export default init;

let loading = null;

/**
 * Load the Python parser module (once; later calls return the same promise) and hand it to
 * the engine. `moduleOrPath` is what the parser's own `init` accepts (by default the URL of
 * `specmark_python_bg.wasm` beside its glue). Call it after `init()`.
 */
export function loadPython(moduleOrPath) {
  if (loading === null) {
    engine.setPythonStatus("loading");
    loading = import("../pkg/python-web/specmark_python.js")
      .then(async (python) => {
        await python.default(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath });
        engine.setPythonParser({ parse: (source) => python.parse(source) });
      })
      .catch((e) => {
        engine.setPythonStatus(String((e && e.message) || e));
        loading = null;
        throw e;
      });
  }
  return loading;
}
