import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ConsentMethod, ConsentPurpose } from './consent-vocabulary.js';

/** A person's consent to share categories of their data with an organisation, or with every organisation of a kind. */
@Entity('consent')
@Index('ix_consent_person', ['personId'])
@Index('ix_consent_expiring', ['expiresAt'], { where: 'withdrawn_at IS NULL AND expires_at IS NOT NULL' })
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  purpose: ConsentPurpose;

  @Column({ type: 'text', array: true })
  categories: string[];

  /** The organisation the consent is given to; null when given to a kind of organisation. */
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'text', nullable: true })
  organisationKind: string | null;

  @Column({ type: 'text' })
  method: ConsentMethod;

  @Column({ type: 'text', nullable: true })
  evidenceNote: string | null;

  @Column({ type: 'timestamptz' })
  givenAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'text', nullable: true })
  withdrawnReason: string | null;

  @Column({ type: 'uuid' })
  recordedByOrganisationId: string;

  @Column({ type: 'text' })
  recordedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
