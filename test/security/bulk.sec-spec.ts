import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { gql, signIn, startHubAsUser, type StartedHub } from './support/started-hub.js';

/**
 * The streaming bulk path (POST /sync/people), the batch sync mutations and the database pool under
 * abuse, against the hub started as a user starts it (256 MB heap, pool of 20): bodies of junk, a line
 * of hundreds of megabytes, many loads at once, values PostgreSQL refuses, a JSON body that would
 * fill the heap. Each ends with the hub alive and ready.
 */

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  ms: number;
}

/** POSTs a streamed body; resolves with the answer as soon as it comes (even before the body is all sent), then stops sending. */
function postStream(hub: StartedHub, path: string, headers: Record<string, string>, body: Readable, timeoutMs = 60_000): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${hub.url}${path}`, { method: 'POST', headers });
    const timer = setTimeout(() => {
      body.destroy();
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => {
        clearTimeout(timer);
        body.destroy();
        req.destroy();
        let parsed: Record<string, unknown>;
        try {
          parsed = JSON.parse(text) as Record<string, unknown>;
        } catch {
          parsed = { text: text.slice(0, 300) };
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed, ms: Date.now() - started });
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // The hub stopped reading a refused body and closed the connection before its answer was read:
      // status 0 says so (a test that expects an answer still fails on it).
      if (err.code === 'EPIPE' || err.code === 'ECONNRESET')
        resolve({ status: 0, headers: {}, body: { cut: err.code }, ms: Date.now() - started });
      else reject(err);
    });
    // The server may close the connection once it has answered: writes after that fail, which is fine.
    body.on('error', () => undefined);
    body.pipe(req).on('error', () => undefined);
  });
}

/** A body of `total` bytes made by `piece(i)` chunk after chunk, never held whole. */
function generated(total: number, piece: (i: number) => string): Readable {
  let sent = 0;
  let i = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const chunk = Buffer.from(piece(i++));
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

function person(i: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    externalId: `sec-${i}`,
    givenName: `Load${i}`,
    familyName: `Abuse${i % 89}`,
    dateOfBirth: `19${60 + (i % 40)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    region: 'north_west',
    identifiers: [{ scheme: 'PNC', value: `${String(i % 100).padStart(2, '0')}/${String(i).padStart(6, '0')}S` }],
    ...extra,
  });
}

