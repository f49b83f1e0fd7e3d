import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import {
  type Actor,
  AlreadyExistsError,
  ConflictError,
  type CountedConnection,
  decodeCursor,
  encodeCursor,
  isUniqueViolation,
  NotFoundError,
  type PageArgs,
  pageSize,
  ValidationError,
} from '@hub/common';
import { OutboxService } from '@hub/events';
import { requireOrganisationAdmin } from './admin-policy.js';
import type { CreateOrganisationInput } from './create-organisation.input.js';
import { Organisation } from './organisation.entity.js';
import { RegionsService } from './regions.service.js';
import type { UpdateOrganisationInput } from './update-organisation.input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The directory of partner organisations. Any signed-in actor may read it; hub admins change it. */
@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
    private readonly vocabulary: RegionsService,
  ) {}

  list(): Promise<Organisation[]> {
    return this.db.getRepository(Organisation).find({ order: { name: 'ASC' } });
  }

  /** The directory by name (then id), `page.first` (1 to 500, default 100) at a time after `page.after`, with the whole count. */
  async page(page: PageArgs): Promise<CountedConnection<Organisation>> {
    const first = pageSize(page.first, 100, 500);
    const repo = this.db.getRepository(Organisation);
    const qb = repo.createQueryBuilder('o');
    if (page.after) {
      const [name, id] = decodeCursor(page.after, 2);
      if (typeof name !== 'string' || typeof id !== 'string' || !UUID.test(id))
        throw new ValidationError([{ field: 'after', messages: ['not a cursor from this list'] }]);
      qb.where('(o.name, o.id) > (:afterName, CAST(:afterId AS uuid))', { afterName: name, afterId: id });
    }
    const [rows, totalCount] = await Promise.all([
      qb
        .orderBy('o.name', 'ASC')
        .addOrderBy('o.id', 'ASC')
        .limit(first + 1)
        .getMany(),
      repo.count(),
    ]);
    const edges = rows.slice(0, first).map((o) => ({ cursor: encodeCursor([o.name, o.id]), node: o }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
  }

  async get(id: string): Promise<Organisation> {
    const found = await this.db.getRepository(Organisation).findOneBy({ id });
    if (!found) throw new NotFoundError('Organisation');
    return found;
  }

  /** The organisations with these ids (the unknown ones are left out); `m`: inside the caller's transaction. */
  byIds(ids: readonly string[], m: EntityManager = this.db.manager): Promise<Organisation[]> {
    return ids.length ? m.getRepository(Organisation).findBy({ id: In([...ids]) }) : Promise.resolve([]);
  }

  async create(actor: Actor, input: CreateOrganisationInput): Promise<Organisation> {
    requireOrganisationAdmin(actor);
    return this.insert(actor, input);
  }

  /** For the operator's own tools (CLI, demo seeding), which run with no actor. */
  createUnchecked(input: CreateOrganisationInput): Promise<Organisation> {
    return this.insert(null, input);
  }

  private async insert(actor: Actor | null, input: CreateOrganisationInput): Promise<Organisation> {
    try {
      return await this.db.transaction(async (m) => {
        const org = await m.save(
          m.create(Organisation, {
            name: input.name.trim(),
            kind: input.kind,
            regions: (await this.vocabulary.resolveAll(input.regions, 'regions', m)) ?? [],
            services: [...new Set(input.services)],
            capacity: input.capacity ?? null,
          }),
        );
        await this.outbox.emit(m, actor, {
          type: 'organisation.created',
          aggregateType: 'organisation',
          aggregateId: org.id,
          payload: { name: org.name, kind: org.kind },
        });
        return org;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AlreadyExistsError('An organisation with this name already exists', { field: 'name' });
      throw err;
    }
  }

  async update(actor: Actor, input: UpdateOrganisationInput): Promise<Organisation> {
    requireOrganisationAdmin(actor);
    try {
      return await this.db.transaction(async (m) => {
        const org = await m.findOne(Organisation, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
        if (!org) throw new NotFoundError('Organisation');
        if (org.version !== input.version) {
          throw new ConflictError('The organisation was changed by someone else; reload and try again', { currentVersion: org.version });
        }
        const changes: Partial<Organisation> = {};
        if (input.name !== undefined) changes.name = input.name.trim();
        if (input.regions !== undefined) changes.regions = await this.vocabulary.resolveAll(input.regions, 'regions', m);
        if (input.services !== undefined) changes.services = [...new Set(input.services)];
        if (input.capacity !== undefined) changes.capacity = input.capacity;
        if (input.supportAreas !== undefined) changes.supportAreas = [...new Set(input.supportAreas)];
        if (input.active !== undefined) changes.active = input.active;
        // Its members' and clients' tokens from before a deactivation stay dead once it is active again.
        if (input.active === false && org.active) changes.tokensValidAfter = new Date();
        const saved = await m.save(Organisation, { ...org, ...changes });
        await this.outbox.emit(m, actor, {
          type: 'organisation.updated',
          aggregateType: 'organisation',
          aggregateId: org.id,
          payload: { changed: Object.keys(changes) },
        });
        return saved;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AlreadyExistsError('An organisation with this name already exists', { field: 'name' });
      throw err;
    }
  }
}
