import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, NotFoundError } from '@hub/common';
import { OutboxService } from '@hub/events';
import { AdminPolicy, requireMemberAdmin } from './admin-policy.js';
import { ApiClient } from './api-client.entity.js';
import type { CreateApiClientInput } from './create-api-client.input.js';
import { Organisation } from './organisation.entity.js';
import { hashSecret, verifyAgainstDummy, verifySecret } from './password.js';

export interface ClientWithOrganisation {
  client: ApiClient;
  organisation: Organisation;
}

@Injectable()
export class ApiClientsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async list(actor: Actor, organisationId = actor.organisationId, limit?: number): Promise<ApiClient[]> {
    requireMemberAdmin(actor, organisationId);
    return this.db.getRepository(ApiClient).find({ where: { organisationId }, order: { createdAt: 'ASC', id: 'ASC' }, take: limit });
  }

  /** Creates a client; the secret is returned once and only its hash is kept. */
  async create(actor: Actor | null, input: CreateApiClientInput): Promise<{ client: ApiClient; clientSecret: string }> {
    const organisationId = input.organisationId ?? actor?.organisationId;
    if (!organisationId) throw new NotFoundError('Organisation');
    if (actor) requireMemberAdmin(actor, organisationId);
    const clientSecret = `hcs_${randomBytes(32).toString('base64url')}`;
    const secretHash = await hashSecret(clientSecret);
    const client = await this.db.transaction(async (m) => {
      if (!(await m.existsBy(Organisation, { id: organisationId }))) throw new NotFoundError('Organisation');
      const saved = await m.save(
        m.create(ApiClient, {
          organisationId,
          name: input.name.trim(),
          clientId: `hc_${randomBytes(12).toString('hex')}`,
          secretHash,
          scopes: [...new Set(input.scopes)],
        }),
      );
      await this.outbox.emit(m, actor, {
        type: 'api_client.created',
        aggregateType: 'api_client',
        aggregateId: saved.id,
        payload: { organisationId, scopes: saved.scopes },
      });
      delete (saved as Partial<ApiClient>).secretHash;
      return saved;
    });
    return { client, clientSecret };
  }

  async revoke(actor: Actor, id: string): Promise<ApiClient> {
    return this.db.transaction(async (m) => {
      const client = await m.findOne(ApiClient, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!client || !AdminPolicy.canManageMembersOf(actor, client.organisationId)) throw new NotFoundError('API client');
      client.active = false;
      client.tokensValidAfter = new Date();
      const saved = await m.save(client);
      await this.outbox.emit(m, actor, {
        type: 'api_client.revoked',
        aggregateType: 'api_client',
        aggregateId: id,
        payload: {},
      });
      return saved;
    });
  }

  /**
   * A new secret for a client (the old one leaked, or on a schedule): returned once, only its hash kept;
   * the old secret stops working and so does every token issued with it.
   */
  async rotateSecret(actor: Actor, id: string): Promise<{ client: ApiClient; clientSecret: string }> {
    const clientSecret = `hcs_${randomBytes(32).toString('base64url')}`;
    const secretHash = await hashSecret(clientSecret);
    const client = await this.db.transaction(async (m) => {
      const found = await m.findOne(ApiClient, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!found || !AdminPolicy.canManageMembersOf(actor, found.organisationId)) throw new NotFoundError('API client');
      const tokensValidAfter = new Date();
      await m.update(ApiClient, { id }, { secretHash, tokensValidAfter });
      await this.outbox.emit(m, actor, { type: 'api_client.secret_rotated', aggregateType: 'api_client', aggregateId: id, payload: {} });
      return { ...found, tokensValidAfter };
    });
    return { client, clientSecret };
  }

  async verifyCredentials(clientId: string, secret: string): Promise<ClientWithOrganisation | null> {
    const client = await this.db
      .getRepository(ApiClient)
      .createQueryBuilder('c')
      .addSelect('c.secretHash')
      .leftJoinAndSelect('c.organisation', 'o')
      .where('c.clientId = :clientId', { clientId })
      .getOne();
    if (!client || !client.active || !client.organisation?.active) return verifyAgainstDummy(secret).then(() => null);
    if (!(await verifySecret(client.secretHash, secret))) return null;
    await this.db.getRepository(ApiClient).update({ id: client.id }, { lastUsedAt: new Date() });
    return { client, organisation: client.organisation };
  }

  async findActive(id: string): Promise<ClientWithOrganisation | null> {
    const client = await this.db.getRepository(ApiClient).findOne({ where: { id, active: true }, relations: { organisation: true } });
    if (!client?.organisation?.active) return null;
    return { client, organisation: client.organisation };
  }
}
