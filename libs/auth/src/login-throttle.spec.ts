import { LoginThrottle } from './login-throttle.js';

describe('LoginThrottle', () => {
  it('blocks after the limit within the window and forgets after it', () => {
    let now = 0;
    const t = new LoginThrottle(3, 1000, () => now);
    t.fail('a');
    t.fail('a');
    expect(t.blocked('a')).toBe(false);
    t.fail('a');
    expect(t.blocked('a')).toBe(true);
    expect(t.blocked('b')).toBe(false);
    now = 1001;
    expect(t.blocked('a')).toBe(false);
  });

  it('a success clears the count', () => {
    const t = new LoginThrottle(2, 1000, () => 0);
    t.fail('a');
    t.succeed('a');
    t.fail('a');
    expect(t.blocked('a')).toBe(false);
  });
});
