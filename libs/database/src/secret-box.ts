import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encryption at rest of secrets the hub has to read back (webhook signing secrets), with AES-256-GCM.
 * A sealed value is `v1:<key id>:<nonce>:<ciphertext and tag>` (base64url parts): the key id names the
 * key that sealed it, so keys can rotate; the nonce is 96 random bits per value. A context (what the
 * value is and which row holds it) is authenticated with it, so a sealed value copied to another row
 * or column does not open.
 */
export const SEALED_PREFIX = 'v1:';

export type SecretBoxErrorCode =
  /** Sealed with a key that is neither the current key nor one of the old keys. */
  | 'DATA_KEY_UNKNOWN'
  /** Malformed, altered, opened with the wrong key or in the wrong context. */
  | 'SECRET_UNREADABLE'
  /** Nothing can be sealed: no key is configured where one is required (production). */
  | 'DATA_ENCRYPTION_KEY_REQUIRED';

export class SecretBoxError extends Error {
  constructor(
    readonly code: SecretBoxErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'SecretBoxError';
  }
}

export interface DataKey {
  /** The first 6 bytes of the key's SHA-256, base64url (8 characters). */
  id: string;
  key: Buffer;
}

export function dataKey(key: Buffer): DataKey {
  if (key.length !== 32) throw new Error('a data encryption key is 32 bytes');
  return { id: createHash('sha256').update(key).digest().subarray(0, 6).toString('base64url'), key };
}

/** True for a value written by `seal`; anything else is clear text (written before encryption at rest). */
export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

export class SecretBox {
  private readonly keys = new Map<string, DataKey>();

  /** `current` seals (none: reading only); every key, current or older, opens what it sealed. */
  constructor(
    readonly current: DataKey | undefined,
    older: DataKey[] = [],
  ) {
    for (const k of [...(current ? [current] : []), ...older]) if (!this.keys.has(k.id)) this.keys.set(k.id, k);
  }

  /** Every key, the current one first. */
  all(): DataKey[] {
    return [...this.keys.values()];
  }

  seal(plain: string, context: string): string {
    if (!this.current)
      throw new SecretBoxError('DATA_ENCRYPTION_KEY_REQUIRED', 'no data encryption key to seal with: set DATA_ENCRYPTION_KEY');
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${SEALED_PREFIX}${this.current.id}:${nonce.toString('base64url')}:${sealed.toString('base64url')}`;
  }

  open(value: string, context: string): string {
    const parts = value.split(':');
    if (parts.length !== 4 || `${parts[0]}:` !== SEALED_PREFIX) throw new SecretBoxError('SECRET_UNREADABLE', 'not a sealed value');
    const [, keyId, nonceText, sealedText] = parts;
    const key = this.keys.get(keyId);
    if (!key)
      throw new SecretBoxError(
        'DATA_KEY_UNKNOWN',
        `sealed with key ${keyId}, which is neither DATA_ENCRYPTION_KEY nor in DATA_ENCRYPTION_OLD_KEYS`,
      );
    const nonce = Buffer.from(nonceText, 'base64url');
    const sealed = Buffer.from(sealedText, 'base64url');
    if (nonce.length !== 12 || sealed.length < 16) throw new SecretBoxError('SECRET_UNREADABLE', 'malformed sealed value');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.key, nonce);
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('SECRET_UNREADABLE', `sealed value does not authenticate with key ${keyId} (altered, or another context)`);
    }
  }

  /** Sealed with the current key (nothing to do at a rotation). */
  sealedWithCurrent(value: string): boolean {
    return !!this.current && value.startsWith(this.currentPrefix());
  }

  /** `v1:<current key id>:`, the start of every value sealed now. */
  currentPrefix(): string {
    if (!this.current) throw new SecretBoxError('DATA_ENCRYPTION_KEY_REQUIRED', 'no data encryption key: set DATA_ENCRYPTION_KEY');
    return `${SEALED_PREFIX}${this.current.id}:`;
  }
}
