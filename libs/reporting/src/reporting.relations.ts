import { publishedRelation } from '@hub/common';

/** What the reporting lib publishes for other libs to read (views of migrations/1796715000000-PublishedRelations.ts). */

/** OGRS assessments by record, for what other libs keep about them (partners' ids of an assessment). */
export const OGRS_ASSESSMENT_REF = publishedRelation<{ id: string; person_id: string }>('ogrs_assessment_ref', {
  id: true,
  person_id: true,
});

/** Proven reconvictions by record, for what other libs keep about them (partners' ids of a reconviction). */
export const RECONVICTION_REF = publishedRelation<{ id: string; person_id: string }>('reconviction_ref', { id: true, person_id: true });

export const REPORTING_RELATIONS = [OGRS_ASSESSMENT_REF, RECONVICTION_REF];
