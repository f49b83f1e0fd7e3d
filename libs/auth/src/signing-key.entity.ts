import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The hub's own token-signing key, generated on first start when none is configured. */
@Entity('signing_key')
export class SigningKey {
  @PrimaryColumn({ type: 'text' })
  kid: string;

  @Column({ type: 'text' })
  alg: string;

  /**
   * The PKCS#8 PEM, sealed with the data encryption key (`v1:...`, see libs/database secret-box.ts;
   * read it only through SigningKeysService). Production requires JWT_PRIVATE_KEY, so never stores one.
   */
  @Column({ type: 'text' })
  privateKeyPem: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
