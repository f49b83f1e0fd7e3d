import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { systemActor } from '@hub/common';
import { EventHandlerRegistry, type OutboxEvent, OutboxService } from '@hub/events';
import { OrganisationsService } from '@hub/organisations';
import { OGRS_SCORED, PersonsService } from '@hub/persons';
import { OgrsAssessment } from './ogrs-assessment.entity.js';

const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * An OGRS score written on the person's record (by hand, by sync or by the bulk path) is an
 * assessment as of its `ogrsAssessedOn`, or of the day it was written: kept with the assessments recorded directly (recordOgrsAssessment), so
 * the reoffending analysis finds the score a person had at a cohort's reference date however
 * probation sent it. Source `record`; the organisation and actor that wrote the score. Like a direct
 * recording, it emits `ogrs.recorded` (audited), here by the hub on behalf of that organisation.
 */
@Injectable()
export class OgrsFromRecordService implements OnModuleInit {
  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly persons: PersonsService,
    private readonly organisations: OrganisationsService,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.registry.onEvent('reporting.ogrs_from_record', [OGRS_SCORED], (m, e) => this.record(m, e));
  }

  /**
   * The score the record holds when the event is handled, dated the day it was written: none when it
   * was cleared or erased since, and no second row when the same score of the same day is kept already
   * (two changes handled after both were made).
   */
  private async record(m: EntityManager, e: OutboxEvent): Promise<void> {
    const score = await this.persons.ogrsScoreOf(e.aggregateId, m);
    if (score === null || !e.organisationId) return;
    // The assessment's date when the writer gave one (ogrsAssessedOn), else the day it was written.
    const given = (e.payload as { assessedOn?: unknown }).assessedOn;
    const assessedOn = typeof given === 'string' ? given : londonDay.format(e.occurredAt);
    if (await m.existsBy(OgrsAssessment, { personId: e.aggregateId, assessedOn, score, source: 'record' })) return;
    const [organisation] = await this.organisations.byIds([e.organisationId], m);
    if (!organisation) return;
    const { identifiers } = await m.insert(OgrsAssessment, {
      personId: e.aggregateId,
      score,
      assessedOn,
      source: 'record',
      organisationId: e.organisationId,
      recordedBy: e.actorId ?? 'system',
    });
    await this.outbox.emit(m, systemActor(organisation, 'ogrs-from-record', 'casework'), {
      type: 'ogrs.recorded',
      aggregateType: 'ogrs_assessment',
      aggregateId: String(identifiers[0].id),
      personId: e.aggregateId,
      payload: { assessedOn, dataCategory: 'offending', source: 'record' },
    });
  }
}
