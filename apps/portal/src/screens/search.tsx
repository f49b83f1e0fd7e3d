import { type SubmitEvent, useState } from 'react';
import { Button, type Errors, ErrorSummary, isIsoDate, TextField } from '../forms';
import { navigate, useLocation, usePageTitle } from '../router';
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
    if (dob.trim() && !isIsoDate(dob.trim())) found.dob = 'Enter the date of birth as year-month-day, like 1990-01-23';
    setErrors(found);
    if (Object.keys(found).length) return;
    const params = new URLSearchParams();
    if (q.trim()) params.set('q', q.trim());
    if (dob.trim()) params.set('dob', dob.trim());
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
          hint="A name, or a PNC, prison number, probation case reference or National Insurance number"
          value={q}
          onChange={setQ}
          error={errors.q}
        />
        <TextField
          name="dob"
          label={LABELS.dob}
          hint="For example, 1990-01-23"
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
          />
        </section>
      )}
    </>
  );
}
