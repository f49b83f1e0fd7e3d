import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type DataCategory, FACT_FUNCTIONS } from '@hub/access';

/** An organisation as a lawful basis is given to it: itself, or its kind. */
export interface OrganisationRef {
  id: string;
  kind: string;
}

/**
 * Consents and sharing agreements in force, as sets of categories for an organisation that is not the
 * reader (the receiver of a referral). Read fresh every time, through the same functions the access
 * policy reads (access_consents, access_agreements: this lib's migration owns them).
 */
@Injectable()
export class LawfulBasisService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Categories consented per person (to the organisation or its kind), in force now, for any purpose; `personIds` are surviving records. */
  async consentedCategories(org: OrganisationRef, personIds: readonly string[]): Promise<Map<string, Set<DataCategory>>> {
    if (personIds.length === 0) return new Map();
    const rows: { person_id: string; category: DataCategory }[] = await this.db.query(
      `SELECT DISTINCT p.id AS person_id, unnest(c.categories) AS category
         FROM unnest($1::uuid[]) AS p(id) CROSS JOIN LATERAL ${FACT_FUNCTIONS.consents.name}(p.id, $2::uuid, $3::text) c`,
      [personIds, org.id, org.kind],
    );
    const map = new Map<string, Set<DataCategory>>();
    for (const r of rows) {
      const set = map.get(r.person_id) ?? new Set<DataCategory>();
      set.add(r.category);
      map.set(r.person_id, set);
    }
    return map;
  }

  /** Categories covered by agreements in force to which the organisation (or its kind) is party, for one of `areas` (any when absent). */
  async agreedCategories(org: OrganisationRef, areas?: readonly string[]): Promise<Set<DataCategory>> {
    const rows: { category: DataCategory }[] = await this.db.query(
      `SELECT DISTINCT unnest(a.categories) AS category FROM ${FACT_FUNCTIONS.agreements.name}($1::uuid, $2::text) a
        WHERE $3::text[] IS NULL OR a.purposes && $3::text[]`,
      [org.id, org.kind, areas ?? null],
    );
    return new Set(rows.map((r) => r.category));
  }
}
