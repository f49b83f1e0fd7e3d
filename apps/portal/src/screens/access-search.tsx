// Data protection officers (and hub admins): who read or changed what, across records (accessSearch),
// with the CSV of the same search (GET /privacy/access-search.csv). The search itself is audited.
import { type SubmitEvent, useState } from 'react';
import { gql } from '../api';
import { Button, type Errors, ErrorSummary, errorsFrom, Select, TextField, typedDate } from '../forms';
import { graphql } from '../gql';
import type { AccessSearchInput } from '../gql/graphql';
import { Pagination, useCursors } from '../pagination';
import { downloadCsv } from '../reports-api';
import { mayReviewAccess } from '../roles';
import { Link, usePageTitle } from '../router';
import { useSession } from '../session-context';
import { formatDateTime } from '../times';
import { useQuery } from '../use-query';
import { NotFound, queryFallback } from './not-found';

const AccessSearchDocument = graphql(`
  query AccessSearch($input: AccessSearchInput!, $after: String) {
    accessSearch(input: $input, first: 50, after: $after) {
      edges {
        node {
          id
          occurredAt
          actor
          organisationId
          purpose
          personId
          action
          fields
          breakGlass
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const AccessOrganisationsDocument = graphql(`
  query AccessOrganisations {
    organisations {
      id
      name
    }
  }
`);

const ACTIONS = [
  { value: 'read', label: 'Read' },
  { value: 'write', label: 'Changed' },
  { value: 'export', label: 'Exported' },
  { value: 'break_glass', label: 'Broke the glass' },
  { value: 'deny', label: 'Refused' },
  { value: 'erase', label: 'Erased' },
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

interface Form {
  personId: string;
  userId: string;
  organisationId: string;
  action: string;
  from: string;
  to: string;
}

/** The form as the API's input, or the problems with it. */
function inputOf(form: Form): { input?: AccessSearchInput; errors: Errors } {
  const errors: Errors = {};
  const from = typedDate(form.from);
  const to = form.to.trim() ? typedDate(form.to) : null;
  if (!from) errors.from = 'Enter the first day, for example 2026-11-30';
  if (form.to.trim() && !to) errors.to = 'Enter the last day, for example 2026-12-07, or leave it empty for today';
  if (form.personId.trim() && !UUID.test(form.personId.trim()))
    errors.personId = 'Enter the person’s id as it appears in their record’s address';
  if (form.userId.trim() && !UUID.test(form.userId.trim())) errors.userId = 'Enter the user’s id (the part after user: in a result)';
  if (Object.keys(errors).length) return { errors };
  // The last day is included: the API's `to` is exclusive.
  const end = to ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString() : null;
  return {
    errors,
    input: {
      from: from!,
      to: end,
      personId: form.personId.trim() || null,
      userId: form.userId.trim() || null,
      organisationId: form.organisationId || null,
      action: form.action || null,
    },
  };
}

const csvPath = (input: AccessSearchInput) =>
  `/privacy/access-search.csv?${new URLSearchParams(Object.entries(input).filter((e): e is [string, string] => typeof e[1] === 'string'))}`;

function Results({ input, names }: { input: AccessSearchInput; names: Map<string, string> }) {
  const cursors = useCursors(JSON.stringify(input));
  const q = useQuery(AccessSearchDocument, { input, after: cursors.after });
  const fallback = queryFallback(q, 'Person', 'Searching…');
  if (fallback) return fallback;
  const rows = q.data!.accessSearch.edges.map((e) => e.node);
  if (!rows.length) return <p className="no-match">Nothing in the log matches this search.</p>;
  return (
    <>
      <table className="table">
        <caption className="visually-hidden">Who read or changed what, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Organisation</th>
            <th scope="col">What</th>
            <th scope="col">Person</th>
            <th scope="col">Fields</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id}>
              <td data-label="When">{formatDateTime(e.occurredAt)}</td>
              <td data-label="Who" className="break-all">
                {e.actor}
              </td>
              <td data-label="Organisation">{e.organisationId ? (names.get(e.organisationId) ?? e.organisationId) : 'The hub'}</td>
              <td data-label="What">
                {ACTIONS.find((a) => a.value === e.action)?.label ?? e.action}
                {e.breakGlass ? ' (break-glass)' : ''}
                {e.purpose ? `, for ${e.purpose}` : ''}
              </td>
              <td data-label="Person">{e.personId ? <Link to={`/people/${e.personId}`}>{e.personId.slice(0, 8)}</Link> : '–'}</td>
              <td data-label="Fields">
                {e.fields.slice(0, 6).join(', ') + (e.fields.length > 6 ? ` and ${e.fields.length - 6} more` : '')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination page={cursors.page} pageInfo={q.data!.accessSearch.pageInfo} cursors={cursors} />
    </>
  );
}

/** The access search screen. */
export function AccessSearch() {
  usePageTitle('Access search');
  const { viewer } = useSession();
  const allowed = mayReviewAccess(viewer);
  const orgs = useQuery(() => (allowed ? gql(AccessOrganisationsDocument) : Promise.resolve(null)), [allowed]);
  const [form, setForm] = useState<Form>({ personId: '', userId: '', organisationId: '', action: '', from: daysAgo(7), to: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [input, setInput] = useState<AccessSearchInput | null>(null);
  const [busy, setBusy] = useState(false);
  if (!allowed) return <NotFound />;
  const set = (k: keyof Form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const names = new Map((orgs.data?.organisations ?? []).map((o) => [o.id, o.name]));

  function search(e: SubmitEvent) {
    e.preventDefault();
    const checked = inputOf(form);
    setErrors(checked.errors);
    if (checked.input) setInput(checked.input);
  }
  async function download() {
    const checked = inputOf(form);
    setErrors(checked.errors);
    if (!checked.input) return;
    setBusy(true);
    try {
      await downloadCsv(csvPath(checked.input), 'access-search.csv');
    } catch (err) {
      setErrors(errorsFrom(err, []));
    } finally {
      setBusy(false);
    }
  }
  const labels = { personId: 'Person', userId: 'User', from: 'From', to: 'To' };
  return (
    <>
      <h1>Access search</h1>
      <p className="lead">
        Who read or changed what: your organisation’s staff, and anyone about the people your organisation works with. Your search is
        recorded in the log too.
      </p>
      <form onSubmit={search} noValidate>
        <ErrorSummary errors={errors} labels={labels} />
        <TextField
          name="personId"
          label="Person (optional)"
          hint="The id in the person’s record address, after /people/"
          value={form.personId}
          onChange={set('personId')}
          error={errors.personId}
        />
        <TextField
          name="userId"
          label="User (optional)"
          hint="A user’s id, as shown after user: in the results"
          value={form.userId}
          onChange={set('userId')}
          error={errors.userId}
        />
        <Select
          name="organisationId"
          label="Organisation (optional)"
          value={form.organisationId}
          onChange={set('organisationId')}
          options={(orgs.data?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))}
          placeholder="Any organisation"
        />
        <Select
          name="action"
          label="What was done (optional)"
          value={form.action}
          onChange={set('action')}
          options={ACTIONS}
          placeholder="Anything"
        />
        <TextField
          name="from"
          label="From"
          hint="The first day, for example 2026-11-30 (at most a year before the last)"
          value={form.from}
          onChange={set('from')}
          error={errors.from}
        />
        <TextField
          name="to"
          label="To (optional)"
          hint="The last day; today when left empty"
          value={form.to}
          onChange={set('to')}
          error={errors.to}
        />
        <div className="button-group">
          <Button>Search</Button>
          <Button type="button" secondary busy={busy} onClick={() => void download()}>
            Download CSV
          </Button>
        </div>
      </form>
      {input && (
        <section className="section" aria-labelledby="results-title">
          <h2 id="results-title">Results</h2>
          <Results input={input} names={names} />
        </section>
      )}
    </>
  );
}
