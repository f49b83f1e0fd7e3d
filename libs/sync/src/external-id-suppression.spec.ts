import { createHmac, randomBytes } from 'node:crypto';
import { SUPPRESSED_PREFIX, suppressedId, suppressionKey } from './external-id-suppression.js';
import { dataKey } from './webhooks/secret-box.js';

describe('external id suppression', () => {
  const a = suppressionKey(dataKey(randomBytes(32)));
  const b = suppressionKey(dataKey(randomBytes(32)));

  it('gives a fingerprint that names its key, repeats for the same id and key, and does not hold the id', () => {
    const fp = suppressedId(a, 'X123456');
    expect(fp).toMatch(new RegExp(`^${SUPPRESSED_PREFIX}${a.id.replace(/[-_]/g, '\\$&')}:[0-9a-f]{64}$`));
    expect(suppressedId(a, 'X123456')).toBe(fp);
    expect(fp).not.toContain('X123456');
    expect(suppressedId(a, 'X123457')).not.toBe(fp);
    expect(suppressedId(b, 'X123456')).not.toBe(fp);
  });

  it('derives its key from the data key (the data key itself never keys a fingerprint)', () => {
    const data = dataKey(randomBytes(32));
    const derived = suppressionKey(data);
    expect(derived.id).toBe(data.id);
    expect(derived.key.equals(data.key)).toBe(false);
    expect(suppressedId(derived, 'case-1')).not.toBe(
      `${SUPPRESSED_PREFIX}${data.id}:${createHmac('sha256', data.key).update('case-1').digest('hex')}`,
    );
  });
});
