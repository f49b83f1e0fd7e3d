import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An entity's identifier in an external case system: (system, entity type, external id) is its key. */
@Entity('external_ref')
@Index('ix_external_ref_entity', ['entityType', 'entityId'])
export class ExternalRef {
  /** The external system, for example "ndelius-north-west" or "forge-mis". */
  @PrimaryColumn({ type: 'text' })
  system: string;

  /** person, intervention, consent, involvement, referral, outcome. */
  @PrimaryColumn({ type: 'text' })
  entityType: string;

  @PrimaryColumn({ type: 'text' })
  externalId: string;

  @Column({ type: 'uuid' })
  entityId: string;

  /** The organisation whose client created the link. */
  @Column({ type: 'uuid' })
  organisationId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
