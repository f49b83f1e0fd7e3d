import type { DataCategory } from '@hub/access';
import type { ReferralModel } from './referral.model.js';
import { ReferralState } from './referral-vocabulary.js';
import type { Referral } from './referral.entity.js';

export function referralView(r: Referral, now = new Date()): ReferralModel {
  return { ...r, sharedCategories: r.sharedCategories as DataCategory[], overdue: r.state === ReferralState.SENT && !!r.dueAt && r.dueAt <= now };
}
