// The record itself: recording someone new (with the check for a record that exists already), changing
// the progression stage with a reason, the record's history, and an intervention's corrections.
import { gql } from './api';
import { graphql } from './gql';
import type { CreatePersonInput, InterventionStatus, PersonHistoryQuery, InterventionHistoryQuery } from './gql/graphql';

const CreatePersonDocument = graphql(`
  mutation CreatePerson($input: CreatePersonInput!) {
    createPerson(input: $input) {
      outcome
      person {
        id
        givenName
        familyName
      }
      candidates {
        id
        givenName
        familyName
        dateOfBirth
        region
        withheldFields
      }
      hiddenCandidates
    }
  }
`);

export type CreatePersonAnswer = Awaited<ReturnType<typeof createPerson>>;
export async function createPerson(input: CreatePersonInput) {
  return (await gql(CreatePersonDocument, { input })).createPerson;
}

const ChangeStageDocument = graphql(`
  mutation ChangeStage($input: UpdatePersonInput!) {
    updatePerson(input: $input) {
      id
      stage
      version
    }
  }
`);

export async function changeStage(input: { id: string; version: number; stage: string; reason: string }) {
  return (await gql(ChangeStageDocument, { input: { ...input, stage: input.stage as never } })).updatePerson;
}

const StageDocument = graphql(`
  query PersonStage($id: ID!) {
    person(id: $id) {
      id
      givenName
      familyName
      stage
      version
      withheldFields
    }
  }
`);

export async function personStage(id: string) {
  return (await gql(StageDocument, { id })).person;
}

/** 12 changes a page: each change costs much in the query cost limit (its list of changed fields). */
const PersonHistoryDocument = graphql(`
  query PersonHistory($id: ID!, $after: String) {
    person(id: $id) {
      id
      givenName
      familyName
      history(first: 12, after: $after) {
        totalCount
        edges {
          node {
            action
            version
            changedAt
            changedBy
            organisationId
            reason
            changes {
              field
              oldValue
              newValue
              withheld
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export type PersonHistory = PersonHistoryQuery['person'];
export type PersonChange = PersonHistory['history']['edges'][number]['node'];
export async function personHistory(id: string, after?: string | null): Promise<PersonHistory> {
  return (await gql(PersonHistoryDocument, { id, after: after ?? null })).person;
}

/** Interventions five at a time with their earlier versions (the history makes each one costly). */
const InterventionHistoryDocument = graphql(`
  query InterventionHistory($id: ID!, $after: String) {
    person(id: $id) {
      id
      givenName
      familyName
      interventions(first: 5, after: $after) {
        edges {
          node {
            id
            version
            typeCode
            status
            occurredAt
            notes
            organisationId
            type {
              name
            }
            corrected
            history {
              version
              status
              occurredAt
              notes
              correctedByName
              correctedAt
              reason
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export type InterventionWithHistory = InterventionHistoryQuery['person']['interventions']['edges'][number]['node'];
/** The intervention `interventionId` of the person, looked for page by page (null when the viewer may not see it). */
export async function interventionWithHistory(personId: string, interventionId: string) {
  let after: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page: InterventionHistoryQuery = await gql(InterventionHistoryDocument, { id: personId, after });
    const found = page.person.interventions.edges.find((e) => e.node.id === interventionId);
    if (found) return { person: page.person, intervention: found.node };
    if (!page.person.interventions.pageInfo.hasNextPage) return { person: page.person, intervention: null };
    after = page.person.interventions.pageInfo.endCursor ?? null;
  }
  return null;
}

const CorrectInterventionDocument = graphql(`
  mutation CorrectIntervention($input: UpdateInterventionInput!) {
    updateIntervention(input: $input) {
      id
      version
      corrected
    }
  }
`);

export async function correctIntervention(input: {
  id: string;
  version: number;
  occurredAt?: string;
  status?: InterventionStatus;
  notes?: string | null;
  reason: string;
}) {
  return (await gql(CorrectInterventionDocument, { input })).updateIntervention;
}
