import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as oidc from 'openid-client';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { IdentityProvidersService, type ProviderForSignIn, UsersService, type UserWithOrganisation } from '@hub/organisations';
import { OidcSignIn } from './oidc-sign-in.entity.js';
import { clientAddressKey } from './sign-in-throttle.js';

/** Why a sign-in through a provider was refused: shown by the portal (`/sign-in?error=<reason>`), never more. */
export const OidcRefusal = {
  /** No sign-in of this browser is waiting (no cookie, another browser, already used, or past its 10 minutes). */
  NoSignIn: 'OIDC_NO_SIGN_IN',
  /** The `state` the provider sent back is not the one this browser's sign-in sent. */
  StateMismatch: 'OIDC_STATE_MISMATCH',
  /** The provider answered with an error (the user cancelled, or the provider refused). */
  ProviderRefused: 'OIDC_PROVIDER_REFUSED',
  /** The provider could not be reached, or its discovery document is not usable. */
  ProviderUnavailable: 'OIDC_PROVIDER_UNAVAILABLE',
  /** The provider refused the code (already used, expired, or not issued to the hub). */
  CodeRejected: 'OIDC_CODE_REJECTED',
  /** The ID token's issuer is not the organisation's provider. */
  WrongIssuer: 'OIDC_WRONG_ISSUER',
  /** The ID token is not for the hub's client (its audience). */
  WrongAudience: 'OIDC_WRONG_AUDIENCE',
  /** The ID token has expired, or is not yet valid, or was issued too long ago. */
  TokenExpired: 'OIDC_TOKEN_EXPIRED',
  /** The ID token does not answer this sign-in (its nonce), or fails another check. */
  InvalidToken: 'OIDC_INVALID_TOKEN',
  /** The organisation asks for a second factor and the sign-in shows none (amr, acr). */
  MfaRequired: 'OIDC_MFA_REQUIRED',
  /** The identity is linked to no user of the organisation, and the organisation does not create users at first sign-in. */
  NotLinked: 'OIDC_NOT_LINKED',
  /** The user or its organisation is deactivated. */
  AccountInactive: 'OIDC_ACCOUNT_INACTIVE',
} as const;
export type OidcRefusal = (typeof OidcRefusal)[keyof typeof OidcRefusal];

