import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService, DataCategory, Permission } from '@hub/access';
import {
  type Actor,
  asNotFound,
  ConflictError,
  decodeCursor,
  encodeCursor,
  ErrorCode,
  ForbiddenError,
  HubError,
  NotFoundError,
  pageSize,
} from '@hub/common';
import { OutboxService } from '@hub/events';
import { AppointmentsService, InterventionsService } from '@hub/interventions';
import { actorRef, PersonsService } from '@hub/persons';
import { ReferralsService } from '@hub/referrals';
import { CaseNote, CaseNoteRevision } from './case-note.entity.js';
import type { CaseNoteModel, CaseNoteRevisionModel } from './case-note.model.js';
import { CASE_NOTE_MAX_CORRECTIONS, CaseNoteAbout } from './case-note-vocabulary.js';
import type { CorrectCaseNoteInput, WriteCaseNoteInput } from './case-note.input.js';

const noteView = (n: CaseNote): CaseNoteModel => ({ ...n, dataCategory: n.dataCategory as DataCategory });

export interface CaseNotePage {
  notes: CaseNoteModel[];
  /** The cursor after the last note, when there are more. */
  next: string | null;
}

/**
 * Case notes: free text of one data category, written by an organisation that may record that
 * category for the person, read where the category may be read (the access policy, per row and in
 * SQL), corrected by their organisation with the note as it was kept (case_note_revision).
 */
