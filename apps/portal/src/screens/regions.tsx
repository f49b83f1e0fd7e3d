// Hub admins: the region vocabulary (regions), a region added, renamed, or no longer offered for new
// records and offered again, confirmed (saveRegion), and the other names each is known by (a county, a
// partner system's spelling) added and removed, confirmed (addRegionSynonym, removeRegionSynonym).
import { type SubmitEvent, useState } from 'react';
import { gql } from '../api';
import { flash } from '../flash';
import { Button, type Errors, ErrorSummary, errorsFrom, TextField } from '../forms';
import { graphql } from '../gql';
import { loadRegions, type Region, resetRegions } from '../regions-api';
import { mayRunHub } from '../roles';
import { usePageTitle } from '../router';
import { useSession } from '../session-context';
import { useQuery } from '../use-query';
import { codeFrom } from '../vocabulary';
import { NotFound, queryFallback } from './not-found';

const SaveRegionDocument = graphql(`
  mutation SaveRegion($input: SaveRegionInput!) {
    saveRegion(input: $input) {
      code
      name
      active
    }
  }
`);

const AddRegionSynonymDocument = graphql(`
  mutation AddRegionSynonym($input: RegionSynonymInput!) {
    addRegionSynonym(input: $input) {
      code
      synonyms
    }
  }
`);

const RemoveRegionSynonymDocument = graphql(`
  mutation RemoveRegionSynonym($input: RegionSynonymInput!) {
    removeRegionSynonym(input: $input) {
      code
      synonyms
    }
  }
`);

const CODE = /^[a-z][a-z0-9_]{1,62}$/;

