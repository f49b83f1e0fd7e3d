import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonData, type PersonDataSection, type PersonDataSource, type PersonErasureStep } from '@hub/common';
import { OutboxService } from '@hub/events';
import { OPEN_STATES, ReferralState } from './referral-vocabulary.js';

const OPEN = `ARRAY[${[ReferralState.DRAFT, ...OPEN_STATES].map((s) => `'${s}'`).join(', ')}]`;

/**
 * The referrals lib's part of a subject access export (every referral made about the person) and of
 * an erasure. A referral stays as the organisations' record that one was made (who referred to whom,
 * for which service, when, and what became of it), about a tombstone; what it said about the person
 * goes: its reason, the categories shared, the reasons given at each step, the tasks about the person,
 * the rule engine's notes, and the ETE-contact lapses. Referrals still open are withdrawn, so nobody is
 * left working a referral about an erased record.
 */
@Injectable()
@PersonData()
export class ReferralsPersonData implements PersonDataSource {
  constructor(private readonly outbox: OutboxService) {}

  personDataSections(): PersonDataSection[] {
    return [{ key: 'referrals', title: 'Referrals', order: 70, sql: `SELECT * FROM referral WHERE person_id = ANY($1::uuid[]) ORDER BY created_at, id` }];
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
        sql: `WITH open AS (SELECT id, state FROM referral WHERE person_id = ANY($1::uuid[]) AND state = ANY(${OPEN}) FOR UPDATE),
                   logged AS (INSERT INTO referral_transition (referral_id, action, from_state, to_state, reason, actor)
                              SELECT id, 'withdraw', state, '${ReferralState.WITHDRAWN}', 'the person''s record was erased', 'system:erasure' FROM open)
              UPDATE referral r SET state = '${ReferralState.WITHDRAWN}' FROM open WHERE r.id = open.id
              RETURNING r.id, r.person_id, r.from_organisation_id, r.to_organisation_id, r.service_code, r.rule_id`,
        after: (m, rows) => this.withdrawn(m, rows),
      },
      {
        key: 'referrals',
        order: 43,
        sql: `UPDATE referral SET reason = '[erased]', state_reason = NULL, shared_categories = '{}', updated_at = now(), version = version + 1
               WHERE person_id = ANY($1::uuid[])`,
      },
      { key: 'tasks', order: 44, sql: 'DELETE FROM task WHERE person_id = ANY($1::uuid[])' },
      { key: 'ruleFirings', order: 45, sql: `UPDATE rule_firing SET detail = '[erased]' WHERE person_id = ANY($1::uuid[]) AND detail <> '[erased]'` },
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
        payload: { referralId: r.id, fromOrganisationId: r.from_organisation_id, toOrganisationId: r.to_organisation_id, serviceCode: r.service_code, state: ReferralState.WITHDRAWN, ruleId: r.rule_id },
      })),
    );
  }
}
