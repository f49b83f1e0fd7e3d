import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService, DataCategory } from '@hub/access';
import { type Actor, ForbiddenError } from '@hub/common';
import { OutboxService } from '@hub/events';
import { actorRef, PersonsService } from '@hub/persons';
import { OgrsAssessment } from './ogrs-assessment.entity.js';
import { Reconviction } from './reconviction.entity.js';
import type { RecordOgrsInput, RecordReconvictionInput } from './report.inputs.js';

/** OGRS scores and proven reconvictions: offending data, recorded by probation (by hand or by sync). */
@Injectable()
export class ReconvictionFactsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persons: PersonsService,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
  ) {}

  private async requireOffendingWrite(actor: Actor, personId: string): Promise<string> {
    const { personId: id, facts } = await this.persons.requireAccess(actor, personId);
    const read = this.access.decide(actor, 'read', DataCategory.OFFENDING, facts).allowed;
    const write = this.access.decide(actor, 'write', DataCategory.OFFENDING, facts).allowed;
    if (!read || !write) throw new ForbiddenError('Only organisations that hold offending data record OGRS scores and reconvictions');
    return id;
  }

  async recordOgrs(actor: Actor, input: RecordOgrsInput, source = 'manual'): Promise<OgrsAssessment> {
    const personId = await this.requireOffendingWrite(actor, input.personId);
    return this.db.transaction(async (m) => {
      const row = await m.save(
        m.create(OgrsAssessment, {
          personId,
          score: input.score,
          assessedOn: input.assessedOn,
          source,
          organisationId: actor.organisationId,
          recordedBy: actorRef(actor),
        }),
      );
      await this.outbox.emit(m, actor, {
        type: 'ogrs.recorded',
        aggregateType: 'ogrs_assessment',
        aggregateId: row.id,
        personId,
        payload: { assessedOn: row.assessedOn, dataCategory: 'offending' },
      });
      return row;
    });
  }

  async recordReconviction(actor: Actor, input: RecordReconvictionInput, source = 'manual'): Promise<Reconviction> {
    const personId = await this.requireOffendingWrite(actor, input.personId);
    return this.db.transaction(async (m) => {
      const row = await m.save(
        m.create(Reconviction, {
          personId,
          convictedOn: input.convictedOn,
          source,
          organisationId: actor.organisationId,
          recordedBy: actorRef(actor),
        }),
      );
      await this.outbox.emit(m, actor, {
        type: 'reconviction.recorded',
        aggregateType: 'reconviction',
        aggregateId: row.id,
        personId,
        payload: { convictedOn: row.convictedOn, dataCategory: 'offending' },
      });
      return row;
    });
  }
}
