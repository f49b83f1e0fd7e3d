import type { HubConfig } from '@hub/config';
import type { DatabaseServer } from '@hub/database';
import { type LiveEvent, LiveEvents } from './live-events.service.js';
import { liveStream } from './live-stream.js';

const event = (id: number, type = 'referral.sent', org = 'o1'): LiveEvent => ({
  id: String(id),
  type,
  aggregateType: 'referral',
  aggregateId: `r${id}`,
  personId: null,
  organisationId: null,
  occurredAt: new Date(0).toISOString(),
  payload: { toOrganisationId: org },
});

describe('liveStream', () => {
  const bus = () => new LiveEvents({ redisUrl: undefined, worker: { mode: 'embedded' } } as HubConfig, {} as DatabaseServer);

  it('yields what the subscriber wants, re-loaded, in order; skips what it may not see; stops listening on return', async () => {
    const live = bus();
    const stream = liveStream(live, {
      wants: (e) => e.payload.toOrganisationId === 'o1',
      // A slow load for the first event: the order still holds.
      load: async (e) =>
        Number(e.id) === 1 ? new Promise<string>((r) => setTimeout(() => r(`loaded ${e.id}`), 30)) : e.id === '3' ? null : `loaded ${e.id}`,
    });
    expect(live.listeners).toBe(1);
    for (const e of [event(1), event(2, 'referral.sent', 'o2'), event(3), event(4)]) await live.publish(e);
    expect(await stream.next()).toEqual({ value: 'loaded 1', done: false });
    expect(await stream.next()).toEqual({ value: 'loaded 4', done: false });
    const pending = stream.next();
    await stream.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(live.listeners).toBe(0);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('ends when the load says so (the subscriber may no longer connect), and fails when the load fails', async () => {
    const live = bus();
    const ended = liveStream<string>(live, { wants: () => true, load: async (_e, end) => (end(), null) });
    const failing = liveStream<string>(live, { wants: () => true, load: async () => Promise.reject(new Error('database gone')) });
    const a = ended.next();
    const b = failing.next();
    await live.publish(event(1));
    expect(await a).toEqual({ value: undefined, done: true });
    await expect(b).rejects.toThrow('database gone');
    expect(live.listeners).toBe(0);
  });

  it('keeps at most 1,000 events for a subscriber that does not read', async () => {
    const live = bus();
    const seen: string[] = [];
    const stream = liveStream(live, { wants: () => true, load: async (e) => (seen.push(e.id), e.id) });
    for (let i = 1; i <= 1500; i++) await live.publish(event(i));
    expect((await stream.next()).value).toBe('501');
    await stream.return!();
  });
});
