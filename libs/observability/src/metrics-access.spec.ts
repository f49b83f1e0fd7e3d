import { metricsAccess } from './metrics-access.js';

describe('metricsAccess', () => {
  const token = 'a-metrics-token-of-32-characters!';

  it('without a token: callers on this machine only, connected directly', () => {
    expect(metricsAccess(undefined, '127.0.0.1', {})).toBe('allowed');
    expect(metricsAccess(undefined, '::1', {})).toBe('allowed');
    expect(metricsAccess(undefined, '::ffff:127.0.0.1', {})).toBe('allowed');
    expect(metricsAccess(undefined, '10.0.0.7', {})).toBe('not-from-here');
    expect(metricsAccess(undefined, '192.168.1.20', {})).toBe('not-from-here');
    expect(metricsAccess(undefined, undefined, {})).toBe('not-from-here');
    // A proxy on this machine forwarding someone else's request is not "this machine".
    expect(metricsAccess(undefined, '127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).toBe('not-from-here');
    expect(metricsAccess(undefined, '127.0.0.1', { forwarded: 'for=203.0.113.9' })).toBe('not-from-here');
  });

  it('with a token: whoever sends it, from anywhere; nobody else, loopback included', () => {
    expect(metricsAccess(token, '10.0.0.7', { authorization: `Bearer ${token}` })).toBe('allowed');
    expect(metricsAccess(token, '127.0.0.1', {})).toBe('token-required');
    expect(metricsAccess(token, '10.0.0.7', { authorization: `Bearer ${token.slice(1)}` })).toBe('token-required');
    expect(metricsAccess(token, '10.0.0.7', { authorization: `Basic ${token}` })).toBe('token-required');
    expect(metricsAccess(token, '10.0.0.7', { authorization: `Bearer ${token}x` })).toBe('token-required');
  });
});
