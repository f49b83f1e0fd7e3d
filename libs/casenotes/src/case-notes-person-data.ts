import { Injectable } from '@nestjs/common';
import { PersonData, type PersonDataSection, type PersonDataSource, type PersonErasureStep } from '@hub/common';
import { organisationNameSql } from '@hub/organisations';

/** The case notes lib's part of a subject access export and of an erasure: the notes, and each as it was before a correction. */
@Injectable()
@PersonData()
export class CaseNotesPersonData implements PersonDataSource {
  personDataSections(): PersonDataSection[] {
    return [
      {
        key: 'caseNotes',
        title: 'Case notes',
        order: 46,
        sql: `SELECT n.id, ${organisationNameSql('n.organisation_id')} AS organisation, n.data_category, n.about_kind, n.about_id, n.body, n.created_at, n.updated_at, n.version
                FROM case_note n WHERE n.person_id = ANY($1::uuid[]) ORDER BY n.created_at`,
      },
      {
        key: 'caseNoteCorrections',
        title: 'Case notes before correction',
        order: 47,
        sql: `SELECT r.note_id, r.version, r.data_category, r.body, r.written_at, r.corrected_at, r.reason
                FROM case_note_revision r WHERE r.person_id = ANY($1::uuid[]) ORDER BY r.note_id, r.version`,
      },
    ];
  }

  personErasureSteps(): PersonErasureStep[] {
    return [
      { key: 'caseNoteCorrections', order: 36, sql: 'DELETE FROM case_note_revision WHERE person_id = ANY($1::uuid[])' },
      { key: 'caseNotes', order: 37, sql: 'DELETE FROM case_note WHERE person_id = ANY($1::uuid[])' },
    ];
  }
}
