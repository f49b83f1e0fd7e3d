import { Column, Index, CreateDateColumn, Entity, ManyToOne, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { Role } from '@hub/common';
import { Organisation } from './organisation.entity.js';

@Entity('user_account')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  organisation?: Relation<Organisation>;

  /** Stored lower-case; unique. */
  @Column({ type: 'text', unique: true })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  @Column({ type: 'enum', enum: Role, enumName: 'role', array: true, default: () => "'{}'" })
  roles: Role[];

  /** Regions the user works in (attributes for access rules). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  regions: string[];

  @Column({ type: 'text', nullable: true })
  team: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /**
   * Tokens issued before this instant are refused (set on deactivation, password change and reset), so
   * reactivating the user does not revive them.
   */
  @Column({ type: 'timestamptz', nullable: true })
  tokensValidAfter: Date | null;

  /** Set by an admin's password reset: until the user changes it, a sign-in allows only changing it. */
  @Column({ type: 'boolean', default: false })
  passwordChangeRequired: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
