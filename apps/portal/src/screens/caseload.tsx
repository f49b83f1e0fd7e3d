import { usePageTitle } from '../router';
import { useDraft } from '../session';
import { Select } from '../forms';
import { options, STAGES } from '../vocabulary';
import { PeopleTable } from './people-table';
import { useSession } from '../app';

export function Caseload() {
  usePageTitle('My caseload');
  const { viewer } = useSession();
  const [draft, update] = useDraft('caseload', { stage: '' });
  return (
    <>
      <h1>My caseload</h1>
      <p className="lead">People {viewer.organisation.name} works with, with their progression stage and the last contact you can see.</p>
      <div className="filter">
        <Select name="stage" label="Show people at stage" value={draft.stage} onChange={(stage) => update({ stage })} options={options(STAGES)} placeholder="Any stage" />
      </div>
      <PeopleTable caption="People you work with" filter={draft.stage ? { stage: draft.stage } : undefined} />
    </>
  );
}
