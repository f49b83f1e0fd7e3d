import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import type { Actor } from './actor.js';
import type { AuditBuffer, PendingAuditEvent } from './audit-buffer.js';
import { HubError, ErrorCode } from './errors.js';

/**
 * A long-lived connection (a GraphQL subscription over WebSocket): before each event it delivers,
 * the subscriber is authenticated again with its token (expired or deactivated: null, and the
 * connection is closed), and the per-event state of the context (loaders, withheld fields) is reset,
 * so no cache outlives one event.
 */
export interface LiveSession {
  refresh(): Promise<Actor | null>;
}

/** What every GraphQL resolver receives as context: the request, its actor and its DataLoaders. */
export interface HubContext {
  req: { id?: string; user?: Actor; headers: Record<string, string | string[] | undefined>; live?: LiveSession };
  loaders: Map<string, DataLoader<unknown, unknown>>;
  /** Field names withheld from this response, reported in `extensions.withheld`. */
  withheld?: Set<string>;
  /** Audit events of this request, written in one insert when the response is sent. */
  audit?: AuditBuffer;
  /** Lists cut at their hard maximum in this response (`Person.consents` …), reported in `extensions.truncated`. */
  truncated?: Set<string>;
}

/**
 * A list that is not a page, cut at its hard maximum: `rows` holds at most `max + 1` items (read with
 * a limit), and when there are more than `max` the field is named in the answer's `extensions.truncated`.
 */
export function boundedList<T>(ctx: HubContext, field: string, rows: readonly T[], max: number): T[] {
  if (rows.length <= max) return [...rows];
  (ctx.truncated ??= new Set()).add(field);
  return rows.slice(0, max);
}

/** The live session of a subscription's connection; refused when the operation did not come over one. */
export function liveSession(ctx: HubContext): LiveSession {
  const live = ctx.req.live;
  if (!live) throw new HubError(ErrorCode.BadUserInput, 'Subscriptions are served over WebSocket (graphql-transport-ws) at /graphql');
  return live;
}

/** Records an access to person data for the audit log of this request (batched, no round trip). */
export function audit(ctx: HubContext, event: PendingAuditEvent): void {
  ctx.audit?.add(event);
}

export function requestOf(context: ExecutionContext): HubContext['req'] {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<HubContext>().req;
  }
  return context.switchToHttp().getRequest();
}

/** The authenticated actor of the request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = requestOf(context).user;
  if (!actor) throw new HubError(ErrorCode.Unauthenticated, 'Sign in first');
  return actor;
});

/** A DataLoader built once per request (never shared between requests, so no cache outlives one). */
export function requestLoader<K, V>(ctx: HubContext, key: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
  let loader = ctx.loaders.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = create();
    ctx.loaders.set(key, loader);
  }
  return loader;
}

/** Orders the rows a batch function loaded as the keys asked, with null for the missing. */
export function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}
