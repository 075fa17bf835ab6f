#!/usr/bin/env node
// A small static file server for the browser checker, bound to 127.0.0.1 only.
// Usage: node scripts/serve.mjs [ROOT] [--base /sub/path/]
//   ROOT defaults to dist/www; PORT from $PORT (default 8080, 0 = any free port).
//   --base serves ROOT under a sub-path, the way GitHub Pages hosts a project site.
// Prints "specmark: serving ROOT at URL" once listening.

import { createServer } from "node:http";
import { createReadStream, statSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

const args = process.argv.slice(2);
let base = "/";
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--base") base = args[++i] ?? "/";
  else positional.push(args[i]);
}
if (!base.startsWith("/")) base = `/${base}`;
if (!base.endsWith("/")) base = `${base}/`;
const root = resolve(positional[0] ?? "dist/www");
const port = Number(process.env.PORT ?? 8080);

function send(res, status, text) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
  res.end(text);
}

const server = createServer((req, res) => {
  if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "method not allowed\n");
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
  } catch {
    return send(res, 400, "bad request\n");
  }
  if (`${pathname}/` === base) {
    res.writeHead(301, { Location: base });
    return res.end();
  }
  if (!pathname.startsWith(base)) return send(res, 404, "not found\n");
  let file = join(root, pathname.slice(base.length));
  if (file !== root && !file.startsWith(root + sep)) return send(res, 403, "forbidden\n");
  let stat;
  try {
    stat = statSync(file);
    if (stat.isDirectory()) {
      file = join(file, "index.html");
      stat = statSync(file);
    }
  } catch {
    return send(res, 404, "not found\n");
  }
  res.writeHead(200, {
    "Content-Type": MIME[extname(file).toLowerCase()] ?? "application/octet-stream",
    "Content-Length": stat.size,
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
  });
  if (req.method === "HEAD") return res.end();
  createReadStream(file).pipe(res);
});

server.listen(port, "127.0.0.1", () => {
  const { port: actual } = server.address();
  console.log(`specmark: serving ${root} at http://127.0.0.1:${actual}${base}`);
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.close(() => process.exit(0)));
