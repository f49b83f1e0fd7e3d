import { type SubmitEvent, useState } from 'react';
import { Button, type Errors, ErrorSummary, TextField, typedDate } from '../forms';
import { Link, navigate, useLocation, usePageTitle } from '../router';
import { mayRecordPeople } from '../roles';
import { useSession } from '../session-context';
import { PeopleTable } from './people-table';

const LABELS = { q: 'Name or identifier', dob: 'Date of birth' };

export function Search() {
  usePageTitle('Search people');
  const { query } = useLocation();
  const [q, setQ] = useState(query.get('q') ?? '');
  const [dob, setDob] = useState(query.get('dob') ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const submittedQ = query.get('q') ?? '';
  const submittedDob = query.get('dob') ?? '';

  function submit(e: SubmitEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!q.trim() && !dob.trim()) found.q = 'Enter a name, an identifier or a date of birth';
    const date = dob.trim() ? typedDate(dob) : null;
    if (dob.trim() && !date) found.dob = 'Enter a real date of birth, like 23/01/1990 or 1990-01-23';
    setErrors(found);
    if (Object.keys(found).length) return;
    const params = new URLSearchParams();
    if (q.trim()) params.set('q', q.trim());
    if (date) params.set('dob', date);
    navigate(`/search?${params}`);
  }

  const searched = Boolean(submittedQ || submittedDob);
  return (
    <>
      <ErrorSummary errors={errors} labels={LABELS} />
      <h1>Search people</h1>
      <form onSubmit={submit} noValidate className="search-form" role="search">
        <TextField
          name="q"
          label={LABELS.q}
          hint="A name (near spellings and short names like Bill or Liz are found too), or a PNC, prison number, probation case reference or National Insurance number"
          value={q}
          onChange={setQ}
          error={errors.q}
        />
        <TextField
          name="dob"
          label={LABELS.dob}
          hint="For example, 23/01/1990"
          value={dob}
          onChange={setDob}
          error={errors.dob}
          width="medium"
          inputMode="numeric"
        />
        <Button>Search</Button>
      </form>
      {searched && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">Results</h2>
          <PeopleTable
            caption={`People matching “${[submittedQ, submittedDob].filter(Boolean).join(', ')}”`}
            search={submittedQ || submittedDob}
            filter={submittedQ && submittedDob ? { dateOfBirth: submittedDob } : undefined}
            empty={<NoMatch />}
          />
        </section>
      )}
    </>
  );
}

/** Nothing found: say why someone may be missing (the search only sees people the organisation works with), and what to do. */
function NoMatch() {
  const { viewer } = useSession();
  return (
    <div className="no-match">
      <p className="body">
        <strong>No people match your search.</strong>
      </p>
      <p className="body">
        You only find people your organisation works with, or has an open referral about. Someone another organisation works with is not
        shown until that organisation refers them to you or involves your organisation.
      </p>
      <p className="body">Check the spelling, try a short name or the date of birth alone, or search by an identifier.</p>
      <p className="body">
        If this is someone new to your organisation, a walk-in for example, ask the organisation working with them (such as their probation
        officer) to refer them to you: see your <Link to="/referrals">referrals</Link>.
      </p>
      {mayRecordPeople(viewer) && (
        <p className="body">
          If nobody works with them yet, <Link to="/people/new">record someone new</Link>: the hub checks first whether they already have a
          record.
        </p>
      )}
    </div>
  );
}
