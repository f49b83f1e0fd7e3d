import fc from 'fast-check';
import { evaluateCondition, type RuleCondition, type RuleFacts, validateCondition } from './rule-conditions.js';

const facts = (
  over: Partial<{ event: Record<string, unknown>; person: Partial<RuleFacts['person']>; record: Partial<RuleFacts['record']> }> = {},
): RuleFacts => ({
  event: { type: 'intervention.logged', typeCode: 'accommodation_support', ...over.event },
  person: { region: 'north_west', stage: null, riskLevel: null, daysUntilRelease: null, ...over.person },
  record: { daysSinceEteContact: null, ...over.record },
});

describe('rule conditions', () => {
  it('accepts the documented examples', () => {
    const releaseSoon: RuleCondition = {
      all: [
        { fact: 'person.daysUntilRelease', operator: 'greaterThanOrEqual', value: 0 },
        { fact: 'person.daysUntilRelease', operator: 'lessThanOrEqual', value: 84 },
      ],
    };
    const noEteContact: RuleCondition = {
      any: [
        { fact: 'record.daysSinceEteContact', operator: 'missing' },
        { fact: 'record.daysSinceEteContact', operator: 'greaterThan', value: 28 },
      ],
    };
    expect(validateCondition(releaseSoon)).toEqual([]);
    expect(validateCondition(noEteContact)).toEqual([]);
    expect(evaluateCondition(releaseSoon, facts({ person: { daysUntilRelease: 30 } }))).toBe(true);
    expect(evaluateCondition(releaseSoon, facts({ person: { daysUntilRelease: 90 } }))).toBe(false);
    expect(evaluateCondition(releaseSoon, facts({ person: { daysUntilRelease: -1 } }))).toBe(false);
    expect(evaluateCondition(releaseSoon, facts())).toBe(false);
    expect(evaluateCondition(noEteContact, facts())).toBe(true);
    expect(evaluateCondition(noEteContact, facts({ record: { daysSinceEteContact: 10 } }))).toBe(false);
    expect(evaluateCondition(noEteContact, facts({ record: { daysSinceEteContact: 29 } }))).toBe(true);
  });

  it('evaluates every operator', () => {
    const f = facts({ event: { typeCode: 'training_cscs', outcome: 'qualification', tags: ['a', 'b'] } });
    const is = (operator: string, fact: string, value?: unknown) => evaluateCondition({ fact, operator, value } as RuleCondition, f);
    expect(is('equal', 'event.typeCode', 'training_cscs')).toBe(true);
    expect(is('equal', 'event.typeCode', 'job_start')).toBe(false);
    expect(is('notEqual', 'event.typeCode', 'job_start')).toBe(true);
    expect(is('in', 'event.outcome', ['job', 'qualification'])).toBe(true);
    expect(is('notIn', 'event.outcome', ['job'])).toBe(true);
    expect(is('contains', 'event.tags', 'b')).toBe(true);
    expect(is('contains', 'event.typeCode', 'cscs')).toBe(true);
    expect(is('exists', 'event.nothing')).toBe(false);
    expect(is('missing', 'event.nothing')).toBe(true);
    expect(is('equal', 'person.region', 'north_west')).toBe(true);
    expect(evaluateCondition({ not: { fact: 'event.typeCode', operator: 'equal', value: 'x' } }, f)).toBe(true);
    expect(evaluateCondition({ all: [] }, f)).toBe(true);
    expect(evaluateCondition({ any: [] }, f)).toBe(false);
  });

  it('lists every problem of an invalid tree with where it is', () => {
    const problems = validateCondition({
      all: [
        { fact: 'person.shoeSize', operator: 'equal', value: 1 },
        { fact: 'event.x', operator: 'greaterThan', value: 'ten' },
        { fact: 'event.y', operator: 'teleport' },
        { any: 'no' },
        { fact: 'event.z', operator: 'missing', value: 1 },
      ],
    });
    expect(problems).toEqual([
      expect.stringMatching(/^all\[0\]\.fact/),
      expect.stringMatching(/^all\[1\]\.value: greaterThan needs a number/),
      expect.stringMatching(/^all\[2\]\.operator/),
      expect.stringMatching(/^all\[3\]\.any: must be a list/),
      expect.stringMatching(/^all\[4\]\.value: missing takes no value/),
    ]);
    expect(validateCondition(null)).toEqual(['conditions: must be an object']);
    expect(validateCondition({ all: [], any: [] })).toEqual(['conditions: "all" must be the only key']);
  });

  it('refuses trees too large or too deep', () => {
    let deep: RuleCondition = { fact: 'event.a', operator: 'exists' };
    for (let i = 0; i < 8; i++) deep = { not: deep };
    expect(validateCondition(deep).join()).toMatch(/nested deeper/);
    expect(validateCondition({ all: Array.from({ length: 60 }, () => ({ fact: 'event.a', operator: 'exists' })) }).join()).toMatch(
      /more than 50/,
    );
  });

  it('not(c) is always the opposite of c, and all/any agree with every/some', () => {
    const leaf = fc
      .record({
        fact: fc.constantFrom('event.typeCode', 'person.daysUntilRelease', 'record.daysSinceEteContact'),
        operator: fc.constantFrom('equal', 'greaterThan', 'missing', 'exists'),
        value: fc.integer({ min: 0, max: 100 }),
      })
      .map(
        ({ fact, operator, value }) =>
          (operator === 'missing' || operator === 'exists' ? { fact, operator } : { fact, operator, value }) as RuleCondition,
      );
    fc.assert(
      fc.property(
        fc.array(leaf, { maxLength: 5 }),
        fc.option(fc.integer({ min: -10, max: 100 })),
        fc.option(fc.integer({ min: 0, max: 60 })),
        (leaves, release, ete) => {
          const f = facts({ person: { daysUntilRelease: release }, record: { daysSinceEteContact: ete } });
          const values = leaves.map((l) => evaluateCondition(l, f));
          expect(evaluateCondition({ all: leaves }, f)).toBe(values.every(Boolean));
          expect(evaluateCondition({ any: leaves }, f)).toBe(values.some(Boolean));
          for (const l of leaves) expect(evaluateCondition({ not: l }, f)).toBe(!evaluateCondition(l, f));
          expect(validateCondition({ all: leaves })).toEqual([]);
        },
      ),
    );
  });
});
