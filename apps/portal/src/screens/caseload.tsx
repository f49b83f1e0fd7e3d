import { useSession } from '../session-context';
import { usePageTitle } from '../router';
import { PeopleTable } from './people-table';

// No filter by stage here: the API's `people(filter: { stage })` also matches people whose stage the
// caller may not read (ETE category), which would reveal it. Add it back once the API filters only
// on what the caller may see.
export function Caseload() {
  usePageTitle('My caseload');
  const { viewer } = useSession();
  return (
    <>
      <h1>My caseload</h1>
      <p className="lead">People {viewer.organisation.name} works with, with their progression stage and the last contact you can see.</p>
      <PeopleTable caption="People you work with" />
    </>
  );
}