export class OidcSignInError extends Error {
  constructor(
    readonly reason: OidcRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** How long a started sign-in waits for the provider's answer, then for the portal to take its token. */
export const SIGN_IN_TTL_SECONDS = 600;
/** Sign-ins waiting at once per client address (a start beyond it is refused with RATE_LIMITED). */
export const PENDING_PER_ADDRESS = 20;
const DISCOVERY_CACHE_MS = 10 * 60_000;

/** RFC 8176 `amr` values that show a second factor by themselves. */
const MFA_AMR = new Set(['mfa']);

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

interface Discovered {
  config: oidc.Configuration;
  at: number;
  key: string;
}

/**
 * Staff sign-in through their organisation's own OpenID Connect provider: the authorization code flow
 * with PKCE (openid-client), the state, nonce and verifier kept by the hub for the browser that began
 * it (a random cookie, only its hash stored), each sign-in used once. A successful one ends with the
 * hub's own token, issued as for a password sign-in (TokensService), so nothing after sign-in differs.
 */
@Injectable()
export class OidcSignInService {
  private readonly logger = new Logger('OidcSignIn');
  private readonly discovered = new Map<string, Discovered>();

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly providers: IdentityProvidersService,
    private readonly users: UsersService,
  ) {}

  choices(): Promise<{ organisationId: string; name: string }[]> {
    return this.providers.signInChoices();
  }

  /**
   * Begins a sign-in: the provider's authorization URL to send the browser to, and the cookie value that
   * binds the sign-in to it. Null when the organisation has no provider (or is not active).
   * Throws 'RATE_LIMITED' when the address has too many sign-ins waiting.
   */
  async start(
    organisationId: string,
    redirectUri: string,
    address: string | undefined,
  ): Promise<{ url: string; browserKey: string } | null> {
    const provider = await this.providers.forSignIn(organisationId);
    if (!provider) return null;
    const clientAddress = clientAddressKey(address);
    await this.db.query('DELETE FROM oidc_sign_in WHERE expires_at < now()');
    const [{ n }] = (await this.db.query('SELECT count(*)::int AS n FROM oidc_sign_in WHERE client_address = $1', [clientAddress])) as {
      n: number;
    }[];
    if (n >= PENDING_PER_ADDRESS) throw new Error('RATE_LIMITED');
    const config = await this.discover(provider);
    const browserKey = randomBytes(32).toString('base64url');
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    await this.db.getRepository(OidcSignIn).insert({
      browserKeyHash: sha256(browserKey),
      organisationId,
      state,
      nonce,
      codeVerifier,
      clientAddress,
      userId: null,
      expiresAt: new Date(Date.now() + SIGN_IN_TTL_SECONDS * 1000),
    });
    const parameters: Record<string, string> = {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    };
    if (provider.mfaRequired && provider.mfaAcrValues.length) parameters.acr_values = provider.mfaAcrValues.join(' ');
    return { url: oidc.buildAuthorizationUrl(config, parameters).href, browserKey };
  }

  /**
   * The provider's answer at the callback (`callbackUrl`: the fixed redirect URI with the answer's query).
   * Takes this browser's waiting sign-in, checks everything, and leaves it marked with the user whose
   * token the portal will take (`takeToken`). Throws OidcSignInError with the reason on any refusal.
   */
  async complete(browserKey: string | undefined, callbackUrl: URL): Promise<void> {
    if (!browserKey) throw new OidcSignInError(OidcRefusal.NoSignIn, 'No sign-in of this browser is waiting');
    // Taken in one statement: a second callback of the same browser (a replayed code) finds nothing.
    const rows = (await this.db.query(
      `DELETE FROM oidc_sign_in WHERE browser_key_hash = $1 AND user_id IS NULL AND expires_at > now()
       RETURNING organisation_id, state, nonce, code_verifier, client_address`,
      [sha256(browserKey)],
    )) as [{ organisation_id: string; state: string; nonce: string; code_verifier: string; client_address: string }[], number];
    const pending = rows[0]?.[0];
    if (!pending) throw new OidcSignInError(OidcRefusal.NoSignIn, 'No sign-in of this browser is waiting');
    if (callbackUrl.searchParams.get('state') !== pending.state) {
      throw new OidcSignInError(OidcRefusal.StateMismatch, 'The answer does not belong to the sign-in this browser began');
    }
    const provider = await this.providers.forSignIn(pending.organisation_id);
    if (!provider) throw new OidcSignInError(OidcRefusal.AccountInactive, 'The organisation no longer signs in through a provider');
    const config = await this.discover(provider);
    let claims: oidc.IDToken;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.code_verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const c = tokens.claims();
      if (!c) throw new OidcSignInError(OidcRefusal.InvalidToken, 'The provider sent no ID token');
      claims = c;
    } catch (err) {
      throw refusalOf(err);
    }
    // openid-client has checked the signature, iss, aud, azp, nonce, exp and iat; the lifetime is held to the hub's rule too.
    const now = Math.floor(Date.now() / 1000);
    if (
      claims.exp - claims.iat > this.config.auth.externalTokenMaxLifetimeSeconds ||
      claims.iat > now + this.config.auth.clockSkewSeconds
    ) {
      throw new OidcSignInError(OidcRefusal.TokenExpired, 'The ID token lives longer than the hub accepts');
    }
    if (provider.mfaRequired && !showsSecondFactor(claims as Record<string, unknown>, provider.mfaAcrValues)) {
      throw new OidcSignInError(OidcRefusal.MfaRequired, 'Your organisation asks for a second factor: sign in with it at your provider');
    }
    const user = await this.userFor(provider, claims);
    await this.db.getRepository(OidcSignIn).insert({
      browserKeyHash: sha256(browserKey),
      organisationId: provider.organisationId,
      state: pending.state,
      nonce: pending.nonce,
      codeVerifier: '',
      clientAddress: pending.client_address,
      userId: user.user.id,
      expiresAt: new Date(Date.now() + 60_000),
    });
  }

  /** The user a completed sign-in of this browser is for (once: it is taken), or null. */
  async takeCompleted(browserKey: string | undefined): Promise<UserWithOrganisation | null> {
    if (!browserKey) return null;
    const rows = (await this.db.query(
      `DELETE FROM oidc_sign_in WHERE browser_key_hash = $1 AND user_id IS NOT NULL AND expires_at > now() RETURNING user_id`,
      [sha256(browserKey)],
    )) as [{ user_id: string }[], number];
    const userId = rows[0]?.[0]?.user_id;
    return userId ? this.users.findActive(userId) : null;
  }

