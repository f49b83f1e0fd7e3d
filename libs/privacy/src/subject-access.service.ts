import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, disclosureLogSql } from '@hub/audit';
import { type Actor, NotFoundError, type PersonDataSection } from '@hub/common';
import { organisationNameSql } from '@hub/organisations';
import { PersonsService } from '@hub/persons';
import { PersonDataRegistry } from './person-data.registry.js';
import { renderSubjectAccessDocument } from './subject-access-document.js';
import { Permission, requirePermission } from '@hub/access';

export interface SubjectAccessExport {
  personId: string;
  generatedAt: string;
  /** Every section, as rows. */
  data: Record<string, unknown>;
  /** The same, as a readable Markdown document. */
  document: string;
  counts: Record<string, number>;
}

/** Break-glass grants, and the disclosure log (the audit log's rows on the person, as the audit lib selects them). */
const AUDIT_SECTIONS: PersonDataSection[] = [
  {
    key: 'breakGlass',
    title: 'Emergency (break-glass) access',
    order: 90,
    sql: `SELECT ${organisationNameSql('g.organisation_id')} AS organisation, g.reason, g.opened_at, g.expires_at, g.reviewed_at FROM break_glass_grant g WHERE g.person_id = ANY($1::uuid[]) ORDER BY g.opened_at`,
  },
  {
    key: 'disclosures',
    title: 'Disclosure log (who saw or changed what, when and why)',
    order: 100,
    sql: disclosureLogSql(organisationNameSql),
  },
];

/**
 * The export is, by law, everything held on the person across all organisations. Each lib holding
 * person data answers for its own tables (a provider marked `@PersonData()`, see PersonDataRegistry);
 * the sections run in one snapshot, in their `order`.
 */
@Injectable()
export class SubjectAccessService {
  private sections?: PersonDataSection[];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persons: PersonsService,
    private readonly audit: AuditService,
    private readonly registry: PersonDataRegistry,
  ) {}

  /** For data protection officers of an organisation working with the person (GraphQL); `actor` null is the operator's CLI. */
  async export(actor: Actor | null, personId: string): Promise<SubjectAccessExport> {
    let survivor: string | null;
    if (actor) {
      requirePermission(actor, Permission.SUBJECT_ACCESS_ANSWER);
      survivor = (await this.persons.requireAccess(actor, personId)).personId;
    } else {
      survivor = await this.persons.survivorId(personId);
      if (!survivor) throw new NotFoundError('Person');
    }
    // One consistent snapshot of everything held (the export's own audit event is appended after it, see AuditChain).
    const result = await this.db.transaction('REPEATABLE READ', (m) => this.collect(m, survivor));
    await this.audit.append(null, actor, [
      {
        action: 'export',
        personId: survivor,
        categories: new Set(),
        fields: new Set(Object.keys(result.counts)),
        withheld: new Set(),
        breakGlass: false,
        detail: { kind: 'subject_access', counts: result.counts },
      },
    ]);
    return result;
  }

  private async collect(m: EntityManager, personId: string): Promise<SubjectAccessExport> {
    const recordIds = await this.persons.allRecordIds(personId, m);
    const sections = (this.sections ??= this.registry.sections(AUDIT_SECTIONS));
    const data: Record<string, unknown> = {};
    const counts: Record<string, number> = {};
    for (const section of sections) {
      const rows: unknown[] = await m.query(section.sql, [recordIds]);
      data[section.key] = rows;
      counts[section.key] = rows.length;
    }
    const generatedAt = new Date().toISOString();
    const document = renderSubjectAccessDocument({
      personId,
      generatedAt,
      recordIds,
      sections: sections.map((s) => ({ title: s.title, rows: data[s.key] as Record<string, unknown>[] })),
    });
    return { personId, generatedAt, data: { personId, recordIds, generatedAt, ...data }, document, counts };
  }
}
