import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, ForbiddenError, hasRole, NotFoundError, Role } from '@hub/common';
import { PersonsService } from '@hub/persons';
import { AuditService } from './audit.service.js';
import { renderSubjectAccessDocument } from './subject-access-document.js';

export interface SubjectAccessExport {
  personId: string;
  generatedAt: string;
  /** Every section, as rows. */
  data: Record<string, unknown>;
  /** The same, as a readable Markdown document. */
  document: string;
  counts: Record<string, number>;
}

/**
 * The sections of a subject access export, each one query over the person's record ids ($1).
 * The export is, by law, everything held on the person across all organisations, so it reads the
 * tables directly rather than through each lib's access-checked service.
 */
const SECTIONS: { key: string; title: string; table: string; sql: string }[] = [
  { key: 'person', title: 'Record', table: 'person', sql: `SELECT id, given_name, family_name, date_of_birth::text AS date_of_birth, region, release_date::text AS release_date, offence_summary, ogrs_score, risk_level, health_notes, stage, merged_into_id, created_at, updated_at FROM person WHERE id = ANY($1::uuid[]) ORDER BY created_at` },
  { key: 'identifiers', title: 'Identifiers', table: 'person_identifier', sql: `SELECT scheme, value, person_id FROM person_identifier WHERE person_id = ANY($1::uuid[]) ORDER BY scheme, value` },
  { key: 'involvements', title: 'Organisations working with the person', table: 'involvement', sql: `SELECT o.name AS organisation, i.role, i.started_at, i.ended_at, i.source FROM involvement i JOIN organisation o ON o.id = i.organisation_id WHERE i.person_id = ANY($1::uuid[]) ORDER BY i.started_at` },
  { key: 'interventions', title: 'Interventions', table: 'intervention', sql: `SELECT i.id, o.name AS organisation, t.name AS type, i.data_category, i.status, i.occurred_at, i.notes, i.outcome FROM intervention i JOIN organisation o ON o.id = i.organisation_id LEFT JOIN intervention_type t ON t.code = i.type_code WHERE i.person_id = ANY($1::uuid[]) ORDER BY i.occurred_at` },
  { key: 'sustainments', title: 'Job sustainment checks', table: 'job_sustainment', sql: `SELECT s.start_date::text AS start_date, s.due_on::text AS due_on, s.status, s.recorded_at, s.note, o.name AS organisation FROM job_sustainment s JOIN organisation o ON o.id = s.organisation_id WHERE s.person_id = ANY($1::uuid[]) ORDER BY s.start_date` },
  { key: 'consents', title: 'Consents', table: 'consent', sql: `SELECT c.id, c.purpose, c.categories, coalesce(o.name, c.organisation_kind) AS given_to, c.method, c.given_at, c.expires_at, c.withdrawn_at, c.withdrawn_reason, r.name AS recorded_by FROM consent c LEFT JOIN organisation o ON o.id = c.organisation_id JOIN organisation r ON r.id = c.recorded_by_organisation_id WHERE c.person_id = ANY($1::uuid[]) ORDER BY c.given_at` },
  { key: 'referrals', title: 'Referrals', table: 'referral', sql: `SELECT * FROM referral WHERE person_id = ANY($1::uuid[])` },
  { key: 'history', title: 'Changes to the record', table: 'person_change', sql: `SELECT c.action, c.changed_at, o.name AS organisation, c.reason, c.changes FROM person_change c JOIN organisation o ON o.id = c.organisation_id WHERE c.person_id = ANY($1::uuid[]) ORDER BY c.changed_at, c.id` },
  { key: 'breakGlass', title: 'Emergency (break-glass) access', table: 'break_glass_grant', sql: `SELECT o.name AS organisation, g.reason, g.opened_at, g.expires_at, g.reviewed_at FROM break_glass_grant g JOIN organisation o ON o.id = g.organisation_id WHERE g.person_id = ANY($1::uuid[]) ORDER BY g.opened_at` },
  {
    key: 'disclosures',
    title: 'Disclosure log (who saw or changed what, when and why)',
    table: 'audit_event',
    sql: `SELECT a.occurred_at, coalesce(o.name, 'the hub') AS organisation, split_part(a.actor, ':', 1) AS actor_kind, a.purpose, a.action, a.categories, a.fields, a.withheld, a.break_glass, a.detail->>'event' AS event
            FROM audit_event a LEFT JOIN organisation o ON o.id = a.organisation_id WHERE a.person_id = ANY($1::uuid[]) ORDER BY a.id`,
  },
];

@Injectable()
export class SubjectAccessService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persons: PersonsService,
    private readonly audit: AuditService,
  ) {}

  /** For data protection officers of an organisation working with the person (GraphQL); `actor` null is the operator's CLI. */
  async export(actor: Actor | null, personId: string): Promise<SubjectAccessExport> {
    let survivor: string | null;
    if (actor) {
      if (!hasRole(actor, Role.DATA_PROTECTION_OFFICER)) throw new ForbiddenError('Only data protection officers answer subject access requests');
      survivor = (await this.persons.requireAccess(actor, personId)).personId;
    } else {
      survivor = await this.persons.survivorId(personId);
      if (!survivor) throw new NotFoundError('Person');
    }
    // One consistent snapshot of everything held (the export's own audit event is appended after it, see AuditChain).
    const result = await this.db.transaction('REPEATABLE READ', (m) => this.collect(m, survivor));
    await this.audit.append(null, actor, [
      { action: 'export', personId: survivor, categories: new Set(), fields: new Set(Object.keys(result.counts)), withheld: new Set(), breakGlass: false, detail: { kind: 'subject_access', counts: result.counts } },
    ]);
    return result;
  }

  private async collect(m: EntityManager, personId: string): Promise<SubjectAccessExport> {
    const recordIds = await this.persons.allRecordIds(personId, m);
    const present: { name: string }[] = await m.query(`SELECT relname AS name FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND relname = ANY($1)`, [SECTIONS.map((s) => s.table)]);
    const tables = new Set(present.map((p) => p.name));
    const data: Record<string, unknown> = {};
    const counts: Record<string, number> = {};
    for (const section of SECTIONS) {
      // Tables of libs not built yet (referrals) are skipped, not failed.
      const rows: unknown[] = tables.has(section.table) ? await m.query(section.sql, [recordIds]) : [];
      data[section.key] = rows;
      counts[section.key] = rows.length;
    }
    const generatedAt = new Date().toISOString();
    const document = renderSubjectAccessDocument({ personId, generatedAt, recordIds, sections: SECTIONS.map((s) => ({ title: s.title, rows: data[s.key] as Record<string, unknown>[] })) });
    return { personId, generatedAt, data: { personId, recordIds, generatedAt, ...data }, document, counts };
  }
}