/** Runs a change; on success says `done`, reads the regions again everywhere, and calls `onChanged`. */
function useChange(onChanged: () => void, known: string[]) {
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<unknown>, done: string): Promise<boolean> {
    setBusy(true);
    try {
      await action();
      setErrors({});
      flash(done, true);
      resetRegions();
      onChanged();
      return true;
    } catch (err) {
      setErrors(errorsFrom(err, known));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { errors, setErrors, busy, run };
}

function RegionCard({ region, onChanged }: { region: Region; onChanged: () => void }) {
  const rename = `rename-${region.code}`;
  const synonym = `synonym-${region.code}`;
  const { errors, setErrors, busy, run } = useChange(onChanged, []);
  const [mode, setMode] = useState<'rename' | 'synonym' | null>(null);
  const [name, setName] = useState(region.name);
  const [other, setOther] = useState('');
  function saveName(e: SubmitEvent) {
    e.preventDefault();
    if (name.trim().length < 2) {
      setErrors({ [rename]: 'Enter a name of at least 2 characters' });
      return;
    }
    void run(
      () => gql(SaveRegionDocument, { input: { code: region.code, name: name.trim() } }),
      `${region.code} is now called ${name.trim()}`,
    ).then((ok) => ok && setMode(null));
  }
  function addSynonym(e: SubmitEvent) {
    e.preventDefault();
    if (other.trim().length < 2) {
      setErrors({ [synonym]: 'Enter another name of at least 2 characters' });
      return;
    }
    void run(
      () => gql(AddRegionSynonymDocument, { input: { regionCode: region.code, synonym: other.trim() } }),
      `${other.trim()} now means ${region.name}`,
    ).then((ok) => {
      if (!ok) return;
      setOther('');
      setMode(null);
    });
  }
  function removeSynonym(s: string) {
    if (!window.confirm(`Remove “${s}” as another name of ${region.name}? Lines that give it are refused from now on.`)) return;
    void run(() => gql(RemoveRegionSynonymDocument, { input: { regionCode: region.code, synonym: s } }), `${s} removed`);
  }
  function switchActive() {
    if (
      region.active &&
      !window.confirm(`Stop offering ${region.name}? Records that name it keep it; new records and changes may no longer choose it.`)
    )
      return;
    void run(
      () => gql(SaveRegionDocument, { input: { code: region.code, name: region.name, active: !region.active } }),
      `${region.name} ${region.active ? 'is no longer offered' : 'is offered again'}`,
    );
  }
  return (
    <li className="card">
      <h3 className="card__title">
        {region.name} {region.active ? '' : '(no longer offered)'}
      </h3>
      <p>
        Code <code>{region.code}</code>. {region.synonyms.length ? '' : 'No other names.'}
      </p>
      {region.synonyms.length > 0 && (
        <ul className="plain-list" aria-label={`Other names of ${region.name}`}>
          {region.synonyms.map((s) => (
            <li key={s}>
              {s}{' '}
              <button type="button" className="link-button" disabled={busy} onClick={() => removeSynonym(s)}>
                Remove
                <span className="visually-hidden">
                  {' '}
                  {s} as a name of {region.name}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorSummary errors={errors} labels={{ [rename]: `New name of ${region.name}`, [synonym]: `Another name for ${region.name}` }} />
      {mode === 'rename' ? (
        <form onSubmit={saveName} noValidate>
          <TextField name={rename} label={`New name of ${region.name}`} value={name} onChange={setName} error={errors[rename]} />
          <div className="button-group">
            <Button busy={busy}>Save the name</Button>
            <Button type="button" secondary onClick={() => setMode(null)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : mode === 'synonym' ? (
        <form onSubmit={addSynonym} noValidate>
          <TextField
            name={synonym}
            label={`Another name for ${region.name}`}
            hint="A county or a partner system’s spelling; it is matched whatever its capitals"
            value={other}
            onChange={setOther}
            error={errors[synonym]}
          />
          <div className="button-group">
            <Button busy={busy}>Add the name</Button>
            <Button type="button" secondary onClick={() => setMode(null)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="button-group">
          <Button type="button" secondary onClick={() => setMode('synonym')} aria-expanded={false}>
            Add another name<span className="visually-hidden"> for {region.name}</span>
          </Button>
          <Button type="button" secondary onClick={() => setMode('rename')} aria-expanded={false}>
            Rename<span className="visually-hidden"> {region.name}</span>
          </Button>
          <Button type="button" secondary={!region.active} warning={region.active} busy={busy} onClick={switchActive}>
            {region.active ? 'Stop offering' : 'Offer again'}
            <span className="visually-hidden"> {region.name}</span>
          </Button>
        </div>
      )}
    </li>
  );
}

function NewRegion({ onCreated }: { onCreated: () => void }) {
  const [form, setForm] = useState({ name: '', code: '' });
  const { errors, setErrors, busy, run } = useChange(onCreated, ['name', 'code']);
  function submit(e: SubmitEvent) {
    e.preventDefault();
    const problems: Errors = {};
    const code = form.code.trim() || codeFrom(form.name);
    if (form.name.trim().length < 2) problems.name = 'Enter the region’s name';
    if (!CODE.test(code)) problems.code = 'Enter a code of lower case letters, digits and underscores, starting with a letter';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    void run(() => gql(SaveRegionDocument, { input: { code, name: form.name.trim() } }), `${form.name.trim()} added`).then(
      (ok) => ok && setForm({ name: '', code: '' }),
    );
  }
  return (
    <section className="section" aria-labelledby="new-region-title">
      <h2 id="new-region-title">Add a region</h2>
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} labels={{ name: 'Name', code: 'Code' }} />
        <TextField name="name" label="Name" value={form.name} onChange={(v) => setForm({ ...form, name: v })} error={errors.name} />
        <TextField
          name="code"
          label="Code (optional)"
          hint={`What partner systems send, in lower case with underscores; made from the name when left empty${form.name.trim() ? ` (${codeFrom(form.name)})` : ''}`}
          value={form.code}
          onChange={(v) => setForm({ ...form, code: v })}
          error={errors.code}
        />
        <Button busy={busy}>Add region</Button>
      </form>
    </section>
  );
}

/** The Regions screen, for hub admins. */
export function Regions() {
  usePageTitle('Regions');
  const { viewer } = useSession();
  const allowed = mayRunHub(viewer);
  const q = useQuery(() => (allowed ? loadRegions() : Promise.resolve(null)), [allowed]);
  if (!allowed) return <NotFound />;
  const fallback = queryFallback(q, 'Page', 'Loading regions…');
  if (fallback) return fallback;
  const regions = [...q.data!].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
  return (
    <>
      <h1>Regions</h1>
      <p className="lead">
        The regions people, organisations and staff are placed in, and reports are grouped by. Another name of a region (a county, say) is
        taken as the region wherever a region is given.
      </p>
      <NewRegion onCreated={q.reload} />
      <section className="section" aria-labelledby="regions-title">
        <h2 id="regions-title">The regions</h2>
        <ul className="card-list">
          {regions.map((r) => (
            <RegionCard key={`${r.code}-${r.name}-${r.active}`} region={r} onChanged={q.reload} />
          ))}
        </ul>
      </section>
    </>
  );
}
