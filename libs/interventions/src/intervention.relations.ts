import { publishedRelation } from '@hub/common';

/** What the interventions lib publishes for other libs to read (views of migrations/1796715000000-PublishedRelations.ts). */

/**
 * Interventions as aggregate reports may use them: `person_id` is the record it was logged on; `qualification`
 * and `job_sector` from its outcome; `job_start_date` of a job that began (JOB_BEGUN_STATUSES); the job's
 * sustainment status.
 */
export const INTERVENTION_REPORTING = publishedRelation<{
  person_id: string;
  organisation_id: string;
  type_code: string;
  group_name: string;
  data_category: string;
  status: string;
  occurred_at: Date;
  qualification: string | null;
  job_sector: string | null;
  job_start_date: string | null;
  sustainment_status: string | null;
}>('intervention_reporting', {
  person_id: true,
  organisation_id: true,
  type_code: true,
  group_name: true,
  data_category: true,
  status: true,
  occurred_at: true,
  qualification: true,
  job_sector: true,
  job_start_date: true,
  sustainment_status: true,
});

/**
 * Contacts with a person, for timers such as "no ETE contact in 28 days": interventions, attended
 * appointments and contact attempts that reached the person (the last two as `completed`), on the record
 * they were logged on.
 */
export const INTERVENTION_CONTACT = publishedRelation<{ person_id: string; data_category: string; status: string; occurred_at: Date }>(
  'intervention_contact',
  { person_id: true, data_category: true, status: true, occurred_at: true },
);

/** Interventions by record, for what other libs keep about them (partners' ids of an intervention). */
export const INTERVENTION_REF = publishedRelation<{ id: string; person_id: string }>('intervention_ref', { id: true, person_id: true });

export const INTERVENTION_RELATIONS = [INTERVENTION_REPORTING, INTERVENTION_CONTACT, INTERVENTION_REF];
