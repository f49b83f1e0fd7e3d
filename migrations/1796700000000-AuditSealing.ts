import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log is sealed off the write path instead of chained in it (issue: writes that never wait
 * on each other). Until now every transaction that appended an audit event took one hub-wide advisory
 * lock and held it to its commit, so every audited write of the hub waited for every other.
 *
 * - Appending takes no lock. The trigger gives each event its id, time, detail digest and its own
 *   digest (`hash`, sha256 of the canonical text as before, now with an empty prev_hash), and the id
 *   of its transaction (`tx_id`).
 * - The sealer (libs/audit, in the worker) seals the events of finished transactions, in (tx_id, id)
 *   order: each becomes a leaf of one Merkle tree over the whole log (audit_leaf), and each batch a
 *   signed seal with the new root, the previous root and the tree's right edge (audit_seal). Perfect
 *   subtrees of 256 leaves and more are kept (audit_node) so proofs read a few rows.
 * - Events already chained (prev_hash set) get tx_id 0, so the sealer's first batches seal them, in
 *   chain order; `audit verify` then covers old and new events alike.
 * - Seals, leaves and nodes are append-only as events are: no UPDATE, DELETE or TRUNCATE, whoever the role.
 *
 * down() goes back to the chain: events appended meanwhile are chained in id order after the last
 * chained one, and the seals are dropped.
 */
const CANONICAL_V2 = `
      CREATE OR REPLACE FUNCTION audit_event_canonical(e audit_event) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT concat_ws(chr(31),
          e.id::text, coalesce(e.prev_hash, ''), to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.actor,
          coalesce(e.organisation_id::text, ''), coalesce(e.purpose, ''), coalesce(e.request_id, ''), coalesce(e.person_id::text, ''),
          e.action, array_to_string(e.categories, ','), array_to_string(e.fields, ','), array_to_string(e.withheld, ','),
          coalesce(e.detail_digest, ''), CASE WHEN e.break_glass THEN 'true' ELSE 'false' END)
      $$`;

const CANONICAL_V1 = CANONICAL_V2.replace(`coalesce(e.prev_hash, '')`, 'e.prev_hash');

const SEALED_APPEND = `
      CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.id := nextval('audit_event_id_seq'::regclass);
        NEW.tx_id := pg_current_xact_id()::text::bigint;
        NEW.occurred_at := now();
        NEW.detail_digest := CASE WHEN NEW.detail IS NULL THEN NULL ELSE encode(sha256(convert_to(NEW.detail::text, 'UTF8')), 'hex') END;
        NEW.prev_hash := NULL;
        NEW.hash := encode(sha256(convert_to(audit_event_canonical(NEW), 'UTF8')), 'hex');
        RETURN NEW;
      END
      $$`;

/** The trigger as AuditChainHeadPlan left it. */
const CHAINED_APPEND = `
      CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        last_hash text := current_setting('hub.audit_chain_head', true);
      BEGIN
        IF last_hash IS NULL OR last_hash = '' THEN
          IF current_setting('transaction_isolation') <> 'read committed' THEN
            RAISE EXCEPTION 'audit events are appended at READ COMMITTED (the chain must see the last committed event)';
          END IF;
          PERFORM pg_advisory_xact_lock(7460616964);
          EXECUTE 'SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1' INTO last_hash;
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

const SEAL_TABLES = ['audit_seal', 'audit_leaf', 'audit_node'];

export class AuditSealing1796700000000 implements MigrationInterface {
  name = 'AuditSealing1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Existing (chained) events: transaction 0, so they are sealed first, in id (chain) order.
    await queryRunner.query(`ALTER TABLE audit_event ADD tx_id bigint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE audit_event ALTER COLUMN tx_id DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE audit_event ALTER COLUMN prev_hash DROP NOT NULL`);
    await queryRunner.query(`CREATE INDEX ix_audit_event_tx ON audit_event (tx_id, id)`);
    await queryRunner.query(CANONICAL_V2);
    await queryRunner.query(SEALED_APPEND);
    await queryRunner.query(`
      CREATE TABLE audit_seal (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        sealed_at timestamptz NOT NULL DEFAULT now(),
        tree_size bigint NOT NULL,
        batch_size int NOT NULL,
        last_tx bigint NOT NULL,
        last_event bigint NOT NULL,
        batch_root text NOT NULL,
        root text NOT NULL,
        previous_root text NOT NULL,
        frontier text[] NOT NULL,
        kid text NOT NULL,
        signature text NOT NULL,
        CONSTRAINT uq_audit_seal_tree_size UNIQUE (tree_size),
        CONSTRAINT ck_audit_seal_batch CHECK (batch_size > 0 AND batch_size <= tree_size))`);
    await queryRunner.query(`
      CREATE TABLE audit_leaf (
        idx bigint PRIMARY KEY,
        event_id bigint NOT NULL,
        seal_id bigint NOT NULL,
        leaf_hash text NOT NULL,
        CONSTRAINT uq_audit_leaf_event UNIQUE (event_id))`);
    await queryRunner.query(`
      CREATE TABLE audit_node (
        level smallint NOT NULL,
        idx bigint NOT NULL,
        hash text NOT NULL,
        PRIMARY KEY (level, idx))`);
    await queryRunner.query(`
      CREATE FUNCTION audit_sealed_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'permission denied: audit seals are append-only (% on % refused)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    for (const table of SEAL_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_sealed_immutable()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION audit_sealed_immutable()`,
      );
      await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...SEAL_TABLES].reverse()) await queryRunner.query(`DROP TABLE ${table}`);
    await queryRunner.query(`DROP FUNCTION audit_sealed_immutable()`);
    await queryRunner.query(CHAINED_APPEND);
    // Events appended while sealed are chained after the last chained event, in id order.
    await queryRunner.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change`);
    await queryRunner.query(`
      DO $$
      DECLARE
        last_hash text;
        e audit_event;
      BEGIN
        SELECT hash INTO last_hash FROM audit_event WHERE prev_hash IS NOT NULL ORDER BY id DESC LIMIT 1;
        last_hash := coalesce(last_hash, 'genesis');
        FOR e IN SELECT * FROM audit_event WHERE prev_hash IS NULL ORDER BY id LOOP
          e.prev_hash := last_hash;
          last_hash := encode(sha256(convert_to(audit_event_canonical(e), 'UTF8')), 'hex');
          UPDATE audit_event SET prev_hash = e.prev_hash, hash = last_hash WHERE id = e.id;
        END LOOP;
      END
      $$`);
    await queryRunner.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_change`);
    await queryRunner.query(CANONICAL_V1);
    await queryRunner.query(`ALTER TABLE audit_event ALTER COLUMN prev_hash SET NOT NULL`);
    await queryRunner.query(`DROP INDEX ix_audit_event_tx`);
    await queryRunner.query(`ALTER TABLE audit_event DROP COLUMN tx_id`);
  }
}
