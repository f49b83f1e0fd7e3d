import { Injectable } from '@nestjs/common';
import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import type { TreeHeadSigner } from '@hub/audit';
import { SigningKeysService } from './signing-keys.service.js';

/** The audit log's tree heads, signed with the key the hub signs its tokens with (published at the JWKS). */
@Injectable()
export class TreeHeadSignerService implements TreeHeadSigner {
  constructor(private readonly keys: SigningKeysService) {}

  async sign(payload: string): Promise<{ kid: string; jws: string }> {
    const key = await this.keys.key();
    const jws = await new CompactSign(new TextEncoder().encode(payload))
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'hub-audit-tree-head+jws' })
      .sign(key.privateKey);
    return { kid: key.kid, jws };
  }

  async verify(jws: string, payload: string): Promise<{ ok: boolean; kid: string | null; reason?: string }> {
    let kid: string | null = null;
    try {
      kid = decodeProtectedHeader(jws).kid ?? null;
      const key = await this.keys.publicKeyFor(kid ?? undefined);
      if (!key) return { ok: false, kid, reason: `signed by key ${kid ?? '(none)'}, which is not the hub's current key` };
      const { payload: signed } = await compactVerify(jws, key);
      if (new TextDecoder().decode(signed) !== payload) return { ok: false, kid, reason: 'the signature is over another tree head' };
      return { ok: true, kid };
    } catch (err) {
      return { ok: false, kid, reason: `bad signature: ${(err as Error).message}` };
    }
  }
}
