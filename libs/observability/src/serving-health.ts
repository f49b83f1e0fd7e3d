import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@hub/config';

/** What the pool looks like (pg's counters), read on each check. */
export interface PoolState {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

/** How the process is serving, from the two signs that it cannot: a stalled event loop and a starved pool. */
export interface ServingState {
  /** The longest event-loop delay seen in the last sampling window (ms). */
  eventLoopStallMs: number;
  /** How long requests have waited on a pool whose connections are all held, with none handed out meanwhile (ms); 0 when not starved. */
  poolStarvedMs: number;
  pool: PoolState;
}

/**
 * A timer's lateness understates the stall that delayed it by up to one period (a stall that begins
 * just after a tick is seen as its length minus SAMPLE_MS), so the period is short next to any limit.
 */
const SAMPLE_MS = 50;
/** Samples kept for the event-loop delay (about 5 s). */
const WINDOW = 100;

/** How long the pool has been starved: all its connections held, requests waiting, none handed out since they began to wait (0 when not). */
export function starvedFor(pool: PoolState, waitingSince: number | undefined, lastAcquiredAt: number, now: number): number {
  if (pool.waiting === 0 || pool.idle > 0 || pool.total < pool.max || waitingSince === undefined) return 0;
  return Math.max(0, now - Math.max(waitingSince, lastAcquiredAt));
}

/**
 * Watches the event loop (a timer that should fire every SAMPLE_MS: its lateness is the loop's delay)
 * and the primary's pool (every connection held, requests waiting, and none handed out for how long:
 * starvation, as when every holder waits for a second connection). Readiness and liveness read it.
 */
@Injectable()
export class ServingHealth implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private lags: number[] = [];
  private lastTick = 0;
  private lastAcquiredAt = Date.now();
  private waitingSince?: number;
  private pool?: Pool & { options?: { max?: number } };
  readonly limits: { stallMs: number; starvedMs: number; acquireMs: number };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HUB_CONFIG) config: HubConfig,
  ) {
    const l = config.loadLimits;
    this.limits = { stallMs: l.liveMaxEventLoopStallMs, starvedMs: l.liveMaxPoolStarvedMs, acquireMs: l.databaseAcquireTimeoutMs };
  }

  onModuleInit(): void {
    this.pool = (this.db.driver as unknown as { master?: Pool & { options?: { max?: number } } }).master;
    this.pool?.on('acquire', () => {
      this.lastAcquiredAt = Date.now();
    });
    this.lastTick = performance.now();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private sample(): void {
    const now = performance.now();
    this.lags.push(Math.max(0, now - this.lastTick - SAMPLE_MS));
    if (this.lags.length > WINDOW) this.lags.shift();
    this.lastTick = now;
    this.poolState(Date.now());
  }

  private poolState(now: number): PoolState {
    const p = this.pool;
    const state = { total: p?.totalCount ?? 0, idle: p?.idleCount ?? 0, waiting: p?.waitingCount ?? 0, max: p?.options?.max ?? 10 };
    if (state.waiting === 0) this.waitingSince = undefined;
    else this.waitingSince ??= now;
    return state;
  }

  state(): ServingState {
    const now = Date.now();
    const pool = this.poolState(now);
    // A stall still going on (the timer not yet fired) counts too.
    const current = Math.max(0, performance.now() - this.lastTick - SAMPLE_MS);
    return {
      eventLoopStallMs: Math.round(Math.max(current, ...this.lags, 0)),
      poolStarvedMs: starvedFor(pool, this.waitingSince, this.lastAcquiredAt, now),
      pool,
    };
  }
}
