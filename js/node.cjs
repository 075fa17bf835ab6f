// CommonJS entry for Node (`require("specmark")`; js/index.mjs re-exports it for `import`).
// The engine (pkg/node) is handed the Python parser of `snippet-syntax` as a lazy object:
// the parser module (pkg/python-node, a second wasm module) is required, and so compiled
// and instantiated, the first time a lint has a python snippet to check. If it cannot load,
// that lint reports an info finding saying so, and the next lint tries again.
"use strict";

const engine = require("../pkg/node/specmark.js");

let python = null;
engine.setPythonParser({
  parse(source) {
    if (python === null) python = require("../pkg/python-node/specmark_python.js");
    try {
      return python.parse(source);
    } catch (e) {
      // A trap leaves the instance unusable: the next call instantiates the module afresh.
      const path = require.resolve("../pkg/python-node/specmark_python.js");
      delete require.cache[path];
      python = null;
      throw e;
    }
  },
});

module.exports = engine;
