// The referrals part of the API as the portal's screens use it: making a referral, the inbox and the
// sent list with each step a side may take, and tasks. GraphQL aliases map the schema's names (state,
// serviceCode, title) onto the screens' shape. The screens appear only when the schema has these
// fields (capabilities.ts).
import { gql } from './api';
import type { Connection } from './pagination';

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
  detail: string;
  dueAt: string | null;
  person: { id: string; givenName: string | null; familyName: string | null } | null;
}

/** States in which a referral is still open (as the hub's OPEN_STATES). */
export const OPEN_STATES = ['SENT', 'ACCEPTED', 'IN_PROGRESS'];

const REFERRAL = 'id status: state service: serviceCode reason dueAt person { id givenName familyName }';

/** The latest referrals about a person that the viewer's organisation sent or received, newest first (a page of Person.referrals). */
export const personReferrals = (personId: string) =>
  gql<{ person: { referrals: { edges: { node: Referral & { createdAt: string } }[] } } }>(
    `query($id: ID!) { person(id: $id) { referrals(first: 100) { edges { node { ${REFERRAL} createdAt fromOrganisation { name } toOrganisation { name } } } } } }`,
    { id: personId },
  ).then((d) => d.person.referrals.edges.map((e) => e.node));

/** How many referrals or tasks a page shows. */
export const LIST_PAGE_SIZE = 50;

const PAGED = `query($first: Int, $after: String)`;
const page = (fields: string) => `edges { node { ${fields} } } pageInfo { hasNextPage endCursor }`;

export const referralInbox = (after: string | null) =>
  gql<{ referralInbox: Connection<Referral> }>(`${PAGED} { referralInbox(first: $first, after: $after) { ${page(`${REFERRAL} fromOrganisation { name }`)} } }`, { first: LIST_PAGE_SIZE, after }).then((d) => d.referralInbox);
export const sentReferrals = (after: string | null) =>
  gql<{ sentReferrals: Connection<Referral> }>(`${PAGED} { sentReferrals(first: $first, after: $after) { ${page(`${REFERRAL} toOrganisation { name }`)} } }`, { first: LIST_PAGE_SIZE, after }).then((d) => d.sentReferrals);
export const acceptReferral = (id: string) => gql('mutation($id: ID!) { acceptReferral(id: $id) { id status: state } }', { id });
export const declineReferral = (id: string, reason: string) =>
  gql('mutation($id: ID!, $reason: String!) { declineReferral(input: { referralId: $id, reason: $reason }) { id status: state } }', { id, reason });
export const tasks = (after: string | null) =>
  gql<{ tasks: Connection<Task> }>(`${PAGED} { tasks(first: $first, after: $after) { ${page('id kind summary: title detail dueAt person { id givenName familyName }')} } }`, { first: LIST_PAGE_SIZE, after }).then((d) => d.tasks);

export const completeTask = (id: string) => gql('mutation($id: ID!) { completeTask(id: $id) { id status } }', { id });

/** A partner in the directory, as the referral form chooses among them. */
export interface Partner {
  id: string;
  name: string;
  regions: string[];
  services: string[];
  active: boolean;
}

export const partners = () => gql<{ organisations: Partner[] }>('{ organisations { id name regions services active } }').then((d) => d.organisations);

export interface NewReferral {
  personId: string;
  toOrganisationId: string;
  serviceCode: string;
  reason: string;
  sharedCategories: string[];
}

export const sendReferral = (input: NewReferral) => gql<{ sendReferral: { id: string } }>('mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }', { input }).then((d) => d.sendReferral);
export const startReferral = (id: string) => gql('mutation($id: ID!) { startReferral(id: $id) { id status: state } }', { id });
export const completeReferral = (id: string) => gql('mutation($id: ID!) { completeReferral(id: $id) { id status: state } }', { id });
export const withdrawReferral = (id: string, reason: string) =>
  gql('mutation($id: ID!, $reason: String!) { withdrawReferral(input: { referralId: $id, reason: $reason }) { id status: state } }', { id, reason });
