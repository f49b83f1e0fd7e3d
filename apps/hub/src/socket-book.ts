/** What the WebSocket server may hold at once (HubConfig.subscriptions). */
export interface SocketLimits {
  maxConnections: number;
  maxConnectionsPerActor: number;
  /** 0: no limit per address. */
  maxUnauthenticatedPerAddress: number;
}

export type Admission = { ok: true } | { ok: false; status: 429 | 503; reason: string };

/**
 * The books of the WebSocket server: every connection from its upgrade to its close, by remote
 * address until it has signed in, by actor once it has. Plain bookkeeping, no I/O: the server asks
 * before it accepts an upgrade (`admit`), when a token is accepted (`signIn`), and tells on close.
 */
export class SocketBook<S extends object = object> {
  private readonly open = new Map<S, { address: string; actor?: string }>();
  private readonly unauthenticated = new Map<string, number>();
  private readonly actors = new Map<string, number>();

  constructor(private readonly limits: SocketLimits) {}

  get size(): number {
    return this.open.size;
  }

  connectionsOf(actor: string): number {
    return this.actors.get(actor) ?? 0;
  }

  /** Whether a new connection from `address` may be accepted now. */
  admit(address: string): Admission {
    if (this.open.size >= this.limits.maxConnections)
      return { ok: false, status: 503, reason: 'the hub holds as many WebSocket connections as it allows' };
    const max = this.limits.maxUnauthenticatedPerAddress;
    if (max > 0 && (this.unauthenticated.get(address) ?? 0) >= max)
      return { ok: false, status: 429, reason: 'too many connections from this address that have not signed in' };
    return { ok: true };
  }

  opened(socket: S, address: string): void {
    this.open.set(socket, { address });
    this.unauthenticated.set(address, (this.unauthenticated.get(address) ?? 0) + 1);
  }

  /** The connection's token was accepted for `actor`: false when the actor already holds as many connections as allowed. */
  signIn(socket: S, actor: string): boolean {
    const entry = this.open.get(socket);
    if (!entry || entry.actor) return false;
    if (this.connectionsOf(actor) >= this.limits.maxConnectionsPerActor) return false;
    this.release(this.unauthenticated, entry.address);
    entry.actor = actor;
    this.actors.set(actor, this.connectionsOf(actor) + 1);
    return true;
  }

  closed(socket: S): void {
    const entry = this.open.get(socket);
    if (!entry) return;
    this.open.delete(socket);
    if (entry.actor) this.release(this.actors, entry.actor);
    else this.release(this.unauthenticated, entry.address);
  }

  private release(counts: Map<string, number>, key: string): void {
    const left = (counts.get(key) ?? 1) - 1;
    if (left > 0) counts.set(key, left);
    else counts.delete(key);
  }
}
