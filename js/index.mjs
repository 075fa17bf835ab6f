// ES module entry for Node (`import { lint } from "specmark"`). It re-exports the CommonJS
// build, so `import` and `require` share one WebAssembly instance.
import specmark from "./node.cjs";

export const { lint, lintWorkspace, fix, rules, kinds, profiles, checkConfig, version, start, pythonPending } = specmark;
