import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A legal hold stops both retention and erasure of a person's record until released. */
@Entity('legal_hold')
@Index('ix_legal_hold_person', ['personId'], { where: 'released_at IS NULL' })
export class LegalHold {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text' })
  placedBy: string;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  placedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  releasedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  releasedBy: string | null;
}
