import { ValidationError } from '@hub/common';
import { InterventionStatus } from './intervention-vocabulary.js';

/**
 * Statuses that say the work happened (or was missed) at its date: started, completed, did not attend.
 * Only planned or cancelled work may be dated ahead: a completed session dated next June would become
 * the person's "last contact" in every partner's caseload.
 */
export const HAPPENED_STATUSES: readonly InterventionStatus[] = [
  InterventionStatus.STARTED,
  InterventionStatus.COMPLETED,
  InterventionStatus.DID_NOT_ATTEND,
];

const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day (YYYY-MM-DD) of `at` in Europe/London, the hub's working time zone. */
export const dayInLondon = (at: Date): string => londonDay.format(at);

export const FUTURE_WORK_MESSAGE =
  'started, completed or missed work cannot be dated after today: give the date it happened, or record it as planned';

/**
 * Whether work with this status may be dated `occurredAt`, judged against `now`: happened-type statuses
 * may be dated up to the end of today in Europe/London (the tolerance for clocks and time zones: a
 * session logged at 23:30 in London is "today" even where UTC already says tomorrow); planned and
 * cancelled work may be dated at any time.
 */
export function datedInFuture(status: InterventionStatus | string, occurredAt: Date, now = new Date()): boolean {
  return (HAPPENED_STATUSES as readonly string[]).includes(status) && dayInLondon(occurredAt) > dayInLondon(now);
}

/** BAD_USER_INPUT naming `field` when happened-type work is dated after today (see datedInFuture). */
export function refuseFutureWork(status: InterventionStatus, occurredAt: Date, field = 'occurredAt'): void {
  if (datedInFuture(status, occurredAt)) throw new ValidationError([{ field, messages: [FUTURE_WORK_MESSAGE] }]);
}
