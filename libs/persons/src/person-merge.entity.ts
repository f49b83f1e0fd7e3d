import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A merge of a duplicate record into a survivor, and its undoing. */
@Entity('person_merge')
export class PersonMerge {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  survivorId: string;

  @Column({ type: 'uuid' })
  mergedId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text' })
  mergedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  mergedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  undoneAt: Date | null;

  @Column({ type: 'text', nullable: true })
  undoneBy: string | null;

  @Column({ type: 'text', nullable: true })
  undoReason: string | null;
}
