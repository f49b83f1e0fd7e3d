import { startTestHub, type TestHub } from './support/hub.js';

describe('health, metrics and request ids', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.close());

  it('is live and ready once migrations are applied', async () => {
    expect((await hub.http().get('/health/live')).status).toBe(200);
    const ready = await hub.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'ok', migrations: 'ok' } });
  });

  it('reports not ready when a migration is pending', async () => {
    await hub.db.query(`DELETE FROM migrations`);
    const hc = hub.app.get((await import('../libs/observability/src/health.controller.js')).HealthController);
    (hc as unknown as { migrated: boolean }).migrated = false;
    const res = await hub.http().get('/health/ready');
    expect(res.status).toBe(503);
    expect(res.body.checks.migrations).toBe('pending');
  });

  it('exposes Prometheus metrics', async () => {
    await hub.http().get('/health/live');
    const res = await hub.http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('hub_http_request_duration_seconds_bucket');
    expect(res.text).toContain('hub_process_resident_memory_bytes');
  });

  it('echoes a given request id and makes one up otherwise', async () => {
    const given = await hub.http().get('/health/live').set('x-request-id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await hub.http().get('/health/live');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
