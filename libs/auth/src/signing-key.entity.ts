import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The hub's own token-signing key, generated on first start when none is configured. */
@Entity('signing_key')
export class SigningKey {
  @PrimaryColumn({ type: 'text' })
  kid: string;

  @Column({ type: 'text' })
  alg: string;

  /** PKCS#8 PEM. Set JWT_PRIVATE_KEY in production to keep the key out of the database. */
  @Column({ type: 'text' })
  privateKeyPem: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
