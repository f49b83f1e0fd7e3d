// Hub admins: the intervention catalogue (interventionTypes, the retired entries too), an entry added
// with its group, data category and outcome (createInterventionType), renamed or moved to another group,
// and retired (no longer offered for new interventions, confirmed) or offered again (updateInterventionType).
import { type SubmitEvent, useState } from 'react';
import { gql } from '../api';
import { flash } from '../flash';
import { Button, type Errors, ErrorSummary, errorsFrom, Radios, Select, TextField } from '../forms';
import { graphql } from '../gql';
import type { DataCategory, HubCatalogueQuery, OutcomeKind } from '../gql/graphql';
import { mayRunHub } from '../roles';
import { usePageTitle } from '../router';
import { useSession } from '../session-context';
import { useQuery } from '../use-query';
import { CATEGORIES, codeFrom, options, words } from '../vocabulary';
import { NotFound, queryFallback } from './not-found';

const HubCatalogueDocument = graphql(`
  query HubCatalogue {
    interventionTypes(includeInactive: true) {
      code
      name
      groupName
      dataCategory
      outcomeKind
      active
    }
  }
`);

const CreateInterventionTypeDocument = graphql(`
  mutation CreateInterventionType($input: CreateInterventionTypeInput!) {
    createInterventionType(input: $input) {
      code
      name
    }
  }
`);

const UpdateInterventionTypeDocument = graphql(`
  mutation UpdateInterventionType($input: UpdateInterventionTypeInput!) {
    updateInterventionType(input: $input) {
      code
      name
      groupName
      active
    }
  }
`);

type Entry = HubCatalogueQuery['interventionTypes'][number];

const OUTCOMES: Record<OutcomeKind, string> = {
  NONE: 'None: the intervention is what is counted',
  JOB: 'A job (employer, start date, sector, hours)',
  QUALIFICATION: 'A qualification (its name and level)',
};
const CODE = /^[a-z][a-z0-9_]{1,62}$/;
const GROUP = /^[a-z][a-z0-9_]{1,30}$/;

