import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_CATEGORIES } from '@hub/access';
import { checkEventPayload, EVENT_PAYLOADS, maskPayload, UndeclaredEventPayloadError } from './event-payloads.js';
import { OutboxService } from './outbox.service.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'portal' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Event types the code emits: literals given as an event's type (TypeScript or SQL), named constants, and the referral lifecycle. */
function emittedTypes(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /type: '([a-z_]+\.[a-z_]+)'/g,
    /'([a-z_]+\.[a-z_]+)' AS type/g,
    /(?:THEN|ELSE) '([a-z_]+\.[a-z_]+)'(?: END AS type)?/g,
    /export const [A-Z_]+(?:_EVENT|_SCORED) = '([a-z_]+\.[a-z_]+)'/g,
  ];
  for (const file of [...sources('libs'), ...sources('apps')]) {
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) found.set(m[1], file);
    const past = /const PAST[^=]*= \{([^}]*)\}/.exec(text);
    if (past) for (const m of past[1].matchAll(/: '([a-z_]+)'/g)) found.set(`referral.${m[1]}`, file);
    if (text.includes('referral.${PAST')) found.set('referral.created', file);
  }
  return found;
}

describe('event payload schemas', () => {
  it('declares every event type the code emits', () => {
    const emitted = emittedTypes();
    expect(emitted.size).toBeGreaterThan(40);
    const undeclared = [...emitted].filter(([type]) => !EVENT_PAYLOADS[type]).map(([type, file]) => `${type} (${file})`);
    expect(undeclared).toEqual([]);
  });

  it('gives every field a data category, `event`, `party`, `consent` or `meta`', () => {
    const kinds = new Set<string>([...DATA_CATEGORIES, 'event', 'party', 'consent', 'meta']);
    for (const [type, schema] of Object.entries(EVENT_PAYLOADS))
      for (const [field, kind] of Object.entries(schema)) expect({ type, field, ok: kinds.has(kind) }).toEqual({ type, field, ok: true });
  });

  it('refuses a type without a schema and a field the schema does not declare', () => {
    expect(() => checkEventPayload('person.unknown', {})).toThrow(UndeclaredEventPayloadError);
    expect(() => checkEventPayload('person.stage_changed', { from: 'a', to: 'b', note: 'x' })).toThrow(/undeclared payload fields: note/);
    expect(() => checkEventPayload('person.stage_changed', { from: 'a', to: 'b' })).not.toThrow();
  });

  it('the outbox refuses to emit an undeclared event, before writing anything', async () => {
    const inserted: unknown[] = [];
    const manager = {
      queryRunner: { isTransactionActive: true, query: async () => undefined },
      insert: async (_e: unknown, rows: unknown) => inserted.push(rows),
    };
    const outbox = new OutboxService({ get: () => ({ recordWrites: async () => undefined }) } as never);
    await expect(
      outbox.emit(manager as never, null, {
        type: 'person.stage_changed',
        aggregateType: 'person',
        aggregateId: 'p',
        payload: { from: 'a', to: 'b', healthNotes: 'x' },
      }),
    ).rejects.toThrow(UndeclaredEventPayloadError);
    await expect(
      outbox.emit(manager as never, null, { type: 'person.secret', aggregateType: 'person', aggregateId: 'p', payload: {} }),
    ).rejects.toThrow(UndeclaredEventPayloadError);
    expect(inserted).toEqual([]);
  });

  it('masks fail closed: undeclared fields and types are withheld, an erased payload keeps its marks', () => {
    expect(maskPayload('person.stage_changed', { from: 'a', to: 'b', extra: 1 }, () => true)).toEqual({
      payload: { from: 'a', to: 'b' },
      withheld: ['extra'],
    });
    expect(maskPayload('nope.nope', { a: 1 }, () => true)).toEqual({ payload: {}, withheld: ['a'] });
    expect(maskPayload('person.stage_changed', { erased: true, dataCategory: 'ete' }, () => false)).toEqual({
      payload: { erased: true, dataCategory: 'ete' },
      withheld: [],
    });
  });
});
