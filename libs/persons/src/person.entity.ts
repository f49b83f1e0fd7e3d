import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { ProgressionStage, RiskLevel } from './person-vocabulary.js';

/** The shared record of one person. Sensitive attributes are in their own data categories (see PERSON_FIELD_CATEGORIES). */
@Entity('person')
@Index('ix_person_match', ['normalisedName', 'dateOfBirth'])
// GIN trigram index for name search, created by hand in a migration (TypeORM cannot describe it).
@Index('ix_person_name_trgm', { synchronize: false })
// Tolerant search (name-search.ts): the names' sounds and the names without spaces, also by hand.
@Index('ix_person_name_sounds', { synchronize: false })
@Index('ix_person_name_compact_trgm', { synchronize: false })
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  givenName: string;

  @Column({ type: 'text' })
  familyName: string;

  @Column({ type: 'text' })
  normalisedName: string;

  @Column({ type: 'date' })
  dateOfBirth: string;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'date', nullable: true })
  releaseDate: string | null;

  @Column({ type: 'text', nullable: true })
  offenceSummary: string | null;

  /** OGRS year-1 probability of proven reoffending, 0-100. */
  @Column({
    type: 'numeric',
    precision: 5,
    scale: 2,
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  ogrsScore: number | null;

  @Column({ type: 'text', nullable: true })
  riskLevel: RiskLevel | null;

  @Column({ type: 'text', nullable: true })
  healthNotes: string | null;

  @Column({ type: 'text', nullable: true })
  stage: ProgressionStage | null;

  /** Set when this record was merged into another; reads follow it to the survivor. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @Column({ type: 'uuid' })
  createdByOrganisationId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
