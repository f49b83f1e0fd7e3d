import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DataCategory } from '@hub/access';
import type { OrganisationRef } from './lawful-basis.service.js';
import { PERSON_MERGED_RECORD } from '@hub/persons';
import { ConsentPurpose } from './consent-vocabulary.js';

/** What a referral rests on: a consent of the person or a sharing agreement, with its id. */
export interface ReferralBasisFound {
  basis: 'consent' | 'agreement';
  id: string;
}

const CONSENT_IN_FORCE = `c.withdrawn_at IS NULL AND c.given_at <= now() AND (c.expires_at IS NULL OR c.expires_at > now())`;
const AGREEMENT_IN_FORCE = `a.valid_from <= now() AND (a.valid_to IS NULL OR a.valid_to > now())`;

/**
 * The lawful basis of a referral itself (which shares at least who the person is with the receiver),
 * read fresh at the moment of sending:
 * - a consent of the person in force, given to the receiver or to its kind, to be referred (purpose
 *   `referral`), or for sharing data the referral shares (a category of it other than identity: the
 *   person agreed that the receiver be given it); consents on records merged into the person count;
 * - or a sharing agreement in force to which both the sender and the receiver are party (named, or by
 *   their kind).
 * Null when there is neither: the referral may not be sent (short of a manager's safeguarding override).
 */
@Injectable()
export class ReferralBasisService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(
    input: { sender: OrganisationRef; receiver: OrganisationRef; personId: string; sharedCategories: readonly string[] },
    m: EntityManager = this.db.manager,
  ): Promise<ReferralBasisFound | null> {
    const shared = input.sharedCategories.filter((c) => c !== DataCategory.IDENTITY);
    const consents: { id: string }[] = await m.query(
      `SELECT c.id
         FROM (SELECT $1::uuid AS record_id UNION ALL SELECT mr.id FROM ${PERSON_MERGED_RECORD.name} mr WHERE mr.survivor_id = $1::uuid) r
         JOIN consent c ON c.person_id = r.record_id
        WHERE (c.organisation_id = $2 OR c.organisation_kind = $3) AND ${CONSENT_IN_FORCE}
          AND (c.purpose = $4 OR c.categories && $5::text[])
        ORDER BY (c.purpose = $4) DESC, c.given_at DESC, c.id
        LIMIT 1`,
      [input.personId, input.receiver.id, input.receiver.kind, ConsentPurpose.REFERRAL, shared],
    );
    if (consents.length) return { basis: 'consent', id: consents[0].id };
    const agreements: { id: string }[] = await m.query(
      `SELECT a.id FROM sharing_agreement a
        WHERE ${AGREEMENT_IN_FORCE}
          AND ($1 = ANY(a.party_organisation_ids) OR $2 = ANY(a.party_kinds))
          AND ($3 = ANY(a.party_organisation_ids) OR $4 = ANY(a.party_kinds))
        ORDER BY a.valid_from, a.id
        LIMIT 1`,
      [input.sender.id, input.sender.kind, input.receiver.id, input.receiver.kind],
    );
    return agreements.length ? { basis: 'agreement', id: agreements[0].id } : null;
  }
}
