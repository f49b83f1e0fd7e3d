import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';

/**
 * Where the hub may send webhooks. `public-https` (the production default): https only, to public
 * addresses only, except the hosts and address ranges the operator allows; `any`: http or https to
 * any address (development and tests, whose receivers listen on loopback).
 */
export interface WebhookUrlPolicy {
  mode: 'public-https' | 'any';
  /** Host names allowed whatever they resolve to: exact, or `*.example.org` for its subdomains. */
  allowedHosts: string[];
  /** Address ranges allowed although not public (CIDR, e.g. 10.20.0.0/16). */
  allowedCidrs: string[];
}

/** The rule a refused URL broke, named in the error an org admin sees. */
export const WEBHOOK_RULE = {
  https: 'webhook URLs must use https (WEBHOOK_URL_POLICY=public-https)',
  publicAddress:
    'webhook URLs must reach a public internet address, not a loopback, private, link-local or otherwise reserved one (WEBHOOK_URL_POLICY=public-https; an operator may allow exceptions with WEBHOOK_ALLOWED_HOSTS or WEBHOOK_ALLOWED_CIDRS)',
  noCredentials: 'webhook URLs may not carry a user name or password',
} as const;

/** Raised when a connection is refused by the policy (at connect time, e.g. after a DNS answer changed). */
export class WebhookAddressRefused extends Error {
  readonly code = 'EWEBHOOKADDRESS';
  constructor() {
    super('the address is not allowed for webhooks');
    this.name = 'WebhookAddressRefused';
  }
}

/** The address as ipaddr.js sees it, with an IPv4-mapped IPv6 address (::ffff:127.0.0.1) as its IPv4 form. */
function parsed(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.IPv4.isValidFourPartDecimal(bare) && !ipaddr.IPv6.isValid(bare)) return null;
  const ip = ipaddr.parse(bare);
  return ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address() : ip;
}

/** An IP literal (IPv4 dotted quad, or IPv6 with or without brackets)? */
export function isIpLiteral(host: string): boolean {
  return parsed(host) !== null;
}

/**
 * A public unicast address: not loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16,
 * the cloud metadata address among them; fe80::/10), unique-local (fc00::/7), carrier-grade NAT
 * (100.64/10), multicast, broadcast, unspecified (0.0.0.0, ::), reserved or documentation ranges, nor
 * an IPv6 form that embeds an IPv4 address (mapped, NAT64, 6to4, Teredo).
 */
export function isPublicAddress(address: string): boolean {
  const ip = parsed(address);
  if (!ip) return false;
  if (ip.kind() === 'ipv4' && ip.match(ipaddr.IPv4.parse('0.0.0.0'), 8)) return false;
  return ip.range() === 'unicast';
}

function hostAllowed(policy: WebhookUrlPolicy, host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return policy.allowedHosts.some((rule) => {
    const r = rule.toLowerCase().replace(/\.$/, '');
    return r.startsWith('*.') ? name.endsWith(r.slice(1)) && name.length > r.length - 1 : name === r;
  });
}

function addressAllowed(policy: WebhookUrlPolicy, address: string): boolean {
  const ip = parsed(address);
  if (!ip) return false;
  if (isPublicAddress(address)) return true;
  return policy.allowedCidrs.some((cidr) => {
    const [range, bits] = ipaddr.parseCIDR(cidr);
    return range.kind() === ip.kind() && ip.match(range, bits);
  });
}

/** Whether the policy lets the hub connect to this address for this host name. */
export function mayConnect(policy: WebhookUrlPolicy, host: string, address: string): boolean {
  return policy.mode === 'any' || hostAllowed(policy, host) || addressAllowed(policy, address);
}

/**
 * The check made when an endpoint is saved: what the URL says (scheme, credentials, an address
 * written in it, a name that is loopback by definition). Returns the rule broken, or null. Names are
 * resolved again at every connection (webhookLookup), so a name that resolves elsewhere later is
 * caught there.
 */
export function webhookUrlProblem(policy: WebhookUrlPolicy, url: URL): string | null {
  if (url.username || url.password) return WEBHOOK_RULE.noCredentials;
  if (policy.mode === 'any') return null;
  if (url.protocol !== 'https:') return WEBHOOK_RULE.https;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (hostAllowed(policy, host)) return null;
  if (isIpLiteral(host)) return addressAllowed(policy, host) ? null : WEBHOOK_RULE.publicAddress;
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost') || !name.includes('.')) return WEBHOOK_RULE.publicAddress;
  return null;
}

/** Resolves a host name to every address (as dns.lookup does), so the caller can check each. */
export type Resolver = (host: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (host) =>
  new Promise((done, fail) => dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? fail(err) : done(addresses))));

/** The save-time check of the addresses a name resolves to now (a name that does not resolve yet passes: it is checked again at every connection). */
export async function webhookResolvedProblem(
  policy: WebhookUrlPolicy,
  url: URL,
  resolve: Resolver = systemResolver,
): Promise<string | null> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (policy.mode === 'any' || isIpLiteral(host) || hostAllowed(policy, host)) return null;
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(host);
  } catch {
    return null;
  }
  return addresses.every((a) => mayConnect(policy, host, a.address)) ? null : WEBHOOK_RULE.publicAddress;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for the http(s) agent: resolves the name, refuses the connection unless every address it
 * resolves to is allowed (so a DNS answer that changed since the endpoint was saved, or that mixes a
 * public and a private address, cannot steer the hub inward), and hands the socket the addresses it
 * checked, so the connection goes to a checked address and is never resolved again.
 */
export function webhookLookup(policy: WebhookUrlPolicy, resolve: Resolver = systemResolver) {
  return (
    host: string,
    options: { all?: boolean; family?: number | string } | number | LookupCallback,
    callback?: LookupCallback,
  ): void => {
    const cb = (typeof options === 'function' ? options : callback)!;
    const all = typeof options === 'object' && options !== null && options.all === true;
    const family =
      typeof options === 'object' && options !== null ? Number(options.family ?? 0) || 0 : typeof options === 'number' ? options : 0;
    resolve(host).then(
      (found) => {
        const addresses = found.filter((a) => family === 0 || a.family === family);
        if (!addresses.length) {
          cb(Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' }), all ? [] : '', 0);
          return;
        }
        if (!addresses.every((a) => mayConnect(policy, host, a.address))) {
          cb(new WebhookAddressRefused(), all ? [] : '', 0);
          return;
        }
        if (all) cb(null, addresses);
        else cb(null, addresses[0].address, addresses[0].family);
      },
      (err: NodeJS.ErrnoException) => cb(err, all ? [] : '', 0),
    );
  };
}
