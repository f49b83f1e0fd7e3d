import { Injectable } from '@nestjs/common';
import { ReadReplica } from '@hub/database';

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

/** The measures kept in the counts (referral_count and its shapes), in their column names. */
const STORED: [ReferralMeasure, string][] = [
  ['sent', 'sent'],
  ['accepted', 'accepted'],
  ['declined', 'declined'],
  ['withdrawnBeforeAnswer', 'withdrawn_before_answer'],
  ['awaitingAnswer', 'awaiting_answer'],
  ['answeredInTime', 'answered_in_time'],
  ['started', 'started'],
  ['startedInTime', 'started_in_time'],
  ['completed', 'completed'],
  ['withdrawnAfterAcceptance', 'withdrawn_after_acceptance'],
];

/** The period's bounds as times: calendar days in Europe/London. */
const SENT_IN_PERIOD = `sent_at >= ($1::date::timestamp AT TIME ZONE 'Europe/London') AND sent_at < ($2::date::timestamp AT TIME ZONE 'Europe/London')`;

/**
 * What became of the referrals sent in a period, per service and in total, in one statement (one
 * snapshot, so the rows add up), from three parts:
 * - the counts that do not change with the clock: summed from the folded counts of the period's days
 *   (`folded`: referral_count_day over all organisations, referral_count for one) and the deltas not
 *   yet folded (migration ReferralCounts). Their size follows the days and services, not the people;
 * - past due now: the referrals of the period still open (state sent or accepted), through a partial
 *   index, their due times from the services' hours (referral_answer_hours, referral_start_hours);
 * - the medians, of the hours each referral took to be answered and to be started, to the nearest
 *   hour (as percentile_cont would give them over those whole hours): over all organisations, the
 *   whole months of the period from how many took each number of hours (referral_hours_year for its
 *   whole calendar years, referral_hours for the other months, and the deltas not yet folded), and the days before the first whole month and after the last from referral_fact's
 *   covering index; for one organisation, all from that index ($3 = $4: no whole months).
 */
