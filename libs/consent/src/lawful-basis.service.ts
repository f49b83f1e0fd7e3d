import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DataCategory, LawfulBasisFacts, OrganisationRef } from '@hub/access';
import { PERSON_MERGED_RECORD } from '@hub/persons';

const CONSENT_IN_FORCE = (c: string) =>
  `${c}.withdrawn_at IS NULL AND ${c}.given_at <= now() AND (${c}.expires_at IS NULL OR ${c}.expires_at > now())`;
const AGREEMENT_IN_FORCE = (a: string) => `${a}.valid_from <= now() AND (${a}.valid_to IS NULL OR ${a}.valid_to > now())`;

/**
 * Consents and sharing agreements in force, as facts (for one object) and as SQL (for lists). Read fresh every
 * time. A basis counts for a request only when given for one of the request's areas of support (`:accessAreas`):
 * a consent's purpose, one of an agreement's purposes.
 */
@Injectable()
export class LawfulBasisService implements LawfulBasisFacts {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async consentedCategories(org: OrganisationRef, personIds: readonly string[]): Promise<Map<string, Set<DataCategory>>> {
    if (personIds.length === 0) return new Map();
    // Consents given on records merged into a person count for it (`personIds` are surviving records).
    const rows: { person_id: string; category: DataCategory }[] = await this.db.query(
      `SELECT DISTINCT r.person_id, unnest(c.categories) AS category
         FROM (SELECT id AS person_id, id AS record_id FROM unnest($1::uuid[]) AS id
               UNION ALL SELECT m.survivor_id, m.id FROM ${PERSON_MERGED_RECORD.name} m WHERE m.survivor_id = ANY($1::uuid[])) r
         JOIN consent c ON c.person_id = r.record_id
        WHERE (c.organisation_id = $2 OR c.organisation_kind = $3) AND ${CONSENT_IN_FORCE('c')}`,
      [personIds, org.id, org.kind],
    );
    const map = new Map<string, Set<DataCategory>>();
    for (const r of rows) {
      if (!map.has(r.person_id)) map.set(r.person_id, new Set());
      map.get(r.person_id)!.add(r.category);
    }
    return map;
  }

  async agreedCategories(org: OrganisationRef, areas?: readonly string[]): Promise<Set<DataCategory>> {
    const rows: { category: DataCategory }[] = await this.db.query(
      `SELECT DISTINCT unnest(a.categories) AS category FROM sharing_agreement a
        WHERE ($1 = ANY(a.party_organisation_ids) OR $2 = ANY(a.party_kinds)) AND ${AGREEMENT_IN_FORCE('a')}
          AND ($3::text[] IS NULL OR a.purposes && $3::text[])`,
      [org.id, org.kind, areas ?? null],
    );
    return new Set(rows.map((r) => r.category));
  }

  consentSql(personColumn: string, categoryExpr: string, anyPurpose = false): string {
    // Two EXISTS rather than one with an OR on the person, so each uses an index (consent by person,
    // person by merged_into_id) instead of scanning consents for every row checked.
    const purpose = anyPurpose ? '' : ` AND c.purpose = ANY(CAST(:accessAreas AS text[]))`;
    const consented = `(c.organisation_id = CAST(:accessOrg AS uuid) OR c.organisation_kind = CAST(:accessKind AS text))
                 AND ${CONSENT_IN_FORCE('c')} AND ${categoryExpr} = ANY(c.categories)${purpose}`;
    return `(EXISTS (SELECT 1 FROM consent c WHERE c.person_id = ${personColumn} AND ${consented})
          OR EXISTS (SELECT 1 FROM ${PERSON_MERGED_RECORD.name} cp JOIN consent c ON c.person_id = cp.id WHERE cp.survivor_id = ${personColumn} AND ${consented}))`;
  }

  agreementSql(categoryExpr: string, anyPurpose = false): string {
    const purpose = anyPurpose ? '' : ` AND a.purposes && CAST(:accessAreas AS text[])`;
    return `EXISTS (SELECT 1 FROM sharing_agreement a
               WHERE (CAST(:accessOrg AS uuid) = ANY(a.party_organisation_ids) OR CAST(:accessKind AS text) = ANY(a.party_kinds))
                 AND ${AGREEMENT_IN_FORCE('a')} AND ${categoryExpr} = ANY(a.categories)${purpose})`;
  }

  lawfulSql(personColumn: string, categoryExpr: string): string {
    return `(${this.agreementSql(categoryExpr)} OR ${this.consentSql(personColumn, categoryExpr)})`;
  }
}