function EntryRow({ entry, onEdit, onChanged }: { entry: Entry; onEdit: () => void; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  async function switchActive() {
    if (entry.active && !window.confirm(`Retire ${entry.name}? It is no longer offered for new interventions; those recorded keep it.`))
      return;
    setBusy(true);
    try {
      await gql(UpdateInterventionTypeDocument, { input: { code: entry.code, active: !entry.active } });
      flash(`${entry.name} ${entry.active ? 'retired' : 'offered again'}`, true);
      onChanged();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <tr>
      <td>{entry.name}</td>
      <td data-label="Code">
        <code className="break-all">{entry.code}</code>
      </td>
      <td data-label="Group">{words(entry.groupName)}</td>
      <td data-label="Data category">{CATEGORIES[entry.dataCategory] ?? words(entry.dataCategory)}</td>
      <td data-label="Outcome">{entry.outcomeKind === 'NONE' ? 'None' : words(entry.outcomeKind)}</td>
      <td data-label="State">{entry.active ? 'Offered' : 'Retired'}</td>
      <td>
        <button type="button" className="link-button" onClick={onEdit}>
          Change<span className="visually-hidden"> {entry.name}</span>
        </button>{' '}
        <button type="button" className="link-button" disabled={busy} onClick={() => void switchActive()}>
          {entry.active ? 'Retire' : 'Offer again'}
          <span className="visually-hidden"> {entry.name}</span>
        </button>
        {error && <p className="error-message">{error}</p>}
      </td>
    </tr>
  );
}

/** Renaming an entry or moving it to another group (its code, data category and outcome stay). */
function EditEntry({ entry, onDone }: { entry: Entry; onDone: (saved: boolean) => void }) {
  const [form, setForm] = useState({ name: entry.name, groupName: entry.groupName });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const problems: Errors = {};
    if (form.name.trim().length < 2 || form.name.trim().length > 200) problems.editName = 'Enter a name of 2 to 200 characters';
    if (!GROUP.test(form.groupName.trim())) problems.editGroup = 'Enter a group in lower case with underscores, for example training';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await gql(UpdateInterventionTypeDocument, { input: { code: entry.code, name: form.name.trim(), groupName: form.groupName.trim() } });
      flash(`${form.name.trim()} saved`, true);
      onDone(true);
    } catch (err) {
      const found = errorsFrom(err, ['name', 'groupName']);
      setErrors(
        Object.fromEntries(Object.entries(found).map(([k, v]) => [k === 'name' ? 'editName' : k === 'groupName' ? 'editGroup' : k, v])),
      );
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="section" aria-labelledby="edit-entry-title">
      <h2 id="edit-entry-title">Change {entry.name}</h2>
      <p>
        Its code <code>{entry.code}</code>, data category and outcome stay: the interventions recorded keep them.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary errors={errors} labels={{ editName: 'Name', editGroup: 'Group' }} />
        <TextField name="editName" label="Name" value={form.name} onChange={(v) => setForm({ ...form, name: v })} error={errors.editName} />
        <TextField
          name="editGroup"
          label="Group"
          hint="The group reports count it under; changing it recounts the funnel for its people"
          value={form.groupName}
          onChange={(v) => setForm({ ...form, groupName: v })}
          error={errors.editGroup}
        />
        <div className="button-group">
          <Button busy={busy}>Save the entry</Button>
          <Button type="button" secondary onClick={() => onDone(false)}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}

function NewEntry({ groups, onCreated }: { groups: string[]; onCreated: () => void }) {
  const empty = { name: '', code: '', groupName: '', dataCategory: '', outcomeKind: 'NONE' };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const problems: Errors = {};
    const code = form.code.trim() || codeFrom(form.name);
    if (form.name.trim().length < 2 || form.name.trim().length > 200) problems.name = 'Enter a name of 2 to 200 characters';
    if (!CODE.test(code)) problems.code = 'Enter a code of lower case letters, digits and underscores, starting with a letter';
    if (!GROUP.test(form.groupName.trim())) problems.groupName = 'Enter a group in lower case with underscores, for example training';
    if (!form.dataCategory) problems.dataCategory = 'Choose the data category its records belong to';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await gql(CreateInterventionTypeDocument, {
        input: {
          code,
          name: form.name.trim(),
          groupName: form.groupName.trim(),
          dataCategory: form.dataCategory as DataCategory,
          outcomeKind: form.outcomeKind as OutcomeKind,
        },
      });
      flash(`${form.name.trim()} added to the catalogue`, true);
      setForm(empty);
      onCreated();
    } catch (err) {
      setErrors(errorsFrom(err, ['name', 'code', 'groupName', 'dataCategory', 'outcomeKind']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="section" aria-labelledby="new-entry-title">
      <h2 id="new-entry-title">Add an entry</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary
          errors={errors}
          labels={{ name: 'Name', code: 'Code', groupName: 'Group', dataCategory: 'Data category', outcomeKind: 'Outcome' }}
        />
        <TextField name="name" label="Name" value={form.name} onChange={(v) => setForm({ ...form, name: v })} error={errors.name} />
        <TextField
          name="code"
          label="Code (optional)"
          hint={`What partner systems send, in lower case with underscores; made from the name when left empty${form.name.trim() ? ` (${codeFrom(form.name)})` : ''}`}
          value={form.code}
          onChange={(v) => setForm({ ...form, code: v })}
          error={errors.code}
        />
        <TextField
          name="groupName"
          label="Group"
          hint={`The group reports count it under${groups.length ? `: ${groups.join(', ')}, or a new one` : ''}`}
          value={form.groupName}
          onChange={(v) => setForm({ ...form, groupName: v })}
          error={errors.groupName}
        />
        <Select
          name="dataCategory"
          label="Data category"
          hint="Who may see its records follows from it, and it cannot be changed later"
          value={form.dataCategory}
          onChange={(v) => setForm({ ...form, dataCategory: v })}
          placeholder="Choose a category"
          options={options(CATEGORIES)}
          error={errors.dataCategory}
        />
        <Radios
          name="outcomeKind"
          label="What its outcome records"
          value={form.outcomeKind}
          onChange={(v) => setForm({ ...form, outcomeKind: v })}
          options={options(OUTCOMES)}
          error={errors.outcomeKind}
        />
        <Button busy={busy}>Add to the catalogue</Button>
      </form>
    </section>
  );
}

/** The intervention catalogue screen, for hub admins. */
export function InterventionCatalogue() {
  usePageTitle('Intervention catalogue');
  const { viewer } = useSession();
  const allowed = mayRunHub(viewer);
  const [editing, setEditing] = useState<string | null>(null);
  const q = useQuery(() => (allowed ? gql(HubCatalogueDocument) : Promise.resolve(null)), [allowed]);
  if (!allowed) return <NotFound />;
  const fallback = queryFallback(q, 'Page', 'Loading the catalogue…');
  if (fallback) return fallback;
  const entries = [...q.data!.interventionTypes].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.groupName.localeCompare(b.groupName) || a.name.localeCompare(b.name),
  );
  const groups = [...new Set(entries.map((e) => e.groupName))].sort();
  const edited = entries.find((e) => e.code === editing);
  return (
    <>
      <h1>Intervention catalogue</h1>
      <p className="lead">What caseworkers record and partners offer, the group reports count each under, and what its outcome records.</p>
      {edited && (
        <EditEntry
          key={edited.code}
          entry={edited}
          onDone={(saved) => {
            setEditing(null);
            if (saved) q.reload();
          }}
        />
      )}
      <table className="table">
        <caption className="table__caption">The catalogue: {entries.length} entries, those offered first</caption>
        <thead>
          <tr>
            <th scope="col">Entry</th>
            <th scope="col">Code</th>
            <th scope="col">Group</th>
            <th scope="col">Data category</th>
            <th scope="col">Outcome</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Change</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <EntryRow key={`${e.code}-${e.active}`} entry={e} onEdit={() => setEditing(e.code)} onChanged={q.reload} />
          ))}
        </tbody>
      </table>
      <NewEntry groups={groups} onCreated={q.reload} />
    </>
  );
}
