import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per (outbox event, handler) once the handler's work is committed: written in the handler's
 * own transaction, so a retried or duplicated job never repeats the work.
 */
@Entity('event_delivery')
export class EventDelivery {
  @PrimaryColumn({ type: 'bigint' })
  eventId: string;

  @PrimaryColumn({ type: 'text' })
  handler: string;

  /** Which worker process handled it (host:pid:random). */
  @Column({ type: 'text' })
  workerId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  handledAt: Date;
}
