import { AuditBuffer } from '@hub/common';
import { disclosures, eventCategory } from './change-feed.service.js';

describe('change feed disclosures', () => {
  const event = (personId: string | null, type: string, payload: Record<string, unknown> = {}) => ({ personId, type, payload });

  it('is one read per person, with the categories and types of its events; events about no person disclose nothing', () => {
    const entries = disclosures(
      [
        event('p1', 'person.created'),
        event(null, 'organisation.created'),
        event('p2', 'intervention.logged', { dataCategory: 'ete' }),
        event('p1', 'intervention.logged', { dataCategory: 'employment' }),
        event('p1', 'outcome.recorded', { dataCategory: 'employment' }),
      ],
      { channel: 'change_feed' },
    );
    expect(entries.map((e) => [e.personId, [...e.categories].sort(), e.detail])).toEqual([
      [
        'p1',
        ['employment', 'identity'],
        { channel: 'change_feed', events: 3, event: 'intervention.logged, outcome.recorded, person.created' },
      ],
      ['p2', ['ete'], { channel: 'change_feed', events: 1, event: 'intervention.logged' }],
    ]);
    expect(entries.every((e) => e.action === 'read' && e.fields.size === 0 && !e.breakGlass)).toBe(true);
    expect(disclosures([event(null, 'intervention_type.created')], { channel: 'change_feed' })).toEqual([]);
  });

  it('reads the category as the feed SQL does: payload.dataCategory, else identity', () => {
    expect(eventCategory({ dataCategory: 'health' })).toBe('health');
    expect(eventCategory({ dataCategory: null })).toBe('identity');
    expect(eventCategory({})).toBe('identity');
    expect(eventCategory(null)).toBe('identity');
  });

  it('stays apart from a read of the same person in the request audit, one per channel', () => {
    const buffer = new AuditBuffer();
    buffer.add({ action: 'read', personId: 'p1', fields: ['Person.givenName'], categories: ['identity'] });
    for (const e of disclosures([event('p1', 'person.created')], { channel: 'change_feed' })) buffer.add(e);
    buffer.add({ action: 'read', personId: 'p1', fields: ['Person.region'] });
    const drained = buffer.drain();
    expect(drained.map((e) => [e.personId, [...e.fields].sort(), e.detail?.channel ?? null])).toEqual([
      ['p1', ['Person.givenName', 'Person.region'], null],
      ['p1', [], 'change_feed'],
    ]);
  });
});
