import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An entity's identifier in an external case system, as one organisation's integrator gave it:
 * (organisation, system, entity type, external id) is its key, so each organisation's ids are its
 * own (another's integrator can neither take an id first nor learn that one exists). The same
 * person synced by two organisations is found through their identifiers, as through the API.
 */
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

  /** The organisation whose client created the link: its ids are its own. */
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
