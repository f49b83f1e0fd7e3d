import { createHash } from 'node:crypto';
import {
  consistencyRanges,
  EMPTY_ROOT,
  Frontier,
  inclusionRanges,
  leafHash,
  nodeHash,
  treeHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';

const digestOf = (i: number) => createHash('sha256').update(`event ${i}`).digest('hex');
const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(digestOf(i)));
/** The hashes of ranges, straight from the leaves (what the tree service reads from kept nodes). */
const hashes = (all: string[], ranges: [number, number][]) => ranges.map(([a, b]) => treeHash(all.slice(a, b)));
const flip = (hex: string) => (hex.startsWith('0') ? '1' : '0') + hex.slice(1);

describe('audit Merkle tree (RFC 9162)', () => {
  it('hashes leaves and nodes with their domain prefixes', () => {
    const d = digestOf(1);
    expect(leafHash(d)).toBe(
      createHash('sha256')
        .update(Buffer.concat([Buffer.from([0]), Buffer.from(d, 'hex')]))
        .digest('hex'),
    );
    expect(nodeHash(d, d)).toBe(
      createHash('sha256')
        .update(Buffer.concat([Buffer.from([1]), Buffer.from(d + d, 'hex')]))
        .digest('hex'),
    );
    expect(treeHash([])).toBe(EMPTY_ROOT);
    // Three leaves split 2 + 1.
    const [a, b, c] = leaves(3);
    expect(treeHash([a, b, c])).toBe(nodeHash(nodeHash(a, b), c));
  });

  it('the frontier appended leaf by leaf, or rebuilt from its hashes, gives the root of the whole tree', () => {
    const all = leaves(300);
    const frontier = Frontier.empty();
    const completed: { level: number; idx: number; hash: string }[] = [];
    for (let n = 1; n <= all.length; n++) {
      completed.push(...frontier.push(all[n - 1]));
      expect(frontier.root()).toBe(treeHash(all.slice(0, n)));
      const again = Frontier.of(n, frontier.hashes);
      expect(again.root()).toBe(frontier.root());
    }
    // Every completed subtree is the hash of its own leaves.
    for (const node of completed) {
      const width = 2 ** node.level;
      expect(node.hash).toBe(treeHash(all.slice(node.idx * width, (node.idx + 1) * width)));
    }
    expect(() => Frontier.of(5, ['a'])).toThrow(/frontier of 2/);
  });

  it('proves every leaf of every tree up to 70 leaves, and refuses the proof for another leaf, index or root', () => {
    for (let n = 1; n <= 70; n++) {
      const all = leaves(n);
      const root = treeHash(all);
      for (let m = 0; m < n; m++) {
        const path = hashes(all, inclusionRanges(m, n));
        expect(verifyInclusion(all[m], m, n, path, root)).toBe(true);
        expect(verifyInclusion(all[m], m, n, path, flip(root))).toBe(false);
        if (n > 1) {
          expect(verifyInclusion(all[(m + 1) % n], m, n, path, root)).toBe(false);
          expect(verifyInclusion(all[m], (m + 1) % n, n, path, root)).toBe(false);
          expect(verifyInclusion(all[m], m, n, path.slice(1), root)).toBe(false);
        }
      }
    }
    expect(() => inclusionRanges(3, 3)).toThrow(RangeError);
  });

  it('proves each earlier tree a prefix of each later one, and refuses a rewritten history', () => {
    const all = leaves(70);
    for (let n = 1; n <= 70; n++) {
      const second = treeHash(all.slice(0, n));
      for (let m = 1; m <= n; m++) {
        const first = treeHash(all.slice(0, m));
        const proof = hashes(all, consistencyRanges(m, n));
        expect(verifyConsistency(m, n, first, second, proof)).toBe(true);
        if (m < n) {
          expect(verifyConsistency(m, n, flip(first), second, proof)).toBe(false);
          expect(verifyConsistency(m, n, first, flip(second), proof)).toBe(false);
          // A log whose leaf m-1 was rewritten after the first head was seen.
          const rewritten = [...all.slice(0, m - 1), leafHash(digestOf(10_000)), ...all.slice(m, n)];
          const forged = hashes(rewritten, consistencyRanges(m, n));
          expect(verifyConsistency(m, n, first, treeHash(rewritten), forged)).toBe(false);
        }
      }
    }
  });
});
