import { jsonValueCount } from './body-limits.js';

describe('jsonValueCount', () => {
  it('counts objects, arrays and elements outside strings', () => {
    expect(jsonValueCount('{"a":[1,2,{}],"b":"x"}', 100)).toBe(6);
    expect(jsonValueCount('"{[,,,]}"', 100)).toBe(0);
    expect(jsonValueCount('{"a":"quote \\" then , and \\\\","b":1}', 100)).toBe(2);
  });
  it('stops counting once past the limit', () => {
    expect(jsonValueCount('[' + '{},'.repeat(1_000_000) + '{}]', 10)).toBe(11);
  });
});
