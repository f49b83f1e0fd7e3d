// What the person page reads: the record with its first page of interventions, further pages of
// interventions, and the names of organisations (for consents and involvements). Typed from the schema.
// The intervention fields are written out in both queries rather than shared as a fragment: the hub's
// query cost limit counts a fragment's fields as one level deeper (half as much again).
import { graphql } from '../../gql';
import type { PersonRecordQuery } from '../../gql/graphql';

export const PersonRecordDocument = graphql(`
  query PersonRecord($id: ID!) {
    person(id: $id) {
      id
      givenName
      familyName
      dateOfBirth
      region
      releaseDate
      offenceSummary
      ogrsScore
      riskLevel
      healthNotes
      stage
      withheldFields
      readableCategories
      identifiers {
        scheme
        value
      }
      interventions(first: 20) {
        edges {
          node {
            id
            typeCode
            version
            status
            occurredAt
            notes
            corrected
            dataCategory
            organisationId
            organisation {
              name
            }
            type {
              name
            }
            outcome {
              __typename
              ... on JobOutcome {
                employer
                sector
                hoursPerWeek
                startDate
              }
              ... on QualificationOutcome {
                qualification
                level
                awardedOn
              }
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
      consents {
        id
        purpose
        categories
        opens
        organisationId
        organisationKind
        status
        givenAt
        method
        expiresAt
      }
      sustainments {
        id
        interventionId
        startDate
        dueOn
        status
      }
      involvements {
        id
        organisationId
        role
        startedAt
        endedAt
      }
    }
  }
`);

export const MoreInterventionsDocument = graphql(`
  query MoreInterventions($id: ID!, $after: String) {
    person(id: $id) {
      id
      interventions(first: 20, after: $after) {
        edges {
          node {
            id
            typeCode
            version
            status
            occurredAt
            notes
            corrected
            dataCategory
            organisationId
            organisation {
              name
            }
            type {
              name
            }
            outcome {
              __typename
              ... on JobOutcome {
                employer
                sector
                hoursPerWeek
                startDate
              }
              ... on QualificationOutcome {
                qualification
                level
                awardedOn
              }
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

export const OrganisationNamesDocument = graphql(`
  query OrganisationNames {
    organisations {
      id
      name
    }
  }
`);

export type PersonRecord = PersonRecordQuery['person'];
export type InterventionItem = PersonRecord['interventions']['edges'][number]['node'];
/** Organisation names by id. */
export type OrganisationNames = Map<string, string>;
