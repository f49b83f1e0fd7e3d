import { ErrorCode, HubError } from '@hub/common';
import { dueAt, nextState, REFERRAL_ACTIONS, REFERRAL_STATES, ReferralAction as A, ReferralState as S } from './referral-vocabulary.js';

/** Every state × every action: the expected next state, or null when refused. */
const EXPECTED: Record<S, Record<A, S | null>> = {
  [S.DRAFT]: { [A.SEND]: S.SENT, [A.ACCEPT]: null, [A.DECLINE]: null, [A.START]: null, [A.COMPLETE]: null, [A.WITHDRAW]: S.WITHDRAWN },
  [S.SENT]: {
    [A.SEND]: null,
    [A.ACCEPT]: S.ACCEPTED,
    [A.DECLINE]: S.DECLINED,
    [A.START]: null,
    [A.COMPLETE]: null,
    [A.WITHDRAW]: S.WITHDRAWN,
  },
  [S.ACCEPTED]: {
    [A.SEND]: null,
    [A.ACCEPT]: null,
    [A.DECLINE]: null,
    [A.START]: S.IN_PROGRESS,
    [A.COMPLETE]: null,
    [A.WITHDRAW]: S.WITHDRAWN,
  },
  [S.DECLINED]: { [A.SEND]: null, [A.ACCEPT]: null, [A.DECLINE]: null, [A.START]: null, [A.COMPLETE]: null, [A.WITHDRAW]: null },
  [S.IN_PROGRESS]: {
    [A.SEND]: null,
    [A.ACCEPT]: null,
    [A.DECLINE]: null,
    [A.START]: null,
    [A.COMPLETE]: S.COMPLETED,
    [A.WITHDRAW]: S.WITHDRAWN,
  },
  [S.COMPLETED]: { [A.SEND]: null, [A.ACCEPT]: null, [A.DECLINE]: null, [A.START]: null, [A.COMPLETE]: null, [A.WITHDRAW]: null },
  [S.WITHDRAWN]: { [A.SEND]: null, [A.ACCEPT]: null, [A.DECLINE]: null, [A.START]: null, [A.COMPLETE]: null, [A.WITHDRAW]: null },
};

describe('referral transitions', () => {
  const cases = REFERRAL_STATES.flatMap((s) => REFERRAL_ACTIONS.map((a) => [s, a, EXPECTED[s][a]] as const));

  it('covers all 42 pairs', () => expect(cases).toHaveLength(42));

  it.each(cases)('%s + %s -> %s', (state, action, expected) => {
    if (expected) {
      expect(nextState(state, action)).toBe(expected);
    } else {
      let error: unknown;
      try {
        nextState(state, action);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(HubError);
      expect((error as HubError).code).toBe(ErrorCode.InvalidState);
      expect((error as HubError).details).toEqual({ state, action });
    }
  });

  it('gives each service its SLA', () => {
    const t = new Date('2026-01-01T00:00:00Z');
    expect(dueAt('accommodation_support', t).toISOString()).toBe('2026-01-04T00:00:00.000Z');
    expect(dueAt('unknown_service', t).toISOString()).toBe('2026-01-06T00:00:00.000Z');
  });
});
