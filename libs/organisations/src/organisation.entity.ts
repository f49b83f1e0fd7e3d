import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { type CaseVisibility, OrganisationKind, type SupportArea } from '@hub/common';

@Entity('organisation')
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  name: string;

  @Column({ type: 'enum', enum: OrganisationKind, enumName: 'organisation_kind' })
  kind: OrganisationKind;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  regions: string[];

  /** Service codes the organisation offers (for referrals). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  services: string[];

  /** How many open referrals it can take at once; null when not limited. */
  @Column({ type: 'integer', nullable: true })
  capacity: number | null;

  /**
   * Who among its staff opens a person it works with: 'organisation' (everyone with a casework role) or
   * 'team_and_region' (a caseworker or manager: the people allocated to them or their teams, or living in their regions).
   */
  @Column({ type: 'text', default: 'organisation' })
  visibility: CaseVisibility;

  /** The areas of support its casework is for (what a consent or agreement must be given for); empty: its kind's. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  supportAreas: SupportArea[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Its users may sign in with a hub password; false when they sign in only through its identity provider. */
  @Column({ type: 'boolean', default: true })
  passwordSignIn: boolean;

  /** Tokens of its users and clients issued before this instant are refused (set when it is deactivated). */
  @Column({ type: 'timestamptz', nullable: true })
  tokensValidAfter: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
