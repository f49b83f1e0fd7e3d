/**
 * A signed tree head: the size and root of the audit log's Merkle tree at one seal, signed with the
 * hub's key as a compact JWS (ES256 or RS256, key id in the header; the public key is at
 * /.well-known/jwks.json). A partner that keeps the tree heads it saw can ask later for a consistency
 * proof between two of them: the hub cannot rewrite history without failing it.
 */
export interface TreeHead {
  treeSize: number;
  /** The Merkle root (RFC 9162, SHA-256), hex. */
  rootHash: string;
  /** When the seal was made (ISO 8601, UTC). */
  timestamp: string;
  /** The compact JWS whose payload is `{ typ, treeSize, rootHash, timestamp }`. */
  signature: string;
}

export const TREE_HEAD_TYPE = 'hub-audit-tree-head';

/** What the signature signs: the head's fields, canonically ordered. */
export function treeHeadPayload(head: Omit<TreeHead, 'signature'>): string {
  return JSON.stringify({ typ: TREE_HEAD_TYPE, treeSize: head.treeSize, rootHash: head.rootHash, timestamp: head.timestamp });
}

/**
 * The hub's signing key as the audit log sees it (provided by the auth lib, which holds the key).
 * `verify` answers whether a signature is the hub's over exactly that payload, and with which key.
 */
export interface TreeHeadSigner {
  sign(payload: string): Promise<{ kid: string; jws: string }>;
  verify(jws: string, payload: string): Promise<{ ok: boolean; kid: string | null; reason?: string }>;
}

export const TREE_HEAD_SIGNER = Symbol('TREE_HEAD_SIGNER');
