import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type Actor,
  AlreadyExistsError,
  type Connection,
  decodeCursor,
  encodeCursor,
  ErrorCode,
  ForbiddenError,
  HubError,
  isUniqueViolation,
  NotFoundError,
  pageSize,
  Role,
  ValidationError,
} from '@hub/common';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { entityColumns, hydrate, namedQuery } from '@hub/database';
import { OutboxService } from '@hub/events';
import { AdminPolicy, requireMemberAdmin } from './admin-policy.js';
import { Permission, requirePermission } from '@hub/access';
import type { CreateUserInput } from './create-user.input.js';
import { Organisation } from './organisation.entity.js';
import { hashSecret, verifyAgainstDummy, verifySecret } from './password.js';
import { contextWords, requireAcceptablePassword } from './password-rule.js';
import type { UpdateUserInput } from './update-user.input.js';
import { UserIdentity } from './user-identity.entity.js';
import { User } from './user.entity.js';
import { RegionsService } from './regions.service.js';
import { userActor } from './user-actor.js';

export interface UserWithOrganisation {
  user: User;
  organisation: Organisation;
  /** The teams the user belongs to (read with the user on every request: a change is felt at once). */
  teamIds?: string[];
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly vocabulary: RegionsService,
  ) {}

  /** Refuses a password a person chose that breaks the rule (length, published, own context, zxcvbn score). */
  private checkPassword(
    password: string,
    field: string,
    user: { email: string; name: string },
    organisationName: string | undefined,
  ): void {
    requireAcceptablePassword(password, contextWords(user.email, user.name, organisationName), this.config.auth.password, field);
  }

  /** Checks a password; null when the account is unknown, inactive or the password is wrong (same timing). */
  async verifyPassword(email: string, password: string): Promise<UserWithOrganisation | null> {
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
    if (!user?.passwordHash || !user.active) return verifyAgainstDummy(password).then(() => null);
    if (!(await verifySecret(user.passwordHash, password))) return null;
    const organisation = await this.db.getRepository(Organisation).findOneByOrFail({ id: user.organisationId });
    if (!organisation.active) return null;
    await this.db.getRepository(User).update({ id: user.id }, { lastLoginAt: new Date() });
    return { user, organisation };
  }

  /** The active user and its active organisation, or null. Used on every authenticated request. */
  async findActive(id: string): Promise<UserWithOrganisation | null> {
    // One hand-written statement: this runs on every authenticated request.
    const [row] = await namedQuery(
      this.db,
      `SELECT ${entityColumns(this.db, User, 'u', 'u_')}, ${entityColumns(this.db, Organisation, 'o', 'o_')},
              ARRAY(SELECT tm.team_id FROM team_member tm WHERE tm.user_id = u.id) AS team_ids
         FROM user_account u JOIN organisation o ON o.id = u.organisation_id
        WHERE u.id = CAST(:id AS uuid) AND u.active AND o.active`,
      { id },
    );
    if (!row) return null;
    const user = hydrate(this.db, User, row, 'u_');
    user.organisation = hydrate(this.db, Organisation, row, 'o_');
    if (!user?.organisation) return null;
    return { user, organisation: user.organisation, teamIds: row.team_ids as string[] };
  }

  /** Whether the user is an active caseworker or manager of the organisation (a case owner it may allocate to). */
  async isCaseworkerOf(organisationId: string, userId: string, m: EntityManager = this.db.manager): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM user_account WHERE id = $1 AND organisation_id = $2 AND active AND roles && $3::role[]`,
      [userId, organisationId, [Role.CASEWORKER, Role.MANAGER]],
    );
    return rows.length > 0;
  }

  /**
   * Active users with a casework role (caseworker or manager) of an active organisation, as actors
   * (`userActor`), with their email addresses: those named, the members of a team, or the organisation's
   * staff with one of `roles`. At most `limit`, in a stable order. No check of who asks: for the hub's
   * own work (who may be notified or assigned a task, decided by the access policy afterwards).
   */
  async caseworkerActors(
    organisationId: string,
    which: { userIds?: readonly string[]; teamId?: string; roles?: readonly Role[] },
    limit = 200,
    m: EntityManager = this.db.manager,
  ): Promise<Actor[]> {
    const roles = which.roles?.length ? which.roles : [Role.CASEWORKER, Role.MANAGER];
    const rows = await namedQuery(
      m,
      `SELECT ${entityColumns(this.db, User, 'u', 'u_')}, ${entityColumns(this.db, Organisation, 'o', 'o_')},
              ARRAY(SELECT tm.team_id FROM team_member tm WHERE tm.user_id = u.id) AS team_ids
         FROM user_account u JOIN organisation o ON o.id = u.organisation_id
        WHERE u.organisation_id = CAST(:organisationId AS uuid) AND u.active AND o.active
          AND u.roles && CAST(:roles AS role[])
          AND (CAST(:userIds AS uuid[]) IS NULL OR u.id = ANY(CAST(:userIds AS uuid[])))
          AND (CAST(:teamId AS uuid) IS NULL OR EXISTS (SELECT 1 FROM team_member tm WHERE tm.team_id = CAST(:teamId AS uuid) AND tm.user_id = u.id))
        ORDER BY u.id LIMIT :limit`,
      { organisationId, roles, userIds: which.userIds ? [...which.userIds] : null, teamId: which.teamId ?? null, limit },
    );
    return rows.map((row) =>
      userActor(hydrate(this.db, User, row, 'u_'), hydrate(this.db, Organisation, row, 'o_'), row.team_ids as string[]),
    );
  }

  /** Which of these ids are users of the hub (of any organisation). */
  async existing(ids: readonly string[], m: EntityManager = this.db.manager): Promise<Set<string>> {
    const rows: { id: string }[] = ids.length ? await m.query('SELECT id FROM user_account WHERE id = ANY($1::uuid[])', [[...ids]]) : [];
    return new Set(rows.map((r) => r.id));
  }

  /** Users' names by id (the unknown left out). */
  async namesOf(ids: readonly string[], m: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = ids.length
      ? await m.query('SELECT id, name FROM user_account WHERE id = ANY($1::uuid[])', [[...new Set(ids)]])
      : [];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Users as named contacts (name, work email, organisation), by id; the unknown left out. */
  async contactsOf(
    ids: readonly string[],
    m: EntityManager = this.db.manager,
  ): Promise<Map<string, { name: string; email: string; organisationId: string; active: boolean }>> {
    const rows: { id: string; name: string; email: string; organisation_id: string; active: boolean }[] = ids.length
      ? await m.query('SELECT id, name, email, organisation_id, active FROM user_account WHERE id = ANY($1::uuid[])', [[...new Set(ids)]])
      : [];
    return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email, organisationId: r.organisation_id, active: r.active }]));
  }

  async findByIdentity(issuer: string, subject: string): Promise<UserWithOrganisation | null> {
    const link = await this.db.getRepository(UserIdentity).findOneBy({ issuer, subject });
    return link ? this.findActive(link.userId) : null;
  }

  /** A user the actor administers; NOT_FOUND for one of another organisation as for none. */
  async findManaged(actor: Actor, userId: string): Promise<User> {
    const user = await this.db.getRepository(User).findOneBy({ id: userId });
    if (!user || !AdminPolicy.canManageMembersOf(actor, user.organisationId)) throw new NotFoundError('User');
    return user;
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.db.getRepository(User).findOneBy({ email: email.trim().toLowerCase() });
  }

  /** A page of an organisation's users by name (then id), resumed after a cursor holding both. */
  async list(
    actor: Actor,
    organisationId = actor.organisationId,
    page: { first?: number | null; after?: string | null } = {},
  ): Promise<Connection<User>> {
    requireMemberAdmin(actor, organisationId);
    const first = pageSize(page.first, 100, 500);
    const qb = this.db.getRepository(User).createQueryBuilder('u').where('u.organisation_id = :organisationId', { organisationId });
    if (page.after) {
      const [name, id] = decodeCursor(page.after, 2);
      if (
        typeof name !== 'string' ||
        typeof id !== 'string' ||
        !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
      ) {
        throw new ValidationError([{ field: 'after', messages: ['not a cursor from this list'] }]);
      }
      qb.andWhere('(u.name, u.id) > (:afterName, CAST(:afterId AS uuid))', { afterName: name, afterId: id });
    }
    const rows = await qb
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(first + 1)
      .getMany();
    const edges = rows.slice(0, first).map((u) => ({ cursor: encodeCursor([u.name, u.id]), node: u }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /**
   * `seeded`: the password is the configured demo password, not one a person chose, and is not held
   * to the password rule (the demo seeder only).
   */
  async create(actor: Actor | null, input: CreateUserInput, options: { seeded?: boolean } = {}): Promise<User> {
    const organisationId = input.organisationId ?? actor?.organisationId;
    if (!organisationId) throw new NotFoundError('Organisation');
    if (actor) requireMemberAdmin(actor, organisationId, input.roles);
    if (input.password && !options.seeded) {
      const org = await this.db.getRepository(Organisation).findOneBy({ id: organisationId });
      if (!org) throw new NotFoundError('Organisation');
      this.checkPassword(input.password, 'password', input, org.name);
    }
    const passwordHash = input.password ? await hashSecret(input.password) : null;
    try {
      return await this.db.transaction(async (m) => {
        const org = await m.findOneBy(Organisation, { id: organisationId });
        if (!org) throw new NotFoundError('Organisation');
        const user = await m.save(
          m.create(User, {
            organisationId,
            email: input.email.trim().toLowerCase(),
            name: input.name.trim(),
            roles: [...new Set(input.roles)],
            regions: (await this.vocabulary.resolveAll(input.regions ?? [], 'regions', m)) ?? [],
            team: input.team ?? null,
            passwordHash,
          }),
        );
        await this.outbox.emit(m, actor, {
          type: 'user.created',
          aggregateType: 'user',
          aggregateId: user.id,
          payload: { organisationId, roles: user.roles },
        });
        delete (user as Partial<User>).passwordHash;
        return user;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AlreadyExistsError('A user with this email already exists', { field: 'email' });
      throw err;
    }
  }

  /** For the operator's own tools (demo seeding), which run with no actor: replaces a user's password. */
  async setPasswordUnchecked(userId: string, password: string): Promise<void> {
    await this.db.query('UPDATE user_account SET password_hash = $2 WHERE id = $1', [userId, await hashSecret(password)]);
  }

  async update(actor: Actor, input: UpdateUserInput): Promise<User> {
    return this.db.transaction(async (m) => {
      const user = await m.findOne(User, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
      if (!user || !AdminPolicy.canManageMembersOf(actor, user.organisationId)) throw new NotFoundError('User');
      requireMemberAdmin(actor, user.organisationId, input.roles ?? [], user.roles);
      if (input.id === actor.id && input.active === false) throw new ForbiddenError('You cannot deactivate yourself');
      const changes: Partial<User> = {};
      if (input.name !== undefined) changes.name = input.name.trim();
      if (input.roles !== undefined) changes.roles = [...new Set(input.roles)];
      if (input.regions !== undefined) changes.regions = await this.vocabulary.resolveAll(input.regions, 'regions', m);
      if (input.active !== undefined) changes.active = input.active;
      // Tokens from before a deactivation stay dead when the user is made active again.
      if (input.active === false && user.active) changes.tokensValidAfter = new Date();
      const saved = await m.save(User, { ...user, ...changes });
      await this.outbox.emit(m, actor, {
        type: 'user.updated',
        aggregateType: 'user',
        aggregateId: user.id,
        payload: { changed: Object.keys(changes) },
      });
      return saved;
    });
  }

  /**
   * The signed-in user changes its own password: the current one is needed, the new one must keep the
   * rule. Every token issued before (this one too) is refused from now on: sign in again.
   */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    requirePermission(actor, Permission.PASSWORD_CHANGE);
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: actor.id })
      .getOne();
    if (!user?.passwordHash) throw new ForbiddenError('This account signs in through its identity provider and has no password here');
    if (!(await verifySecret(user.passwordHash, currentPassword))) {
      throw new HubError(ErrorCode.BadUserInput, 'The current password is not right', {
        reason: 'WRONG_PASSWORD',
        fields: [{ field: 'currentPassword', messages: ['is not right'] }],
      });
    }
    if (newPassword === currentPassword) {
      throw new HubError(ErrorCode.BadUserInput, 'The new password must differ from the current one', {
        reason: 'WEAK_PASSWORD',
        fields: [{ field: 'newPassword', messages: ['must differ from the current one'] }],
      });
    }
    const organisation = await this.db.getRepository(Organisation).findOneBy({ id: user.organisationId });
    this.checkPassword(newPassword, 'newPassword', user, organisation?.name);
    const passwordHash = await hashSecret(newPassword);
    await this.db.transaction(async (m) => {
      await m.update(User, { id: user.id }, { passwordHash, passwordChangeRequired: false, tokensValidAfter: new Date() });
      await this.outbox.emit(m, actor, { type: 'user.password_changed', aggregateType: 'user', aggregateId: user.id, payload: {} });
    });
  }

  /**
   * An organisation's admin (or a hub admin) sets a temporary password for one of its users: the
   * user's tokens are refused from now on, and its next sign-in allows only choosing a new password.
   */
  async resetPassword(actor: Actor, userId: string, temporaryPassword: string): Promise<User> {
    return this.db.transaction(async (m) => {
      const user = await m.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user || !AdminPolicy.canManageMembersOf(actor, user.organisationId)) throw new NotFoundError('User');
      requireMemberAdmin(actor, user.organisationId, [], user.roles);
      if (user.id === actor.id) throw new ForbiddenError('Change your own password with changePassword');
      const organisation = await m.findOneBy(Organisation, { id: user.organisationId });
      this.checkPassword(temporaryPassword, 'temporaryPassword', user, organisation?.name);
      const changes = { passwordHash: await hashSecret(temporaryPassword), passwordChangeRequired: true, tokensValidAfter: new Date() };
      await m.update(User, { id: user.id }, changes);
      await this.outbox.emit(m, actor, { type: 'user.password_reset', aggregateType: 'user', aggregateId: user.id, payload: {} });
      return { ...user, passwordChangeRequired: true, tokensValidAfter: changes.tokensValidAfter };
    });
  }

  /**
   * Links an external identity (issuer + subject) to a user, for sign-in through an identity provider.
   * An identity is one user's: linking one already held by another user is refused (ALREADY_EXISTS).
   */
  async linkIdentity(actor: Actor | null, userId: string, issuer: string, subject: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const user = await m.findOneBy(User, { id: userId });
      if (!user || (actor && !AdminPolicy.canManageMembersOf(actor, user.organisationId))) throw new NotFoundError('User');
      if (actor) requireMemberAdmin(actor, user.organisationId, [], user.roles);
      const held = await m.findOneBy(UserIdentity, { issuer, subject });
      if (held?.userId === userId) return;
      if (held) throw new AlreadyExistsError('This identity is already linked to another user', { field: 'subject' });
      await m.insert(UserIdentity, { userId, issuer, subject });
      await this.outbox.emit(m, actor, {
        type: 'user.identity_linked',
        aggregateType: 'user',
        aggregateId: userId,
        payload: { issuer },
      });
    });
  }

  /** Removes a user's links to identities at `issuer` (all issuers when undefined); false when it had none. */
  async unlinkIdentity(actor: Actor, userId: string, issuer?: string): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const user = await m.findOneBy(User, { id: userId });
      if (!user || !AdminPolicy.canManageMembersOf(actor, user.organisationId)) throw new NotFoundError('User');
      requireMemberAdmin(actor, user.organisationId, [], user.roles);
      const { affected } = await m.delete(UserIdentity, issuer === undefined ? { userId } : { userId, issuer });
      if (!affected) return false;
      await this.outbox.emit(m, actor, {
        type: 'user.identity_unlinked',
        aggregateType: 'user',
        aggregateId: userId,
        payload: { issuer: issuer ?? null },
      });
      return true;
    });
  }

  /** A user's linked identities, oldest first. */
  identities(userId: string): Promise<UserIdentity[]> {
    return this.db.getRepository(UserIdentity).find({ where: { userId }, order: { createdAt: 'ASC' }, take: 20 });
  }

  /**
   * Who a provider's identity signs in as, for a sign-in through `organisationId`'s provider: `active`
   * (the user and its organisation), `inactive` (the user or organisation is deactivated), `elsewhere`
   * (linked to a user of another organisation: linking never crosses organisations), or `none`.
   */
  async findLinkedUser(
    organisationId: string,
    issuer: string,
    subject: string,
  ): Promise<{ state: 'active'; found: UserWithOrganisation } | { state: 'inactive' | 'elsewhere' | 'none' }> {
    const link = await this.db
      .getRepository(UserIdentity)
      .createQueryBuilder('i')
      .innerJoinAndSelect('i.user', 'u')
      .where('i.issuer = :issuer AND i.subject = :subject', { issuer, subject })
      .getOne();
    if (!link?.user) return { state: 'none' };
    if (link.user.organisationId !== organisationId) return { state: 'elsewhere' };
    const found = await this.findActive(link.userId);
    return found ? { state: 'active', found } : { state: 'inactive' };
  }

  /**
   * First sign-in of an identity linked to no user, where the organisation allows it: a user of the
   * organisation with no roles (an admin grants them), no password, linked to the identity. Null when
   * another user already has the email (an admin links that one instead).
   */
  async provision(
    organisationId: string,
    identity: { issuer: string; subject: string; email: string; name: string },
  ): Promise<UserWithOrganisation | null> {
    try {
      const userId = await this.db.transaction(async (m) => {
        const org = await m.findOneBy(Organisation, { id: organisationId, active: true });
        if (!org) throw new NotFoundError('Organisation');
        const user = await m.save(
          m.create(User, {
            organisationId,
            email: identity.email.trim().toLowerCase(),
            name: identity.name.trim().slice(0, 200) || identity.email,
            roles: [],
            regions: [],
            team: null,
            passwordHash: null,
          }),
        );
        await m.insert(UserIdentity, { userId: user.id, issuer: identity.issuer, subject: identity.subject });
        await this.outbox.emit(m, null, {
          type: 'user.provisioned',
          aggregateType: 'user',
          aggregateId: user.id,
          payload: { organisationId, issuer: identity.issuer },
        });
        return user.id;
      });
      return await this.findActive(userId);
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }
}
