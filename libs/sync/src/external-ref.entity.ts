import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** An entity's identifier in an external case system: (system, entity type, external id) is unique. */
@Entity('external_ref')
@Unique('uq_external_ref', ['system', 'entityType', 'externalId'])
@Index('ix_external_ref_entity', ['entityType', 'entityId'])
export class ExternalRef {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The external system, for example "ndelius-north-west" or "forge-mis". */
  @Column({ type: 'text' })
  system: string;

  /** person, intervention, consent, involvement, referral, outcome. */
  @Column({ type: 'text' })
  entityType: string;

  @Column({ type: 'text' })
  externalId: string;

  @Column({ type: 'uuid' })
  entityId: string;

  /** The organisation whose client created the link. */
  @Column({ type: 'uuid' })
  organisationId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
