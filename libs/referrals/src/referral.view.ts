import type { DataCategory } from '@hub/access';
import type { ReferralModel } from './referral.model.js';
import { DUE_STATES } from './referral-vocabulary.js';
import type { Referral } from './referral.entity.js';

export function referralView(r: Referral, now = new Date()): ReferralModel {
  return {
    ...r,
    sharedCategories: r.sharedCategories as DataCategory[],
    automatic: r.ruleId !== null,
    overdue: DUE_STATES.includes(r.state) && !!r.dueAt && r.dueAt <= now,
  };
}
