import type { Readable } from 'node:stream';
import { PayloadTooLargeError } from '@hub/common';

export type NdjsonItem = { line: number; value: unknown; error?: undefined } | { line: number; value?: undefined; error: string };

export interface NdjsonLimits {
  /** Longest line (bytes, without its newline): a longer one stops the read with PAYLOAD_TOO_LARGE. */
  maxLineBytes: number;
  /** Most bytes read in all: past it the read stops with PAYLOAD_TOO_LARGE. */
  maxBodyBytes: number;
}

const NEWLINE = 0x0a;

/**
 * Reads newline-delimited JSON from a stream, one record at a time. Memory stays flat whatever is
 * sent: at most one line (up to `maxLineBytes`) is held; a longer line, or a body past `maxBodyBytes`,
 * stops the read at once (PAYLOAD_TOO_LARGE, naming the line) without reading further. The stream is
 * pulled only as fast as records are consumed (back-pressure). A line that is not valid UTF-8 or not
 * valid JSON is yielded as an error for that line alone.
 */
export async function* ndjson(stream: Readable, limits: NdjsonLimits): AsyncGenerator<NdjsonItem> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let line = 0;
  let total = 0;
  // The line being read: its pieces and their length.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const tooLong = () =>
    new PayloadTooLargeError(`Line ${line + 1} is longer than ${limits.maxLineBytes} bytes; nothing from this line on was read`, {
      reason: 'LINE_TOO_LONG',
      line: line + 1,
      maxLineBytes: limits.maxLineBytes,
    });
  const parse = (bytes: Buffer): NdjsonItem | null => {
    line++;
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    if (end > limits.maxLineBytes) {
      line--;
      throw tooLong();
    }
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(0, end));
    } catch {
      return { line, error: 'not valid UTF-8 text' };
    }
    if (!text.trim()) return null;
    try {
      return { line, value: JSON.parse(text) };
    } catch {
      return { line, error: 'not valid JSON' };
    }
  };
  // Not destroyed when the read stops early: the request's socket must stay open for the answer.
  for await (const piece of stream.iterator({ destroyOnReturn: false })) {
    const chunk: Buffer = typeof piece === 'string' ? Buffer.from(piece) : (piece as Buffer);
    total += chunk.length;
    if (total > limits.maxBodyBytes) {
      throw new PayloadTooLargeError(`The body is larger than ${limits.maxBodyBytes} bytes; split the load (lines up to ${line} were read)`, {
        reason: 'BODY_TOO_LARGE',
        line,
        maxBodyBytes: limits.maxBodyBytes,
      });
    }
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE, start); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      const part = chunk.subarray(start, nl);
      if (pendingBytes + part.length > limits.maxLineBytes + 1) throw tooLong();
      const bytes = pending.length ? Buffer.concat([...pending, part]) : part;
      pending = [];
      pendingBytes = 0;
      const item = parse(bytes);
      if (item) yield item;
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      pendingBytes += rest.length;
      // One byte of slack for a CR before the newline.
      if (pendingBytes > limits.maxLineBytes + 1) throw tooLong();
      // Copied: the stream may reuse its buffer.
      pending.push(Buffer.from(rest));
    }
  }
  if (pendingBytes > 0) {
    const item = parse(Buffer.concat(pending));
    if (item) yield item;
  }
}
