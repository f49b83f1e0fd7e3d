import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { InvolvementRole } from './person-vocabulary.js';

/** An organisation working with a person, as lead or provider, from when to when. */
@Entity('involvement')
@Index('ix_involvement_org_person', ['organisationId', 'personId'])
@Index('ix_involvement_person', ['personId'])
export class Involvement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  role: InvolvementRole;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** manual, referral, creation. */
  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
