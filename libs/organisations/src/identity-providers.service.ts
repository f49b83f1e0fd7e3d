import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, ErrorCode, HubError, NotFoundError, ValidationError } from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { SecretBoxService } from '@hub/database';
import { OutboxService } from '@hub/events';
import { AdminPolicy } from './admin-policy.js';
import { OrganisationIdentityProvider } from './identity-provider.entity.js';
import type { SetIdentityProviderInput } from './identity-provider.inputs.js';
import type { IdentityProviderModel } from './identity-provider.model.js';
import { Organisation } from './organisation.entity.js';

/** What a sign-in needs of an organisation's provider: the client secret in clear. */
export interface ProviderForSignIn {
  organisationId: string;
  organisationName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  identityClaim: string;
  mfaRequired: boolean;
  mfaAcrValues: string[];
  provisionUsers: boolean;
}

const secretContext = (organisationId: string) => `identity-provider:${organisationId}`;

/**
 * Each organisation's own OpenID Connect provider: set, read (never its secret) and removed by the
 * organisation's admins (or hub admins); read with its secret by the sign-in (libs/auth).
 */
@Injectable()
export class IdentityProvidersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly outbox: OutboxService,
    private readonly secrets: SecretBoxService,
  ) {}

  async get(actor: Actor, organisationId: string): Promise<IdentityProviderModel | null> {
    const org = await this.db.getRepository(Organisation).findOneBy({ id: organisationId });
    if (!org || !AdminPolicy.canManageMembersOf(actor, organisationId)) throw new NotFoundError('Organisation');
    const provider = await this.db.getRepository(OrganisationIdentityProvider).findOneBy({ organisationId });
    return provider ? model(provider, org) : null;
  }

  async set(actor: Actor, input: SetIdentityProviderInput): Promise<IdentityProviderModel> {
    const organisationId = input.organisationId ?? actor.organisationId;
    const issuer = input.issuer.replace(/\/+$/, '');
    if (this.config.nodeEnv === 'production' && !issuer.startsWith('https://')) {
      throw new ValidationError([{ field: 'issuer', messages: ['must be an https URL'] }]);
    }
    return this.db.transaction(async (m) => {
      const org = await m.findOne(Organisation, { where: { id: organisationId }, lock: { mode: 'pessimistic_write' } });
      if (!org || !AdminPolicy.canManageMembersOf(actor, organisationId)) throw new NotFoundError('Organisation');
      const existing = await m.findOneBy(OrganisationIdentityProvider, { organisationId });
      if (!existing && !input.clientSecret) {
        throw new ValidationError([{ field: 'clientSecret', messages: ['is needed for a new provider'] }]);
      }
      const row: OrganisationIdentityProvider = {
        ...(existing ?? ({} as OrganisationIdentityProvider)),
        organisationId,
        issuer,
        clientId: input.clientId,
        clientSecret: input.clientSecret
          ? await this.secrets.seal(input.clientSecret, secretContext(organisationId))
          : existing!.clientSecret,
        identityClaim: input.identityClaim ?? existing?.identityClaim ?? 'sub',
        mfaRequired: input.mfaRequired ?? existing?.mfaRequired ?? false,
        mfaAcrValues: [...new Set(input.mfaAcrValues ?? existing?.mfaAcrValues ?? [])],
        provisionUsers: input.provisionUsers ?? existing?.provisionUsers ?? false,
      };
      const changed = (['issuer', 'clientId', 'identityClaim', 'mfaRequired', 'mfaAcrValues', 'provisionUsers'] as const).filter(
        (k) => !existing || JSON.stringify(existing[k]) !== JSON.stringify(row[k]),
      );
      if (input.clientSecret) changed.push('clientSecret' as never);
      const saved = await m.save(OrganisationIdentityProvider, row);
      if (input.passwordSignIn !== undefined && input.passwordSignIn !== org.passwordSignIn) {
        org.passwordSignIn = input.passwordSignIn;
        await m.update(Organisation, { id: organisationId }, { passwordSignIn: input.passwordSignIn });
        changed.push('passwordSignIn' as never);
      }
      await this.outbox.emit(m, actor, {
        type: 'organisation.identity_provider_set',
        aggregateType: 'organisation',
        aggregateId: organisationId,
        payload: { issuer, changed },
      });
      return model(saved, org);
    });
  }

  /** Removes the provider; the organisation's users sign in with hub passwords again (password sign-in is turned back on). */
  async remove(actor: Actor, organisationId: string): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const org = await m.findOne(Organisation, { where: { id: organisationId }, lock: { mode: 'pessimistic_write' } });
      if (!org || !AdminPolicy.canManageMembersOf(actor, organisationId)) throw new NotFoundError('Organisation');
      const { affected } = await m.delete(OrganisationIdentityProvider, { organisationId });
      if (!affected) return false;
      if (!org.passwordSignIn) await m.update(Organisation, { id: organisationId }, { passwordSignIn: true });
      await this.outbox.emit(m, actor, {
        type: 'organisation.identity_provider_removed',
        aggregateType: 'organisation',
        aggregateId: organisationId,
        payload: {},
      });
      return true;
    });
  }

  /** The provider of an active organisation, secret opened; null when it has none. */
  async forSignIn(organisationId: string): Promise<ProviderForSignIn | null> {
    const row = await this.db
      .getRepository(OrganisationIdentityProvider)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.organisation', 'o')
      .where('p.organisation_id = :organisationId AND o.active', { organisationId })
      .getOne();
    if (!row?.organisation) return null;
    return {
      organisationId,
      organisationName: row.organisation.name,
      issuer: row.issuer,
      clientId: row.clientId,
      clientSecret: await this.secrets.open(row.clientSecret, secretContext(organisationId)),
      identityClaim: row.identityClaim,
      mfaRequired: row.mfaRequired,
      mfaAcrValues: row.mfaAcrValues,
      provisionUsers: row.provisionUsers,
    };
  }

  /** The active organisations whose staff may sign in through a provider, by name (the sign-in page's choice). */
  async signInChoices(): Promise<{ organisationId: string; name: string }[]> {
    const rows: { organisation_id: string; name: string }[] = await this.db.query(
      `SELECT p.organisation_id, o.name FROM organisation_identity_provider p JOIN organisation o ON o.id = p.organisation_id
        WHERE o.active ORDER BY o.name LIMIT 500`,
    );
    return rows.map((r) => ({ organisationId: r.organisation_id, name: r.name }));
  }

  /** The issuer of an organisation's provider, for linking its users; INVALID_STATE when it has none. */
  async issuerOf(organisationId: string): Promise<string> {
    const row = await this.db.getRepository(OrganisationIdentityProvider).findOneBy({ organisationId });
    if (!row) throw new HubError(ErrorCode.InvalidState, 'The organisation has no identity provider: set one first (setIdentityProvider)');
    return row.issuer;
  }
}

function model(p: OrganisationIdentityProvider, org: Organisation): IdentityProviderModel {
  return {
    organisationId: p.organisationId,
    issuer: p.issuer,
    clientId: p.clientId,
    identityClaim: p.identityClaim,
    mfaRequired: p.mfaRequired,
    mfaAcrValues: p.mfaAcrValues,
    provisionUsers: p.provisionUsers,
    passwordSignIn: org.passwordSignIn,
    updatedAt: p.updatedAt,
  };
}
