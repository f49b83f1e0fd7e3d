import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A sign-in through an organisation's identity provider, from its start to the hub's token: bound to
 * the browser that began it by a random cookie (only its SHA-256 is kept), holding the state, nonce
 * and PKCE verifier sent to the provider. Used once: the callback and the token hand-over each take
 * it in one statement; past its expiry it is useless and deleted at the next start.
 */
@Entity('oidc_sign_in')
export class OidcSignIn {
  /** SHA-256 (hex) of the browser's cookie value. */
  @PrimaryColumn({ type: 'text' })
  browserKeyHash: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  state: string;

  @Column({ type: 'text' })
  nonce: string;

  @Column({ type: 'text' })
  codeVerifier: string;

  /** The client address that began it, as the sign-in throttle counts it (for the per-address limit). */
  @Index('ix_oidc_sign_in_client_address')
  @Column({ type: 'text' })
  clientAddress: string;

  /** Set when the provider's answer has been checked: the user the hub's token will be for. */
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Index('ix_oidc_sign_in_expires_at')
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
