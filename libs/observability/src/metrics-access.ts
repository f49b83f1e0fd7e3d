import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** What a scrape of /metrics is answered, before anything is collected. */
export type MetricsAccess = 'allowed' | 'token-required' | 'not-from-here';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function loopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return plain === '::1' || plain.startsWith('127.');
}

/**
 * Who may read the process's metrics (METRICS_TOKEN). With a token configured: whoever sends it as a
 * bearer token, from anywhere. Without one: a caller on this machine only, connected directly (the
 * socket's peer is loopback and no proxy forwarded the request), so a hub put on the network does not
 * hand its operational figures to anyone who asks.
 */
export function metricsAccess(
  token: string | undefined,
  peer: string | undefined,
  headers: Record<string, string | string[] | undefined>,
): MetricsAccess {
  if (token) {
    const given = typeof headers.authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(headers.authorization)?.[1] : undefined;
    return given !== undefined && sameSecret(given, token) ? 'allowed' : 'token-required';
  }
  const forwarded = headers['x-forwarded-for'] !== undefined || headers.forwarded !== undefined;
  return loopback(peer) && !forwarded ? 'allowed' : 'not-from-here';
}
