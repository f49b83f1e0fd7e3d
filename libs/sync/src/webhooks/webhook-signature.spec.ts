import { signWebhook, verifyWebhook } from './webhook-signature.js';

describe('webhook signatures', () => {
  const body = '{"type":"person.created"}';
  it('verifies its own signature and refuses a changed body, a wrong secret or an old timestamp', () => {
    const now = 1_800_000_000;
    const header = signWebhook('s3cret', now, body);
    expect(verifyWebhook('s3cret', header, body, now)).toBe(true);
    expect(verifyWebhook('s3cret', header, body + ' ', now)).toBe(false);
    expect(verifyWebhook('other', header, body, now)).toBe(false);
    expect(verifyWebhook('s3cret', header, body, now + 3600)).toBe(false);
  });
});
