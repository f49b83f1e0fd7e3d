import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One event for one endpoint, with every attempt to deliver it. */
@Entity('webhook_delivery')
@Unique('uq_webhook_delivery', ['endpointId', 'eventId'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  endpointId: string;

  @Column({ type: 'bigint' })
  eventId: string;

  /** pending, delivered, failed, withheld (the organisation could no longer see the event when it was due to go) */
  @Column({ type: 'text', default: 'pending' })
  status: string;

  /** { at, statusCode, error, ms } for each attempt. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  attempts: { at: string; statusCode: number | null; error: string | null; ms: number }[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
