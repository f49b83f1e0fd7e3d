import { type Actor, ForbiddenError, Role, Scope, ValidationError } from '@hub/common';
import { DEFAULT_THRESHOLD } from './disclosure-control.js';

export interface ReportScope {
  /** null: every organisation (hub admins and commissioners), in aggregate. */
  organisationId: string | null;
  label: string;
}

/** Roles that may report over every organisation (or any one of them), in aggregate. */
export const ALL_ORGANISATION_REPORT_ROLES = [Role.HUB_ADMIN, Role.COMMISSIONER];

/** Which reports `actor` may run, or null for none: the rule reportScope applies, for clients to show (Viewer.reportAccess). */
export function reportAccess(actor: Actor): { acrossOrganisations: boolean } | null {
  const acrossOrganisations = actor.kind === 'user' && actor.roles.some((r) => ALL_ORGANISATION_REPORT_ROLES.includes(r));
  const allowed = acrossOrganisations || (actor.kind === 'user' ? actor.roles.includes(Role.MANAGER) : actor.scopes.includes(Scope.REPORTS_READ));
  return allowed ? { acrossOrganisations } : null;
}

/**
 * Who may run reports over whose data: managers (and API clients with reports:read) see their own
 * organisation's outcomes; hub admins and commissioners see all, or one organisation, in aggregate.
 * Aggregates only.
 */
export function reportScope(actor: Actor, requested?: string | null): ReportScope {
  const access = reportAccess(actor);
  if (!access) throw new ForbiddenError('Reports are for managers, commissioners and hub admins');
  const { acrossOrganisations } = access;
  if (acrossOrganisations) return requested ? { organisationId: requested, label: `organisation ${requested}` } : { organisationId: null, label: 'all organisations' };
  if (requested && requested !== actor.organisationId) throw new ForbiddenError('You may report on your own organisation only');
  return { organisationId: actor.organisationId, label: `organisation ${actor.organisationId}` };
}

export function checkPeriod(from: string, to: string): void {
  if (from >= to) throw new ValidationError([{ field: 'to', messages: ['must be after from'] }]);
}

/** The checks every report makes first: the period, who may see whose, and the threshold (never below the default). */
export function reportRun(actor: Actor, input: { from: string; to: string; organisationId?: string | null; threshold?: number | null }): { scope: ReportScope; threshold: number } {
  checkPeriod(input.from, input.to);
  return { scope: reportScope(actor, input.organisationId), threshold: Math.max(input.threshold ?? DEFAULT_THRESHOLD, DEFAULT_THRESHOLD) };
}
