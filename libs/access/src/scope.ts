import type { Actor } from '@hub/common';
import { categoryCeiling } from './ability.js';
import { type AccessAction, DataCategory } from './data-category.js';

export interface ScopeColumns {
  /** Column holding the person id of the row. */
  person: string;
  /** Column (or constant SQL) holding the row's data category. */
  category: string;
  /** Column holding the organisation that wrote the row, when rows have one. */
  owner?: string;
  /**
   * Test the relationship row by row (an index probe each) rather than against the organisation's
   * whole caseload: for statements over a few thousand given rows, such as a bulk load's chunk.
   * Lists and searches leave it unset. Either way the condition is the same.
   */
  perRow?: boolean;
}

export interface CompiledScope {
  where: string;
  parameters: Record<string, unknown>;
}

/**
 * The policy of policy.ts as one SQL condition, for lists and searches: a page only ever loads rows
 * the actor may see. `relatedSql` and `lawfulSql` come from the libs that own those facts.
 */
export function compileScope(
  actor: Actor,
  action: AccessAction,
  columns: ScopeColumns,
  facts: { relatedSql(personColumn: string, perRow?: boolean): string; lawfulSql(personColumn: string, categoryExpr: string): string },
): CompiledScope {
  const ceiling = categoryCeiling(actor, action);
  const parameters = { accessOrg: actor.organisationId, accessKind: actor.organisationKind, accessCeiling: ceiling };
  if (ceiling.length === 0) return { where: 'FALSE', parameters };
  const own = columns.owner ? `${columns.owner} = :accessOrg OR ` : '';
  const basis =
    action === 'write'
      ? 'TRUE'
      : `(${columns.category} = '${DataCategory.IDENTITY}' OR ${facts.lawfulSql(columns.person, columns.category)})`;
  return {
    where: `(${own}(${columns.category} = ANY(CAST(:accessCeiling AS text[])) AND ${facts.relatedSql(columns.person, columns.perRow)} AND ${basis}))`,
    parameters,
  };
}
