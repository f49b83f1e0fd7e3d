import type { ReactElement } from 'react';
import { Link, usePageTitle } from '../router';
import type { QueryState } from '../use-query';

export function NotFound({ what = 'Page' }: { what?: string }) {
  usePageTitle(`${what} not found`);
  return (
    <>
      <h1>{what} not found</h1>
      <p>
        {what === 'Person'
          ? 'There is no record here that you may see. The address may be wrong, or your organisation does not work with this person.'
          : 'If you typed the web address, check it is correct.'}
      </p>
      <p>
        <Link to="/">Go to my caseload</Link> or <Link to="/search">search people</Link>.
      </p>
    </>
  );
}

/**
 * What a screen shows until its query has data: "not found" for a missing or malformed id (the same
 * answer for both), the error, or the loading line. Null once the data is there.
 */
export function queryFallback<T>(q: QueryState<T>, what: string, loading = 'Loading…'): ReactElement | null {
  if (q.error?.code === 'NOT_FOUND' || q.error?.code === 'BAD_USER_INPUT') return <NotFound what={what} />;
  if (q.error)
    return (
      <p className="error-message" role="alert">
        {q.error.message}
      </p>
    );
  if (!q.data)
    return (
      <p className="loading" role="status">
        {loading}
      </p>
    );
  return null;
}
