import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The counts the referral report sums, for the referrals sent on one day (Europe/London): what
 * became of them, as their summary rows (referral_fact) say now. Stored in three shapes with the same
 * measures (migration ReferralCounts):
 * - referral_count_delta: what each write changed, appended in the write's transaction by a
 *   statement-level trigger on referral_fact (the old rows' part taken away, the new rows' added). It
 *   takes no lock another writer waits on: writes of the same day and service never queue.
 * - referral_count (per service and pair of organisations) and referral_count_day (per service):
 *   the deltas folded in by referral_count_compact(), which the worker runs every minute and the
 *   population generator after a load. A report sums the folded rows of its period and the deltas
 *   not yet folded, in one snapshot, so it is right whether or not the worker has run.
 * Only the measures that do not change with the clock are here; "past due now" is counted from the
 * open referrals when the report runs. The medians have their own counts (referral_hours, below).
 */
abstract class ReferralMeasures {
  @Column({ type: 'int', default: 0 })
  sent: number;

  @Column({ type: 'int', default: 0 })
  accepted: number;

  @Column({ type: 'int', default: 0 })
  declined: number;

  @Column({ type: 'int', default: 0 })
  withdrawnBeforeAnswer: number;

  @Column({ type: 'int', default: 0 })
  awaitingAnswer: number;

  @Column({ type: 'int', default: 0 })
  answeredInTime: number;

  @Column({ type: 'int', default: 0 })
  started: number;

  @Column({ type: 'int', default: 0 })
  startedInTime: number;

  @Column({ type: 'int', default: 0 })
  completed: number;

  @Column({ type: 'int', default: 0 })
  withdrawnAfterAcceptance: number;
}

/** Folded counts per day, service and pair of organisations: what a report for one organisation sums. */
@Entity('referral_count')
@Index('ix_referral_count_to', ['toOrganisationId', 'day'])
@Index('ix_referral_count_from', ['fromOrganisationId', 'day'])
export class ReferralCount extends ReferralMeasures {
  @PrimaryColumn({ type: 'date' })
  day: string;

  @PrimaryColumn({ type: 'text' })
  serviceCode: string;

  @PrimaryColumn({ type: 'uuid' })
  fromOrganisationId: string;

  @PrimaryColumn({ type: 'uuid' })
  toOrganisationId: string;
}

/** Folded counts per day and service: what a report over all organisations sums (a row per service a day at most). */
@Entity('referral_count_day')
export class ReferralCountDay extends ReferralMeasures {
  @PrimaryColumn({ type: 'date' })
  day: string;

  @PrimaryColumn({ type: 'text' })
  serviceCode: string;
}

/** What each write changed, appended and never updated; folded into the two above by referral_count_compact(). */
@Entity('referral_count_delta')
@Index('ix_referral_count_delta_day', ['day'])
export class ReferralCountDelta extends ReferralMeasures {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'text' })
  serviceCode: string;

  @Column({ type: 'uuid' })
  fromOrganisationId: string;

  @Column({ type: 'uuid' })
  toOrganisationId: string;
}

/**
 * How many referrals sent in a month (Europe/London) and to a service took so many hours, to the
 * nearest hour, to be answered (kind 0: sending to acceptance or decline) or started (kind 1:
 * acceptance to start): what the medians over all organisations are worked out from, over the
 * whole months of a period. Folded from referral_hours_delta as the counts are.
 */
@Entity('referral_hours')
export class ReferralHours {
  @PrimaryColumn({ type: 'date' })
  month: string;

  @PrimaryColumn({ type: 'text' })
  serviceCode: string;

  @PrimaryColumn({ type: 'smallint' })
  kind: number;

  @PrimaryColumn({ type: 'int' })
  hours: number;

  @Column({ type: 'int' })
  n: number;
}

/** The same per calendar year (its 1 January): what the medians read for the whole years of a period. */
@Entity('referral_hours_year')
export class ReferralHoursYear {
  @PrimaryColumn({ type: 'date' })
  year: string;

  @PrimaryColumn({ type: 'text' })
  serviceCode: string;

  @PrimaryColumn({ type: 'smallint' })
  kind: number;

  @PrimaryColumn({ type: 'int' })
  hours: number;

  @Column({ type: 'int' })
  n: number;
}

/** What each write changed in referral_hours (and referral_hours_year), appended and never updated. */
@Entity('referral_hours_delta')
@Index('ix_referral_hours_delta_month', ['month'])
export class ReferralHoursDelta {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'date' })
  month: string;

  @Column({ type: 'text' })
  serviceCode: string;

  @Column({ type: 'smallint' })
  kind: number;

  @Column({ type: 'int' })
  hours: number;

  @Column({ type: 'int' })
  n: number;
}
