//! A filter in front of the JSON-RPC reader: it passes on only well-framed messages
//! (`Content-Length: N` header block, then N bytes) and drops bytes that are not part of one,
//! so garbage on stdin costs the garbage, not the connection. Invalid JSON inside a valid
//! frame is left to vscode-jsonrpc, which reports it and reads on.

import { Transform, type TransformCallback } from "node:stream";

/** Garbage kept while looking for a header, at most (a header block is tiny). */
const MAX_PENDING = 1 << 20;
const HEADER_END = Buffer.from("\r\n\r\n");
const HEADER_LINE = /^[!-9;-~]+:[ \t]*[^\r\n]*$/;

export class FrameFilter extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  /** Body bytes of the current message still to pass through. */
  private bodyLeft = 0;

  constructor(private readonly onDropped: (bytes: number, why: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
      this.drain();
    } catch (e) {
      // Never let a framing bug take the connection down: drop what is buffered.
      this.onDropped(this.pending.length, `framing error: ${String(e)}`);
      this.pending = Buffer.alloc(0);
      this.bodyLeft = 0;
    }
    done();
  }

  private drain(): void {
    for (;;) {
      if (this.bodyLeft > 0) {
        if (this.pending.length === 0) return;
        const n = Math.min(this.bodyLeft, this.pending.length);
        this.push(this.pending.subarray(0, n));
        this.pending = this.pending.subarray(n);
        this.bodyLeft -= n;
        continue;
      }
      const end = this.pending.indexOf(HEADER_END);
      if (end < 0) {
        if (this.pending.length > MAX_PENDING) {
          // Keep a tail that may hold the start of a header.
          const keep = 64;
          this.onDropped(this.pending.length - keep, "no message header");
          this.pending = Buffer.from(this.pending.subarray(this.pending.length - keep));
        }
        return;
      }
      const block = this.pending.subarray(0, end).toString("latin1");
      const frame = findFrame(block);
      if (!frame) {
        this.onDropped(end + 4, "header block without a valid Content-Length");
        this.pending = this.pending.subarray(end + 4);
        continue;
      }
      if (frame.start > 0) {
        const dropped = block.slice(0, frame.start);
        if (dropped.trim() !== "") this.onDropped(frame.start, "bytes before a message header");
      }
      this.push(Buffer.from(block.slice(frame.start) + "\r\n\r\n", "latin1"));
      this.pending = this.pending.subarray(end + 4);
      this.bodyLeft = frame.length;
    }
  }
}

/**
 * Where in a header block (text before `\r\n\r\n`) the real header starts and the body
 * length: the last `Content-Length:`, extended back over whole header lines before it.
 */
export function findFrame(block: string): { start: number; length: number } | undefined {
  const lower = block.toLowerCase();
  const at = lower.lastIndexOf("content-length:");
  if (at < 0) return undefined;
  let start = at;
  if (at === 0 || block.slice(at - 2, at) === "\r\n") {
    while (start > 0) {
      const prevEnd = start - 2;
      const prevStart = block.lastIndexOf("\r\n", prevEnd - 1);
      const line = block.slice(prevStart < 0 ? 0 : prevStart + 2, prevEnd);
      if (!HEADER_LINE.test(line) || /content-length:/i.test(line)) break;
      start = prevStart < 0 ? 0 : prevStart + 2;
    }
  }
  const lines = block.slice(start).split("\r\n");
  if (!lines.every((l) => HEADER_LINE.test(l))) return undefined;
  const value = /^content-length:[ \t]*(\d{1,10})[ \t]*$/i.exec(lines[0] ?? "");
  const own = value ?? lines.map((l) => /^content-length:[ \t]*(\d{1,10})[ \t]*$/i.exec(l)).find(Boolean);
  if (!own) return undefined;
  const length = Number(own[1]);
  return Number.isSafeInteger(length) ? { start, length } : undefined;
}
