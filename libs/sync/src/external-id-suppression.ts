import { createHmac } from 'node:crypto';
import type { DataKey } from './webhooks/secret-box.js';

/**
 * What an erased person's external id becomes: a keyed fingerprint, `erased:<key id>:<hex>`. The
 * mapping still tells a later sync of the same id that the person was erased (so the record is not
 * created again from the external system), but the hub no longer holds the identifier: without the
 * key, a fingerprint cannot be checked against a list of likely ids.
 *
 * The fingerprint key is derived from a data encryption key (DATA_ENCRYPTION_KEY or a key the hub
 * generated), so it rotates with it; every key the hub can still open with is tried when matching.
 */
export const SUPPRESSED_PREFIX = 'erased:';

/** Why an external id that looks like a fingerprint is refused. */
export const ERASED_ID_MESSAGE = `may not begin with "${SUPPRESSED_PREFIX}" (the hub's mark of an erased person's id)`;

const LABEL = 'hub external id suppression v1';

export interface SuppressionKey {
  /** The id of the data key it comes from. */
  id: string;
  key: Buffer;
}

export function suppressionKey(data: DataKey): SuppressionKey {
  return { id: data.id, key: createHmac('sha256', data.key).update(LABEL).digest() };
}

export function suppressedId(k: SuppressionKey, externalId: string): string {
  return `${SUPPRESSED_PREFIX}${k.id}:${createHmac('sha256', k.key).update(externalId, 'utf8').digest('hex')}`;
}

/** SQL true when the stored id in `column` is a fingerprint, not an external id. */
export function isSuppressedSql(column: string): string {
  return `starts_with(${column}, '${SUPPRESSED_PREFIX}')`;
}
