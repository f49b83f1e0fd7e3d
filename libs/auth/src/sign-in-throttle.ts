import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ipaddr from 'ipaddr.js';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@hub/config';

type ThrottleConfig = HubConfig['auth']['throttle'];

/** One counter a sign-in attempt is held against, and how many failures it takes before delays begin. */
export interface ThrottleKey {
  key: string;
  free: number;
}

/**
 * The delay after the `failures`-th failure under a key: none while within the free failures, then
 * `base` seconds doubled at each further failure, capped at `max`.
 */
export function delayAfter(failures: number, free: number, base: number, max: number): number {
  if (failures <= free) return 0;
  return Math.min(max, base * 2 ** Math.min(failures - free - 1, 40));
}

/**
 * The client address as a throttle counts it: an IPv4 address (IPv4-mapped IPv6 ones unwrapped), or
 * the /64 network of an IPv6 address (one client easily holds a whole /64).
 */
export function clientAddressKey(address: string | undefined): string {
  if (!address || !ipaddr.isValid(address)) return 'unknown';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(':')}::/64`;
}

/** An account name as a key: lower-cased, and hashed when long (a client id comes from the request body). */
function accountKey(account: string): string {
  const name = account.trim().toLowerCase();
  return name.length <= 254 ? name : `sha256:${createHash('sha256').update(name).digest('hex')}`;
}

/** The three counters of a sign-in: the client address, the account, and the account from that address. */
export function throttleKeys(kind: 'user' | 'client', account: string, address: string | undefined, config: ThrottleConfig): ThrottleKey[] {
  const who = `${kind}:${accountKey(account)}`;
  const from = clientAddressKey(address);
  return [
    { key: `address:${from}`, free: config.freePerAddress },
    { key: `account:${who}`, free: config.freePerAccount },
    { key: `account-address:${who}|${from}`, free: config.freePerAccountAddress },
  ];
}

/**
 * Slows guessing of passwords and client secrets without locking anyone out for long: failures are
 * counted per client address, per account, and per account from one address; past each key's free
 * failures, every further failure delays the next attempt under that key by a doubling, capped time.
 * An attempt under a delayed key is answered 429 with Retry-After without its password being checked
 * (and without counting). The real user, from another address, is delayed only once the account's
 * own (much larger) allowance is spent. Counters live in PostgreSQL (table sign_in_throttle): shared by
 * every hub process, kept across restarts, forgotten once the window passes without a failure.
 */
@Injectable()
export class SignInThrottle {
  private failuresSinceSweep = 0;

  constructor(
    @Inject(HUB_CONFIG) private readonly hubConfig: HubConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  private get config(): ThrottleConfig {
    return this.hubConfig.auth.throttle;
  }

  keys(kind: 'user' | 'client', account: string, address: string | undefined): ThrottleKey[] {
    return throttleKeys(kind, account, address, this.config);
  }

  /** Seconds to wait before an attempt under these keys is checked; 0 when it may be checked now. */
  async retryAfter(keys: ThrottleKey[]): Promise<number> {
    const [row] = (await this.db.query(
      `SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int AS wait
         FROM sign_in_throttle WHERE key = ANY($1::text[]) AND blocked_until > now()`,
      [keys.map((k) => k.key)],
    )) as { wait: number | null }[];
    return Math.max(0, row?.wait ?? 0);
  }

  /** Counts a failure under each key; returns the delay it now imposes (seconds, the longest of the keys). */
  async fail(keys: ThrottleKey[]): Promise<number> {
    const { windowSeconds, baseDelaySeconds, maxDelaySeconds } = this.config;
    let longest = 0;
    for (const { key, free } of keys) {
      // One statement per key, so two processes counting at once both count.
      const [row] = (await this.db.query(
        `INSERT INTO sign_in_throttle AS t (key, failures, last_failure_at, blocked_until)
         VALUES ($1, 1, now(), NULL)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN t.last_failure_at < now() - make_interval(secs => $2) THEN 1 ELSE t.failures + 1 END,
           last_failure_at = now()
         RETURNING failures`,
        [key, windowSeconds],
      )) as { failures: number }[];
      const delay = delayAfter(row.failures, free, baseDelaySeconds, maxDelaySeconds);
      if (delay > 0) {
        await this.db.query(
          `UPDATE sign_in_throttle SET blocked_until = greatest(coalesce(blocked_until, now()), now() + make_interval(secs => $2)) WHERE key = $1`,
          [key, delay],
        );
        longest = Math.max(longest, delay);
      }
    }
    if (++this.failuresSinceSweep >= 100) {
      this.failuresSinceSweep = 0;
      await this.db.query(
        `DELETE FROM sign_in_throttle WHERE last_failure_at < now() - make_interval(secs => $1) AND (blocked_until IS NULL OR blocked_until < now())`,
        [windowSeconds],
      );
    }
    return longest;
  }

  /**
   * A right password: the account's counters start again. The address's does not (a client that
   * holds one account must not wipe its guesses at others by signing in to it).
   */
  async succeed(keys: ThrottleKey[]): Promise<void> {
    const forget = keys.filter((k) => !k.key.startsWith('address:')).map((k) => k.key);
    await this.db.query(`DELETE FROM sign_in_throttle WHERE key = ANY($1::text[])`, [forget]);
  }
}
