import { publishedRelation } from '@hub/common';

/**
 * What the persons lib publishes for other libs to read (views of migrations/1796715000000-PublishedRelations.ts).
 * Rows another lib keeps on a record that was later merged belong to the survivor: these say which that is.
 */

/** Records merged into another, each with its surviving record. */
export const PERSON_MERGED_RECORD = publishedRelation<{ id: string; survivor_id: string }>('person_merged_record', {
  id: true,
  survivor_id: true,
});

/** The person facts aggregate reports may use: every record, its survivor, and its region. */
export const PERSON_REPORTING = publishedRelation<{ id: string; survivor_id: string; region: string | null }>('person_reporting', {
  id: true,
  survivor_id: true,
  region: true,
});

/** Lead involvements, on the surviving record: for timers that find people by who leads their case. */
export const PERSON_LEAD = publishedRelation<{ person_id: string; organisation_id: string; started_at: Date; ended_at: Date | null }>(
  'person_lead',
  { person_id: true, organisation_id: true, started_at: true, ended_at: true },
);

/** Every record (merged ones too) of the people an organisation leads or has led: what its reviewers look over. */
export const PERSON_LED_RECORD = publishedRelation<{ organisation_id: string; record_id: string }>('person_led_record', {
  organisation_id: true,
  record_id: true,
});

/** Involvements by record, for what other libs keep about them (partners' ids of an involvement). */
export const PERSON_INVOLVEMENT_REF = publishedRelation<{ id: string; person_id: string }>('person_involvement_ref', {
  id: true,
  person_id: true,
});

export const PERSON_RELATIONS = [PERSON_MERGED_RECORD, PERSON_REPORTING, PERSON_LEAD, PERSON_LED_RECORD, PERSON_INVOLVEMENT_REF];
