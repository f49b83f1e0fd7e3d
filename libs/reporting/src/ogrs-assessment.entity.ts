import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A person's OGRS year-1 score (probability of proven reoffending, percent) as at a reference date. Offending category. */
@Entity('ogrs_assessment')
@Index('ix_ogrs_person_date', ['personId', 'assessedOn'])
export class OgrsAssessment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  score: number;

  @Column({ type: 'date' })
  assessedOn: string;

  /** Where it came from: a probation case system (by sync) or entered by hand. */
  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
