import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService, DataCategory } from '@hub/access';
import { type Actor, asNotFound, ErrorCode, ForbiddenError, HubError, NotFoundError, ValidationError } from '@hub/common';
import { hydrate, limitPerParent } from '@hub/database';
import { OutboxService } from '@hub/events';
import { actorRef, PersonsService, survivorSql } from '@hub/persons';
import { SUSTAINMENT_WEEKS, SustainmentStatus } from './intervention-vocabulary.js';
import { dayInLondon } from './work-dates.js';
import { JobSustainment } from './job-sustainment.entity.js';
import type { RecordSustainmentInput } from './log-intervention.input.js';

/** The 13-week sustainment windows opened by job starts (employment category). */
@Injectable()
export class SustainmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persons: PersonsService,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
  ) {}

  async forPerson(actor: Actor, personId: string): Promise<JobSustainment[]> {
    const { personId: survivor, recordIds } = await this.persons.requireAccess(actor, personId);
    const scope = this.access.scope(actor, 'read', {
      person: 'CAST(:scopePerson AS uuid)',
      category: `'${DataCategory.EMPLOYMENT}'`,
      owner: 's.organisation_id',
    });
    return this.db
      .getRepository(JobSustainment)
      .createQueryBuilder('s')
      .where('s.person_id = ANY(:recordIds)', { recordIds })
      .andWhere(scope.where, { ...scope.parameters, scopePerson: survivor })
      .orderBy('s.start_date', 'DESC')
      .getMany();
  }

  /** For many people in one statement (DataLoader); `people` were returned by PersonsService for this actor. */
  /** At most `limit` of each record's windows (newest first), for a page of people in one statement. */
  async forPeople(actor: Actor, people: readonly { id: string; recordIds: string[] }[], limit: number): Promise<JobSustainment[][]> {
    const survivor = survivorSql('s.person_id');
    const scope = this.access.scope(actor, 'read', {
      person: survivor,
      category: `'${DataCategory.EMPLOYMENT}'`,
      owner: 's.organisation_id',
    });
    const qb = this.db
      .getRepository(JobSustainment)
      .createQueryBuilder('s')
      .where('s.person_id = ANY(:recordIds)', { recordIds: people.flatMap((p) => p.recordIds) })
      .andWhere(scope.where, scope.parameters);
    const [sql, parameters] = qb.getQueryAndParameters();
    const raw: Record<string, unknown>[] = await this.db.query(
      limitPerParent(
        sql,
        's_person_id',
        [
          ['s_start_date', 'DESC'],
          ['s_id', 'DESC'],
        ],
        limit,
      ),
      parameters,
    );
    const rows = raw.map((r) => hydrate(this.db, JobSustainment, r, 's_'));
    return people.map((p) => rows.filter((r) => p.recordIds.includes(r.personId)));
  }

  /** Whether a sustainment window is still open (exists, and its outcome is not recorded): for the in-work check timers. */
  async isOpen(id: string): Promise<boolean> {
    return this.db.getRepository(JobSustainment).existsBy({ id, status: SustainmentStatus.OPEN });
  }

  /**
   * Whether the job was sustained 13 weeks: recorded by an organisation working with the person; once
   * recorded, corrected only by the organisation that logged the job, with a note saying why.
   * "Sustained" only from the window's due day (Europe/London); before it only "not sustained", with a note saying why.
   */
  async record(actor: Actor, input: RecordSustainmentInput): Promise<JobSustainment> {
    return this.db.transaction(async (m) => {
      const row = await m.findOne(JobSustainment, { where: { id: input.sustainmentId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundError('Sustainment');
      const { facts } = await asNotFound('Sustainment', () => this.persons.requireAccess(actor, row.personId, m));
      if (!this.access.decide(actor, 'read', DataCategory.EMPLOYMENT, facts, row.organisationId).allowed)
        throw new NotFoundError('Sustainment');
      if (!this.access.decide(actor, 'write', DataCategory.EMPLOYMENT, facts, row.organisationId).allowed)
        throw new ForbiddenError('Your role cannot record this outcome');
      const outcome = input.sustained ? SustainmentStatus.SUSTAINED : SustainmentStatus.NOT_SUSTAINED;
      const correction = row.status !== SustainmentStatus.OPEN;
      // A recorded outcome is corrected, never recorded twice: by the organisation that logged the job, saying why.
      if (correction && (row.status === outcome || row.organisationId !== actor.organisationId))
        throw new HubError(ErrorCode.InvalidState, 'This outcome was already recorded', { status: row.status });
      if (correction && !input.note?.trim())
        throw new ValidationError([{ field: 'note', messages: ['say why the recorded outcome is corrected'] }]);
      // "Sustained 13 weeks" is a fact only once the 13 weeks have passed; before then a job can only have ended (with why).
      const early = dayInLondon(new Date()) < row.dueOn;
      if (early && input.sustained)
        throw new HubError(ErrorCode.BadUserInput, `The job can be recorded as sustained from ${row.dueOn}, 13 weeks after it started`, {
          fields: [
            {
              field: 'sustained',
              messages: [
                `can be recorded as sustained from ${row.dueOn}, ${SUSTAINMENT_WEEKS} weeks after the job started; before then only that it was not sustained`,
              ],
            },
          ],
          availableFrom: row.dueOn,
        });
      if (early && !input.note?.trim())
        throw new ValidationError([
          { field: 'note', messages: ['say why the job was not sustained (it ended before the 13 weeks were up)'] },
        ]);
      const before = { status: row.status, note: row.note };
      row.status = outcome;
      row.recordedAt = new Date();
      row.recordedBy = actorRef(actor);
      row.note = input.note ?? null;
      const saved = await m.save(row);
      await this.outbox.emit(m, actor, {
        type: 'outcome.recorded',
        aggregateType: 'job_sustainment',
        aggregateId: row.id,
        personId: row.personId,
        payload: { outcome: row.status, dataCategory: 'employment' },
        ...(correction && {
          changes: { status: { old: before.status, new: row.status }, note: { old: before.note, new: row.note } },
        }),
      });
      return saved;
    });
  }
}
