import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { CaseNoteAbout } from './case-note-vocabulary.js';

/** A caseworker's free-text note on a person, of one data category, optionally about an intervention, referral or appointment. */
@Entity('case_note')
@Index('ix_case_note_person_time', ['personId', 'createdAt'])
export class CaseNote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  /** user:<id> or client:<id> */
  @Column({ type: 'text' })
  writtenBy: string;

  /** Who may read it is decided on this, as for any person data of the category. */
  @Column({ type: 'text' })
  dataCategory: string;

  @Column({ type: 'text', nullable: true })
  aboutKind: CaseNoteAbout | null;

  @Column({ type: 'uuid', nullable: true })
  aboutId: string | null;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/** A case note as it was before a correction: the history of what it said, never changed. */
@Entity('case_note_revision')
@Index('ix_case_note_revision_note', ['noteId', 'version'], { unique: true })
@Index('ix_case_note_revision_person', ['personId'])
export class CaseNoteRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  noteId: string;

  @Column({ type: 'uuid' })
  personId: string;

  /** The note's version this was. */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text' })
  dataCategory: string;

  /** Who wrote it as it was, and when. */
  @Column({ type: 'text' })
  writtenBy: string;

  @Column({ type: 'timestamptz' })
  writtenAt: Date;

  /** Who corrected it, when, and why. */
  @Column({ type: 'text' })
  correctedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  correctedAt: Date;

  @Column({ type: 'text' })
  reason: string;
}
