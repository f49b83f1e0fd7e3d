import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type SuppressionKey, suppressedId, suppressionKey } from './external-id-suppression.js';
import type { SecretBox } from './webhooks/secret-box.js';
import { SecretBoxService } from './webhooks/secret-box.service.js';

/** An external_ref row of a person being erased, as the erasure step returns it. */
interface ErasedRef {
  system: string;
  external_id: string;
  entity_id: string;
  organisation_id: string;
  created_at: Date;
}

/**
 * Erased people's external ids: replaced by keyed fingerprints at erasure, and matched by a later
 * sync of the same id, so the external system's record is refused (NOT_FOUND, as for any record the
 * caller cannot read) rather than created again.
 */
@Injectable()
export class ExternalIdSuppressionService {
  private readonly log = new Logger('ExternalIdSuppression');
  private derived?: { box: SecretBox; keys: SuppressionKey[]; current?: SuppressionKey };

  constructor(private readonly secrets: SecretBoxService) {}

  private async keys(): Promise<{ keys: SuppressionKey[]; current?: SuppressionKey }> {
    const box = await this.secrets.box();
    if (this.derived?.box !== box) {
      const keys = box.all().map(suppressionKey);
      this.derived = { box, keys, current: box.current ? keys.find((k) => k.id === box.current!.id) : undefined };
    }
    return this.derived;
  }

  /** Loads the keys now (from the pool), so a later call inside a transaction needs no second connection. */
  async ready(): Promise<void> {
    await this.keys();
  }

  /** What a person's external id matches in external_ref: the id itself, and its fingerprint under each key. */
  async candidates(externalId: string): Promise<string[]> {
    return [externalId, ...(await this.keys()).keys.map((k) => suppressedId(k, externalId))];
  }

  /** Each id's fingerprints under every key, as parallel arrays (`of` holds the index of the id), for set-based matching. */
  async fingerprints(externalIds: readonly string[]): Promise<{ of: number[]; fingerprints: string[] }> {
    const { keys } = await this.keys();
    const of: number[] = [];
    const fingerprints: string[] = [];
    externalIds.forEach((id, i) => {
      for (const k of keys) {
        of.push(i);
        fingerprints.push(suppressedId(k, id));
      }
    });
    return { of, fingerprints };
  }

  /**
   * Writes the fingerprints of an erased person's external ids (the rows the erasure step deleted),
   * in the erasure's transaction. With no key to fingerprint with (production without
   * DATA_ENCRYPTION_KEY) the ids are only deleted, and a later sync of them creates a new record.
   */
  async suppress(m: EntityManager, rows: Record<string, unknown>[]): Promise<void> {
    const refs = rows as unknown as ErasedRef[];
    if (!refs.length) return;
    const { current } = await this.keys();
    if (!current) {
      this.log.warn(
        `no data encryption key: ${refs.length} external id(s) of an erased person deleted without a fingerprint, so a later sync of them creates a new record`,
      );
      return;
    }
    await m.query(
      `INSERT INTO external_ref (system, entity_type, external_id, entity_id, organisation_id, created_at)
       SELECT system, 'person', external_id, entity_id, organisation_id, created_at
         FROM unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::timestamptz[]) AS r(system, external_id, entity_id, organisation_id, created_at)
       ON CONFLICT (organisation_id, system, entity_type, external_id) DO NOTHING`,
      [
        refs.map((r) => r.system),
        refs.map((r) => suppressedId(current, r.external_id)),
        refs.map((r) => r.entity_id),
        refs.map((r) => r.organisation_id),
        refs.map((r) => r.created_at),
      ],
    );
  }
}
