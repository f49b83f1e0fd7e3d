import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export type NdjsonItem = { line: number; value: unknown; error?: undefined } | { line: number; value?: undefined; error: string };

/** Reads newline-delimited JSON from a stream, one record at a time (memory stays flat). */
export async function* ndjson(stream: Readable, maxLineBytes = 64 * 1024): AsyncGenerator<NdjsonItem> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (!text.trim()) continue;
    if (text.length > maxLineBytes) {
      yield { line, error: `line longer than ${maxLineBytes} bytes` };
      continue;
    }
    try {
      yield { line, value: JSON.parse(text) };
    } catch {
      yield { line, error: 'not valid JSON' };
    }
  }
}
