import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Where an organisation wants its events delivered, signed with its secret. */
@Entity('webhook_endpoint')
@Index('ix_webhook_endpoint_org', ['organisationId'])
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  url: string;

  /** Event types wanted; '*' for all. */
  @Column({ type: 'text', array: true })
  eventTypes: string[];

  /**
   * The signing secret (shown once at creation; kept to sign deliveries), sealed with the data
   * encryption key (secret-box.ts); read it only through SecretBoxService.
   */
  @Column({ type: 'text', select: false })
  secret: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'text' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
