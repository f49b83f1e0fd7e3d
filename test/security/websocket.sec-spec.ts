import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect as tcp } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serverAudits } from 'graphql-http';
import pg from 'pg';
import WebSocket from 'ws';
import { gql, signIn, startHubAsUser, type StartedHub } from './support/started-hub.js';

/**
 * The WebSocket side of /graphql (subscriptions, graphql-transport-ws), attacked over the network
 * before and after sign-in: frames far larger than any subscription, sockets held open without
 * signing in, bad tokens, too many subscriptions or connections. Small limits are configured where
 * the test would otherwise need hundreds of sockets; the frame size is the default one.
 */
const LIMITS = {
  WS_CONNECTION_INIT_TIMEOUT_MS: '2000',
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '3',
  WS_MAX_CONNECTIONS_PER_ACTOR: '3',
  WS_MAX_UNAUTHENTICATED_PER_ADDRESS: '5',
  WS_MAX_CONNECTIONS: '8',
  // Short enough for a test to wait it out; long enough for the demo seeding at start.
  DATABASE_STATEMENT_TIMEOUT_MS: '8000',
};
const INBOX = 'subscription Inbox { referralInboxChanged { id state } }';
const MiB = 1024 * 1024;

interface Probe {
  ws: WebSocket;
  /** Resolves with the close code (1006 when the connection broke), or the HTTP status of a refused upgrade. */
  ended: Promise<{ code: number; at: number; status?: number; body?: string }>;
  opened: Promise<boolean>;
  messages: { type: string; id?: string; payload?: unknown }[];
  send(message: unknown): void;
}

/** A raw WebSocket client speaking graphql-transport-ws by hand (nothing done for it). */
function connect(hub: StartedHub): Probe {
  const ws = new WebSocket(`ws://127.0.0.1:${hub.port}/graphql`, 'graphql-transport-ws');
  const messages: Probe['messages'] = [];
  ws.on('error', () => undefined);
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as Probe['messages'][number]));
  const opened = new Promise<boolean>((resolve) => {
    ws.once('open', () => resolve(true));
    ws.once('close', () => resolve(false));
    ws.once('unexpected-response', () => resolve(false));
  });
  const ended = new Promise<{ code: number; at: number; status?: number; body?: string }>((resolve) => {
    ws.once('close', (code) => resolve({ code, at: Date.now() }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => resolve({ code: 0, at: Date.now(), status: res.statusCode, body }));
      res.on('error', () => resolve({ code: 0, at: Date.now(), status: res.statusCode, body }));
    });
  });
  return { ws, ended, opened, messages, send: (m) => ws.send(JSON.stringify(m)) };
}

