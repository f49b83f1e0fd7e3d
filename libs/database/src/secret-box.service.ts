import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Module } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@hub/config';
import { StoredDataKey } from './data-key.entity.js';
import { dataKey, isSealed, SecretBox, SecretBoxError } from './secret-box.js';

/**
 * The one way secrets kept at rest (the token signing key, webhook signing secrets) are sealed and read back. The key is DATA_ENCRYPTION_KEY, with
 * DATA_ENCRYPTION_OLD_KEYS still accepted for reading. Without it: in production nothing is sealed
 * (the hub refuses to start while endpoints exist, and refuses new ones); elsewhere a key is generated
 * once and kept in the database, like the token signing key without JWT_PRIVATE_KEY. Keys kept in the
 * database are always accepted for reading, so setting DATA_ENCRYPTION_KEY later loses nothing.
 */
@Injectable()
export class SecretBoxService {
  private loaded?: Promise<SecretBox>;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Production without DATA_ENCRYPTION_KEY: no key is generated, so none can seal. */
  get keyMissing(): boolean {
    return !this.config.dataEncryption.key && this.config.nodeEnv === 'production';
  }

  /** Loaded on first use: a hub that never keeps a secret never generates a key. */
  box(): Promise<SecretBox> {
    this.loaded ??= this.load().catch((err: unknown) => {
      this.loaded = undefined;
      throw err;
    });
    return this.loaded;
  }

  async seal(plain: string, context: string): Promise<string> {
    return (await this.box()).seal(plain, context);
  }

  /** The clear secret; a value still in clear text (written before encryption at rest) is returned as is. */
  async open(value: string, context: string): Promise<string> {
    if (!isSealed(value)) return value;
    try {
      return (await this.box()).open(value, context);
    } catch (err) {
      if (!(err instanceof SecretBoxError && err.code === 'DATA_KEY_UNKNOWN')) throw err;
      // Perhaps a key another process generated since these were loaded: read the keys again, once.
      this.loaded = undefined;
      return (await this.box()).open(value, context);
    }
  }

  private async load(): Promise<SecretBox> {
    const older = this.config.dataEncryption.oldKeys.map(dataKey);
    const repo = this.db.getRepository(StoredDataKey);
    const storedKeys = async () =>
      (await repo.find({ order: { createdAt: 'ASC', id: 'ASC' } })).map((k) => dataKey(Buffer.from(k.key, 'base64')));
    let stored = await storedKeys();
    if (this.config.dataEncryption.key) return new SecretBox(dataKey(this.config.dataEncryption.key), [...older, ...stored]);
    if (this.keyMissing) return new SecretBox(undefined, [...older, ...stored]);
    if (!stored.length) {
      const generated = dataKey(randomBytes(32));
      // Two processes starting at once may both insert: every stored key opens what it sealed, and
      // all processes seal with the oldest.
      await repo.insert({ id: generated.id, key: generated.key.toString('base64') });
      stored = await storedKeys();
    }
    return new SecretBox(stored[0], [...older, ...stored.slice(1)]);
  }
}

/** SecretBoxService for the modules that keep secrets (auth, sync): one instance, one set of keys. */
@Module({ imports: [TypeOrmModule.forFeature([StoredDataKey])], providers: [SecretBoxService], exports: [SecretBoxService] })
export class SecretBoxModule {}
