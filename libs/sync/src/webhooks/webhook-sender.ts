import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  isIpLiteral,
  mayConnect,
  type Resolver,
  systemResolver,
  WebhookAddressRefused,
  type WebhookUrlPolicy,
  webhookLookup,
} from './webhook-url-policy.js';

/** What the delivery log may say about an attempt that got no HTTP answer: nothing about why (no address, port or error). */
export const COULD_NOT_DELIVER = 'could not deliver';

export interface SendResult {
  /** The receiver's HTTP status, or null when none came. */
  statusCode: number | null;
  /** Whether a connection was made, so the body may have been sent (a disclosure to audit). */
  connected: boolean;
  /** For the operator's log only (an error code), never for the delivery log an org admin reads. */
  detail: string | null;
}

export interface SendOptions {
  policy: WebhookUrlPolicy;
  timeoutMs: number;
  /** How names are resolved (tests stub it). */
  resolve?: Resolver;
}

/**
 * One POST to a webhook receiver, under the URL policy: a name is resolved once, every address it
 * resolves to is checked, and the socket connects to a checked address (the agent's lookup), so a DNS
 * answer changed after the endpoint was saved cannot turn the hub inward; an address written in the
 * URL is checked the same way. Redirects are not followed (a 3xx is an answer like any other). The
 * answer's body is read and dropped: only its status is kept.
 */
export function sendWebhook(url: string, headers: Record<string, string>, body: string, options: SendOptions): Promise<SendResult> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  return new Promise<SendResult>((done) => {
    let connected = false;
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      done(result);
    };
    if (!['http:', 'https:'].includes(target.protocol)) {
      finish({ statusCode: null, connected: false, detail: 'EPROTOCOL' });
      return;
    }
    if (options.policy.mode !== 'any' && target.protocol !== 'https:') {
      finish({ statusCode: null, connected: false, detail: 'EPROTOCOL' });
      return;
    }
    // Node connects to an address written in the URL without a lookup: check it here.
    if (isIpLiteral(host) && !mayConnect(options.policy, host, host)) {
      finish({ statusCode: null, connected: false, detail: new WebhookAddressRefused().code });
      return;
    }
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: false,
        lookup: webhookLookup(options.policy, options.resolve ?? systemResolver),
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res: IncomingMessage) => {
        res.on('error', () => undefined);
        res.resume();
        res.on('end', () => finish({ statusCode: res.statusCode ?? null, connected: true, detail: null }));
        res.on('close', () => finish({ statusCode: res.statusCode ?? null, connected: true, detail: null }));
      },
    );
    req.on('socket', (socket) => socket.once('connect', () => (connected = true)));
    req.on('error', (err: NodeJS.ErrnoException) => finish({ statusCode: null, connected, detail: err.code ?? err.name }));
    req.end(body);
  });
}
