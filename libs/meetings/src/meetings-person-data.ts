import { Injectable } from '@nestjs/common';
import { PersonData, type PersonDataSection, type PersonDataSource, type PersonErasureStep, type PersonRetentionRule } from '@hub/common';
import { organisationNameSql } from '@hub/organisations';

/** The meetings lib's part of a subject access export, of an erasure and of retention: agenda items, notes and decisions, actions. */
@Injectable()
@PersonData()
export class MeetingsPersonData implements PersonDataSource {
  personDataSections(): PersonDataSection[] {
    return [
      {
        key: 'meetingAgendaItems',
        title: 'Meetings you were discussed at',
        order: 47.3,
        sql: `SELECT i.id, mt.title AS meeting, mt.starts_at, ${organisationNameSql('mt.organiser_organisation_id')} AS organiser, i.reason, i.created_at
                FROM meeting_agenda_item i JOIN meeting mt ON mt.id = i.meeting_id WHERE i.person_id = ANY($1::uuid[]) ORDER BY mt.starts_at`,
      },
      {
        key: 'meetingNotes',
        title: 'Meeting notes and decisions',
        order: 47.5,
        sql: `SELECT n.id, n.meeting_id, n.kind, ${organisationNameSql('n.organisation_id')} AS organisation, n.data_category, n.body, n.created_at
                FROM meeting_note n WHERE n.person_id = ANY($1::uuid[]) ORDER BY n.created_at`,
      },
      {
        key: 'meetingActions',
        title: 'Meeting actions',
        order: 47.7,
        sql: `SELECT a.id, a.meeting_id, ${organisationNameSql('a.owner_organisation_id')} AS owner, a.title, a.due_on, a.status, a.completed_at, a.completion_note
                FROM meeting_action a WHERE a.person_id = ANY($1::uuid[]) ORDER BY a.created_at`,
      },
    ];
  }

  personErasureSteps(): PersonErasureStep[] {
    return [
      { key: 'meetingActions', order: 37.3, sql: 'DELETE FROM meeting_action WHERE person_id = ANY($1::uuid[])' },
      { key: 'meetingNotes', order: 37.5, sql: 'DELETE FROM meeting_note WHERE person_id = ANY($1::uuid[])' },
      { key: 'meetingAgendaItems', order: 37.7, sql: 'DELETE FROM meeting_agenda_item WHERE person_id = ANY($1::uuid[])' },
    ];
  }

  /**
   * Notes and decisions are kept for their category's period from when they were written. Actions done,
   * and agenda items with no note or action left on them, are kept for the identity category's period
   * from the meeting (they say the person was discussed, and what was to be done): an open action stays
   * while it is open (it is still work), and goes with the record.
   */
  personRetention(): PersonRetentionRule[] {
    return [
      {
        key: 'meetingNotes',
        expiredSql: `SELECT n.person_id AS record_id, n.id, n.data_category FROM meeting_note n
                       JOIN jsonb_each_text($1::jsonb) AS cut(category, before) ON cut.category = n.data_category
                      WHERE n.created_at < cut.before::timestamptz`,
        eraseSql: ['DELETE FROM meeting_note WHERE id = ANY($1::uuid[]) RETURNING data_category'],
        activitySql: '(SELECT n.person_id, n.created_at AS at FROM meeting_note n)',
      },
      {
        key: 'meetingActions',
        expiredSql: `SELECT a.person_id AS record_id, a.id, cut.category AS data_category FROM meeting_action a
                       JOIN jsonb_each_text($1::jsonb) AS cut(category, before) ON cut.category = 'identity'
                      WHERE a.status = 'done' AND COALESCE(a.completed_at, a.created_at) < cut.before::timestamptz`,
        eraseSql: [`DELETE FROM meeting_action WHERE id = ANY($1::uuid[]) RETURNING 'identity' AS data_category`],
        activitySql: '(SELECT a.person_id, COALESCE(a.completed_at, a.created_at) AS at FROM meeting_action a)',
      },
      {
        key: 'meetingAgendaItems',
        expiredSql: `SELECT i.person_id AS record_id, i.id, cut.category AS data_category FROM meeting_agenda_item i
                       JOIN meeting mt ON mt.id = i.meeting_id
                       JOIN jsonb_each_text($1::jsonb) AS cut(category, before) ON cut.category = 'identity'
                      WHERE mt.starts_at < cut.before::timestamptz
                        AND NOT EXISTS (SELECT 1 FROM meeting_note n WHERE n.agenda_item_id = i.id)
                        AND NOT EXISTS (SELECT 1 FROM meeting_action a WHERE a.agenda_item_id = i.id)`,
        eraseSql: [`DELETE FROM meeting_agenda_item WHERE id = ANY($1::uuid[]) RETURNING 'identity' AS data_category`],
        activitySql: '(SELECT i.person_id, i.created_at AS at FROM meeting_agenda_item i)',
      },
    ];
  }
}