describe('bulk sync and the database pool under abuse', () => {
  let hub: StartedHub;
  let loader: string;
  let officer: string;

  const ndjsonHeaders = (key: string, extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${loader}`,
    'idempotency-key': key,
    'content-type': 'application/x-ndjson',
    ...extra,
  });

  beforeAll(async () => {
    // Generous: the machines that run the suite may be busy.
    hub = await startHubAsUser({ readyMs: 300_000 });
    const admin = await signIn(hub, 'probation.admin');
    const created = await gql<{ createApiClient: { client: { clientId: string }; clientSecret: string } }>(
      hub,
      `mutation { createApiClient(input: { name: "Bulk abuse", scopes: [SYNC] }) { client { clientId } clientSecret } }`,
      {},
      admin,
    );
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    const res = await fetch(`${hub.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: created.data.createApiClient.client.clientId,
        client_secret: created.data.createApiClient.clientSecret,
      }),
    });
    loader = ((await res.json()) as { access_token: string }).access_token;
    officer = await signIn(hub, 'probation.officer');
  }, 360_000);
  afterAll(() => hub?.stop());

  it('answers an 8 MiB body of junk lines with a bounded list of rejected lines and their count', async () => {
    // Four million lines of two bytes: before, each rejection was kept in memory until the end.
    const piece = 'x\n'.repeat(32 * 1024);
    const lines = (8 * 1024 * 1024) / 2;
    const body = generated(8 * 1024 * 1024, () => piece);
    const res = await postStream(hub, '/sync/people?system=sec-junk', ndjsonHeaders('sec-junk-0001'), body, 120_000);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', created: 0, rejected: lines, linesCommitted: lines });
    const errors = res.body.errors as { line: number; code: string; message: string }[];
    expect(errors).toHaveLength(1000);
    expect(errors[0]).toMatchObject({ line: 1, code: 'BAD_USER_INPUT', message: 'not valid JSON' });
    expect(errors[999].line).toBe(1000);
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  }, 180_000);

  it('refuses a 300 MB single line quickly, with a coded 413, without reading the rest', async () => {
    const chunk = 'a'.repeat(64 * 1024);
    const body = generated(300 * 1024 * 1024, () => chunk);
    const res = await postStream(hub, '/sync/people?system=sec-huge', ndjsonHeaders('sec-huge-0001'), body, 60_000);
    // The hub answers the 413 and closes at once, with the rest unread: the client reads the coded 413,
    // or (as often on a fast machine) sees the connection closed under its writes first. Either way it
    // must come within seconds: reading 300 MB before refusing would take far longer.
    expect([413, 0]).toContain(res.status);
    if (res.status === 413) expect(res.body).toMatchObject({ error: 'PAYLOAD_TOO_LARGE', reason: 'LINE_TOO_LONG', line: 1 });
    expect(res.ms).toBeLessThan(10_000);
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  }, 120_000);

  it('refuses a declared body over the limit before reading it', async () => {
    const res = await fetch(`${hub.url}/sync/people?system=sec-declared`, {
      method: 'POST',
      headers: { ...ndjsonHeaders('sec-declared-0001'), 'content-length': String(2 * 1024 * 1024 * 1024) },
      body: 'x',
      signal: AbortSignal.timeout(10_000),
    }).catch((err: Error) => err);
    // The hub answers at once and closes: the client either reads the 413 or sees the connection closed before sending 2 GB.
    if (res instanceof Response) {
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: 'PAYLOAD_TOO_LARGE', reason: 'BODY_TOO_LARGE' });
    }
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  }, 60_000);

  it('keeps answering page reads and readiness while twenty bulk loads run at once', async () => {
    const load = (n: number) => {
      const lines = Array.from({ length: 1500 }, (_, i) => person(n * 10_000 + i)).join('\n') + '\n';
      return postStream(
        hub,
        `/sync/people?system=sec-many-${n}`,
        ndjsonHeaders(`sec-many-${String(n).padStart(4, '0')}`),
        Readable.from([lines]),
        120_000,
      );
    };
    const loads = Array.from({ length: 20 }, (_, n) => load(n));
    await new Promise((r) => setTimeout(r, 500));
    const started = Date.now();
    const page = await Promise.race([
      gql<{ people: { edges: unknown[] } }>(hub, `query { people(first: 5) { edges { node { id } } } }`, {}, officer),
      new Promise<{ errors: { message: string }[] }>((r) =>
        setTimeout(() => r({ errors: [{ message: 'no answer within 10 s' }] }), 10_000).unref(),
      ),
    ]).catch((e: Error) => ({ errors: [{ message: e.message }] }));
    expect(page.errors).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5_000);
    const readyStarted = Date.now();
    const ready = await fetch(`${hub.url}/health/ready`, { signal: AbortSignal.timeout(5_000) })
      .then((r) => r.status)
      .catch(() => 0);
    expect(ready).toBe(200);
    expect(Date.now() - readyStarted).toBeLessThan(5_000);
    const answers = await Promise.all(loads);
    for (const a of answers) {
      if (a.status === 200) expect(a.body).toMatchObject({ status: 'completed', created: 1500 });
      else {
        // Past the queue: refused at once, coded, with when to try again.
        expect(a.status).toBe(503);
        expect(a.body.error).toBe('SERVICE_UNAVAILABLE');
        expect(a.headers['retry-after']).toBeDefined();
      }
    }
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  }, 240_000);

  it('refuses a record holding NUL (or another value PostgreSQL refuses) alone, naming its line', async () => {
    const lines = [
      person(900_001),
      person(900_002, { givenName: 'Nul\u0000Name' }),
      person(900_003),
      person(900_004, { familyName: 'Lone\ud800Surrogate' }),
      person(900_005, { dateOfBirth: '0000-01-01' }),
      person(900_006, { externalId: 'sec-nul-\u0000' }),
    ];
    const res = await postStream(
      hub,
      '/sync/people?system=sec-nul',
      ndjsonHeaders('sec-nul-0001'),
      Readable.from([lines.join('\n') + '\n']),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', created: 2, rejected: 4 });
    const errors = res.body.errors as { line: number; code: string; message: string }[];
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'BAD_USER_INPUT'],
      [4, 'BAD_USER_INPUT'],
      [5, 'BAD_USER_INPUT'],
      [6, 'BAD_USER_INPUT'],
    ]);
    expect(errors[0].message).toMatch(/givenName.*NUL/);
    expect(errors[1].message).toMatch(/familyName.*surrogate/);
    expect(errors[2].message).toMatch(/dateOfBirth/);

    // The batch sync mutation: the same records, each refused alone.
    const batch = await gql<{
      syncPeople: { results: { externalId: string; status: string; code: string | null; message: string | null }[] };
    }>(
      hub,
      `mutation($input: SyncPeopleInput!) { syncPeople(input: $input) { results { externalId status code message } } }`,
      {
        input: {
          idempotencyKey: 'sec-nul-batch-0001',
          system: 'sec-nul-batch',
          records: [
            { externalId: 'b-1', givenName: 'Fine', familyName: 'Record', dateOfBirth: '1980-01-01' },
            { externalId: 'b-2', givenName: 'Nul\u0000Name', familyName: 'Record', dateOfBirth: '1980-01-02' },
            { externalId: 'b-3', givenName: 'Lone\udc00', familyName: 'Record', dateOfBirth: '1980-01-03' },
            { externalId: 'b-4', givenName: 'Year', familyName: 'Zero', dateOfBirth: '0000-01-01' },
            { externalId: 'b-5', givenName: 'Also', familyName: 'Fine', dateOfBirth: '1980-01-05' },
          ],
        },
      },
      loader,
    );
    expect(batch.errors).toBeUndefined();
    expect(batch.data!.syncPeople.results.map((r) => [r.externalId, r.status, r.code])).toEqual([
      ['b-1', 'CREATED', null],
      ['b-2', 'REJECTED', 'BAD_USER_INPUT'],
      ['b-3', 'REJECTED', 'BAD_USER_INPUT'],
      ['b-4', 'REJECTED', 'BAD_USER_INPUT'],
      ['b-5', 'CREATED', null],
    ]);
    expect(batch.data!.syncPeople.results[1].message).toMatch(/records\[1\]\.givenName.*NUL/);
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  }, 120_000);

  it('refuses JSON bodies that would fill the heap once parsed (millions of empty objects) without parsing them', async () => {
    const emptyObjects = (bytes: number) => {
      const head = '{"query":"{ __typename }","variables":{"junk":[';
      const piece = '{},'.repeat(20_000);
      const pieces = Math.floor(bytes / piece.length);
      return Readable.from(
        (function* () {
          yield head;
          for (let i = 0; i < pieces; i++) yield piece;
          yield '{}]}}';
        })(),
      );
    };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${officer}` };
    // Over the byte limit of /graphql (before: 10 MB for every route, about 200 MB of heap once parsed).
    const big = await postStream(hub, '/graphql', headers, emptyObjects(9.5 * 1024 * 1024));
    // 413, or the connection closed on a sender still writing past the limit: refused either way, unparsed.
    expect([413, 0]).toContain(big.status);
    // Within it, but more values than any request needs.
    const many = await postStream(hub, '/graphql', headers, emptyObjects(3 * 1024 * 1024));
    expect(many.status).toBe(413);
    // /graphql answers in GraphQL's shape, coded as every other refusal there.
    expect(many.body).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    // Any other route takes far less (HTTP_BODY_LIMIT_BYTES, 1 MiB).
    const login = await postStream(hub, '/auth/login', { 'content-type': 'application/json' }, emptyObjects(2 * 1024 * 1024));
    // As above: the 413, or the connection closed on a sender still writing; an accepted body answers otherwise.
    expect([413, 0]).toContain(login.status);
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  }, 120_000);
});
