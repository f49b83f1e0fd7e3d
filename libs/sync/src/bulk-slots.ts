import { ServiceUnavailableError } from '@hub/common';

export interface BulkSlotLimits {
  /** Loads running at once. */
  running: number;
  /** Loads waiting for a turn; past it a load is refused at once. */
  queued: number;
  /** How long a load waits for its turn before it is refused. */
  waitMs: number;
}

/**
 * Turns for bulk loads: at most `running` at once (each holds one pooled connection for its whole
 * length, so the rest of the pool stays free for every other request), at most `queued` waiting in
 * order, each for at most `waitMs`. A load that cannot have a turn is refused with
 * SERVICE_UNAVAILABLE (503, Retry-After) before it reads its body or claims its idempotency key.
 */
export class BulkSlots {
  private active = 0;
  private readonly waiting: { grant: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(private readonly limits: BulkSlotLimits) {}

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Waits for a turn; returns the function that gives it back (call it once, when the load ends). */
  async acquire(): Promise<() => void> {
    if (this.active < this.limits.running) {
      this.active++;
      return this.releaser();
    }
    if (this.waiting.length >= this.limits.queued) {
      throw new ServiceUnavailableError(
        `${this.limits.running} bulk loads are running and ${this.waiting.length} are waiting: send this one again later`,
        { reason: 'BULK_QUEUE_FULL' },
      );
    }
    await new Promise<void>((resolve, reject) => {
      const entry = {
        grant: () => {
          clearTimeout(entry.timer);
          resolve();
        },
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(entry), 1);
          reject(
            new ServiceUnavailableError(`No turn for this bulk load within ${this.limits.waitMs} ms: send it again later`, {
              reason: 'BULK_QUEUE_TIMEOUT',
            }),
          );
        }, this.limits.waitMs),
      };
      entry.timer.unref();
      this.waiting.push(entry);
    });
    // The slot was handed over by the load that finished (active unchanged).
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next.grant();
      else this.active--;
    };
  }
}
