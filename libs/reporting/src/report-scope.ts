import { holdsPermission, Permission, requirePermission } from '@hub/access';
import { type Actor, ValidationError } from '@hub/common';
import { DEFAULT_THRESHOLD } from './disclosure-control.js';

export interface ReportScope {
  /** null: every organisation (hub admins and commissioners), in aggregate. */
  organisationId: string | null;
  label: string;
}

/** Which reports `actor` may run, or null for none: the rule reportScope applies, for clients to show (Viewer.reportAccess). */
export function reportAccess(actor: Actor): { acrossOrganisations: boolean } | null {
  if (!holdsPermission(actor, Permission.REPORT_READ)) return null;
  return { acrossOrganisations: holdsPermission(actor, Permission.REPORT_READ_ALL_ORGANISATIONS) };
}

/**
 * Who may run reports over whose data (Permission.REPORT_READ): managers (and API clients with
 * reports:read) see their own organisation's outcomes; hub admins and commissioners
 * (REPORT_READ_ALL_ORGANISATIONS) see all, or one organisation, in aggregate. Aggregates only.
 */
export function reportScope(actor: Actor, requested?: string | null): ReportScope {
  requirePermission(actor, Permission.REPORT_READ);
  if (holdsPermission(actor, Permission.REPORT_READ_ALL_ORGANISATIONS))
    return requested
      ? { organisationId: requested, label: `organisation ${requested}` }
      : { organisationId: null, label: 'all organisations' };
  requirePermission(actor, Permission.REPORT_READ, { organisationId: requested });
  return { organisationId: actor.organisationId, label: `organisation ${actor.organisationId}` };
}

export function checkPeriod(from: string, to: string): void {
  if (from >= to) throw new ValidationError([{ field: 'to', messages: ['must be after from'] }]);
}

/** The checks every report makes first: the period, who may see whose, and the threshold (never below the default). */
export function reportRun(
  actor: Actor,
  input: { from: string; to: string; organisationId?: string | null; threshold?: number | null },
): { scope: ReportScope; threshold: number } {
  checkPeriod(input.from, input.to);
  return { scope: reportScope(actor, input.organisationId), threshold: Math.max(input.threshold ?? DEFAULT_THRESHOLD, DEFAULT_THRESHOLD) };
}
