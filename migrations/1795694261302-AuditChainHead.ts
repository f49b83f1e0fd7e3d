import type { MigrationInterface, QueryRunner } from 'typeorm';

const ISOLATION_CHECK = `IF current_setting('transaction_isolation') <> 'read committed' THEN
            RAISE EXCEPTION 'audit events are appended at READ COMMITTED (the chain must see the last committed event)';
          END IF;`;

/**
 * The audit chain's trigger (AuditChain) keeps the head of the chain for the rest of the transaction
 * once it holds the append lock, instead of looking it up (and taking the lock again) for every event:
 *
 * - The first event of a transaction takes the advisory lock, reads the last event's hash and checks
 *   READ COMMITTED, as before. Each event then stores its hash in the transaction-local setting
 *   hub.audit_chain_head, which the next event of the transaction links to. Nobody else can append
 *   while the lock is held, so that hash is the head of the chain.
 * - A rolled-back savepoint undoes both the events and the setting (and releases the lock taken
 *   inside it), so the setting never names an event that is not there; at commit the setting ends.
 * - The sequence is named directly rather than looked up per event.
 *
 * The hashes are computed exactly as before (audit_event_canonical unchanged), so `audit verify` and
 * existing chains are unaffected. The cost of an appended event no longer includes an index lookup
 * and a catalogue lookup, which matters for bulk loads (one INSERT … SELECT of thousands of events).
 */
export class AuditChainHead1795694261302 implements MigrationInterface {
  name = 'AuditChainHead1795694261302';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        last_hash text := current_setting('hub.audit_chain_head', true);
      BEGIN
        IF last_hash IS NULL OR last_hash = '' THEN
          ${ISOLATION_CHECK}
          PERFORM pg_advisory_xact_lock(7460616964);
          SELECT hash INTO last_hash FROM audit_event ORDER BY id DESC LIMIT 1;
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
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        last_hash text;
      BEGIN
        ${ISOLATION_CHECK}
        PERFORM pg_advisory_xact_lock(7460616964);
        NEW.id := nextval(pg_get_serial_sequence('audit_event', 'id'));
        NEW.occurred_at := now();
        NEW.detail_digest := CASE WHEN NEW.detail IS NULL THEN NULL ELSE encode(sha256(convert_to(NEW.detail::text, 'UTF8')), 'hex') END;
        SELECT hash INTO last_hash FROM audit_event ORDER BY id DESC LIMIT 1;
        NEW.prev_hash := coalesce(last_hash, 'genesis');
        NEW.hash := encode(sha256(convert_to(audit_event_canonical(NEW), 'UTF8')), 'hex');
        RETURN NEW;
      END
      $$`);
  }
}
