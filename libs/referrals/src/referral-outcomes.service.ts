import { Injectable } from '@nestjs/common';
import { ReadReplica } from '@hub/database';
import { DEFAULT_SLA_HOURS, SERVICE_SLA_HOURS, START_SLA_HOURS } from './referral-vocabulary.js';

/** The measures of a row, in the order of the CSV's columns. */
export const REFERRAL_MEASURES = [
  'sent',
  'accepted',
  'declined',
  'withdrawnBeforeAnswer',
  'awaitingAnswer',
  'answeredInTime',
  'awaitingAnswerPastDue',
  'started',
  'startedInTime',
  'acceptedNotStartedPastDue',
  'completed',
  'withdrawnAfterAcceptance',
] as const;
export type ReferralMeasure = (typeof REFERRAL_MEASURES)[number];

/** One row of counts as the statement gives it (service_code null: the total). */
export type ReferralCounts = Record<ReferralMeasure, number> & {
  service_code: string | null;
  median_hours_to_answer: number | null;
  median_hours_to_start: number | null;
};

/**
 * Each referral sent in the period (calendar days in Europe/London), with the times of its steps, read
 * from the maintained summary (referral_fact: one narrow row per referral, the first time of each step
 * from its recorded transitions, kept by triggers in the transaction of every write), then
 * counted per service and in total (one statement, one snapshot, so the rows add up). Due times are
 * the services' answer hours and the start hours in force now.
 */
const COUNTS_SQL = (where: string) => `
  WITH r AS (
    SELECT r.service_code, r.state, r.sent_at,
           r.sent_at + make_interval(hours => COALESCE(sla.hours, $5)) AS answer_due,
           r.accepted_at, r.declined_at, r.started_at, r.completed_at, r.withdrawn_at,
           LEAST(r.accepted_at, r.declined_at) AS answered_at
      FROM referral_fact r
      LEFT JOIN unnest($3::text[], $4::int[]) AS sla(code, hours) ON sla.code = r.service_code
     WHERE r.sent_at >= ($1::date::timestamp AT TIME ZONE 'Europe/London') AND r.sent_at < ($2::date::timestamp AT TIME ZONE 'Europe/London') AND ${where})
  SELECT service_code,
         count(*)::int AS "sent",
         count(accepted_at)::int AS "accepted",
         count(declined_at)::int AS "declined",
         count(*) FILTER (WHERE withdrawn_at IS NOT NULL AND answered_at IS NULL)::int AS "withdrawnBeforeAnswer",
         count(*) FILTER (WHERE state = 'sent')::int AS "awaitingAnswer",
         count(*) FILTER (WHERE answered_at <= answer_due)::int AS "answeredInTime",
         count(*) FILTER (WHERE state = 'sent' AND answer_due < now())::int AS "awaitingAnswerPastDue",
         count(started_at)::int AS "started",
         count(*) FILTER (WHERE started_at <= accepted_at + make_interval(hours => $6))::int AS "startedInTime",
         count(*) FILTER (WHERE state = 'accepted' AND accepted_at + make_interval(hours => $6) < now())::int AS "acceptedNotStartedPastDue",
         count(completed_at)::int AS "completed",
         count(*) FILTER (WHERE withdrawn_at IS NOT NULL AND accepted_at IS NOT NULL)::int AS "withdrawnAfterAcceptance",
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - sent_at) / 3600) FILTER (WHERE answered_at IS NOT NULL) AS median_hours_to_answer,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - accepted_at) / 3600) FILTER (WHERE started_at IS NOT NULL) AS median_hours_to_start
    FROM r
   GROUP BY GROUPING SETS ((service_code), ())
   ORDER BY service_code NULLS FIRST`;

/**
 * What became of the referrals sent in a period, counted per service and in total: the facts the
 * referral report (libs/reporting) controls for disclosure and publishes. No access check: the caller
 * has scoped the question (one organisation's referrals, received or sent, or all of them).
 */
@Injectable()
export class ReferralOutcomesService {
  constructor(private readonly replica: ReadReplica) {}

  async countsByService(
    period: { from: string; to: string },
    organisation: { id: string; side: 'received' | 'sent' } | null,
  ): Promise<ReferralCounts[]> {
    const side = organisation?.side === 'sent' ? 'r.from_organisation_id' : 'r.to_organisation_id';
    const where = organisation ? `${side} = $7::uuid` : 'TRUE';
    const sla = Object.entries(SERVICE_SLA_HOURS);
    const params: unknown[] = [
      period.from,
      period.to,
      sla.map(([code]) => code),
      sla.map(([, hours]) => hours),
      DEFAULT_SLA_HOURS,
      START_SLA_HOURS,
    ];
    if (organisation) params.push(organisation.id);
    // Aggregates tolerate a replica's lag: they read from DATABASE_READ_URL when set.
    return this.replica.snapshot((query) => query<ReferralCounts>(COUNTS_SQL(where), params));
  }
}
