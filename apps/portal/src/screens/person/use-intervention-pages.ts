// The person's interventions: the first page comes with the record, "Show more" appends the next.
import { useState } from 'react';
import { gql } from '../../api';
import { type InterventionItem, MoreInterventionsDocument, type PersonRecord } from './person-record';

export interface InterventionPages {
  /** Every intervention loaded so far, newest first. */
  all: InterventionItem[];
  /** The cursor of the next page, or null when there is none. */
  cursor: string | null;
  loadingMore: boolean;
  loadMore: () => Promise<void>;
  /** Back to the record's first page (after the record is read again). */
  reset: () => void;
}

export function useInterventionPages(personId: string, first: PersonRecord['interventions'] | null): InterventionPages {
  const [more, setMore] = useState<InterventionItem[]>([]);
  const [moreCursor, setMoreCursor] = useState<string | null | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const all = first ? [...first.edges.map((e) => e.node), ...more] : [];
  const cursor = moreCursor === undefined ? (first?.pageInfo.hasNextPage ? first.pageInfo.endCursor : null) : moreCursor;

  async function loadMore() {
    setLoadingMore(true);
    try {
      const d = await gql(MoreInterventionsDocument, { id: personId, after: cursor });
      setMore((m) => [...m, ...d.person.interventions.edges.map((e) => e.node)]);
      setMoreCursor(d.person.interventions.pageInfo.hasNextPage ? d.person.interventions.pageInfo.endCursor : null);
    } finally {
      setLoadingMore(false);
    }
  }

  function reset() {
    setMore([]);
    setMoreCursor(undefined);
  }

  return { all, cursor: cursor ?? null, loadingMore, loadMore, reset };
}
