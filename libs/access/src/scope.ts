import type { Actor } from '@hub/common';
import { categoryCeiling } from './ability.js';
import { type AccessAction, DataCategory } from './data-category.js';
import { teamScoped } from './policy.js';

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

/** The facts of policy.ts as SQL over a person column, from the libs that own them. */
export interface ScopeFacts {
  relatedSql(personColumn: string, perRow?: boolean): string;
  lawfulSql(personColumn: string, categoryExpr: string): string;
  /** Allocated to the user, or to one of their teams, or in one of their regions (PersonFacts.allocatedToMe / inTeamOrRegion). */
  teamSql(personColumn: string): string;
  restrictedSql(personColumn: string): string;
  restrictionYieldsSql(personColumn: string): string;
  excludedSql(personColumn: string): string;
  /** A break-glass grant of the reader in force on the person; absent when grants do not count (writing, API clients). */
  grantSql?(personColumn: string): string;
}

/**
 * The policy of policy.ts as one SQL condition, for lists and searches: a page only ever loads rows
 * the actor may see. Each part mirrors a step of decide: the exclusion and restriction gates, the
 * team-and-region gate, then own data or (category, relationship, lawful basis), and the break-glass
 * path that may pass the gates.
 */
export function compileScope(actor: Actor, action: AccessAction, columns: ScopeColumns, facts: ScopeFacts): CompiledScope {
  const ceiling = categoryCeiling(actor, action);
  const parameters = { accessOrg: actor.organisationId, accessKind: actor.organisationKind, accessCeiling: ceiling };
  if (ceiling.length === 0) return { where: 'FALSE', parameters };
  const p = columns.person;
  const inCeiling = `${columns.category} = ANY(CAST(:accessCeiling AS text[]))`;
  const own = columns.owner ? `${columns.owner} = :accessOrg OR ` : '';
  const basis =
    action === 'write' ? 'TRUE' : `(${columns.category} = '${DataCategory.IDENTITY}' OR ${facts.lawfulSql(p, columns.category)})`;
  const base = `(${own}(${inCeiling} AND ${facts.relatedSql(p, columns.perRow)} AND ${basis}))`;
  const team = teamScoped(actor) ? ` AND ${facts.teamSql(p)}` : '';
  const open = `(NOT ${facts.restrictedSql(p)}${team} AND ${base})`;
  const glass =
    action === 'read' && facts.grantSql
      ? ` OR (${facts.grantSql(p)} AND ${inCeiling} AND (NOT ${facts.restrictedSql(p)} OR ${facts.restrictionYieldsSql(p)}))`
      : '';
  return { where: `(NOT ${facts.excludedSql(p)} AND (${open}${glass}))`, parameters };
}

/**
 * The caseworker-level gates of decide alone (restriction, exclusion, team and region) as SQL: for
 * things about a person that are not the person's data but must not outlive those gates (a referral
 * between two organisations, a task, a break-glass grant under review). Break-glass does not pass them here.
 */
export function compileGates(
  actor: Actor,
  personColumn: string,
  facts: Pick<ScopeFacts, 'teamSql' | 'restrictedSql' | 'excludedSql'>,
): string {
  const team = teamScoped(actor) ? ` AND ${facts.teamSql(personColumn)}` : '';
  return `(NOT ${facts.excludedSql(personColumn)} AND NOT ${facts.restrictedSql(personColumn)}${team})`;
}
