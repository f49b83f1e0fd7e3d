import { randomUUID } from 'node:crypto';
import { EventHandlerRegistry } from '../libs/events/src/index.js';
import { eventually, startTestHub, type TestHub } from './support/hub.js';

/**
 * The relay hands the worker batches of events, delivered a few to a transaction. A handler that
 * fails must not hold up or undo the rest of its batch, and must not be lost: the batch's events are
 * then delivered one at a time, and the failing one gets a job of its own, retried until it succeeds.
 * Every handler runs once per event, whatever the retries.
 */
describe('outbox delivery in batches', () => {
  let hub: TestHub;
  let failing = true;
  const handled: string[] = [];
  const OK = 'test.batch_ok';
  const FAIL = 'test.batch_fail';

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.db.query(`CREATE TABLE test_batch_seen (event_id bigint NOT NULL, handler text NOT NULL)`);
    const registry = hub.app.get(EventHandlerRegistry);
    for (const name of ['test.batch_first', 'test.batch_second'])
      registry.onEvent(name, [OK, FAIL], async (m, event) => {
        // The handler's own write shares the delivery's transaction: it is kept exactly when the delivery record is.
        await m.query(`INSERT INTO test_batch_seen (event_id, handler) VALUES ($1, $2)`, [event.id, name]);
        if (event.type === FAIL && failing && name === 'test.batch_second') throw new Error('refused, for the test');
        handled.push(`${event.id} ${name}`);
      });
  }, 120_000);
  afterAll(() => hub.close());

  it('delivers the rest of a batch when one event fails, and that one once it succeeds', async () => {
    const aggregateId = randomUUID();
    // Five events of types only this test's handlers know, in one transaction: the relay moves them as one batch.
    await hub.db.query(
      `INSERT INTO outbox_event (type, aggregate_type, aggregate_id, payload)
       SELECT t, 'test', $1, jsonb_build_object('n', n) FROM unnest($2::text[]) WITH ORDINALITY AS x(t, n) ORDER BY n`,
      [aggregateId, [OK, OK, FAIL, OK, OK]],
    );
    const ids = (await hub.db.query(`SELECT id::text FROM outbox_event WHERE aggregate_id = $1 ORDER BY id`, [aggregateId])).map(
      (r: { id: string }) => r.id,
    );
    expect(ids).toHaveLength(5);
    const seen = async () =>
      (await hub.db.query(`SELECT event_id::text AS e, handler FROM test_batch_seen ORDER BY event_id, handler`)).map(
        (r: { e: string; handler: string }) => `${r.e} ${r.handler}`,
      ) as string[];
    const both = (id: string) => [`${id} test.batch_first`, `${id} test.batch_second`];
    const good = [ids[0], ids[1], ids[3], ids[4]];

    // The four good events are delivered in full. The failing one is then delivered on its own, each
    // handler in its own transaction: its first handler's write is kept, its second's is not.
    await eventually(async () => good.every((id) => handled.includes(`${id} test.batch_second`)), 30_000, 'the good events delivered');
    const retry = await eventually(
      async () =>
        (
          await hub.db.query(
            `SELECT j.attempts, j.last_error FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
              WHERE t.identifier = 'events:deliver' AND j.payload->>'eventId' = $1 AND j.attempts > 0`,
            [ids[2]],
          )
        )[0] as { attempts: number; last_error: string } | undefined,
      30_000,
      'a job of its own for the failing event',
    );
    expect(retry.last_error).toContain('refused, for the test');
    expect(await seen()).toEqual([...good.slice(0, 2).flatMap(both), `${ids[2]} test.batch_first`, ...good.slice(2).flatMap(both)]);

    // Once the handler succeeds, its retry delivers the rest, and nothing runs twice.
    failing = false;
    await hub.db.query(
      `UPDATE graphile_worker._private_jobs SET run_at = now() WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'events:deliver')`,
    );
    await eventually(async () => handled.includes(`${ids[2]} test.batch_second`), 60_000, 'the failing event delivered on retry');
    expect(await seen()).toEqual(ids.flatMap(both));
    const deliveries = await hub.db.query(
      `SELECT event_id::text AS e, count(*)::int AS n FROM event_delivery WHERE event_id = ANY($1::bigint[]) AND handler LIKE 'test.batch_%' GROUP BY 1`,
      [ids],
    );
    expect(deliveries).toHaveLength(5);
    expect(deliveries.every((d: { n: number }) => d.n === 2)).toBe(true);
  }, 120_000);
});
