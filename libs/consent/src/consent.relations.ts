import { publishedRelation } from '@hub/common';

/** What the consent lib publishes for other libs to read (views of migrations/1796715000000-PublishedRelations.ts). */

/**
 * Consents not withdrawn, with an expiry, and not renewed (no other consent of the same person, purpose
 * and recipient in force beyond them): timers filter `expires_at` to ask for their renewal in time.
 */
export const CONSENT_UNRENEWED = publishedRelation<{
  id: string;
  person_id: string;
  purpose: string;
  organisation_id: string | null;
  organisation_kind: string | null;
  recorded_by_organisation_id: string;
  expires_at: Date;
}>('consent_unrenewed', {
  id: true,
  person_id: true,
  purpose: true,
  organisation_id: true,
  organisation_kind: true,
  recorded_by_organisation_id: true,
  expires_at: true,
});

/** Consents by record, for what other libs keep about them (partners' ids of a consent). */
export const CONSENT_REF = publishedRelation<{ id: string; person_id: string }>('consent_ref', { id: true, person_id: true });

export const CONSENT_RELATIONS = [CONSENT_UNRENEWED, CONSENT_REF];
