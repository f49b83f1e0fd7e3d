import { randomBytes } from 'node:crypto';
import { dataKey, isSealed, SecretBox, SecretBoxError } from './secret-box.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof SecretBoxError ? err.code : `not coded: ${String(err)}`;
  }
  return undefined;
}

describe('secret box', () => {
  const context = 'webhook_endpoint.secret:0b3c1f4e-0000-4000-8000-000000000001';
  const k1 = dataKey(randomBytes(32));
  const k2 = dataKey(randomBytes(32));

  it('seals and opens again, with a fresh nonce every time, under a versioned format naming the key', () => {
    const box = new SecretBox(k1);
    const a = box.seal('whs_secret', context);
    const b = box.seal('whs_secret', context);
    expect(box.open(a, context)).toBe('whs_secret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('whs_secret');
    expect(a).toMatch(new RegExp(`^v1:${k1.id}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$`));
    expect(k1.id).toHaveLength(8);
    expect(isSealed(a)).toBe(true);
    expect(isSealed('whs_secret')).toBe(false);
    expect(box.sealedWithCurrent(a)).toBe(true);
  });

  it('refuses with a code: a key it does not have, a wrong key under the same id, another context', () => {
    const sealed = new SecretBox(k1).seal('whs_secret', context);
    expect(codeOf(() => new SecretBox(k2).open(sealed, context))).toBe('DATA_KEY_UNKNOWN');
    const impostor = { id: k1.id, key: k2.key };
    expect(codeOf(() => new SecretBox(impostor).open(sealed, context))).toBe('SECRET_UNREADABLE');
    expect(codeOf(() => new SecretBox(k1).open(sealed, context.replace('01', '02')))).toBe('SECRET_UNREADABLE');
  });

  it('refuses a tampered value: ciphertext, tag or nonce changed, or cut short', () => {
    const box = new SecretBox(k1);
    const sealed = box.seal('whs_secret', context);
    const [version, id, nonce, body] = sealed.split(':');
    const flip = (text: string, at: number) => {
      const bytes = Buffer.from(text, 'base64url');
      bytes[at] ^= 1;
      return bytes.toString('base64url');
    };
    expect(codeOf(() => box.open([version, id, nonce, flip(body, 0)].join(':'), context))).toBe('SECRET_UNREADABLE');
    expect(codeOf(() => box.open([version, id, nonce, flip(body, Buffer.from(body, 'base64url').length - 1)].join(':'), context))).toBe(
      'SECRET_UNREADABLE',
    );
    expect(codeOf(() => box.open([version, id, flip(nonce, 3), body].join(':'), context))).toBe('SECRET_UNREADABLE');
    expect(codeOf(() => box.open([version, id, nonce, body.slice(0, 10)].join(':'), context))).toBe('SECRET_UNREADABLE');
    expect(codeOf(() => box.open('v1:garbage', context))).toBe('SECRET_UNREADABLE');
  });

  it('after a rotation: old keys still open what they sealed, new values are sealed with the current key', () => {
    const before = new SecretBox(k1).seal('whs_old', context);
    const rotated = new SecretBox(k2, [k1]);
    expect(rotated.open(before, context)).toBe('whs_old');
    expect(rotated.sealedWithCurrent(before)).toBe(false);
    const after = rotated.seal('whs_new', context);
    expect(after.startsWith(`v1:${k2.id}:`)).toBe(true);
    expect(rotated.sealedWithCurrent(after)).toBe(true);
    expect(codeOf(() => new SecretBox(k1).open(after, context))).toBe('DATA_KEY_UNKNOWN');
  });

  it('without a current key it opens with the old ones but seals nothing', () => {
    const sealed = new SecretBox(k1).seal('whs_secret', context);
    const readOnly = new SecretBox(undefined, [k1]);
    expect(readOnly.open(sealed, context)).toBe('whs_secret');
    expect(codeOf(() => readOnly.seal('x', context))).toBe('DATA_ENCRYPTION_KEY_REQUIRED');
  });
});
