import { REFERRAL_MEASURES, type ReferralCounts } from '@hub/referrals';
import { controlReport } from './referral-report-control.js';

/** A row whose answers add up: `accepted` of `sent` accepted (all started, completed and in time), the rest declined. */
function row(service: string | null, sent: number, over: Partial<ReferralCounts> = {}): ReferralCounts {
  const accepted = over.accepted ?? sent;
  return {
    service_code: service,
    sent,
    accepted,
    declined: sent - accepted,
    withdrawnBeforeAnswer: 0,
    awaitingAnswer: 0,
    answeredInTime: sent,
    awaitingAnswerPastDue: 0,
    started: accepted,
    startedInTime: accepted,
    acceptedNotStartedPastDue: 0,
    completed: accepted,
    withdrawnAfterAcceptance: 0,
    median_hours_to_answer: 12.34,
    median_hours_to_start: 40,
    ...over,
  };
}
const sum = (service: string | null, rows: ReferralCounts[]): ReferralCounts => {
  const t = row(service, 0);
  for (const m of REFERRAL_MEASURES) t[m] = rows.reduce((n, r) => n + r[m], 0);
  return t;
};
const shown = (r: { serviceCode: string | null; sent: number | null }) => [r.serviceCode, r.sent];

describe('referral report disclosure control', () => {
  // A carries enough of each kind of count that no total below is small unless a case says so.
  const A = row('a', 30, {
    accepted: 20,
    started: 14,
    startedInTime: 14,
    completed: 14,
    withdrawnAfterAcceptance: 6,
    acceptedNotStartedPastDue: 6,
  });
  const B = row('b', 12, { accepted: 6 });
  const C = row('c', 9);

  it.each([
    [
      'no small count: every row shown, medians rounded to a tenth',
      [A, B, C],
      [
        ['a', 30],
        ['b', 12],
        ['c', 9],
      ],
      51,
    ],
    // B has 2 withdrawn after acceptance: its neighbours (accepted, started) would give it away, so B goes whole;
    // alone it could be worked out from the total, so the smallest other service (C, 9 sent) goes too.
    [
      'one small count hides its row, and the smallest other with it',
      [A, { ...B, withdrawnAfterAcceptance: 2 }, C],
      [
        ['a', 30],
        ['b', null],
        ['c', null],
      ],
      51,
    ],
    [
      'two rows with small counts hide each other',
      [A, { ...B, withdrawnAfterAcceptance: 1 }, { ...C, acceptedNotStartedPastDue: 2 }],
      [
        ['a', 30],
        ['b', null],
        ['c', null],
      ],
      51,
    ],
    [
      'zero is never small',
      [A, { ...B, completed: 0 }, C],
      [
        ['a', 30],
        ['b', 12],
        ['c', 9],
      ],
      51,
    ],
  ] as const)('%s', (_what, services, expected, totalSent) => {
    const rows = services.map((r) => ({ ...r }));
    const out = controlReport(sum(null, rows), rows, 5);
    expect(out.services.map(shown)).toEqual(expected);
    expect(out.total.sent).toBe(totalSent);
    for (const r of out.services.filter((s) => s.sent === null)) {
      expect(r.suppressed.length).toBe(REFERRAL_MEASURES.length + 2);
      expect(REFERRAL_MEASURES.every((m) => r[m] === null)).toBe(true);
      expect([r.medianHoursToAnswer, r.medianHoursToStart]).toEqual([null, null]);
    }
  });

  it('one service alone with a small count, and no other to hide with it: the total goes instead', () => {
    const only = row('only', 8, { accepted: 4 });
    const out = controlReport(sum(null, [only]), [only], 5);
    expect(out.services.map(shown)).toEqual([['only', null]]);
    expect(out.total.sent).toBeNull();
  });

  it('a small count in the total hides the total (the services holding it are hidden by their own counts)', () => {
    const services = [A, { ...B, withdrawnBeforeAnswer: 1, declined: 5 }, { ...C, withdrawnBeforeAnswer: 0 }];
    const out = controlReport(sum(null, services), services, 5);
    expect(out.total).toMatchObject({ sent: null, withdrawnBeforeAnswer: null });
    expect(out.services.map(shown)).toEqual([
      ['a', 30],
      ['b', null],
      ['c', 9],
    ]);
  });

  it('a median over fewer answered or started referrals than the threshold is withheld, and named', () => {
    const few = row('few', 6, { accepted: 4, declined: 2, started: 0, startedInTime: 0, completed: 0, acceptedNotStartedPastDue: 0 });
    const out = controlReport(
      sum(null, [A, { ...few, accepted: 0, declined: 6, answeredInTime: 6 }]),
      [A, { ...few, accepted: 0, declined: 6, answeredInTime: 6 }],
      5,
    );
    const f = out.services[1];
    expect(f).toMatchObject({ sent: 6, declined: 6, started: 0, medianHoursToAnswer: 12.3, medianHoursToStart: null });
    // Nothing started: no median to take, and nothing withheld.
    expect(f.suppressed).toEqual([]);
    const seven = row('seven', 7, { started: 6, startedInTime: 6, completed: 6, acceptedNotStartedPastDue: 1 });
    const withStarts = controlReport(sum(null, [A, seven]), [A, seven], 5);
    expect(withStarts.services[1]).toMatchObject({ sent: null, medianHoursToStart: null });
  });

  it('a higher threshold hides more', () => {
    const big = row('a', 30);
    expect(controlReport(sum(null, [big, B, C]), [big, B, C], 5).services.map(shown)).toEqual([
      ['a', 30],
      ['b', 12],
      ['c', 9],
    ]);
    const out = controlReport(sum(null, [big, B, C]), [big, B, C], 10);
    // At 10, B's 6 declined and C's 9 sent are small: both rows go, and the total, whose 6 declined are small too.
    expect(out.services.map(shown)).toEqual([
      ['a', 30],
      ['b', null],
      ['c', null],
    ]);
    expect(out.total.sent).toBeNull();
  });
});
