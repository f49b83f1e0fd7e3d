import { Injectable } from '@nestjs/common';
import { PersonData, type PersonDataSection, type PersonDataSource, type PersonErasureStep } from '@hub/common';
import { ERASED_PAYLOAD_SQL } from './outbox.service.js';

/**
 * The events lib's part of an erasure: what the domain events about the person said (a release date,
 * a stage, an intervention's type). The events stay, for the change feed's order and the tombstones,
 * with their payloads erased. This step runs first, so the events the erasure itself emits (its
 * withdrawals of referrals, `person.erased`) keep theirs. Not a section of a subject access export:
 * the events repeat what the other sections hold.
 */
@Injectable()
@PersonData()
export class EventsPersonData implements PersonDataSource {
  personDataSections(): PersonDataSection[] {
    return [];
  }

  personErasureSteps(): PersonErasureStep[] {
    return [
      {
        key: 'events',
        order: 5,
        sql: `UPDATE outbox_event SET payload = ${ERASED_PAYLOAD_SQL} WHERE person_id = ANY($1::uuid[]) AND payload->'erased' IS NULL`,
      },
    ];
  }
}
