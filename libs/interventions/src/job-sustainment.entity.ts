import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { SustainmentStatus } from './intervention-vocabulary.js';

/** The 13-week window a job start opens; whether the job was sustained is recorded at its end. */
@Entity('job_sustainment')
@Index('ix_job_sustainment_person', ['personId'])
@Index('ix_job_sustainment_due', ['dueOn'], { where: `status = 'open'` })
// Sustained only once the 13 weeks have passed (migration SustainedOnlyAfterThirteenWeeks).
@Check(
  'ck_job_sustainment_sustained_after_due',
  `status <> 'sustained' OR recorded_at IS NULL OR (recorded_at AT TIME ZONE 'Europe/London')::date >= due_on`,
)
export class JobSustainment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'uuid', unique: true })
  interventionId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'text', default: 'open' })
  status: SustainmentStatus;

  @Column({ type: 'timestamptz', nullable: true })
  recordedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  recordedBy: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
