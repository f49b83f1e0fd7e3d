import { Readable } from 'node:stream';
import { PayloadTooLargeError } from '@hub/common';
import { ndjson, type NdjsonItem } from './ndjson.js';

const limits = { maxLineBytes: 32, maxBodyBytes: 1024 };

async function read(chunks: (string | Buffer)[], l = limits): Promise<NdjsonItem[]> {
  const out: NdjsonItem[] = [];
  for await (const item of ndjson(Readable.from(chunks), l)) out.push(item);
  return out;
}

describe('ndjson', () => {
  it('yields each record with its line, whatever the chunk boundaries, skipping blank lines', async () => {
    expect(await read(['{"a":', '1}\r\n\n{"b"', ':2}\n', '[3]'])).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { b: 2 } },
      { line: 4, value: [3] },
    ]);
  });

  it('reports a line that is not JSON, or not UTF-8, alone', async () => {
    expect(await read(['{nope\n', Buffer.from([0x22, 0xff, 0xfe, 0x22, 0x0a]), '"ok"\n'])).toEqual([
      { line: 1, error: 'not valid JSON' },
      { line: 2, error: 'not valid UTF-8 text' },
      { line: 3, value: 'ok' },
    ]);
  });

  it('stops at a line longer than the limit, naming it, even one never ended', async () => {
    const err = await read(['"short"\n', 'x'.repeat(20), 'x'.repeat(20)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect((err as PayloadTooLargeError).details).toMatchObject({ reason: 'LINE_TOO_LONG', line: 2 });
    const ended = await read([`"${'y'.repeat(40)}"\n`]).catch((e: unknown) => e);
    expect((ended as PayloadTooLargeError).details).toMatchObject({ reason: 'LINE_TOO_LONG', line: 1 });
    // At the limit exactly, it is read.
    expect(await read([`"${'z'.repeat(30)}"\r\n`])).toEqual([{ line: 1, value: 'z'.repeat(30) }]);
  });

  it('stops once the body passes its limit', async () => {
    const err = await read(Array.from({ length: 200 }, () => '[1,2,3]\n')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect((err as PayloadTooLargeError).details).toMatchObject({ reason: 'BODY_TOO_LARGE' });
  });

  it('leaves the stream open when it stops early (the answer goes out on its socket)', async () => {
    const stream = Readable.from(['"a"\n', 'b'.repeat(64), '"c"\n']);
    await expect(
      (async () => {
        for await (const _ of ndjson(stream, limits)) {
          // drain: the limit throws part-way
        }
      })(),
    ).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(stream.destroyed).toBe(false);
  });
});
