import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TaskKind, TaskStatus } from './referral-vocabulary.js';

/** Something an organisation's staff should do (seek consent, check a job was kept, chase a referral). */
@Entity('task')
@Index('ix_task_org_status', ['organisationId', 'status'])
@Index('ix_task_assignee_user', ['assigneeUserId'], { where: 'assignee_user_id IS NOT NULL' })
export class Task {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** Role expected to act (caseworker, manager). */
  @Column({ type: 'text' })
  forRole: string;

  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  @Column({ type: 'uuid', nullable: true })
  referralId: string | null;

  @Column({ type: 'text' })
  kind: TaskKind;

  @Column({ type: 'text' })
  title: string;

  /** Why the task exists (for consent tasks: which rule wanted to refer, and what was missing). */
  @Column({ type: 'text' })
  detail: string;

  @Column({ type: 'text', default: 'open' })
  status: TaskStatus;

  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** What raised it, for idempotency (`sustainment:<id>:13w`). */
  @Column({ type: 'text', nullable: true, unique: true })
  sourceKey: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  closedBy: string | null;

  /** A task a person assigned (kind `assigned`): the colleague it is for, or the team (one of the two). */
  @Column({ type: 'uuid', nullable: true })
  assigneeUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  assigneeTeamId: string | null;

  /** Who assigned it (`user:<id>`); null for tasks the hub raised. */
  @Column({ type: 'text', nullable: true })
  createdBy: string | null;
}
