import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The ETE funnel summary: for each person (the surviving record of a merge) the date each funnel step
 * was first reached. Maintained in the transaction of every write that changes it by triggers on the
 * intervention, job_sustainment, person and intervention_type tables (migration EteFunnelSummary), so
 * the service path, bulk sync, the population generator and hand-written SQL all keep it right.
 * Dates are calendar days in Europe/London.
 */
abstract class FunnelDates {
  @Column({ type: 'text', nullable: true })
  region: string | null;

  /** First ETE or employment contact of any status (the referral into ETE support). */
  @Column({ type: 'date', nullable: true })
  referredOn: string | null;

  /** First attended (started or completed) ETE contact. */
  @Column({ type: 'date', nullable: true })
  tookUpOn: string | null;

  /** First attended skills or training intervention. */
  @Column({ type: 'date', nullable: true })
  trainingOn: string | null;

  /** First qualification gained, and which (the alphabetically first on a tie). */
  @Column({ type: 'date', nullable: true })
  qualifiedOn: string | null;

  @Column({ type: 'text', nullable: true })
  qualification: string | null;

  /** Start date of the first job, and its sector. */
  @Column({ type: 'date', nullable: true })
  jobStartOn: string | null;

  @Column({ type: 'text', nullable: true })
  jobSector: string | null;

  /** Start date of the first job that was sustained 13 weeks. */
  @Column({ type: 'date', nullable: true })
  sustainedOn: string | null;

  /** Every intervention type (of any category) the person has had (from the organisation), sorted. */
  @Column({ type: 'text', array: true })
  types: string[];
}

/** Across all organisations: one row per person with any intervention. */
@Entity('ete_funnel_fact')
export class EteFunnelFact extends FunnelDates {
  @PrimaryColumn({ type: 'uuid' })
  personId: string;
}

/** With one organisation: one row per person and organisation that recorded an intervention for them. */
@Entity('ete_funnel_org_fact')
@Index('ix_ete_funnel_org_fact_person', ['personId'])
export class EteFunnelOrgFact extends FunnelDates {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid' })
  personId: string;
}
