import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A lapse of ETE contact found by the sweep: one per person and last contact (`never` when there was
 * none), so each lapse is announced once however often the sweep runs; a new contact followed by a
 * new gap is a new lapse.
 */
@Entity('ete_contact_lapse')
export class EteContactLapse {
  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  /** The last ETE contact (ISO time) before the gap, or `never`. */
  @PrimaryColumn({ type: 'text' })
  lapseKey: string;

  /** The lead organisation the hub acted for. */
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'timestamptz', nullable: true })
  lastContactAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  detectedAt: Date;
}
