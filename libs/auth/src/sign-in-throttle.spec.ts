import { clientAddressKey, delayAfter, throttleKeys } from './sign-in-throttle.js';

const CONFIG = {
  windowSeconds: 900,
  freePerAddress: 20,
  freePerAccountAddress: 5,
  freePerAccount: 50,
  baseDelaySeconds: 1,
  maxDelaySeconds: 900,
};

describe('sign-in throttle', () => {
  it('delays nothing within the free failures, then doubles, capped', () => {
    expect([1, 5].map((n) => delayAfter(n, 5, 1, 900))).toEqual([0, 0]);
    expect([6, 7, 8, 9, 10].map((n) => delayAfter(n, 5, 1, 900))).toEqual([1, 2, 4, 8, 16]);
    expect(delayAfter(16, 5, 1, 900)).toBe(900);
    expect(delayAfter(10_000, 5, 1, 900)).toBe(900);
    expect(delayAfter(3, 2, 30, 60)).toBe(30);
  });

  it('counts IPv4-mapped IPv6 as IPv4, an IPv6 client by its /64, and anything else as unknown', () => {
    expect(clientAddressKey('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(clientAddressKey('127.0.0.2')).toBe('127.0.0.2');
    expect(clientAddressKey('2001:db8:1:2:aaaa::1')).toBe(clientAddressKey('2001:db8:1:2:bbbb::9'));
    expect(clientAddressKey('2001:db8:1:2:aaaa::1')).not.toBe(clientAddressKey('2001:db8:1:3::1'));
    expect(clientAddressKey(undefined)).toBe('unknown');
    expect(clientAddressKey('not an address')).toBe('unknown');
  });

  it('holds an attempt against the address, the account, and the account from the address', () => {
    const keys = throttleKeys('user', ' Someone@Example.org ', '127.0.0.1', CONFIG);
    expect(keys).toEqual([
      { key: 'address:127.0.0.1', free: 20 },
      { key: 'account:user:someone@example.org', free: 50 },
      { key: 'account-address:user:someone@example.org|127.0.0.1', free: 5 },
    ]);
    const long = throttleKeys('client', 'x'.repeat(10_000), '127.0.0.1', CONFIG);
    expect(long[1].key.length).toBeLessThan(100);
  });
});
