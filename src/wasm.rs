//! The WebAssembly edge (built with `--features wasm`); filled in by the wasm package work.
