import { Column, Index, CreateDateColumn, Entity, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Scope } from '@hub/common';
import { Organisation } from './organisation.entity.js';

/** A machine client of an organisation (integrations), authenticated by client credentials. */
@Entity('api_client')
export class ApiClient {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  organisation?: Relation<Organisation>;

  @Column({ type: 'text' })
  name: string;

  /** Public identifier used as `client_id`. */
  @Column({ type: 'text', unique: true })
  clientId: string;

  @Column({ type: 'text', select: false })
  secretHash: string;

  @Column({ type: 'enum', enum: Scope, enumName: 'api_scope', array: true, default: () => "'{}'" })
  scopes: Scope[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Tokens issued before this instant are refused (set on revocation, deactivation and secret rotation). */
  @Column({ type: 'timestamptz', nullable: true })
  tokensValidAfter: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
