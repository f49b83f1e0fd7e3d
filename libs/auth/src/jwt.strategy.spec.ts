import 'reflect-metadata';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { jest } from '@jest/globals';
import { SignJWT } from 'jose';
import { Strategy } from 'passport-jwt';
import type { Actor } from '@hub/common';
import type { ExternalIssuerConfig, HubConfig } from '@hub/config';
import type { ApiClientsService, UsersService } from '@hub/organisations';
import type { ExternalIssuersService } from './external-issuers.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import type { SigningKeysService } from './signing-keys.service.js';

const HUB = 'urn:rehab-hub';
const PROVIDER: ExternalIssuerConfig = { issuer: 'https://idp.example', audience: 'hub-at-idp', jwksUri: 'https://idp.example/jwks' };
const config = {
  jwtIssuer: HUB,
  jwtAudience: 'rehab-hub-api',
  externalIssuers: [PROVIDER],
  auth: { hubTokenMaxLifetimeSeconds: 3600, externalTokenMaxLifetimeSeconds: 86400, clockSkewSeconds: 5 },
} as unknown as HubConfig;

const found = {
  user: {
    id: '11111111-1111-4111-8111-111111111111',
    name: 'Pat',
    email: 'pat@example.org',
    roles: ['caseworker'],
    tokensValidAfter: null as Date | null,
  },
  organisation: {
    id: '22222222-2222-4222-8222-222222222222',
    kind: 'charity',
    regions: ['north-west'],
    tokensValidAfter: null as Date | null,
  },
};

type Outcome = { kind: 'success'; actor: Actor } | { kind: 'fail' } | { kind: 'error'; err: unknown };

/**
 * A token verified once is remembered and not verified again while its key is still the issuer's.
 * These run the strategy as passport does, with the issuer's key changing between requests.
 */
