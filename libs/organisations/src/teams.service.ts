import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Permission, requirePermission } from '@hub/access';
import { type Actor, AlreadyExistsError, type CaseVisibility, isUniqueViolation, NotFoundError } from '@hub/common';
import { OutboxService } from '@hub/events';
import { Organisation } from './organisation.entity.js';
import { Team, TeamMember } from './team.entity.js';
import type { TeamModel } from './team.model.js';

/** At most this many teams per organisation, and members per team (inputs an admin could otherwise grow without end). */
export const MAX_TEAMS = 40;
export const MAX_TEAM_MEMBERS = 30;

/** An organisation's teams, their members, and its visibility rule (who among its staff opens a case). */
@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  /** The actor's organisation's teams with their members, by name. Everyone of the organisation may read them. */
  async list(actor: Actor): Promise<TeamModel[]> {
    const rows: { id: string; organisation_id: string; name: string; members: { userId: string; name: string }[] }[] = await this.db.query(
      `SELECT t.id, t.organisation_id, t.name,
              COALESCE((SELECT json_agg(json_build_object('userId', u.id, 'name', u.name) ORDER BY u.name, u.id)
                          FROM team_member tm JOIN user_account u ON u.id = tm.user_id WHERE tm.team_id = t.id), '[]') AS members
         FROM team t WHERE t.organisation_id = $1 ORDER BY t.name, t.id`,
      [actor.organisationId],
    );
    return rows.map((r) => ({ id: r.id, organisationId: r.organisation_id, name: r.name, members: r.members }));
  }

  /** The team, if it is of this organisation (null otherwise: "not yours" and "not there" alike). */
  async ofOrganisation(organisationId: string, teamId: string, m: EntityManager = this.db.manager): Promise<Team | null> {
    return m.getRepository(Team).findOneBy({ id: teamId, organisationId });
  }

  /** Teams' names by id (the unknown left out). */
  async namesOf(ids: readonly string[], m: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = ids.length
      ? await m.query('SELECT id, name FROM team WHERE id = ANY($1::uuid[])', [[...new Set(ids)]])
      : [];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async create(actor: Actor, name: string): Promise<TeamModel> {
    requirePermission(actor, Permission.TEAM_MANAGE, { organisationId: actor.organisationId });
    try {
      return await this.db.transaction(async (m) => {
        const [{ count }]: { count: number }[] = await m.query('SELECT count(*)::int AS count FROM team WHERE organisation_id = $1', [
          actor.organisationId,
        ]);
        if (count >= MAX_TEAMS) throw new AlreadyExistsError(`An organisation has at most ${MAX_TEAMS} teams`, { field: 'name' });
        const team = await m.save(m.create(Team, { organisationId: actor.organisationId, name: name.trim() }));
        await this.outbox.emit(m, actor, {
          type: 'team.created',
          aggregateType: 'team',
          aggregateId: team.id,
          payload: { name: team.name },
        });
        return { id: team.id, organisationId: team.organisationId, name: team.name, members: [] };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AlreadyExistsError('Your organisation already has a team of this name', { field: 'name' });
      throw err;
    }
  }

  /** Adds (or, with `remove`, takes away) a user of the organisation to one of its teams. */
  async setMember(actor: Actor, teamId: string, userId: string, remove = false): Promise<TeamModel> {
    requirePermission(actor, Permission.TEAM_MANAGE, { organisationId: actor.organisationId });
    await this.db.transaction(async (m) => {
      const team = await m
        .getRepository(Team)
        .findOne({ where: { id: teamId, organisationId: actor.organisationId }, lock: { mode: 'pessimistic_write' } });
      if (!team) throw new NotFoundError('Team');
      const [user]: { id: string }[] = await m.query('SELECT id FROM user_account WHERE id = $1 AND organisation_id = $2', [
        userId,
        actor.organisationId,
      ]);
      if (!user) throw new NotFoundError('User');
      if (remove) {
        await m.delete(TeamMember, { teamId, userId });
      } else {
        const [{ count }]: { count: number }[] = await m.query('SELECT count(*)::int AS count FROM team_member WHERE team_id = $1', [
          teamId,
        ]);
        if (count >= MAX_TEAM_MEMBERS) throw new AlreadyExistsError(`A team has at most ${MAX_TEAM_MEMBERS} members`, { field: 'userId' });
        await m.createQueryBuilder().insert().into(TeamMember).values({ teamId, userId }).orIgnore().execute();
      }
      await this.outbox.emit(m, actor, {
        type: remove ? 'team.member_removed' : 'team.member_added',
        aggregateType: 'team',
        aggregateId: teamId,
        payload: { userId },
      });
    });
    return (await this.list(actor)).find((t) => t.id === teamId)!;
  }

  /** The organisation's visibility rule (its admins choose it; a change is felt on the next request). */
  async setVisibility(actor: Actor, visibility: CaseVisibility): Promise<Organisation> {
    requirePermission(actor, Permission.TEAM_MANAGE, { organisationId: actor.organisationId });
    return this.db.transaction(async (m) => {
      const org = await m.findOne(Organisation, { where: { id: actor.organisationId }, lock: { mode: 'pessimistic_write' } });
      if (!org) throw new NotFoundError('Organisation');
      const saved = await m.save(Organisation, { ...org, visibility });
      await this.outbox.emit(m, actor, {
        type: 'organisation.updated',
        aggregateType: 'organisation',
        aggregateId: org.id,
        payload: { changed: ['visibility'] },
      });
      return saved;
    });
  }
}
