// The referrals part of the API as the portal's screens use it: making a referral, the inbox and the
// sent list with the steps the hub says the viewer's side may take (Referral.actions), and tasks.
// GraphQL aliases map the schema's names (state, serviceCode, title) onto the screens' shape. The
// screens appear only when the schema has these fields (capabilities.ts). The lists write their
// fields out rather than share a fragment: the hub's query cost limit counts a fragment one level deeper.
import { gql } from './api';
import { graphql } from './gql';
import type {
  ReferralDirection,
  ReferralInboxQuery,
  ReferralOutcome,
  ReferralPreviewInput,
  ReferralPreviewQuery,
  ReferralState,
  SendReferralInput,
  TasksQuery,
} from './gql/graphql';

/** A referral in the inbox or the sent list (both select the same fields). */
export type Referral = ReferralInboxQuery['referralInbox']['edges'][number]['node'];
export type ReferralPreview = ReferralPreviewQuery['referralPreview'];
export type Task = TasksQuery['tasks']['edges'][number]['node'];

const PersonReferralsDocument = graphql(`
  query PersonReferrals($id: ID!) {
    person(id: $id) {
      id
      referrals(first: 100) {
        edges {
          node {
            id
            status: state
            service: serviceCode
            open
            stateReason
            createdAt
            person {
              id
              givenName
              familyName
            }
            fromOrganisation {
              name
            }
            toOrganisation {
              name
            }
          }
        }
      }
    }
  }
`);

