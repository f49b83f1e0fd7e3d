import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The tombstone of an erasure: that it happened, why, by whom and how much; no personal data. */
@Entity('person_erasure')
export class PersonErasure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  /** `request` (the person's valid erasure request) or `retention` (the period expired). */
  @Column({ type: 'text' })
  kind: string;

  /** Categories erased (retention of some categories), or all for the whole record. */
  @Column({ type: 'text', array: true })
  categories: string[];

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text' })
  erasedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  erasedAt: Date;

  /** Rows removed per kind of data. */
  @Column({ type: 'jsonb' })
  counts: Record<string, number>;
}
