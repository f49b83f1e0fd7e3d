import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LawfulBasis } from './consent-vocabulary.js';

/** An information sharing agreement between organisations (or kinds of organisation). */
@Entity('sharing_agreement')
export class SharingAgreement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  partyOrganisationIds: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  partyKinds: string[];

  @Column({ type: 'text', array: true })
  purposes: string[];

  @Column({ type: 'text', array: true })
  categories: string[];

  @Column({ type: 'text' })
  lawfulBasis: LawfulBasis;

  /** The statute or duty relied on (for example Offender Management Act 2007 s.14). */
  @Column({ type: 'text', nullable: true })
  statutoryReference: string | null;

  @Column({ type: 'timestamptz' })
  validFrom: Date;

  @Column({ type: 'timestamptz', nullable: true })
  validTo: Date | null;

  @Column({ type: 'text' })
  createdBy: string;

  /** Why the agreement was ended early (endSharingAgreement), and who ended it. */
  @Column({ type: 'text', nullable: true })
  endedReason: string | null;

  @Column({ type: 'text', nullable: true })
  endedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
