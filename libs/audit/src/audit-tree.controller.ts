import { Controller, Get, Header, Query } from '@nestjs/common';
import { NotFoundError, Public, ValidationError } from '@hub/common';
import { AuditTreeService, type ConsistencyProof } from './audit-tree.service.js';
import type { TreeHead } from './tree-head.js';

/** A tree size from the query string: a whole number of leaves, 1 to 2^53 - 1. */
function treeSize(field: string, value: unknown, required: boolean): number | undefined {
  if (value === undefined && !required) return undefined;
  const text = typeof value === 'string' ? value : '';
  const n = /^[1-9][0-9]{0,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n)) throw new ValidationError([{ field, messages: [`${field} must be a tree size (a whole number from 1)`] }]);
  return n;
}

/**
 * The audit log's signed tree heads and consistency proofs, public as the JWKS is: they carry only
 * sizes, hashes and times, no person data, and let a partner check that the log it saw earlier is a
 * prefix of the log now (docs/api/audit-proofs.md). Inclusion proofs name an event: GraphQL `auditProof`.
 */
@Controller('audit')
export class AuditTreeController {
  constructor(private readonly tree: AuditTreeService) {}

  /** The latest signed tree head, or the one of exactly `treeSize` leaves (a seal's). */
  @Public()
  @Get('tree-head')
  @Header('cache-control', 'no-store')
  async treeHead(@Query('treeSize') size?: unknown): Promise<TreeHead> {
    const head = await this.tree.treeHead(treeSize('treeSize', size, false));
    if (!head) throw new NotFoundError('tree head');
    return head;
  }

  /** Proves the tree head of `second` leaves (the latest when left out) extends the one of `first`. */
  @Public()
  @Get('consistency')
  @Header('cache-control', 'no-store')
  async consistency(@Query('first') first?: unknown, @Query('second') second?: unknown): Promise<ConsistencyProof> {
    const proof = await this.tree.consistencyProof(treeSize('first', first, true)!, treeSize('second', second, false));
    if (!proof) throw new NotFoundError('tree heads of these sizes');
    return proof;
  }
}
