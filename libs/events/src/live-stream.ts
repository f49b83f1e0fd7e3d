import type { LiveEvent, LiveEvents } from './live-events.service.js';

/** Events waiting for a slow subscriber before the oldest are dropped (a subscriber re-syncs with a query). */
const MAX_PENDING = 1000;

export interface LiveStreamOptions<T> {
  /** Cheap test on the event alone (type, organisation in the payload): most events stop here. */
  wants: (event: LiveEvent) => boolean;
  /**
   * What the subscriber receives for an event it wants, re-loaded through a service as the
   * subscriber; null to send nothing (it may not see it). `end()` finishes the stream (for example
   * when the subscriber's token has expired).
   */
  load: (event: LiveEvent, end: () => void) => Promise<T | null>;
}

/**
 * An async iterator (what a GraphQL subscription returns) over the live events a subscriber wants,
 * each turned into its payload by `load`, one at a time and in order. Stops listening when the
 * subscriber goes away (`return`), and never holds more than MAX_PENDING events.
 */
export function liveStream<T>(live: LiveEvents, options: LiveStreamOptions<T>): AsyncIterableIterator<T> {
  const pending: LiveEvent[] = [];
  let waiting: ((r: IteratorResult<T>) => void) | null = null;
  let failed: ((err: unknown) => void) | null = null;
  let done = false;
  let working = false;

  const finish = () => {
    if (done) return;
    done = true;
    stop();
    pending.length = 0;
    const resolve = waiting;
    waiting = null;
    failed = null;
    resolve?.({ value: undefined, done: true });
  };

  const pump = async () => {
    if (working || !waiting || done) return;
    working = true;
    try {
      while (waiting && !done && pending.length) {
        const event = pending.shift()!;
        const value = await options.load(event, finish);
        if (value !== null && waiting && !done) {
          const resolve = waiting;
          waiting = null;
          failed = null;
          resolve({ value, done: false });
        }
      }
    } catch (err) {
      const reject = failed;
      waiting = null;
      failed = null;
      done = true;
      stop();
      reject?.(err);
    } finally {
      working = false;
    }
  };

  const stop = live.listen((event) => {
    if (done || !options.wants(event)) return;
    if (pending.length >= MAX_PENDING) pending.shift();
    pending.push(event);
    void pump();
  });

  const iterator: AsyncIterableIterator<T> = {
    next: () =>
      done
        ? Promise.resolve({ value: undefined, done: true })
        : new Promise<IteratorResult<T>>((resolve, reject) => {
            waiting = resolve;
            failed = reject;
            void pump();
          }),
    return: () => {
      finish();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw: (err?: unknown) => {
      finish();
      return Promise.reject(err);
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
