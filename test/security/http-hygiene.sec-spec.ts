import { gql, signIn, startHubAsUser, type StartedHub } from './support/started-hub.js';

const PARTNER = 'https://app.partner.example';

describe('HTTP hygiene: security headers, CORS by allow-list, request ids', () => {
  let hub: StartedHub;
  let officer: string;
  let dpo: string;
  let personId: string;
  // Starting a hub (embedded PostgreSQL, migrations, demo world) takes a minute or more on a loaded machine.
  beforeAll(async () => {
    hub = await startHubAsUser({ env: { CORS_ORIGINS: PARTNER, HSTS_MAX_AGE: '31536000' } });
    officer = await signIn(hub, 'probation.officer');
    dpo = await signIn(hub, 'probation.dpo');
    const found = await gql<{ people: { edges: { node: { id: string } }[] } }>(
      hub,
      '{ people(first: 1) { edges { node { id } } } }',
      {},
      officer,
    );
    personId = found.data!.people.edges[0].node.id;
  }, 180_000);
  afterAll(() => hub?.stop(), 30_000);

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${hub.url}${path}`, { headers });

  it('every answer carries nosniff, no-referrer, DENY framing and a CSP; person data is never cached; HSTS as configured', async () => {
    const person = await gql(hub, 'query($id: ID!) { person(id: $id) { id givenName offenceSummary } }', { id: personId }, officer);
    expect(person.errors).toBeUndefined();
    const answers = [
      ['person data', person.headers],
      [
        'sign-in',
        (await fetch(`${hub.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).headers,
      ],
      ['health', (await get('/health/ready')).headers],
      ['portal page', (await get('/')).headers],
      ['unknown route', (await get('/graphql/nothing-here')).headers],
    ] as const;
    for (const [what, headers] of answers) {
      const seen = {
        what,
        nosniff: headers.get('x-content-type-options'),
        referrer: headers.get('referrer-policy'),
        frame: headers.get('x-frame-options'),
        ancestors: (headers.get('content-security-policy') ?? '').includes("frame-ancestors 'none'"),
        hsts: headers.get('strict-transport-security'),
      };
      expect(seen).toEqual({ what, nosniff: 'nosniff', referrer: 'no-referrer', frame: 'DENY', ancestors: true, hsts: 'max-age=31536000' });
    }
    expect(person.headers.get('cache-control')).toBe('no-store');
    expect(person.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    // The portal's pages run only the hub's own scripts.
    expect((await get('/')).headers.get('content-security-policy')).toMatch(/default-src 'self'.*object-src 'none'/);
  });

  it('CORS: the allowed origin gets its headers, another origin none; preflight answers the one and refuses the other', async () => {
    const query = JSON.stringify({ query: '{ viewer { name } }' });
    const call = (origin: string) =>
      fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${officer}` },
        body: query,
      });
    const allowed = await call(PARTNER);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(allowed.headers.get('vary')).toMatch(/Origin/);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const other = await call('https://evil.example');
    expect([...other.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);

    const preflight = (origin: string) =>
      fetch(`${hub.url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, x-purpose',
        },
      });
    const ok = await preflight(PARTNER);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(ok.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/authorization.*content-type.*x-purpose/);
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'CORS_ORIGIN_NOT_ALLOWED' });
    expect([...refused.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
    // An origin that differs only in scheme or port is another origin.
    expect((await call('http://app.partner.example')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await call(`${PARTNER}:8443`)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a long X-Request-Id with markup is neither echoed nor stored in the audit log; a well-formed one is kept', async () => {
    const hostile = `${'x'.repeat(3_000)}<script>alert(1)</script>`;
    const read = 'query($id: ID!) { person(id: $id) { id offenceSummary } }';
    const bad = await gql(hub, read, { id: personId }, officer, { 'x-request-id': hostile });
    expect(bad.errors).toBeUndefined();
    const replaced = bad.headers.get('x-request-id')!;
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    const good = await gql(hub, read, { id: personId }, officer, { 'x-request-id': 'partner-trace.42:abc' });
    expect(good.headers.get('x-request-id')).toBe('partner-trace.42:abc');
    for (const hostileHeader of ['<b>x</b>', 'a b', 'é', 'x'.repeat(129)]) {
      const answer = await gql(hub, '{ viewer { name } }', {}, officer, { 'x-request-id': hostileHeader });
      expect(answer.headers.get('x-request-id')).not.toBe(hostileHeader);
    }

    const log = await gql<{ personAccessLog: { requestId: string | null; action: string }[] }>(
      hub,
      'query($id: ID!) { personAccessLog(personId: $id, first: 500) { requestId action } }',
      { id: personId },
      dpo,
    );
    expect(log.errors).toBeUndefined();
    const ids = log.data!.personAccessLog.map((e) => e.requestId ?? '');
    expect(ids).toContain(replaced);
    expect(ids).toContain('partner-trace.42:abc');
    expect(ids.filter((id) => id.length > 128 || /[<>]/.test(id))).toEqual([]);
    expect(await hub.aliveAndReady()).toEqual({ live: 200, ready: 200 });
  });
});
