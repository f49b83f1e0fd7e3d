import type { Caseload as CaseloadList } from '../gql/graphql';
import { mayRecordPeople } from '../roles';
import { Link, useLocation, usePageTitle } from '../router';
import { useSession } from '../session-context';
import { PeopleTable } from './people-table';

// "My caseload" is the people allocated to me (the API's `people(filter: { caseload: MINE })`); my
// teams' and my organisation's lists are the same screen with another filter, chosen in the address
// (`?list=teams`, `?list=organisation`) so that each list can be bookmarked and the back button works.
// No filter by stage here: the API's `people(filter: { stage })` also matches people whose stage the
// caller may not read (ETE category), which would reveal it. Add it back once the API filters only
// on what the caller may see.

const LISTS: { key: string; caseload: CaseloadList; label: string }[] = [
  { key: 'mine', caseload: 'MINE', label: 'Allocated to me' },
  { key: 'teams', caseload: 'MY_TEAMS', label: 'My teams' },
  { key: 'organisation', caseload: 'ORGANISATION', label: 'My organisation' },
];

export function Caseload() {
  usePageTitle('My caseload');
  const { viewer } = useSession();
  const { query } = useLocation();
  const list = LISTS.find((l) => l.key === query.get('list')) ?? LISTS[0];
  const lead = {
    MINE: 'People allocated to you, with their progression stage and the last contact you can see.',
    MY_TEAMS: 'People allocated to you or to your teams.',
    ORGANISATION: `Everyone ${viewer.organisation.name} works with that you may see.`,
  }[list.caseload];
  const caption = {
    MINE: 'People allocated to you',
    MY_TEAMS: 'People allocated to you or your teams',
    ORGANISATION: `People ${viewer.organisation.name} works with`,
  }[list.caseload];
  const empty = {
    MINE: 'Nobody is allocated to you yet. A manager allocates people to caseworkers from the person’s page.',
    MY_TEAMS: 'Nobody is allocated to you or to your teams yet.',
    ORGANISATION: 'There is nobody to show.',
  }[list.caseload];
  return (
    <>
      <h1>My caseload</h1>
      <nav className="sub-nav" aria-label="Caseload">
        {LISTS.map((l) => (
          <Link key={l.key} to={l.key === 'mine' ? '/' : `/?list=${l.key}`} aria-current={l === list ? 'page' : undefined}>
            {l.label}
          </Link>
        ))}
      </nav>
      <p className="lead">{lead}</p>
      {mayRecordPeople(viewer) && (
        <p>
          <Link to="/people/new" className="button button--secondary">
            Record someone new
          </Link>
        </p>
      )}
      <PeopleTable caption={caption} filter={{ caseload: list.caseload }} empty={empty} showCaseOwner={list.caseload !== 'MINE'} />
    </>
  );
}
