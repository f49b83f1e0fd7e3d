import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
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

/**
 * The key the hub signs its own tokens with: JWT_PRIVATE_KEY when configured, otherwise one
 * generated on first start and kept in the database, so every hub process shares it.
 */
@Injectable()
export class SigningKeysService {
  private current?: Promise<LoadedKey>;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @InjectDataSource() private readonly db: DataSource,
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
    if (this.config.jwtPrivateKey) return load(this.config.jwtPrivateKey);
    const repo = this.db.getRepository(SigningKey);
    let stored = await repo.findOne({ where: { active: true }, order: { createdAt: 'ASC' } });
    if (!stored) {
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      const loaded = await load(pem);
      // Two processes starting at once: the first insert wins, both then read the same key.
      await this.db.query(
        `INSERT INTO signing_key (kid, alg, private_key_pem, active)
         SELECT $1, $2, $3, true WHERE NOT EXISTS (SELECT 1 FROM signing_key WHERE active)`,
        [loaded.kid, loaded.alg, pem],
      );
      stored = await repo.findOneOrFail({ where: { active: true }, order: { createdAt: 'ASC' } });
    }
    return load(stored.privateKeyPem);
  }

  async publicKeyFor(kid: string | undefined): Promise<KeyObject | undefined> {
    const key = await this.key();
    return kid === undefined || kid === key.kid ? key.publicKey : undefined;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [(await this.key()).publicJwk] };
  }
}
