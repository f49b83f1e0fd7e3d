import type { ReactNode } from 'react';
import { gql } from '../api';
import { graphql } from '../gql';
import type { PeopleFilter } from '../gql/graphql';
import { Pagination, useCursors } from '../pagination';
import { Link } from '../router';
import { useQuery } from '../use-query';
import { formatDate, STAGES } from '../vocabulary';

const PeopleDocument = graphql(`
  query People($first: Int, $after: String, $search: String, $filter: PeopleFilter) {
    people(first: $first, after: $after, search: $search, filter: $filter) {
      edges {
        node {
          id
          givenName
          familyName
          dateOfBirth
          stage
          withheldFields
          allocation {
            caseOwnerName
            teamName
          }
          interventions(first: 1) {
            edges {
              node {
                occurredAt
                typeCode
                type {
                  name
                }
              }
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
`);

export const PAGE_SIZE = 20;

export const personName = (p: { givenName: string | null; familyName: string | null }) =>
  [p.givenName, p.familyName].filter(Boolean).join(' ') || 'Name withheld';

export function Withheld({ what }: { what?: string }) {
  return <strong className="tag tag--withheld">Withheld{what ? <span className="visually-hidden"> {what}</span> : null}</strong>;
}

/** Who in the viewer's organisation owns the case, and in which team: "Alex Smith (North team)". */
export function caseOwner(a: { caseOwnerName?: string | null; teamName?: string | null } | null): string {
  if (!a) return 'Not allocated';
  if (a.caseOwnerName && a.teamName) return `${a.caseOwnerName} (${a.teamName})`;
  return a.caseOwnerName ?? (a.teamName ? `${a.teamName} (no case owner)` : 'Not allocated');
}

/**
 * A page of people with their stage and last contact (and, with `showCaseOwner`, who in the viewer's
 * organisation owns the case), and links to the next and previous pages. `empty`: what to say when there is nobody.
 */
export function PeopleTable({
  search,
  filter,
  caption,
  empty,
  showCaseOwner = false,
}: {
  search?: string;
  filter?: PeopleFilter;
  caption: string;
  empty?: ReactNode;
  showCaseOwner?: boolean;
}) {
  const key = JSON.stringify({ search, filter });
  const cursors = useCursors(key);
  const after = cursors.after;
  const q = useQuery(() => gql(PeopleDocument, { first: PAGE_SIZE, after, search: search || null, filter: filter ?? null }), [after, key]);
  if (q.loading)
    return (
      <p className="loading" role="status">
        Loading people…
      </p>
    );
  if (q.error)
    return (
      <p className="error-message" role="alert">
        {q.error.message}
      </p>
    );
  const rows = q.data!.people.edges.map((e) => e.node);
  const page = cursors.page;
  if (!rows.length)
    return typeof empty === 'string' || !empty ? (
      <p className="body">{empty ?? (search ? 'No people match your search.' : 'There is nobody to show.')}</p>
    ) : (
      <>{empty}</>
    );
  return (
    <>
      <table className="table">
        <caption className="table__caption">
          {caption} <span className="table__page">(page {page})</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Date of birth</th>
            <th scope="col">Stage</th>
            <th scope="col">Last contact</th>
            {showCaseOwner && <th scope="col">Case owner</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => {
            const last = p.interventions.edges[0]?.node;
            return (
              <tr key={p.id}>
                <td data-label="Name">
                  <Link to={`/people/${p.id}`}>{personName(p)}</Link>
                </td>
                <td data-label="Date of birth">{formatDate(p.dateOfBirth)}</td>
                <td data-label="Stage">
                  {p.withheldFields.includes('stage') ? <Withheld what="stage" /> : p.stage ? STAGES[p.stage] : 'Not recorded'}
                </td>
                <td data-label="Last contact">
                  {last ? `${formatDate(last.occurredAt)}: ${last.type?.name ?? last.typeCode}` : 'None you can see'}
                </td>
                {showCaseOwner && <td data-label="Case owner">{caseOwner(p.allocation)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      <Pagination page={page} pageInfo={q.data!.people.pageInfo} cursors={cursors} />
    </>
  );
}