@Injectable()
export class CaseNotesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly persons: PersonsService,
    private readonly access: AccessService,
    private readonly outbox: OutboxService,
    private readonly interventions: InterventionsService,
    private readonly appointments: AppointmentsService,
    private readonly referrals: ReferralsService,
  ) {}

  /** Whether what a note is about is there, on this person, and the actor may see it (not: NOT_FOUND, whichever the reason). */
  private async requireAbout(m: EntityManager, actor: Actor, kind: CaseNoteAbout, id: string, recordIds: string[]): Promise<void> {
    const what = { intervention: 'Intervention', referral: 'Referral', appointment: 'Appointment' }[kind];
    const seen =
      kind === CaseNoteAbout.INTERVENTION
        ? await this.interventions.visibleOn(actor, id, recordIds, m)
        : kind === CaseNoteAbout.APPOINTMENT
          ? await this.appointments.visibleOn(actor, id, recordIds, m)
          : recordIds.includes((await this.referrals.get(actor, id).catch(() => null))?.personId ?? '');
    if (!seen) throw new NotFoundError(what);
  }

  async write(actor: Actor, input: WriteCaseNoteInput): Promise<CaseNoteModel> {
    return this.db.transaction(async (m) => {
      const { personId, recordIds, facts } = await this.persons.requireAccess(actor, input.personId, m);
      if (!this.access.decide(actor, 'write', input.dataCategory, facts).allowed)
        throw new ForbiddenError(`Your organisation may not record ${input.dataCategory.replace(/_/g, ' ')} notes on this person`);
      if (input.aboutKind && input.aboutId) await this.requireAbout(m, actor, input.aboutKind, input.aboutId, recordIds);
      const saved = await m.save(
        m.create(CaseNote, {
          personId,
          organisationId: actor.organisationId,
          writtenBy: actorRef(actor),
          dataCategory: input.dataCategory,
          aboutKind: input.aboutKind ?? null,
          aboutId: input.aboutId ?? null,
          body: input.body.trim(),
        }),
      );
      await this.outbox.emit(m, actor, {
        type: 'case_note.written',
        aggregateType: 'case_note',
        aggregateId: saved.id,
        personId,
        payload: { aboutKind: saved.aboutKind, dataCategory: saved.dataCategory },
        changes: { body: { old: null, new: saved.body }, dataCategory: { old: null, new: saved.dataCategory } },
        categories: [saved.dataCategory],
      });
      return noteView(saved);
    });
  }

  /** Corrects a note of the actor's organisation; the note as it was goes to its history. */
  async correct(actor: Actor, input: CorrectCaseNoteInput): Promise<CaseNoteModel> {
    return this.db.transaction(async (m) => {
      const row = await m.findOne(CaseNote, { where: { id: input.noteId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundError('Case note');
      const { facts } = await asNotFound('Case note', () => this.persons.requireAccess(actor, row.personId, m));
      if (!this.access.decide(actor, 'read', row.dataCategory as DataCategory, facts, row.organisationId).allowed)
        throw new NotFoundError('Case note');
      this.access.require(actor, Permission.CASE_NOTE_CORRECT, { organisationId: row.organisationId });
      if (row.version !== input.version)
        throw new ConflictError('The note was corrected by someone else; reload and try again', { currentVersion: row.version });
      if (row.version > CASE_NOTE_MAX_CORRECTIONS)
        throw new HubError(ErrorCode.InvalidState, `A case note is corrected at most ${CASE_NOTE_MAX_CORRECTIONS} times; write a new one`);
      const category = input.dataCategory ?? (row.dataCategory as DataCategory);
      if (category !== row.dataCategory && !this.access.decide(actor, 'write', category, facts).allowed)
        throw new ForbiddenError(`Your organisation may not record ${category.replace(/_/g, ' ')} notes on this person`);
      await m.insert(CaseNoteRevision, {
        noteId: row.id,
        personId: row.personId,
        version: row.version,
        body: row.body,
        dataCategory: row.dataCategory,
        writtenBy: row.writtenBy,
        writtenAt: row.updatedAt,
        correctedBy: actorRef(actor),
        reason: input.reason.trim(),
      });
      const saved = await m.save(CaseNote, { ...row, body: input.body.trim(), dataCategory: category, writtenBy: actorRef(actor) });
      const changes: Record<string, { old: unknown; new: unknown }> = {};
      if (row.body !== saved.body) changes.body = { old: row.body, new: saved.body };
      if (row.dataCategory !== saved.dataCategory) changes.dataCategory = { old: row.dataCategory, new: saved.dataCategory };
      await this.outbox.emit(m, actor, {
        type: 'case_note.corrected',
        aggregateType: 'case_note',
        aggregateId: row.id,
        personId: row.personId,
        payload: { version: saved.version, dataCategory: saved.dataCategory },
        changes: { ...changes, reason: { old: null, new: input.reason.trim() } },
        categories: [...new Set([row.dataCategory, saved.dataCategory])],
      });
      return noteView(saved);
    });
  }

  /** A person's case notes the actor may read, newest first (scoped in SQL by the access policy). */
  async forPerson(
    actor: Actor,
    personId: string,
    args: { first?: number | null; after?: string | null; category?: DataCategory | null },
  ): Promise<CaseNotePage> {
    const first = pageSize(args.first, 20, 100);
    const { personId: survivor, recordIds } = await this.persons.requireAccess(actor, personId);
    const scope = this.access.scope(actor, 'read', {
      person: 'CAST(:scopePerson AS uuid)',
      category: 'cnote.data_category',
      owner: 'cnote.organisation_id',
    });
    const qb = this.db
      .getRepository(CaseNote)
      .createQueryBuilder('cnote')
      .where('cnote.person_id = ANY(:recordIds)', { recordIds })
      .andWhere(scope.where, { ...scope.parameters, scopePerson: survivor });
    if (args.category) qb.andWhere('cnote.data_category = :category', { category: args.category });
    if (args.after) {
      const [at, id] = decodeCursor(args.after, 2) as string[];
      qb.andWhere('(cnote.created_at, cnote.id) < (:cAt, :cId)', { cAt: at, cId: id });
    }
    const rows = await qb
      .orderBy('cnote.created_at', 'DESC')
      .addOrderBy('cnote.id', 'DESC')
      .take(first + 1)
      .getMany();
    const notes = rows.slice(0, first).map(noteView);
    const last = notes.at(-1);
    return { notes, next: rows.length > first && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
  }

  /**
   * The note's earlier versions the actor may read, oldest first: a version of a category the actor
   * may not read (a note re-filed from health) is left out, as the note itself would be.
   */
  async revisions(actor: Actor, note: CaseNoteModel): Promise<CaseNoteRevisionModel[]> {
    const survivor = (await this.persons.survivorId(note.personId)) ?? note.personId;
    const scope = this.access.scope(actor, 'read', {
      person: 'CAST(:scopePerson AS uuid)',
      category: 'crev.data_category',
      owner: 'CAST(:noteOrg AS uuid)',
    });
    const rows = await this.db
      .getRepository(CaseNoteRevision)
      .createQueryBuilder('crev')
      .where('crev.note_id = :id', { id: note.id })
      .andWhere(scope.where, { ...scope.parameters, scopePerson: survivor, noteOrg: note.organisationId })
      .orderBy('crev.version', 'ASC')
      .take(CASE_NOTE_MAX_CORRECTIONS)
      .getMany();
    return rows.map((r) => ({ ...r, dataCategory: r.dataCategory as DataCategory }));
  }
}
