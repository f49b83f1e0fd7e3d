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
/** How a JSON value may begin. */
const JSON_START = /^\s*(?:[{["\-0-9]|t|f|n)/;

/**
 * Reads newline-delimited JSON from a stream, the records of each chunk read at a time. Memory stays flat whatever is
 * sent: at most one line (up to `maxLineBytes`) is held; a longer line, or a body past `maxBodyBytes`,
 * stops the read at once (PAYLOAD_TOO_LARGE, naming the line) without reading further. The stream is
 * pulled only as fast as records are consumed (back-pressure). A line that is not valid UTF-8 or not
 * valid JSON is yielded as an error for that line alone.
 */
export async function* ndjsonBatches(stream: Readable, limits: NdjsonLimits): AsyncGenerator<NdjsonItem[]> {
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
    const raw = bytes.subarray(0, end);
    let text = raw.toString('utf8');
    // Invalid UTF-8 decodes to U+FFFD: only then is the line decoded again strictly (a real U+FFFD is valid).
    if (text.includes('\uFFFD')) {
      try {
        text = decoder.decode(raw);
      } catch {
        return { line, error: 'not valid UTF-8 text' };
      }
    }
    if (!text.trim()) return null;
    // What cannot begin a JSON value is refused without parsing it (junk costs no exception).
    if (!JSON_START.test(text)) return { line, error: 'not valid JSON' };
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
      throw new PayloadTooLargeError(
        `The body is larger than ${limits.maxBodyBytes} bytes; split the load (lines up to ${line} were read)`,
        {
          reason: 'BODY_TOO_LARGE',
          line,
          maxBodyBytes: limits.maxBodyBytes,
        },
      );
    }
    const batch: NdjsonItem[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE, start); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      const part = chunk.subarray(start, nl);
      if (pendingBytes + part.length > limits.maxLineBytes + 1) throw tooLong();
      const bytes = pending.length ? Buffer.concat([...pending, part]) : part;
      pending = [];
      pendingBytes = 0;
      const item = parse(bytes);
      if (item) batch.push(item);
      start = nl + 1;
    }
    if (batch.length) yield batch;
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
    if (item) yield [item];
  }
}

/** The same, record by record. */
export async function* ndjson(stream: Readable, limits: NdjsonLimits): AsyncGenerator<NdjsonItem> {
  for await (const batch of ndjsonBatches(stream, limits)) yield* batch;
}
