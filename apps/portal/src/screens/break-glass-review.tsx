// Data protection officers: the break-glass grants to review (breakGlassGrants), each with what was read
// while it was in force (accessSearch by the grant's user over its period), and the review (reviewBreakGlass).
import { type SubmitEvent, useState } from 'react';
import { gql } from '../api';
import { flash } from '../flash';
import { Button, type Errors, ErrorSummary, errorsFrom, TextArea } from '../forms';
import { graphql } from '../gql';
import type { BreakGlassReviewQuery } from '../gql/graphql';
import { Pagination, useCursors } from '../pagination';
import { mayReviewBreakGlass } from '../roles';
import { Link, usePageTitle } from '../router';
import { useSession } from '../session-context';
import { formatDateTime } from '../times';
import { useQuery } from '../use-query';
import { NotFound, queryFallback } from './not-found';

const BreakGlassReviewDocument = graphql(`
  query BreakGlassReview($after: String) {
    breakGlassGrants(first: 20, after: $after) {
      edges {
        node {
          id
          actor
          personId
          reason
          purpose
          openedAt
          expiresAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const ReadDuringGrantDocument = graphql(`
  query ReadDuringGrant($input: AccessSearchInput!, $after: String) {
    accessSearch(input: $input, first: 50, after: $after) {
      edges {
        node {
          id
          occurredAt
          personId
          action
          fields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const ReviewBreakGlassDocument = graphql(`
  mutation ReviewBreakGlass($input: ReviewBreakGlassInput!) {
    reviewBreakGlass(input: $input) {
      id
      reviewedAt
    }
  }
`);

type Grant = BreakGlassReviewQuery['breakGlassGrants']['edges'][number]['node'];

/** What the grant's user did with the person while the grant was in force. */
function ReadDuring({ grant }: { grant: Grant }) {
  const userId = grant.actor.replace(/^user:/, '');
  const cursors = useCursors(`grant-${grant.id}`);
  const q = useQuery(
    () =>
      gql(ReadDuringGrantDocument, {
        input: { userId, personId: grant.personId, from: grant.openedAt, to: grant.expiresAt },
        after: cursors.after,
      }),
    [grant.id, cursors.after],
  );
  if (q.error) return <p className="error-message">{q.error.message}</p>;
  if (!q.data) return <p className="loading">Loading what was read…</p>;
  const events = q.data.accessSearch.edges.map((e) => e.node).filter((e) => e.action !== 'break_glass');
  if (!events.length && cursors.page === 1 && !q.data.accessSearch.pageInfo.hasNextPage) return <p>Nothing was read under this grant.</p>;
  return (
    <>
      <ul className="plain-list" aria-label="Read under this grant">
        {events.map((e) => (
          <li key={e.id}>
            {formatDateTime(e.occurredAt)}: {e.action === 'read' ? 'read' : e.action} {e.fields.slice(0, 8).join(', ')}
            {e.fields.length > 8 ? ` and ${e.fields.length - 8} more` : ''}
          </li>
        ))}
      </ul>
      <Pagination page={cursors.page} pageInfo={q.data.accessSearch.pageInfo} cursors={cursors} />
    </>
  );
}

function GrantCard({ grant, onReviewed }: { grant: Grant; onReviewed: () => void }) {
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const field = `note-${grant.id}`;
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (!note.trim()) {
      setErrors({ [field]: 'Enter your review: was opening the record justified, and what follows' });
      return;
    }
    setBusy(true);
    try {
      await gql(ReviewBreakGlassDocument, { input: { grantId: grant.id, note: note.trim() } });
      flash('Review recorded', true);
      onReviewed();
    } catch (err) {
      setErrors(errorsFrom(err, ['note']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <li className="card">
      <h3 className="card__title">
        {grant.actor} opened <Link to={`/people/${grant.personId}`}>a record</Link> on {formatDateTime(grant.openedAt)}
      </h3>
      <p>
        <strong>Reason given:</strong> {grant.reason}
      </p>
      <p>
        For {grant.purpose}, until {formatDateTime(grant.expiresAt)}.
      </p>
      <h4>What was read</h4>
      <ReadDuring grant={grant} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary errors={errors} labels={{ [field]: 'Your review' }} />
        <TextArea
          name={field}
          label="Your review"
          hint="Was it justified? Say what follows, if anything."
          value={note}
          onChange={setNote}
          error={errors[field] ?? errors.note}
        />
        <Button busy={busy}>Record review</Button>
      </form>
    </li>
  );
}

/** The break-glass review screen. */
export function BreakGlassReview() {
  usePageTitle('Break-glass review');
  const { viewer } = useSession();
  const allowed = mayReviewBreakGlass(viewer);
  const cursors = useCursors('grants');
  const q = useQuery(
    () => (allowed ? gql(BreakGlassReviewDocument, { after: cursors.after }) : Promise.resolve(null)),
    [allowed, cursors.after],
  );
  if (!allowed) return <NotFound />;
  const fallback = queryFallback(q, 'Page', 'Loading grants…');
  if (fallback) return fallback;
  const grants = q.data!.breakGlassGrants.edges.map((e) => e.node);
  return (
    <>
      <h1>Break-glass review</h1>
      <p className="lead">Records opened by breaking the glass, by your organisation’s staff or on people it leads, not yet reviewed.</p>
      {grants.length ? (
        <ul className="card-list">
          {grants.map((g) => (
            <GrantCard key={g.id} grant={g} onReviewed={q.reload} />
          ))}
        </ul>
      ) : (
        <p>There is nothing to review{cursors.page > 1 ? ' on this page' : ''}.</p>
      )}
      <Pagination page={cursors.page} pageInfo={q.data!.breakGlassGrants.pageInfo} cursors={cursors} />
    </>
  );
}
