/**
 * Audit events collected while a request runs, written in one insert when it ends (see libs/audit).
 * Reads of the same person in one request merge into one event, per channel: a disclosure through
 * another channel than the request's own fields (`detail.channel`, e.g. the change feed) stays apart.
 */
export type AuditAction = 'read' | 'write' | 'deny' | 'export' | 'break_glass' | 'erase';

export interface PendingAuditEvent {
  action: AuditAction;
  personId: string | null;
  /** Categories of data returned (read) or changed (write). */
  categories?: Iterable<string>;
  /** Fields returned (qualified, e.g. `Person.givenName`). */
  fields?: Iterable<string>;
  /** Fields withheld by the access policy. */
  withheld?: Iterable<string>;
  /** Whether access rested on a break-glass grant. */
  breakGlass?: boolean;
  detail?: Record<string, unknown> | null;
}

export interface AuditEntry {
  action: AuditAction;
  personId: string | null;
  categories: Set<string>;
  fields: Set<string>;
  withheld: Set<string>;
  breakGlass: boolean;
  detail: Record<string, unknown> | null;
}

export class AuditBuffer {
  private readonly entries = new Map<string, AuditEntry>();

  add(event: PendingAuditEvent): void {
    const channel = event.detail?.channel;
    const key = `${event.action}:${event.personId ?? ''}${typeof channel === 'string' ? `:${channel}` : ''}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        action: event.action,
        personId: event.personId,
        categories: new Set(),
        fields: new Set(),
        withheld: new Set(),
        breakGlass: false,
        detail: null,
      };
      this.entries.set(key, entry);
    }
    for (const c of event.categories ?? []) entry.categories.add(c);
    for (const f of event.fields ?? []) entry.fields.add(f);
    for (const w of event.withheld ?? []) entry.withheld.add(w);
    entry.breakGlass ||= !!event.breakGlass;
    if (event.detail) entry.detail = { ...(entry.detail ?? {}), ...event.detail };
  }

  /** Takes the collected events, leaving the buffer empty. */
  drain(): AuditEntry[] {
    const all = [...this.entries.values()];
    this.entries.clear();
    // A field both returned and withheld (two views of one person) counts as returned.
    for (const e of all) for (const f of e.fields) e.withheld.delete(f);
    return all;
  }

  get size(): number {
    return this.entries.size;
  }
}
