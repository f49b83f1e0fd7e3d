import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins (passwords at /auth/login, client secrets at /oauth/token) per key: a client
 * address, an account, or an account from one address. Kept in PostgreSQL so that every hub
 * process sees the same counts and a restart forgets nothing.
 */
@Entity('sign_in_throttle')
export class SignInThrottleEntry {
  /** `address:<ip>`, `account:<email or client id>`, `account-address:<...>|<ip>`. */
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'integer', default: 0 })
  failures: number;

  /** The last failure; counts are forgotten once the window has passed since it. */
  @Index('ix_sign_in_throttle_last_failure_at')
  @Column({ type: 'timestamptz' })
  lastFailureAt: Date;

  /** No attempt under this key is checked before this instant. */
  @Column({ type: 'timestamptz', nullable: true })
  blockedUntil: Date | null;
}