  private async userFor(provider: ProviderForSignIn, claims: oidc.IDToken): Promise<UserWithOrganisation> {
    const value = claims[provider.identityClaim];
    if (typeof value !== 'string' || !value || value.length > 500) {
      throw new OidcSignInError(OidcRefusal.InvalidToken, `The ID token carries no ${provider.identityClaim}`);
    }
    if (provider.identityClaim === 'email' && claims.email_verified === false) {
      throw new OidcSignInError(OidcRefusal.InvalidToken, 'The provider says the email address is not verified');
    }
    const subject = provider.identityClaim === 'email' ? value.trim().toLowerCase() : value;
    const linked = await this.users.findLinkedUser(provider.organisationId, provider.issuer, subject);
    if (linked.state === 'active') return linked.found;
    if (linked.state === 'inactive') throw new OidcSignInError(OidcRefusal.AccountInactive, 'Your account is deactivated');
    const notLinked = new OidcSignInError(
      OidcRefusal.NotLinked,
      `Your ${provider.organisationName} account is not linked to a user of the hub: ask your organisation's admin to link it`,
    );
    if (linked.state === 'elsewhere' || !provider.provisionUsers) throw notLinked;
    const email = typeof claims.email === 'string' && claims.email_verified !== false ? claims.email : undefined;
    if (!email || email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email)) throw notLinked;
    const name = typeof claims.name === 'string' ? claims.name : email;
    const created = await this.users.provision(provider.organisationId, { issuer: provider.issuer, subject, email, name });
    if (!created) throw notLinked;
    this.logger.log(`provisioned a user of organisation ${provider.organisationId} at its first sign-in`);
    return created;
  }

  private async discover(provider: ProviderForSignIn): Promise<oidc.Configuration> {
    const key = JSON.stringify([provider.issuer, provider.clientId, sha256(provider.clientSecret)]);
    const cached = this.discovered.get(provider.organisationId);
    if (cached && cached.key === key && Date.now() - cached.at < DISCOVERY_CACHE_MS) return cached.config;
    try {
      const insecure = this.config.nodeEnv !== 'production' && provider.issuer.startsWith('http://');
      const config = await oidc.discovery(
        new URL(provider.issuer),
        provider.clientId,
        { id_token_signed_response_alg: 'RS256' },
        oidc.ClientSecretBasic(provider.clientSecret),
        { timeout: 10, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}) },
      );
      this.discovered.set(provider.organisationId, { config, at: Date.now(), key });
      return config;
    } catch (err) {
      this.logger.warn(`discovery of ${provider.issuer} failed: ${(err as Error).message}`);
      throw new OidcSignInError(OidcRefusal.ProviderUnavailable, 'Your organisation’s identity provider could not be reached');
    }
  }
}

/** `amr` holding `mfa` (RFC 8176), or an `acr` the organisation names as a second-factor level. */
export function showsSecondFactor(claims: { amr?: unknown; acr?: unknown }, mfaAcrValues: string[]): boolean {
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  if (amr.some((v) => typeof v === 'string' && MFA_AMR.has(v))) return true;
  return typeof claims.acr === 'string' && mfaAcrValues.includes(claims.acr);
}

interface Failure {
  code?: string;
  error?: string;
  cause?: unknown;
  message?: string;
  claim?: string;
}

/** openid-client's (oauth4webapi's) errors as refusals a person can be told. */
export function refusalOf(err: unknown): OidcSignInError {
  if (err instanceof OidcSignInError) return err;
  const e = err as Failure;
  // openid-client wraps oauth4webapi's error (same code) around the one whose cause names the claim.
  const inner = e.cause instanceof Error ? (e.cause as Failure) : e;
  const detail = (inner.cause ?? {}) as Failure;
  const claim = detail.claim;
  const message = `${e.message ?? ''} ${inner.message ?? ''}`;
  if (e.code === 'OAUTH_AUTHORIZATION_RESPONSE_ERROR')
    return new OidcSignInError(OidcRefusal.ProviderRefused, 'The provider did not sign you in');
  if (e.code === 'OAUTH_RESPONSE_BODY_ERROR' && e.error === 'invalid_grant') {
    return new OidcSignInError(OidcRefusal.CodeRejected, 'The provider refused the sign-in code (already used or expired)');
  }
  if (e.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && claim === 'iss') {
    return new OidcSignInError(OidcRefusal.WrongIssuer, 'The ID token is not from your organisation’s provider');
  }
  if (e.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && (claim === 'aud' || claim === 'azp')) {
    return new OidcSignInError(OidcRefusal.WrongAudience, 'The ID token is not for the hub');
  }
  if (e.code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return new OidcSignInError(OidcRefusal.TokenExpired, 'The ID token has expired');
  if (e.code === 'OAUTH_INVALID_RESPONSE' && message.includes('"iss"')) {
    return new OidcSignInError(OidcRefusal.WrongIssuer, 'The answer is not from your organisation’s provider');
  }
  if (e.code === 'OAUTH_INVALID_RESPONSE' && message.includes('"state"')) {
    return new OidcSignInError(OidcRefusal.StateMismatch, 'The answer does not belong to the sign-in this browser began');
  }
  if (e.code === 'OAUTH_RESPONSE_BODY_ERROR') return new OidcSignInError(OidcRefusal.CodeRejected, 'The provider refused the sign-in code');
  if (e instanceof TypeError || (e.message ?? '').includes('fetch failed')) {
    return new OidcSignInError(OidcRefusal.ProviderUnavailable, 'Your organisation’s identity provider could not be reached');
  }
  return new OidcSignInError(OidcRefusal.InvalidToken, 'The provider’s answer did not pass the hub’s checks');
}
