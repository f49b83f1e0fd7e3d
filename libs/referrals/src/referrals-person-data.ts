import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonData, type PersonDataSection, type PersonDataSource, type PersonErasureStep } from '@hub/common';
import { OutboxService } from '@hub/events';
import { organisationNameSql } from '@hub/organisations';
import { ReferralAction, referralEventPayload, ReferralState, TRANSITIONS } from './referral-vocabulary.js';

/** The states a referral can be withdrawn from, as the lifecycle says. */
const WITHDRAWABLE = `ARRAY[${TRANSITIONS[ReferralAction.WITHDRAW].from.map((s) => `'${s}'`).join(', ')}]`;

/**
 * The referrals lib's part of a subject access export (every referral made about the person, what it
 * was sent on, a safeguarding override and its reason, its steps, the tasks about the person and the
 * automatic rules' decisions) and of an erasure.
 * At erasure a referral stays as the organisations' record that one was made (who referred to whom,
 * for which service, when, and what became of it), about a tombstone; what it said about the person
 * goes: its reason, the categories shared, a safeguarding override's reason (the override itself stays), the reasons given at each step, the tasks about the person,
 * the rule engine's notes, and the ETE-contact lapses. Referrals still open are withdrawn, so nobody is
 * left working a referral about an erased record.
 */
@Injectable()
@PersonData()
export class ReferralsPersonData implements PersonDataSource {
  constructor(private readonly outbox: OutboxService) {}

  /** Organisations are named, staff are not (as in the rest of the export). */
  personDataSections(): PersonDataSection[] {
    return [
      {
        key: 'referrals',
        title: 'Referrals',
        order: 70,
        sql: `SELECT r.id, ${organisationNameSql('r.from_organisation_id')} AS from_organisation, ${organisationNameSql('r.to_organisation_id')} AS to_organisation,
                     r.service_code, r.reason, r.shared_categories, r.state, r.state_reason, r.rule_id IS NOT NULL AS made_by_rule,
                     r.basis, r.safeguarding_reason, r.outcome, r.outcome_note, r.created_at, r.sent_at, r.due_at, r.updated_at
                FROM referral r WHERE r.person_id = ANY($1::uuid[]) ORDER BY r.created_at, r.id`,
      },
      {
        key: 'referralSteps',
        title: 'Steps of the referrals',
        order: 71,
        sql: `SELECT t.referral_id, t.action, t.from_state, t.to_state, t.reason, t.at, ${organisationNameSql('t.organisation_id')} AS organisation
                FROM referral_transition t JOIN referral r ON r.id = t.referral_id WHERE r.person_id = ANY($1::uuid[]) ORDER BY t.at, t.id`,
      },
      {
        key: 'tasks',
        title: 'Tasks about the person',
        order: 72,
        sql: `SELECT t.kind, t.title, t.detail, t.status, t.due_at, t.created_at, t.closed_at, ${organisationNameSql('t.organisation_id')} AS organisation
                FROM task t WHERE t.person_id = ANY($1::uuid[]) ORDER BY t.created_at, t.id`,
      },
      {
        key: 'ruleDecisions',
        title: 'Decisions of the automatic referral rules',
        order: 73,
        sql: `SELECT rr.name AS rule, f.outcome, f.detail, f.fired_at, f.referral_id
                FROM rule_firing f LEFT JOIN referral_rule rr ON rr.rule_id = f.rule_id AND rr.version = f.rule_version
               WHERE f.person_id = ANY($1::uuid[]) ORDER BY f.fired_at, f.id`,
      },
    ];
  }

  personErasureSteps(): PersonErasureStep[] {
    return [
      {
        key: 'referralReasons',
        order: 41,
        sql: `UPDATE referral_transition t SET reason = NULL FROM referral r
               WHERE r.id = t.referral_id AND r.person_id = ANY($1::uuid[]) AND t.reason IS NOT NULL`,
      },
      {
        key: 'referralsWithdrawn',
        order: 42,
        sql: `WITH open AS (SELECT id, state FROM referral WHERE person_id = ANY($1::uuid[]) AND state = ANY(${WITHDRAWABLE}) FOR UPDATE),
                   logged AS (INSERT INTO referral_transition (referral_id, action, from_state, to_state, reason, actor)
                              SELECT id, 'withdraw', state, '${ReferralState.WITHDRAWN}', 'the person''s record was erased', 'system:erasure' FROM open)
              UPDATE referral r SET state = '${ReferralState.WITHDRAWN}' FROM open WHERE r.id = open.id
              RETURNING r.id, r.person_id, r.from_organisation_id, r.to_organisation_id, r.service_code, r.rule_id, r.sent_at`,
        after: (m, rows) => this.withdrawn(m, rows),
      },
      {
        key: 'referrals',
        order: 43,
        sql: `UPDATE referral SET reason = '[erased]', state_reason = NULL, shared_categories = '{}',
                     safeguarding_reason = CASE WHEN safeguarding_reason IS NULL THEN NULL ELSE '[erased]' END,
                     outcome_note = NULL, updated_at = now(), version = version + 1
               WHERE person_id = ANY($1::uuid[])`,
      },
      { key: 'tasks', order: 44, sql: 'DELETE FROM task WHERE person_id = ANY($1::uuid[])' },
      {
        key: 'ruleFirings',
        order: 45,
        sql: `UPDATE rule_firing SET detail = '[erased]' WHERE person_id = ANY($1::uuid[]) AND detail <> '[erased]'`,
      },
      { key: 'eteContactLapses', order: 46, sql: 'DELETE FROM ete_contact_lapse WHERE person_id = ANY($1::uuid[])' },
    ];
  }

  /** The withdrawals' events, as a withdrawal by the sender emits them (the receivers' inboxes, webhooks and subscriptions hear of it). */
  private async withdrawn(m: EntityManager, rows: Record<string, unknown>[]): Promise<void> {
    if (!rows.length) return;
    await this.outbox.emit(
      m,
      null,
      ...rows.map((r) => ({
        type: 'referral.withdrawn',
        aggregateType: 'referral',
        aggregateId: String(r.id),
        personId: String(r.person_id),
        payload: referralEventPayload(
          {
            referralId: String(r.id),
            fromOrganisationId: String(r.from_organisation_id),
            toOrganisationId: String(r.to_organisation_id),
            serviceCode: String(r.service_code),
            sent: r.sent_at !== null,
          },
          { state: ReferralState.WITHDRAWN, ruleId: r.rule_id },
        ),
      })),
    );
  }
}
