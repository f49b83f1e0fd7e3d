import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Makes audit_event append-only and hash-chained, in the database itself (TypeORM cannot describe this):
 *
 * - BEFORE INSERT, under one transaction-scoped advisory lock (so appends are serialised), the trigger
 *   gives the event the next id, the hash of the last event as prev_hash ('genesis' for the first),
 *   and sha256 of its canonical text as hash. Because the id is taken under the lock, id order is chain
 *   order. Appends must run at READ COMMITTED, so that the last event read is the last committed one.
 * - The detail (old and new values) enters the chain through its digest (detail_digest), so an erasure
 *   can blank it (only it, only with the transaction setting hub.audit_erase_detail) and the chain
 *   still verifies.
 * - Any other UPDATE, and DELETE and TRUNCATE, raise "permission denied", whoever the role (the embedded database
 *   connects as its owner, whom privileges cannot stop); a non-owner application role is also refused
 *   by privileges (REVOKE below). Tampering needs the owner to disable the trigger, and `audit verify`
 *   then finds it.
 *
 * audit_event_canonical must stay identical to canonical() in libs/audit/src/audit-chain.ts.
 */
export class AuditChain1795686800000 implements MigrationInterface {
  name = 'AuditChain1795686800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_event_canonical(e audit_event) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT concat_ws(chr(31),
          e.id::text, e.prev_hash, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.actor,
          coalesce(e.organisation_id::text, ''), coalesce(e.purpose, ''), coalesce(e.request_id, ''), coalesce(e.person_id::text, ''),
          e.action, array_to_string(e.categories, ','), array_to_string(e.fields, ','), array_to_string(e.withheld, ','),
          coalesce(e.detail_digest, ''), CASE WHEN e.break_glass THEN 'true' ELSE 'false' END)
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        last_hash text;
      BEGIN
        IF current_setting('transaction_isolation') <> 'read committed' THEN
          RAISE EXCEPTION 'audit events are appended at READ COMMITTED (the chain must see the last committed event)';
        END IF;
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
    await queryRunner.query(`
      CREATE FUNCTION audit_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- The one change allowed: erasing the detail (old/new values) of an erased person, when the
        -- erasure says so for its transaction; the digest stays, so the chain still verifies.
        IF TG_OP = 'UPDATE' AND current_setting('hub.audit_erase_detail', true) = 'on' AND OLD.detail IS NOT NULL AND NEW.detail IS NULL
           AND to_jsonb(NEW) - 'detail' = to_jsonb(OLD) - 'detail' THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'permission denied: audit events are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_immutable()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_immutable()`,
    );
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_event_no_truncate ON audit_event`);
    await queryRunner.query(`DROP TRIGGER audit_event_no_change ON audit_event`);
    await queryRunner.query(`DROP TRIGGER audit_event_chain ON audit_event`);
    await queryRunner.query(`DROP FUNCTION audit_event_immutable()`);
    await queryRunner.query(`DROP FUNCTION audit_event_chain()`);
    await queryRunner.query(`DROP FUNCTION audit_event_canonical(audit_event)`);
  }
}