async function until(probe: () => boolean, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/**
 * Opens a WebSocket by hand and sends one text frame declaring `size` bytes, then its bytes as fast
 * as the socket takes them (mask key zero: no client-side work). Resolves with the close code of the
 * hub's close frame (0 if the hub dropped the connection without one) and how many bytes it had taken.
 */
function hugeFrame(hub: StartedHub, size: number): Promise<{ closeCode: number; sent: number }> {
  return new Promise((resolve) => {
    const socket = tcp(hub.port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let upgraded = false;
    let sent = 0;
    const chunk = Buffer.alloc(MiB, 0x61);
    const done = () => {
      const at = received.indexOf(Buffer.from([0x88]), received.indexOf('\r\n\r\n') + 4);
      resolve({ closeCode: at >= 0 && received.length >= at + 4 ? received.readUInt16BE(at + 2) : 0, sent });
    };
    socket.on('error', () => undefined);
    socket.on('close', done);
    socket.on('data', (data) => {
      received = Buffer.concat([received, data]);
      if (upgraded || !received.includes('\r\n\r\n')) return;
      upgraded = true;
      if (!received.toString('latin1').startsWith('HTTP/1.1 101')) return socket.destroy();
      const header = Buffer.alloc(14);
      header[0] = 0x81; // FIN, text
      header[1] = 0x80 | 127; // masked, 64-bit length
      header.writeBigUInt64BE(BigInt(size), 2);
      // bytes 10..13: mask key 0
      socket.write(header);
      const pump = () => {
        while (sent < size && !socket.destroyed) {
          sent += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
      };
      pump();
    });
    socket.write(
      [
        `GET /graphql HTTP/1.1`,
        `Host: 127.0.0.1:${hub.port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Protocol: graphql-transport-ws',
        '',
        '',
      ].join('\r\n'),
    );
  });
}

/**
 * POSTs `body` and resolves with the answer as soon as it comes, even when the hub answers (and
 * closes) before the whole body is sent, as it does past a body limit.
 */
function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', (err) => setTimeout(() => reject(err), 2000));
    req.end(body);
  });
}

/** A connection signed in with `token` and acknowledged. */
async function signedIn(hub: StartedHub, token: string): Promise<Probe> {
  const p = connect(hub);
  await p.opened;
  p.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
  await until(() => p.messages.some((m) => m.type === 'connection_ack') || p.ws.readyState !== WebSocket.OPEN);
  return p;
}

const close = async (probes: Probe[]) => {
  for (const p of probes.splice(0)) {
    p.ws.terminate();
    await p.ended;
  }
  // The hub counts a connection free once it has seen it close.
  await new Promise((r) => setTimeout(r, 300));
};

describe('WebSocket /graphql under attack', () => {
  let hub: StartedHub;
  const open: Probe[] = [];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startHubAsUser({ env: LIMITS });
    for (const who of ['probation.officer', 'housing.worker', 'employer']) tokens[who] = await signIn(hub, who);
  }, 180_000);
  afterEach(() => close(open));
  afterAll(() => hub?.stop());

  it('W1: three 90 MiB frames at once before sign-in: each connection is closed (1009) and the hub stays alive, ready and serving', async () => {
    const ends = await Promise.all([hugeFrame(hub, 90 * MiB), hugeFrame(hub, 90 * MiB), hugeFrame(hub, 90 * MiB)]);
    // 1009: message too big, said as soon as the frame's header is read, long before its bytes arrive.
    expect(ends.map((e) => e.closeCode)).toEqual([1009, 1009, 1009]);
    for (const end of ends) expect(end.sent).toBeLessThan(90 * MiB);
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
    // And it still serves a subscription afterwards.
    const p = await signedIn(hub, tokens['probation.officer']);
    open.push(p);
    expect(p.messages.map((m) => m.type)).toContain('connection_ack');
  }, 120_000);

  it('W2: a connection that never sends connection_init is closed (4408) within the configured time', async () => {
    const started = Date.now();
    const p = connect(hub);
    open.push(p);
    expect(await p.opened).toBe(true);
    const end = await p.ended;
    expect(end.code).toBe(4408);
    expect(end.at - started).toBeLessThan(Number(LIMITS.WS_CONNECTION_INIT_TIMEOUT_MS) + 3000);
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  }, 30_000);

  it('W2: a connection_init with a bad or missing token is closed with 4401', async () => {
    for (const payload of [{ authorization: 'Bearer not.a.token' }, {}]) {
      const p = connect(hub);
      open.push(p);
      await p.opened;
      p.send({ type: 'connection_init', payload });
      expect((await p.ended).code).toBe(4401);
    }
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  }, 30_000);

  it('W3: more subscriptions on one connection than allowed: the one past the cap is refused with a coded error, the others run', async () => {
    const p = await signedIn(hub, tokens['probation.officer']);
    open.push(p);
    for (let i = 1; i <= 4; i++) p.send({ id: String(i), type: 'subscribe', payload: { query: INBOX, operationName: 'Inbox' } });
    expect(await until(() => p.messages.some((m) => m.type === 'error'))).toBe(true);
    const errors = p.messages.filter((m) => m.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].id).toBe('4');
    expect((errors[0].payload as { extensions: { code: string } }[])[0].extensions.code).toBe('RATE_LIMITED');
    expect(p.ws.readyState).toBe(WebSocket.OPEN);
    // Completing one frees its place.
    p.send({ id: '1', type: 'complete' });
    p.send({ id: '5', type: 'subscribe', payload: { query: INBOX, operationName: 'Inbox' } });
    await new Promise((r) => setTimeout(r, 500));
    expect(p.messages.filter((m) => m.type === 'error')).toHaveLength(1);
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  }, 30_000);

  it('W4: connections per actor are capped (4429), and a closed one frees its place', async () => {
    const token = tokens['housing.worker'];
    const held = [];
    for (let i = 0; i < 3; i++) held.push(await signedIn(hub, token));
    open.push(...held);
    expect(held.every((p) => p.messages.some((m) => m.type === 'connection_ack'))).toBe(true);
    const extra = await signedIn(hub, token);
    open.push(extra);
    expect((await extra.ended).code).toBe(4429);
    // Another actor is not held to this one's count.
    const other = await signedIn(hub, tokens.employer);
    open.push(other);
    expect(other.messages.map((m) => m.type)).toContain('connection_ack');
    held[0].ws.close();
    await held[0].ended;
    await new Promise((r) => setTimeout(r, 300));
    const again = await signedIn(hub, token);
    open.push(again);
    expect(again.messages.map((m) => m.type)).toContain('connection_ack');
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  }, 30_000);

  it('W4: connections from one address that have not signed in are capped (429), and so are connections in all (503)', async () => {
    const waiting = Array.from({ length: 5 }, () => connect(hub));
    open.push(...waiting);
    expect(await Promise.all(waiting.map((p) => p.opened))).toEqual([true, true, true, true, true]);
    const sixth = connect(hub);
    open.push(sixth);
    const refused = await sixth.ended;
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body!)).toMatchObject({ error: 'RATE_LIMITED' });
    await close(open);
    // In all: 3 + 3 + 2 signed in (three actors) fill the 8 places; the ninth is refused before its handshake.
    for (const [who, n] of [
      ['probation.officer', 3],
      ['housing.worker', 3],
      ['employer', 2],
    ] as const) {
      for (let i = 0; i < n; i++) open.push(await signedIn(hub, tokens[who]));
    }
    expect(open.every((p) => p.messages.some((m) => m.type === 'connection_ack'))).toBe(true);
    const ninth = connect(hub);
    open.push(ninth);
    const full = await ninth.ended;
    expect(full.status).toBe(503);
    expect(JSON.parse(full.body!)).toMatchObject({ error: 'SERVICE_UNAVAILABLE' });
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  }, 60_000);

  it('W5: an upgrade to any other path is answered 404 and closed, not left hanging', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${hub.port}/health/live`, 'graphql-transport-ws');
    ws.on('error', () => undefined);
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
      setTimeout(() => resolve(-1), 5000);
    });
    ws.terminate();
    expect(status).toBe(404);
  }, 15_000);

  it('W6: a 9 MB search term is refused with a coded error, over HTTP and over WebSocket; a search of a sane size still runs', async () => {
    const token = tokens['probation.officer'];
    const huge = 'a'.repeat(9 * 1000 * 1000);
    // Refused on its declared length: 413, or the connection closed on a sender still writing (EPIPE), unread either way.
    const res = await post(
      `${hub.url}/graphql`,
      { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      JSON.stringify({ query: 'query($s: String) { people(search: $s) { edges { node { id } } } }', variables: { s: huge } }),
    ).catch((err: NodeJS.ErrnoException) =>
      err.code === 'EPIPE' || err.code === 'ECONNRESET' ? { status: 0, body: '' } : Promise.reject(err),
    );
    expect([413, 0]).toContain(res.status);
    if (res.status === 413)
      expect((JSON.parse(res.body) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code).toBe(
        'PAYLOAD_TOO_LARGE',
      );
    // Under the body limit, over the search term's: the string rule refuses it before any database work.
    const long = await gql(hub, 'query($s: String) { people(search: $s) { edges { node { id } } } }', { s: 'a'.repeat(100_000) }, token);
    expect(long.status).toBe(400);
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search', maxLength: 200 });
    // Any other string: the general limit.
    const note = await gql(hub, 'query($id: ID!) { person(id: $id) { id } }', { id: 'a'.repeat(30_000) }, token);
    expect(note.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const fine = await gql(hub, 'query($s: String) { people(search: $s) { edges { node { id } } } }', { s: 'Marsh' }, token);
    expect(fine.errors).toBeUndefined();
    // Over WebSocket, a variable past its limit is refused the same way.
    const p = await signedIn(hub, token);
    open.push(p);
    p.send({
      id: 'w',
      type: 'subscribe',
      payload: {
        query: 'subscription Inbox($s: String) { referralInboxChanged { id } }',
        operationName: 'Inbox',
        variables: { s: 'a'.repeat(10_000) },
      },
    });
    expect(await until(() => p.messages.some((m) => m.type === 'error' || m.type === 'next'))).toBe(true);
    expect(p.messages.find((m) => m.type === 'error')).toBeDefined();
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  }, 60_000);

  it('W7: requests stuck behind a lock another session holds are cancelled at the statement limit with QUERY_TIMEOUT; the pool recovers', async () => {
    // The database operator's session (the embedded server's own credentials): a long maintenance lock on the people table.
    const owner = JSON.parse(await readFile(join(hub.dataDir, 'pg-owner.json'), 'utf8')) as { port: number };
    const password = (await readFile(join(hub.dataDir, 'pg-password'), 'utf8')).trim();
    const operator = new pg.Client({ host: '127.0.0.1', port: owner.port, user: 'postgres', password, database: 'hub' });
    await operator.connect();
    const token = tokens['probation.officer'];
    try {
      await operator.query('BEGIN');
      await operator.query('LOCK TABLE person IN ACCESS EXCLUSIVE MODE');
      const stuck = await Promise.all(
        [1, 2, 3].map(() => gql(hub, '{ people(search: "a", first: 5) { edges { node { id } } } }', {}, token)),
      );
      for (const res of stuck) {
        expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TIMEOUT']);
        expect(JSON.stringify(res.errors)).not.toMatch(/canceling statement|57014|stack/i);
      }
    } finally {
      await operator.query('ROLLBACK').catch(() => undefined);
      await operator.end();
    }
    const after = await gql(hub, '{ people(search: "a", first: 5) { edges { node { id } } } }', {}, token);
    expect(after.errors).toBeUndefined();
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  }, 60_000);

  it('W8: the GraphQL-over-HTTP conformance audits of graphql-http: every MUST passes', async () => {
    const token = tokens['probation.officer'];
    const signed = (input: string | URL | Request, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    };
    const musts = serverAudits({ url: `${hub.url}/graphql`, fetchFn: signed }).filter((a) => a.name.startsWith('MUST'));
    expect(musts.length).toBeGreaterThanOrEqual(10);
    const failures: string[] = [];
    for (const audit of musts) {
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${audit.id} ${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  }, 60_000);
});
