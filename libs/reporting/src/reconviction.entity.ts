import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A proven reconviction (offence date of the new conviction). Offending category. */
@Entity('reconviction')
@Index('ix_reconviction_person_date', ['personId', 'convictedOn'])
export class Reconviction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'date' })
  convictedOn: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
