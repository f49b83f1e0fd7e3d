import { generateKeyPairSync } from 'node:crypto';
import { VerifiedTokens } from './verified-tokens.js';

describe('VerifiedTokens', () => {
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
  let nowMs = Date.UTC(2026, 10, 26, 12, 0, 0);
  const now = () => nowMs;
  const at = (seconds: number) => Math.floor(nowMs / 1000) + seconds;

  it('recalls a token until exp + tolerance, as the verification decides, then forgets it', () => {
    const tokens = new VerifiedTokens<{ exp?: number }>(10, 5, now);
    tokens.remember('t1', { claims: { exp: at(60) }, key, kid: 'k', iss: 'hub' });
    expect(tokens.recall('t1')?.claims.exp).toBe(at(60));
    expect(tokens.recall('other')).toBeUndefined();
    nowMs += 64_000;
    expect(tokens.recall('t1')).toBeDefined(); // 64 s < 60 + 5
    nowMs += 1_000;
    expect(tokens.recall('t1')).toBeUndefined(); // 65 s >= 60 + 5: expired
    expect(tokens.size).toBe(0);
  });

  it('never remembers a token without an expiry, or one already expired', () => {
    const tokens = new VerifiedTokens<{ exp?: unknown }>(10, 5, now);
    tokens.remember('no-exp', { claims: {}, key, kid: undefined, iss: 'hub' });
    tokens.remember('text-exp', { claims: { exp: '9999999999' }, key, kid: undefined, iss: 'hub' });
    tokens.remember('expired', { claims: { exp: at(-10) }, key, kid: undefined, iss: 'hub' });
    expect(tokens.size).toBe(0);
  });

  it('holds at most max tokens, forgetting the oldest first', () => {
    const tokens = new VerifiedTokens<{ exp?: number }>(3, 5, now);
    for (const t of ['a', 'b', 'c', 'd']) tokens.remember(t, { claims: { exp: at(60) }, key, kid: undefined, iss: 'hub' });
    expect(tokens.size).toBe(3);
    expect(tokens.recall('a')).toBeUndefined();
    expect(['b', 'c', 'd'].map((t) => tokens.recall(t) !== undefined)).toEqual([true, true, true]);
    tokens.forget('c');
    expect(tokens.recall('c')).toBeUndefined();
  });
});