const ReferralInboxDocument = graphql(`
  query ReferralInbox($first: Int, $after: String, $states: [ReferralState!], $serviceCode: String) {
    referralInbox(first: $first, after: $after, states: $states, serviceCode: $serviceCode) {
      edges {
        node {
          id
          status: state
          service: serviceCode
          serviceName
          reason
          stateReason
          automatic
          outcome
          outcomeNote
          sentAt
          dueAt
          open
          actions
          sentBy {
            name
            email
            organisationName
          }
          acceptedBy {
            name
            email
            organisationName
          }
          person {
            id
            givenName
            familyName
          }
          fromOrganisation {
            name
          }
          toOrganisation {
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const SentReferralsDocument = graphql(`
  query SentReferrals($first: Int, $after: String, $states: [ReferralState!], $serviceCode: String) {
    sentReferrals(first: $first, after: $after, states: $states, serviceCode: $serviceCode) {
      edges {
        node {
          id
          status: state
          service: serviceCode
          serviceName
          reason
          stateReason
          automatic
          outcome
          outcomeNote
          sentAt
          dueAt
          open
          actions
          sentBy {
            name
            email
            organisationName
          }
          acceptedBy {
            name
            email
            organisationName
          }
          person {
            id
            givenName
            familyName
          }
          fromOrganisation {
            name
          }
          toOrganisation {
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const ReferralCountsDocument = graphql(`
  query ReferralCounts($direction: ReferralDirection!, $serviceCode: String) {
    referralCounts(direction: $direction, serviceCode: $serviceCode) {
      state
      count
    }
  }
`);

const ReferralPreviewDocument = graphql(`
  query ReferralPreview($input: ReferralPreviewInput!) {
    referralPreview(input: $input) {
      receiverName
      receiverSees
      youMayShare
      basis
      alreadyWorksWith
      worksWithAs
      worksWithSince
      openReferralsFromYou
    }
  }
`);

const TasksDocument = graphql(`
  query Tasks($first: Int, $after: String, $assignedToMe: Boolean) {
    tasks(first: $first, after: $after, assignedToMe: $assignedToMe) {
      edges {
        node {
          id
          kind
          summary: title
          detail
          dueAt
          assigneeUserId
          assignedTo
          assignedBy
          assignedByMe
          person {
            id
            givenName
            familyName
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const AcceptReferralDocument = graphql(`
  mutation AcceptReferral($id: ID!) {
    acceptReferral(id: $id) {
      id
      status: state
    }
  }
`);

const DeclineReferralDocument = graphql(`
  mutation DeclineReferral($id: ID!, $reason: String!) {
    declineReferral(input: { referralId: $id, reason: $reason }) {
      id
      status: state
    }
  }
`);

const StartReferralDocument = graphql(`
  mutation StartReferral($id: ID!) {
    startReferral(id: $id) {
      id
      status: state
    }
  }
`);

const CompleteReferralDocument = graphql(`
  mutation CompleteReferral($input: CompleteReferralInput!) {
    completeReferral(input: $input) {
      id
      status: state
    }
  }
`);

const WithdrawReferralDocument = graphql(`
  mutation WithdrawReferral($id: ID!, $reason: String!) {
    withdrawReferral(input: { referralId: $id, reason: $reason }) {
      id
      status: state
    }
  }
`);

const CompleteTaskDocument = graphql(`
  mutation CompleteTask($id: ID!) {
    completeTask(id: $id) {
      id
      status
    }
  }
`);

const PartnersDocument = graphql(`
  query Partners {
    organisations {
      id
      name
      regions
      services
      active
    }
  }
`);

const SendReferralDocument = graphql(`
  mutation SendReferral($input: SendReferralInput!) {
    sendReferral(input: $input) {
      id
    }
  }
`);

/** The latest referrals about a person that the viewer's organisation sent or received, newest first (a page of Person.referrals). */
export const personReferrals = (personId: string) =>
  gql(PersonReferralsDocument, { id: personId }).then((d) => d.person.referrals.edges.map((e) => e.node));

/** How many referrals or tasks a page shows. */
export const LIST_PAGE_SIZE = 50;

/** Which referrals a list shows: some states (the open ones, or the finished ones: the history) and a service, or all. */
export interface ReferralFilter {
  states: ReferralState[] | null;
  serviceCode: string | null;
}

export const referralInbox = (after: string | null, filter: ReferralFilter) =>
  gql(ReferralInboxDocument, { first: LIST_PAGE_SIZE, after, ...filter }).then((d) => d.referralInbox);
export const sentReferrals = (after: string | null, filter: ReferralFilter) =>
  gql(SentReferralsDocument, { first: LIST_PAGE_SIZE, after, ...filter }).then((d) => d.sentReferrals);
/** How many referrals received or sent are in each state (for one service, or all). */
export const referralCounts = (direction: ReferralDirection, serviceCode: string | null) =>
  gql(ReferralCountsDocument, { direction, serviceCode }).then((d) => d.referralCounts);
/** What the receiver would see, what may be shared, the basis, and whether the receiver already works with the person. */
export const referralPreview = (input: ReferralPreviewInput) => gql(ReferralPreviewDocument, { input }).then((d) => d.referralPreview);
export const acceptReferral = (id: string) => gql(AcceptReferralDocument, { id });
export const declineReferral = (id: string, reason: string) => gql(DeclineReferralDocument, { id, reason });
/** A page of the viewer's tasks; `assignedToMe`: only those a colleague assigned to them or their teams. */
export const tasks = (after: string | null, assignedToMe = false) =>
  gql(TasksDocument, { first: LIST_PAGE_SIZE, after, assignedToMe }).then((d) => d.tasks);
export const completeTask = (id: string) => gql(CompleteTaskDocument, { id });

/** A partner in the directory, as the referral form chooses among them. */
export const partners = () => gql(PartnersDocument).then((d) => d.organisations);

export const sendReferral = (input: SendReferralInput) => gql(SendReferralDocument, { input }).then((d) => d.sendReferral);
export const startReferral = (id: string) => gql(StartReferralDocument, { id });
export const completeReferral = (referralId: string, outcome: ReferralOutcome, note: string | null) =>
  gql(CompleteReferralDocument, { input: { referralId, outcome, note } });
export const withdrawReferral = (id: string, reason: string) => gql(WithdrawReferralDocument, { id, reason });
