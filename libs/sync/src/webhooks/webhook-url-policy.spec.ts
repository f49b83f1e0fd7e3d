import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendWebhook } from './webhook-sender.js';
import {
  isPublicAddress,
  type Resolver,
  WEBHOOK_RULE,
  type WebhookUrlPolicy,
  webhookLookup,
  webhookResolvedProblem,
  webhookUrlProblem,
} from './webhook-url-policy.js';

const strict: WebhookUrlPolicy = { mode: 'public-https', allowedHosts: [], allowedCidrs: [] };
const any: WebhookUrlPolicy = { mode: 'any', allowedHosts: [], allowedCidrs: [] };
const resolvesTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('the webhook URL policy', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '0.1.2.3',
    '224.0.0.1',
    '255.255.255.255',
    '240.0.0.1',
    '192.0.2.10',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '64:ff9b::a00:1',
    '2002:a00:1::1',
    'ff02::1',
  ])('treats %s as not public', (address) => expect(isPublicAddress(address)).toBe(false));

  it.each(['8.8.8.8', '151.101.1.69', '2606:4700:4700::1111'])('treats %s as public', (address) =>
    expect(isPublicAddress(address)).toBe(true),
  );

  it.each([
    ['http://receiver.example.org/hook', WEBHOOK_RULE.https],
    ['https://127.0.0.1/hook', WEBHOOK_RULE.publicAddress],
    ['https://10.0.0.1/hook', WEBHOOK_RULE.publicAddress],
    ['https://169.254.169.254/latest/meta-data', WEBHOOK_RULE.publicAddress],
    ['https://[::1]/hook', WEBHOOK_RULE.publicAddress],
    ['https://[::ffff:127.0.0.1]/hook', WEBHOOK_RULE.publicAddress],
    ['https://[fe80::1]/hook', WEBHOOK_RULE.publicAddress],
    ['https://2130706433/hook', WEBHOOK_RULE.publicAddress],
    ['https://0x7f.1/hook', WEBHOOK_RULE.publicAddress],
    ['https://localhost/hook', WEBHOOK_RULE.publicAddress],
    ['https://localhost./hook', WEBHOOK_RULE.publicAddress],
    ['https://api.localhost/hook', WEBHOOK_RULE.publicAddress],
    ['https://intranet/hook', WEBHOOK_RULE.publicAddress],
    ['https://user:pw@receiver.example.org/hook', WEBHOOK_RULE.noCredentials],
  ])('refuses %s when strict, naming the rule', (url, rule) => {
    expect(webhookUrlProblem(strict, new URL(url))).toBe(rule);
  });

  it('accepts https to a public address or name when strict, and anything http(s) when the policy is any', () => {
    expect(webhookUrlProblem(strict, new URL('https://receiver.example.org/hook'))).toBeNull();
    expect(webhookUrlProblem(strict, new URL('https://8.8.8.8/hook'))).toBeNull();
    expect(webhookUrlProblem(any, new URL('http://127.0.0.1:3000/hook'))).toBeNull();
  });

  it('lets the operator allow hosts and address ranges, still over https', () => {
    const allowing: WebhookUrlPolicy = {
      mode: 'public-https',
      allowedHosts: ['receiver.internal', '*.corp.example'],
      allowedCidrs: ['10.20.0.0/16'],
    };
    expect(webhookUrlProblem(allowing, new URL('https://10.20.3.4/hook'))).toBeNull();
    expect(webhookUrlProblem(allowing, new URL('https://10.21.3.4/hook'))).toBe(WEBHOOK_RULE.publicAddress);
    expect(webhookUrlProblem(allowing, new URL('https://receiver.internal/hook'))).toBeNull();
    expect(webhookUrlProblem(allowing, new URL('https://hooks.corp.example/hook'))).toBeNull();
    expect(webhookUrlProblem(allowing, new URL('https://corp.example.evil.org/hook'))).toBeNull();
    expect(webhookUrlProblem(allowing, new URL('http://10.20.3.4/hook'))).toBe(WEBHOOK_RULE.https);
  });

  it('checks at save time every address a name resolves to now', async () => {
    const url = new URL('https://receiver.example.org/hook');
    expect(await webhookResolvedProblem(strict, url, resolvesTo('93.184.216.34'))).toBeNull();
    expect(await webhookResolvedProblem(strict, url, resolvesTo('93.184.216.34', '127.0.0.1'))).toBe(WEBHOOK_RULE.publicAddress);
    expect(await webhookResolvedProblem(strict, url, resolvesTo('::ffff:10.1.1.1'))).toBe(WEBHOOK_RULE.publicAddress);
    expect(await webhookResolvedProblem(any, url, resolvesTo('127.0.0.1'))).toBeNull();
  });
});