const COUNTS_SQL = (folded: string, where: string) => `
  WITH parts AS (
    SELECT service_code, ${STORED.map(([, c]) => c).join(', ')} FROM ${folded} WHERE day >= $1::date AND day < $2::date AND ${where}
    UNION ALL
    SELECT service_code, ${STORED.map(([, c]) => c).join(', ')} FROM referral_count_delta WHERE day >= $1::date AND day < $2::date AND ${where}),
  counts AS (
    SELECT service_code, ${STORED.map(([m, c]) => `sum(${c})::int AS "${m}"`).join(', ')}
      FROM parts GROUP BY GROUPING SETS ((service_code), ()) HAVING sum(sent) > 0),
  due AS (
    SELECT service_code,
           count(*) FILTER (WHERE state = 'sent' AND sent_at + make_interval(hours => referral_answer_hours(service_code)) < now())::int AS "awaitingAnswerPastDue",
           count(*) FILTER (WHERE state = 'accepted' AND accepted_at + make_interval(hours => referral_start_hours()) < now())::int AS "acceptedNotStartedPastDue"
      FROM referral_fact WHERE state IN ('sent', 'accepted') AND ${SENT_IN_PERIOD} AND ${where}
     GROUP BY GROUPING SETS ((service_code), ())),
  hours AS (
    SELECT service_code, kind, hours, sum(n) AS n
      FROM (SELECT service_code, kind, hours, n FROM referral_hours_year WHERE year >= $5::date AND year < $6::date
            UNION ALL
            SELECT service_code, kind, hours, n FROM referral_hours WHERE (month >= $3::date AND month < $5::date) OR (month >= $6::date AND month < $4::date)
            UNION ALL
            SELECT service_code, kind, hours, n FROM referral_hours_delta WHERE month >= $3::date AND month < $4::date
            UNION ALL
            SELECT f.service_code, k.kind, k.hours, 1
              FROM referral_fact f
             CROSS JOIN LATERAL (VALUES (0, referral_hours_between(f.sent_at, LEAST(f.accepted_at, f.declined_at))),
                                        (1, referral_hours_between(f.accepted_at, f.started_at))) k(kind, hours)
             WHERE ((sent_at >= ($1::date::timestamp AT TIME ZONE 'Europe/London') AND sent_at < ($3::date::timestamp AT TIME ZONE 'Europe/London'))
                 OR (sent_at >= ($4::date::timestamp AT TIME ZONE 'Europe/London') AND sent_at < ($2::date::timestamp AT TIME ZONE 'Europe/London')))
               AND (accepted_at IS NOT NULL OR declined_at IS NOT NULL) AND k.hours IS NOT NULL AND ${where}) h
     GROUP BY service_code, kind, hours HAVING sum(n) <> 0),
  ranked AS (
    SELECT service_code, kind, hours, sum(n) OVER (PARTITION BY service_code, kind ORDER BY hours) AS below, sum(n) OVER (PARTITION BY service_code, kind) AS n
      FROM (SELECT service_code, kind, hours, n FROM hours UNION ALL SELECT NULL, kind, hours, sum(n) FROM hours GROUP BY kind, hours) h),
  medians AS (
    SELECT service_code,
           (min(hours) FILTER (WHERE kind = 0 AND below > floor((n - 1) / 2.0)) + min(hours) FILTER (WHERE kind = 0 AND below > ceil((n - 1) / 2.0))) / 2.0 AS median_hours_to_answer,
           (min(hours) FILTER (WHERE kind = 1 AND below > floor((n - 1) / 2.0)) + min(hours) FILTER (WHERE kind = 1 AND below > ceil((n - 1) / 2.0))) / 2.0 AS median_hours_to_start
      FROM ranked GROUP BY service_code)
  SELECT c.*, COALESCE(d."awaitingAnswerPastDue", 0) AS "awaitingAnswerPastDue", COALESCE(d."acceptedNotStartedPastDue", 0) AS "acceptedNotStartedPastDue",
         m.median_hours_to_answer::float8, m.median_hours_to_start::float8
    FROM counts c
    LEFT JOIN due d ON d.service_code IS NOT DISTINCT FROM c.service_code
    LEFT JOIN medians m ON m.service_code IS NOT DISTINCT FROM c.service_code
   ORDER BY c.service_code NULLS FIRST`;

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
    const side = organisation?.side === 'sent' ? 'from_organisation_id' : 'to_organisation_id';
    const where = organisation ? `${side} = $7::uuid` : 'TRUE';
    const [firstMonth, endMonth] = organisation ? [period.from, period.from] : wholeMonths(period.from, period.to);
    const [firstYear, endYear] = wholeYears(firstMonth, endMonth);
    const params: unknown[] = [period.from, period.to, firstMonth, endMonth, firstYear, endYear];
    if (organisation) params.push(organisation.id);
    const sql = COUNTS_SQL(organisation ? 'referral_count' : 'referral_count_day', where);
    // Aggregates tolerate a replica's lag: they read from DATABASE_READ_URL when set.
    return this.replica.snapshot((query) => query<ReferralCounts>(sql, params));
  }
}

/**
 * The whole calendar months within [from, to) as [first month's first day, end month's first day);
 * an empty range at `from` when there is none.
 */
export function wholeMonths(fromDate: string, toDate: string): [string, string] {
  const [from, to] = [fromDate.slice(0, 10), toDate.slice(0, 10)];
  const [y, m, d] = from.split('-').map(Number);
  const first = d === 1 ? from.slice(0, 8) + '01' : new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  const end = to.slice(0, 8) + '01';
  return first < end ? [first, end] : [from, from];
}

/**
 * The whole calendar years within the whole months [firstMonth, endMonth) as [first 1 January, end
 * 1 January); an empty range at `firstMonth` when there is none.
 */
export function wholeYears(firstMonth: string, endMonth: string): [string, string] {
  const year = Number(firstMonth.slice(0, 4));
  const first = firstMonth.slice(5) === '01-01' ? firstMonth : `${String(year + 1).padStart(4, '0')}-01-01`;
  const end = `${endMonth.slice(0, 4)}-01-01`;
  return first < end ? [first, end] : [firstMonth, firstMonth];
}
