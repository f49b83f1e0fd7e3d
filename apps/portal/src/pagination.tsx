// Paging through the API's connections (people, referrals, tasks): the cursors of the pages seen so
// far, so "Previous page" goes back without asking the hub to page backwards.
import { useState } from 'react';

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { node: T }[];
  pageInfo: PageInfo;
}

/** The `after` of the page shown, its number, and moves; back to page 1 whenever `key` changes. */
export function useCursors(key: string) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [lastKey, setLastKey] = useState(key);
  if (key !== lastKey) {
    setLastKey(key);
    setCursors([null]);
  }
  return {
    after: key === lastKey ? cursors[cursors.length - 1] : null,
    page: key === lastKey ? cursors.length : 1,
    next: (pageInfo: PageInfo) => setCursors((c) => [...c, pageInfo.endCursor]),
    previous: () => setCursors((c) => c.slice(0, -1)),
  };
}

/** "Previous page" and "Next page", each shown only where there is such a page. */
export function Pagination({ page, pageInfo, cursors }: { page: number; pageInfo: PageInfo; cursors: ReturnType<typeof useCursors> }) {
  if (page <= 1 && !pageInfo.hasNextPage) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 && (
        <button type="button" className="link-button pagination__prev" onClick={cursors.previous}>
          Previous page
        </button>
      )}
      {pageInfo.hasNextPage && (
        <button type="button" className="link-button pagination__next" onClick={() => cursors.next(pageInfo)}>
          Next page
        </button>
      )}
    </nav>
  );
}
