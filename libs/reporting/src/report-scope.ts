import { type Actor, ForbiddenError, Role, Scope, ValidationError } from '@hub/common';

export interface ReportScope {
  /** null: every organisation (hub admins), in aggregate. */
  organisationId: string | null;
  label: string;
}

/**
 * Who may run reports over whose data: managers (and API clients with reports:read) see their own
 * organisation's outcomes; hub admins see all, or one organisation, in aggregate. Aggregates only.
 */
export function reportScope(actor: Actor, requested?: string | null): ReportScope {
  const hubAdmin = actor.kind === 'user' && actor.roles.includes(Role.HUB_ADMIN);
  const allowed = hubAdmin || (actor.kind === 'user' ? actor.roles.includes(Role.MANAGER) : actor.scopes.includes(Scope.REPORTS_READ));
  if (!allowed) throw new ForbiddenError('Reports are for managers and hub admins');
  if (hubAdmin) return requested ? { organisationId: requested, label: `organisation ${requested}` } : { organisationId: null, label: 'all organisations' };
  if (requested && requested !== actor.organisationId) throw new ForbiddenError('You may report on your own organisation only');
  return { organisationId: actor.organisationId, label: `organisation ${actor.organisationId}` };
}

export function checkPeriod(from: string, to: string): void {
  if (from >= to) throw new ValidationError([{ field: 'to', messages: ['must be after from'] }]);
}
