import { createHash } from 'node:crypto';

/**
 * The Merkle tree of the audit log, as RFC 9162 (Certificate Transparency 2.0, after RFC 6962)
 * defines it: leaves hashed with a 0x00 prefix, interior nodes with 0x01, and a tree of n leaves
 * split at the largest power of two below n. Hashes are SHA-256, carried as lowercase hex.
 *
 * Everything here is pure: the sealer, `audit verify`, the proofs and the partners' own checks all
 * use these functions, and merkle.spec.ts checks them against a direct reading of the definition.
 */

const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/** The leaf hash of an audit event: the hash of 0x00 followed by the event's digest (its `hash`, 32 bytes). */
export function leafHash(eventDigestHex: string): string {
  return sha256(LEAF, Buffer.from(eventDigestHex, 'hex')).toString('hex');
}

export function nodeHash(leftHex: string, rightHex: string): string {
  return sha256(NODE, Buffer.from(leftHex, 'hex'), Buffer.from(rightHex, 'hex')).toString('hex');
}

/** The root of the empty tree: the hash of nothing. */
export const EMPTY_ROOT = sha256().toString('hex');

/** The largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) for leaf hashes given directly (for small ranges, tests and batch roots). */
export function treeHash(leaves: readonly string[]): string {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0];
  const k = splitPoint(leaves.length);
  return nodeHash(treeHash(leaves.slice(0, k)), treeHash(leaves.slice(k)));
}

/** A perfect subtree of the tree: 2^level leaves, the idx-th of its size from the left. */
export interface Subtree {
  level: number;
  idx: number;
  hash: string;
}

/**
 * The right edge of a tree (its "frontier"): the roots of the perfect subtrees that n's binary
 * digits split it into, largest first. Enough to append leaves and compute the root without reading
 * any earlier leaf; each seal keeps the frontier it ends with.
 */
export class Frontier {
  private constructor(
    private readonly stack: Subtree[],
    private n: number,
  ) {}

  static empty(): Frontier {
    return new Frontier([], 0);
  }

  /** Rebuilds a frontier from its hashes (largest first) and the tree size they describe. */
  static of(size: number, hashes: readonly string[]): Frontier {
    const stack: Subtree[] = [];
    let offset = 0;
    for (let level = 52; level >= 0; level--) {
      const width = 2 ** level;
      if (Math.floor(size / width) % 2 === 1) {
        stack.push({ level, idx: offset / width, hash: '' });
        offset += width;
      }
    }
    if (stack.length !== hashes.length)
      throw new Error(`a tree of ${size} leaves has a frontier of ${stack.length} hashes, not ${hashes.length}`);
    stack.forEach((s, i) => (s.hash = hashes[i]));
    return new Frontier(stack, size);
  }

  get size(): number {
    return this.n;
  }

  get hashes(): string[] {
    return this.stack.map((s) => s.hash);
  }

  /** Appends a leaf; returns the perfect subtrees it completed (level ≥ 1), for whoever keeps them. */
  push(leaf: string): Subtree[] {
    const completed: Subtree[] = [];
    let node: Subtree = { level: 0, idx: this.n, hash: leaf };
    while (this.stack.length && this.stack[this.stack.length - 1].level === node.level) {
      const left = this.stack.pop()!;
      node = { level: node.level + 1, idx: left.idx / 2, hash: nodeHash(left.hash, node.hash) };
      completed.push(node);
    }
    this.stack.push(node);
    this.n += 1;
    return completed;
  }

  /** The root: the frontier folded from the right (RFC 9162's split at the largest power of two). */
  root(): string {
    if (!this.stack.length) return EMPTY_ROOT;
    let root = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) root = nodeHash(this.stack[i].hash, root);
    return root;
  }
}

/** The hash of leaves [start, end) of the log, from wherever the caller keeps them. */
export type RangeHash = (start: number, end: number) => Promise<string>;

/** The subtrees an audit path (PATH) or a consistency proof (SUBPROOF) needs, as ranges, in order. */
export type Range = [start: number, end: number];

/** RFC 9162 §2.1.3.1: the ranges whose hashes prove leaf m is in the tree of the first n leaves. */
export function inclusionRanges(m: number, n: number): Range[] {
  if (m < 0 || m >= n) throw new RangeError(`leaf ${m} is not in a tree of ${n}`);
  const path: Range[] = [];
  let [start, end, index] = [0, n, m];
  const stack: Range[] = [];
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < k) {
      stack.push([start + k, end]);
      end = start + k;
    } else {
      stack.push([start, start + k]);
      start += k;
      index -= k;
    }
  }
  // PATH lists the sibling nearest the leaf first.
  while (stack.length) path.push(stack.pop()!);
  return path;
}

/** RFC 9162 §2.1.4.1: the ranges whose hashes prove the tree of m leaves is a prefix of the tree of n. */
export function consistencyRanges(m: number, n: number): Range[] {
  if (m < 1 || m > n) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  if (m === n) return [];
  const proof: Range[] = [];
  const sub = (mm: number, start: number, end: number, whole: boolean): void => {
    const size = end - start;
    if (mm === size) {
      if (!whole) proof.push([start, end]);
      return;
    }
    const k = splitPoint(size);
    if (mm <= k) {
      sub(mm, start, start + k, whole);
      proof.push([start + k, end]);
    } else {
      sub(mm - k, start + k, end, false);
      proof.push([start, start + k]);
    }
  };
  // SUBPROOF: the inner proof first, then the sibling of each level on the way out.
  sub(m, 0, n, true);
  return proof;
}

export async function hashesOf(ranges: Range[], range: RangeHash): Promise<string[]> {
  const out: string[] = [];
  for (const [start, end] of ranges) out.push(await range(start, end));
  return out;
}

/** RFC 9162 §2.1.3.2: does `path` prove `leaf` is leaf `m` of the tree of n leaves with root `root`? */
export function verifyInclusion(leaf: string, m: number, n: number, path: readonly string[], root: string): boolean {
  if (m < 0 || m >= n) return false;
  let fn = m;
  let sn = n - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r === root;
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree of m leaves (root1) is a prefix of the tree of n (root2)? */
export function verifyConsistency(m: number, n: number, root1: string, root2: string, proof: readonly string[]): boolean {
  if (m < 1 || m > n) return false;
  if (m === n) return proof.length === 0 && root1 === root2;
  let path = [...proof];
  if (Number.isInteger(Math.log2(m))) path = [root1, ...path];
  if (!path.length) return false;
  let fn = m - 1;
  let sn = n - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr === root1 && sr === root2;
}
