import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain's trigger found the head of the chain (the last event's hash) with a statement
 * PL/pgSQL plans once per connection and keeps. A connection's first append on a small or freshly
 * analysed table gets a sequential scan and a sort, and keeps it while the table grows: every first
 * append of a transaction then read the whole audit log, until an ANALYZE invalidated the plan. With
 * autovacuum off (or behind) the hub slowed with every event it audited (measured: the smallest audited
 * read fell from 1,454 to 770 requests a second within two minutes of benchmark load, with 131 million
 * audit rows read by 3,738 sequential scans).
 *
 * The lookup is now planned at each use (EXECUTE), against the table as it is, so it is always the
 * backward scan of the primary key (a few buffers). It runs once per transaction, not per event.
 * Nothing else changes: the lock, the isolation check, the transaction-local head and the hashes are
 * as in AuditChainHead, so `audit verify` and existing chains are unaffected.
 */
const ISOLATION_CHECK = `IF current_setting('transaction_isolation') <> 'read committed' THEN
            RAISE EXCEPTION 'audit events are appended at READ COMMITTED (the chain must see the last committed event)';
          END IF;`;

function chainTrigger(lookup: string): string {
  return `
      CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        last_hash text := current_setting('hub.audit_chain_head', true);
      BEGIN
        IF last_hash IS NULL OR last_hash = '' THEN
          ${ISOLATION_CHECK}
          PERFORM pg_advisory_xact_lock(7460616964);
          ${lookup}
          last_hash := coalesce(last_hash, 'genesis');
        END IF;
        NEW.id := nextval('audit_event_id_seq'::regclass);
        NEW.occurred_at := now();
        NEW.detail_digest := CASE WHEN NEW.detail IS NULL THEN NULL ELSE encode(sha256(convert_to(NEW.detail::text, 'UTF8')), 'hex') END;
        NEW.prev_hash := last_hash;
        NEW.hash := encode(sha256(convert_to(audit_event_canonical(NEW), 'UTF8')), 'hex');
        PERFORM set_config('hub.audit_chain_head', NEW.hash, true);
        RETURN NEW;
      END
      $$`;
}

export class AuditChainHeadPlan1795720000000 implements MigrationInterface {
  name = 'AuditChainHeadPlan1795720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(chainTrigger(`EXECUTE 'SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1' INTO last_hash;`));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(chainTrigger('SELECT hash INTO last_hash FROM audit_event ORDER BY id DESC LIMIT 1;'));
  }
}
