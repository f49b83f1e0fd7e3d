import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { SecretBoxService } from '@hub/database';
import { SigningKey } from './signing-key.entity.js';

export interface LoadedKey {
  kid: string;
  alg: 'ES256' | 'RS256';
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: JWK;
}

function algFor(key: KeyObject): LoadedKey['alg'] {
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  throw new Error('JWT_PRIVATE_KEY must be an EC P-256 or RSA private key');
}

async function load(privateKeyPem: string): Promise<LoadedKey> {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  const alg = algFor(privateKey);
  const jwk = publicKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, alg, privateKey, publicKey, publicJwk: { ...jwk, kid, alg, use: 'sig' } };
}

/** What a sealed signing key is bound to: it opens in its own row only. */
export const signingKeyContext = (kid: string) => `signing_key.private_key_pem:${kid}`;

/**
 * The key the hub signs its own tokens with: JWT_PRIVATE_KEY when configured (always, in production),
 * otherwise one generated on first start and kept in the database, so every hub process shares it.
 * The key is kept there only sealed with the data encryption key (SecretBoxService), never in clear: a
 * key an earlier version stored in clear, or sealed with a retired data key, is sealed again on load.
 */
@Injectable()
export class SigningKeysService {
  private current?: Promise<LoadedKey>;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly secrets: SecretBoxService,
  ) {}

  /** Loaded on first use (so admin commands that never sign can run before migrations). */
  key(): Promise<LoadedKey> {
    this.current ??= this.loadKey().catch((err: unknown) => {
      this.current = undefined;
      throw err;
    });
    return this.current;
  }

  private async loadKey(): Promise<LoadedKey> {
    if (this.config.jwtPrivateKey) {
      const configured = await load(this.config.jwtPrivateKey);
      // Keys an earlier start generated are unused now; none stays in the database in clear. Signing
      // does not depend on them, so a failure here is reported, not fatal.
      await this.sealStored().catch((err: unknown) =>
        new Logger('SigningKeys').warn(`stored signing keys not sealed: ${(err as Error).message}`),
      );
      return configured;
    }
    const repo = this.db.getRepository(SigningKey);
    let stored = await repo.findOne({ where: { active: true }, order: { createdAt: 'ASC' } });
    if (!stored) {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      const loaded = await load(pem);
      const sealed = await this.secrets.seal(pem, signingKeyContext(loaded.kid));
      // Two processes starting at once: the first insert wins, both then read the same key.
      await this.db.query(
        `INSERT INTO signing_key (kid, alg, private_key_pem, active)
         SELECT $1, $2, $3, true WHERE NOT EXISTS (SELECT 1 FROM signing_key WHERE active)`,
        [loaded.kid, loaded.alg, sealed],
      );
      stored = await repo.findOneOrFail({ where: { active: true }, order: { createdAt: 'ASC' } });
    }
    const pem = await this.secrets.open(stored.privateKeyPem, signingKeyContext(stored.kid));
    await this.sealStored();
    return load(pem);
  }

  /**
   * Seals every stored key that is in clear (written before keys were sealed) or sealed with an older
   * data key. The update is conditional on the old value, so a row another process has just sealed
   * is left alone. Without a data key to seal with (production without one refuses to start) it does nothing.
   */
  private async sealStored(): Promise<void> {
    const box = await this.secrets.box();
    if (!box.current) return;
    const rows = await this.db.getRepository(SigningKey).find();
    for (const row of rows) {
      if (box.sealedWithCurrent(row.privateKeyPem)) continue;
      const context = signingKeyContext(row.kid);
      const pem = await this.secrets.open(row.privateKeyPem, context);
      await this.db.query('UPDATE signing_key SET private_key_pem = $3 WHERE kid = $1 AND private_key_pem = $2', [
        row.kid,
        row.privateKeyPem,
        box.seal(pem, context),
      ]);
    }
  }

  async publicKeyFor(kid: string | undefined): Promise<KeyObject | undefined> {
    const key = await this.key();
    return kid === undefined || kid === key.kid ? key.publicKey : undefined;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [(await this.key()).publicJwk] };
  }
}
