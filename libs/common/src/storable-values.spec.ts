import { unstorableValue } from './storable-values.js';

describe('unstorableValue', () => {
  it('accepts ordinary records, emoji (paired surrogates) included', () => {
    expect(unstorableValue({ a: 'text 😀', b: [1, 2.5, null, true], c: { d: 'é' } })).toBeNull();
  });

  it.each([
    ['NUL in a field', { givenName: 'a\u0000b' }, 'givenName', 'NUL_CHARACTER'],
    ['NUL deep in a list', { identifiers: [{ value: 'ok' }, { value: '\u0000' }] }, 'identifiers[1].value', 'NUL_CHARACTER'],
    ['a lone high surrogate', { notes: 'x\ud800y' }, 'notes', 'LONE_SURROGATE'],
    ['a lone low surrogate', { notes: '\udc00' }, 'notes', 'LONE_SURROGATE'],
    ['a surrogate at the end', { notes: 'x\ud83d' }, 'notes', 'LONE_SURROGATE'],
    ['an infinite number', { ogrsScore: Infinity }, 'ogrsScore', 'NUMBER_OUT_OF_RANGE'],
    ['NUL in a field name', { ['a\u0000']: 1 }, '(record)', 'NUL_CHARACTER'],
    ['a bare string', 'a\u0000', '(record)', 'NUL_CHARACTER'],
  ])('%s', (_label, value, field, reason) => {
    expect(unstorableValue(value)).toMatchObject({ field, reason });
  });

  it('refuses nesting past its depth without overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableValue(deep)).toMatchObject({ reason: 'TOO_DEEP' });
  });
});
