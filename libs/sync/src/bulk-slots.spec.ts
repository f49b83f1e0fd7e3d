import { ServiceUnavailableError } from '@hub/common';
import { BulkSlots } from './bulk-slots.js';

describe('BulkSlots', () => {
  it('runs at most `running` loads, queues at most `queued`, refuses the rest at once with a code', async () => {
    const slots = new BulkSlots({ running: 2, queued: 1, waitMs: 60_000 });
    const a = await slots.acquire();
    const b = await slots.acquire();
    let cStarted = false;
    const c = slots.acquire().then((release) => {
      cStarted = true;
      return release;
    });
    const refused = await slots.acquire().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ServiceUnavailableError);
    expect((refused as ServiceUnavailableError).details).toEqual({ reason: 'BULK_QUEUE_FULL' });
    expect([slots.running, slots.queued, cStarted]).toEqual([2, 1, false]);
    a();
    a(); // twice changes nothing
    const releaseC = await c;
    expect([slots.running, slots.queued, cStarted]).toEqual([2, 0, true]);
    b();
    releaseC();
    expect(slots.running).toBe(0);
  });

  it('refuses a queued load that waited too long, and forgets it', async () => {
    const slots = new BulkSlots({ running: 1, queued: 5, waitMs: 10 });
    const first = await slots.acquire();
    const err = await slots.acquire().catch((e: unknown) => e);
    expect((err as ServiceUnavailableError).details).toEqual({ reason: 'BULK_QUEUE_TIMEOUT' });
    expect(slots.queued).toBe(0);
    first();
    expect(slots.running).toBe(0);
  });
});
