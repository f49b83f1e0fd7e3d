// The referrals part of the API as the portal's screens use it. GraphQL aliases map the schema's
// names (state, serviceCode, title) onto the screens' shape. The screens appear only when the schema
// has these fields (capabilities.ts).
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

const REFERRAL = 'id status: state service: serviceCode reason dueAt person { id givenName familyName }';

export const referralInbox = () => gql<{ referralInbox: Referral[] }>(`{ referralInbox { ${REFERRAL} fromOrganisation { name } } }`).then((d) => d.referralInbox);
export const sentReferrals = () => gql<{ sentReferrals: Referral[] }>(`{ sentReferrals { ${REFERRAL} toOrganisation { name } } }`).then((d) => d.sentReferrals);
export const acceptReferral = (id: string) => gql('mutation($id: ID!) { acceptReferral(id: $id) { id status: state } }', { id });
export const declineReferral = (id: string, reason: string) =>
  gql('mutation($id: ID!, $reason: String!) { declineReferral(input: { referralId: $id, reason: $reason }) { id status: state } }', { id, reason });
export const tasks = () =>
  gql<{ tasks: (Omit<Task, 'person'> & { personId: string | null })[] }>('{ tasks { id kind summary: title dueAt personId } }').then((d) =>
    d.tasks.map(({ personId, ...t }) => ({ ...t, person: personId ? { id: personId, givenName: null, familyName: null } : null })),
  );
