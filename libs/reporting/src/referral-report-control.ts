import { REFERRAL_MEASURES, type ReferralCounts } from '@hub/referrals';
import { isSmall } from './disclosure-control.js';
import type { ReferralReportRowModel } from './referral-report.model.js';

const MEDIANS = ['medianHoursToAnswer', 'medianHoursToStart'] as const;

const hours = (h: number | null) => (h === null ? null : Math.round(Number(h) * 10) / 10);

/** Whether a row must be withheld on its own: any of its counts is small. */
const hasSmall = (r: ReferralCounts, threshold: number) => REFERRAL_MEASURES.some((m) => isSmall(r[m], threshold));

/**
 * Disclosure control of the referral report. A row's measures are tied to each other (the four
 * answers add up to `sent`; "past due" counts can never exceed the counts they are part of; accepted
 * minus started minus withdrawn is what is left not started), so one small count in a row could be
 * worked out from its neighbours: a row with any count from 1 to threshold - 1 is withheld whole.
 * Every measure of the services adds up to the total's, so one service withheld alone beside a
 * published total could be worked out by subtraction: then the smallest other service (by `sent`)
 * is withheld too, or, with none, the total. A median over fewer answered (or started) referrals
 * than the threshold is withheld. Zero is never disclosive and never withheld on its own.
 */
export function controlReport(
  total: ReferralCounts,
  services: ReferralCounts[],
  threshold: number,
): { total: ReferralReportRowModel; services: ReferralReportRowModel[] } {
  const hidden = new Set(services.filter((r) => hasSmall(r, threshold)));
  let totalHidden = hasSmall(total, threshold);
  if (hidden.size === 1 && !totalHidden) {
    const other = services
      .filter((r) => !hidden.has(r) && r.sent > 0)
      .sort((a, b) => a.sent - b.sent || String(a.service_code).localeCompare(String(b.service_code)))[0];
    if (other) hidden.add(other);
    else totalHidden = true;
  }
  return { total: controlledRow(total, threshold, totalHidden), services: services.map((r) => controlledRow(r, threshold, hidden.has(r))) };
}

function controlledRow(r: ReferralCounts, threshold: number, withheld: boolean): ReferralReportRowModel {
  const row = { serviceCode: r.service_code } as ReferralReportRowModel;
  for (const m of REFERRAL_MEASURES) row[m] = withheld ? null : r[m];
  const answered = r.accepted + r.declined;
  row.medianHoursToAnswer = !withheld && answered >= threshold ? hours(r.median_hours_to_answer) : null;
  row.medianHoursToStart = !withheld && r.started >= threshold ? hours(r.median_hours_to_start) : null;
  const medianWithheld = {
    medianHoursToAnswer: withheld || (answered > 0 && answered < threshold),
    medianHoursToStart: withheld || (r.started > 0 && r.started < threshold),
  };
  row.suppressed = withheld ? [...REFERRAL_MEASURES, ...MEDIANS] : MEDIANS.filter((m) => medianWithheld[m]);
  return row;
}
