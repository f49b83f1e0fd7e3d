import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The facts the access policy reads, as SQL functions owned by the libs that own the facts (the contract
 * is declared in libs/access/src/fact-functions.ts and checked by test/access-fact-functions.e2e-spec.ts).
 * Each is LANGUAGE sql, STABLE, not STRICT and not SECURITY DEFINER, returning a table: PostgreSQL inlines
 * it into the policy's statement, so lists and pages plan as if the SQL were written in place.
 * Parameters are positional ($1 …): in a SQL function a column of the same name would shadow a named one.
 */
const SURVIVOR = (p: string) => `COALESCE((SELECT pm.merged_into_id FROM person pm WHERE pm.id = ${p}), ${p})`;
const RECORDS = (p: string) => `(${p} || ARRAY(SELECT pm.id FROM person pm WHERE pm.merged_into_id = ${p}))`;
const ACTIVE = `inv.started_at <= now() AND (inv.ended_at IS NULL OR inv.ended_at > now())`;
const CONSENT_IN_FORCE = `c.withdrawn_at IS NULL AND c.given_at <= now() AND (c.expires_at IS NULL OR c.expires_at > now())`;

const FUNCTIONS: [signature: string, returns: string, body: string][] = [
  // persons: involvements relate an organisation to a person (lead or not), through merged records too.
  [
    'access_involvement_relationship(person uuid, organisation uuid)',
    'TABLE(lead boolean)',
    `SELECT bool_or(inv.role = 'lead') FROM involvement inv
      WHERE inv.person_id = ANY(${RECORDS('$1')}) AND inv.organisation_id = $2 AND ${ACTIVE}`,
  ],
  [
    'access_involvement_people(organisation uuid)',
    'TABLE(person_id uuid)',
    `SELECT inv.person_id FROM involvement inv WHERE inv.organisation_id = $1 AND ${ACTIVE}
     UNION ALL SELECT pm.merged_into_id FROM involvement inv JOIN person pm ON pm.id = inv.person_id
      WHERE inv.organisation_id = $1 AND ${ACTIVE} AND pm.merged_into_id IS NOT NULL`,
  ],
  // persons: allocations in force, the person's region, restrictions and exclusions in force, over the
  // person's whole family of records (its survivor and every record merged into it).
  [
    'access_allocations(person uuid, organisation uuid)',
    'TABLE(case_owner_id uuid, team_id uuid)',
    `SELECT al.case_owner_id, al.team_id FROM allocation al
      WHERE al.person_id = ANY(${RECORDS(SURVIVOR('$1'))}) AND al.organisation_id = $2 AND al.ended_at IS NULL`,
  ],
  ['access_person_region(person uuid)', 'TABLE(region text)', `SELECT rp.region FROM person rp WHERE rp.id = ${SURVIVOR('$1')}`],
  [
    'access_restrictions(person uuid)',
    'TABLE(kind text, user_ids uuid[], allows_break_glass boolean)',
    `SELECT cr.kind, cr.user_ids, cr.allows_break_glass FROM case_restriction cr
      WHERE cr.person_id = ANY(${RECORDS(SURVIVOR('$1'))}) AND cr.lifted_at IS NULL`,
  ],
  // consent: consents in force given to the organisation or its kind, on the person or a record merged
  // into it (two branches, so each uses its index); agreements in force the organisation is party to.
  [
    'access_consents(person uuid, organisation uuid, organisation_kind text)',
    'TABLE(categories text[], purpose text)',
    `SELECT c.categories, c.purpose FROM consent c
      WHERE c.person_id = $1 AND (c.organisation_id = $2 OR c.organisation_kind = $3) AND ${CONSENT_IN_FORCE}
     UNION ALL SELECT c.categories, c.purpose FROM person pm JOIN consent c ON c.person_id = pm.id
      WHERE pm.merged_into_id = $1 AND (c.organisation_id = $2 OR c.organisation_kind = $3) AND ${CONSENT_IN_FORCE}`,
  ],
  [
    'access_agreements(organisation uuid, organisation_kind text)',
    'TABLE(categories text[], purposes text[])',
    `SELECT a.categories, a.purposes FROM sharing_agreement a
      WHERE ($1 = ANY(a.party_organisation_ids) OR $2 = ANY(a.party_kinds))
        AND a.valid_from <= now() AND (a.valid_to IS NULL OR a.valid_to > now())`,
  ],
  // privacy: the people on whom an actor holds a break-glass grant in force.
  [
    'access_break_glass_people(actor text)',
    'TABLE(person_id uuid)',
    `SELECT bg.person_id FROM break_glass_grant bg WHERE bg.actor = $1 AND bg.opened_at <= now() AND bg.expires_at > now()`,
  ],
  // referrals: an open referral (sent, accepted, in progress) to the organisation relates it to the person.
  [
    'access_referral_relationship(person uuid, organisation uuid)',
    'TABLE(lead boolean)',
    `SELECT FALSE FROM referral rr WHERE rr.to_organisation_id = $2 AND rr.state IN ('sent', 'accepted', 'in_progress')
        AND rr.person_id = ANY(${RECORDS('$1')}) LIMIT 1`,
  ],
  [
    'access_referral_people(organisation uuid)',
    'TABLE(person_id uuid)',
    `SELECT ${SURVIVOR('rr.person_id')} FROM referral rr WHERE rr.to_organisation_id = $1 AND rr.state IN ('sent', 'accepted', 'in_progress')`,
  ],
];

export class AccessFactFunctions1796715100000 implements MigrationInterface {
  name = 'AccessFactFunctions1796715100000';

  public async up(q: QueryRunner): Promise<void> {
    for (const [signature, returns, body] of FUNCTIONS) {
      await q.query(`CREATE FUNCTION ${signature} RETURNS ${returns} LANGUAGE sql STABLE AS $fact$ ${body} $fact$`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [signature] of [...FUNCTIONS].reverse()) await q.query(`DROP FUNCTION ${signature}`);
  }
}
