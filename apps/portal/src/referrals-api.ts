// The referrals contract the portal is built against (issue 5, another work stream). The screens
// using it appear only when the schema has these fields (capabilities.ts). Align the field
// selections here with the merged schema; nothing else should need to change.
import { gql } from './api';

export interface Referral {
  id: string;
  status: string;
  service: string;
  reason: string | null;
  dueAt: string | null;
  person: { id: string; givenName: string | null; familyName: string | null } | null;
  fromOrganisation?: { name: string } | null;
  toOrganisation?: { name: string } | null;
}

export interface Task {
  id: string;
  kind: string;
  summary: string;
  dueAt: string | null;
  person: { id: string; givenName: string | null; familyName: string | null } | null;
}

const REFERRAL = 'id status service reason dueAt person { id givenName familyName }';

export const referralInbox = () => gql<{ referralInbox: Referral[] }>(`{ referralInbox { ${REFERRAL} fromOrganisation { name } } }`).then((d) => d.referralInbox);
export const sentReferrals = () => gql<{ sentReferrals: Referral[] }>(`{ sentReferrals { ${REFERRAL} toOrganisation { name } } }`).then((d) => d.sentReferrals);
export const acceptReferral = (id: string) => gql('mutation($id: ID!) { acceptReferral(id: $id) { id status } }', { id });
export const declineReferral = (id: string, reason: string) => gql('mutation($id: ID!, $reason: String!) { declineReferral(id: $id, reason: $reason) { id status } }', { id, reason });
export const tasks = () => gql<{ tasks: Task[] }>('{ tasks { id kind summary dueAt person { id givenName familyName } } }').then((d) => d.tasks);