describe('JwtStrategy: remembered tokens and a key that changes', () => {
  const pair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
  let hubKey: KeyObject | undefined;
  let providerKey: KeyObject | undefined;
  let verifications: number;
  let strategy: JwtStrategy;

  beforeEach(() => {
    verifications = 0;
    const keys = {
      publicKeyFor: async (kid: string | undefined) => (kid === 'hub-1' ? hubKey : undefined),
    } as unknown as SigningKeysService;
    const external = {
      find: (iss: unknown) => (iss === PROVIDER.issuer ? PROVIDER : undefined),
      keyFor: async (_provider: ExternalIssuerConfig, kid: string | undefined) => (kid === 'idp-1' ? providerKey : undefined),
    } as unknown as ExternalIssuersService;
    const users = { findActive: async () => found, findByIdentity: async () => found } as unknown as UsersService;
    strategy = new JwtStrategy(config, users, {} as ApiClientsService, keys, external);
  });

  const spy = jest.spyOn(Strategy.prototype, 'authenticate');
  afterAll(() => spy.mockRestore());

  /** One request through the strategy, answered as passport answers: success, fail or error. */
  function authenticate(token: string): Promise<Outcome> {
    const before = spy.mock.calls.length;
    return new Promise((resolve) => {
      // passport-jwt's own verification may start later (after the key is looked up): counted when the answer comes.
      const answer = (outcome: Outcome) => {
        verifications += spy.mock.calls.length - before;
        resolve(outcome);
      };
      const s = strategy as unknown as Record<string, unknown>;
      s.success = (actor: Actor) => answer({ kind: 'success', actor });
      s.fail = () => answer({ kind: 'fail' });
      s.error = (err: unknown) => answer({ kind: 'error', err });
      strategy.authenticate({ headers: { authorization: `Bearer ${token}` } } as never);
    });
  }

  const sign = (key: KeyObject, kid: string, iss: string, aud: string, sub: string) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
      .setIssuer(iss)
      .setAudience(aud)
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  const cases: [string, () => { set(key: KeyObject | undefined): void; kid: string; iss: string; aud: string; sub: string }][] = [
    ['the hub’s own key', () => ({ set: (k) => (hubKey = k), kid: 'hub-1', iss: HUB, aud: 'rehab-hub-api', sub: `user:${found.user.id}` })],
    [
      'an identity provider’s key',
      () => ({ set: (k) => (providerKey = k), kid: 'idp-1', iss: PROVIDER.issuer, aud: PROVIDER.audience, sub: 'idp-subject-7' }),
    ],
  ];

  it.each(cases)(
    '%s: remembered while it is the issuer’s; refused once the issuer’s key under that kid is another',
    async (_name, setup) => {
      const issuer = setup();
      const first = pair();
      issuer.set(first.publicKey);
      const token = await sign(first.privateKey, issuer.kid, issuer.iss, issuer.aud, issuer.sub);

      expect(await authenticate(token)).toMatchObject({ kind: 'success', actor: { id: found.user.id } });
      expect(verifications).toBe(1);
      expect(await authenticate(token)).toMatchObject({ kind: 'success', actor: { id: found.user.id } });
      expect(verifications).toBe(1); // remembered: not verified again

      issuer.set(pair().publicKey); // the issuer now publishes another key under the same kid
      expect(await authenticate(token)).toEqual({ kind: 'fail' });
      expect(verifications).toBe(2);
      expect(await authenticate(token)).toEqual({ kind: 'fail' }); // and it is not remembered any more
      expect(verifications).toBe(3);
    },
  );

  it.each(cases)('%s: refused once the issuer no longer publishes the key', async (_name, setup) => {
    const issuer = setup();
    const first = pair();
    issuer.set(first.publicKey);
    const token = await sign(first.privateKey, issuer.kid, issuer.iss, issuer.aud, issuer.sub);
    expect((await authenticate(token)).kind).toBe('success');

    issuer.set(undefined);
    expect((await authenticate(token)).kind).not.toBe('success');
    issuer.set(first.publicKey); // published again: verified again, and accepted
    expect((await authenticate(token)).kind).toBe('success');
  });

  describe('the times, type and invalidation of a token', () => {
    const now = () => Math.floor(Date.now() / 1000);
    let key: ReturnType<typeof pair>;
    beforeEach(() => {
      key = pair();
      hubKey = key.publicKey;
      providerKey = key.publicKey;
      found.user.tokensValidAfter = null;
      found.organisation.tokensValidAfter = null;
    });

    function hubToken(claims: Record<string, unknown>, header: Record<string, unknown> = { typ: 'at+jwt' }) {
      return new SignJWT({ iss: HUB, aud: 'rehab-hub-api', sub: `user:${found.user.id}`, ...claims })
        .setProtectedHeader({ alg: 'ES256', kid: 'hub-1', ...header })
        .sign(key.privateKey);
    }

    it('accepts a well-formed hub token', async () => {
      expect((await authenticate(await hubToken({ iat: now(), exp: now() + 900 }))).kind).toBe('success');
    });

    it.each([
      ['no exp', { iat: now() }, undefined],
      ['no iat', { exp: now() + 900 }, undefined],
      ['a ten-year exp', { iat: now(), exp: now() + 10 * 365 * 86400 }, undefined],
      ['an iat in the future', { iat: now() + 3600, exp: now() + 4000 }, undefined],
      ['no typ', { iat: now(), exp: now() + 900 }, { typ: undefined }],
      ['another typ', { iat: now(), exp: now() + 900 }, { typ: 'JWT' }],
    ] as [string, Record<string, unknown>, Record<string, unknown> | undefined][])(
      'refuses a hub token with %s',
      async (_name, claims, header) => {
        expect((await authenticate(await hubToken(claims, header ?? { typ: 'at+jwt' }))).kind).toBe('fail');
      },
    );

    it('refuses a provider token with no exp or a lifetime past the maximum', async () => {
      const provider = (claims: Record<string, unknown>) =>
        new SignJWT({ iss: PROVIDER.issuer, aud: PROVIDER.audience, sub: 'idp-subject-7', ...claims })
          .setProtectedHeader({ alg: 'ES256', kid: 'idp-1' })
          .sign(key.privateKey);
      expect((await authenticate(await provider({ iat: now(), exp: now() + 3600 }))).kind).toBe('success');
      expect((await authenticate(await provider({ iat: now() }))).kind).toBe('fail');
      expect((await authenticate(await provider({ iat: now(), exp: now() + 2 * 86400 }))).kind).toBe('fail');
    });

    it('refuses a token issued before the user’s or the organisation’s tokens were invalidated, also once remembered', async () => {
      const token = await hubToken({ iat: now() - 10, exp: now() + 900 });
      expect((await authenticate(token)).kind).toBe('success');
      found.user.tokensValidAfter = new Date();
      expect((await authenticate(token)).kind).toBe('fail');
      found.user.tokensValidAfter = null;
      found.organisation.tokensValidAfter = new Date();
      expect((await authenticate(token)).kind).toBe('fail');
      found.organisation.tokensValidAfter = new Date(Date.now() - 60_000);
      expect((await authenticate(token)).kind).toBe('success');
    });
  });
});