describe('the connect-time lookup (DNS rebinding)', () => {
  const lookup = (policy: WebhookUrlPolicy, resolver: Resolver, options: object) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: unknown; family?: number }>((done) =>
      webhookLookup(policy, resolver)('rebind.example.org', options, (err, address, family) => done({ err, address, family })),
    );

  it('refuses a name that now resolves to loopback, link-local or a mix of public and private', async () => {
    for (const answer of [['127.0.0.1'], ['169.254.169.254'], ['93.184.216.34', '10.0.0.1'], ['::1'], ['::ffff:127.0.0.1']]) {
      const got = await lookup(strict, resolvesTo(...answer), { all: true });
      expect(got.err?.code).toBe('EWEBHOOKADDRESS');
      const single = await lookup(strict, resolvesTo(...answer), {});
      expect(single.err?.code).toBe('EWEBHOOKADDRESS');
    }
  });

  it('hands the socket the addresses it checked', async () => {
    expect(await lookup(strict, resolvesTo('93.184.216.34', '2606:2800:220:1::1'), { all: true })).toEqual({
      err: null,
      address: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ],
      family: undefined,
    });
    expect(await lookup(strict, resolvesTo('93.184.216.34'), { family: 4 })).toEqual({ err: null, address: '93.184.216.34', family: 4 });
  });
});

describe('sending a webhook', () => {
  let server: Server;
  let port: number;
  const received: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(body);
        res.statusCode = req.url === '/redirect' ? 302 : 200;
        if (req.url === '/redirect') res.setHeader('location', 'http://127.0.0.1:1/elsewhere');
        res.end('a body the log must not echo');
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('refuses, without connecting, a name that resolves to loopback when strict', async () => {
    const before = received.length;
    const result = await sendWebhook(`https://rebind.example.org:${port}/hook`, {}, '{"a":1}', {
      policy: strict,
      timeoutMs: 5_000,
      resolve: resolvesTo('127.0.0.1'),
    });
    expect(result).toEqual({ statusCode: null, connected: false, detail: 'EWEBHOOKADDRESS' });
    expect(received.length).toBe(before);
  });

  it('refuses an address written in the URL, and http, when strict', async () => {
    expect(await sendWebhook(`https://127.0.0.1:${port}/hook`, {}, '{}', { policy: strict, timeoutMs: 5_000 })).toMatchObject({
      statusCode: null,
      connected: false,
    });
    expect(
      await sendWebhook(`http://receiver.example.org:${port}/hook`, {}, '{}', {
        policy: strict,
        timeoutMs: 5_000,
        resolve: resolvesTo('93.184.216.34'),
      }),
    ).toMatchObject({ statusCode: null, connected: false });
  });

  it('connects to the address it resolved and checked (policy any), and does not follow redirects', async () => {
    const ok = await sendWebhook(`http://receiver.example.org:${port}/hook`, { 'content-type': 'application/json' }, '{"n":1}', {
      policy: any,
      timeoutMs: 5_000,
      resolve: resolvesTo('127.0.0.1'),
    });
    expect(ok).toEqual({ statusCode: 200, connected: true, detail: null });
    expect(received.at(-1)).toBe('{"n":1}');
    expect(await sendWebhook(`http://127.0.0.1:${port}/redirect`, {}, '{}', { policy: any, timeoutMs: 5_000 })).toEqual({
      statusCode: 302,
      connected: true,
      detail: null,
    });
  });

  it('says nothing of a closed port but that it did not connect', async () => {
    const closed = await sendWebhook('http://127.0.0.1:1/hook', {}, '{}', { policy: any, timeoutMs: 5_000 });
    expect(closed).toMatchObject({ statusCode: null, connected: false });
  });
});
