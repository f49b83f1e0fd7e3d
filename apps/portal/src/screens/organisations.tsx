// Hub admins: the partner organisations (organisationPage), a page at a time; a new one with its kind,
// regions, services and capacity (createOrganisation); its details changed, and deactivated (its staff
// and clients signed out, confirmed) or reactivated (updateOrganisation, refused when someone else
// changed it meanwhile).
import { type SubmitEvent, useState } from 'react';
import { ApiError, gql } from '../api';
import { flash } from '../flash';
import { Button, Checkboxes, type Errors, ErrorSummary, errorsFrom, Select, TextField } from '../forms';
import { graphql } from '../gql';
import type { HubOrganisationsQuery, OrganisationKind } from '../gql/graphql';
import { Pagination, useCursors } from '../pagination';
import { type Region, regionName, regionOptions, useRegions } from '../regions-api';
import { mayRunHub } from '../roles';
import { usePageTitle } from '../router';
import { useSession } from '../session-context';
import { useQuery } from '../use-query';
import { options, ORG_KINDS, words } from '../vocabulary';
import { NotFound, queryFallback } from './not-found';

const HubOrganisationsDocument = graphql(`
  query HubOrganisations($first: Int!, $after: String) {
    organisationPage(first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          name
          kind
          active
          capacity
          regions
          services
          version
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const CreateOrganisationDocument = graphql(`
  mutation CreateOrganisation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      id
      name
    }
  }
`);

const UpdateOrganisationDocument = graphql(`
  mutation UpdateOrganisation($input: UpdateOrganisationInput!) {
    updateOrganisation(input: $input) {
      id
      active
      version
    }
  }
`);

type Organisation = HubOrganisationsQuery['organisationPage']['edges'][number]['node'];

/** Organisations shown on a page. */
const PAGE = 20;
const SERVICE = /^[a-z][a-z0-9_]{1,62}$/;

interface Details {
  name: string;
  regions: string[];
  services: string;
  capacity: string;
}

/** The form's details as the API's fields, or the problems with them. */
function parseDetails(form: Details, prefix = ''): { problems: Errors; name: string; services: string[]; capacity: number | null } {
  const problems: Errors = {};
  const name = form.name.trim();
  const services = [
    ...new Set(
      form.services
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const capacity = form.capacity.trim() === '' ? null : Number(form.capacity.trim());
  if (name.length < 2 || name.length > 200) problems[`${prefix}name`] = 'Enter the organisation’s name (2 to 200 characters)';
  const wrong = services.filter((s) => !SERVICE.test(s));
  if (wrong.length) problems[`${prefix}services`] = `Enter service codes in lower case with underscores (not ${wrong.join(', ')})`;
  else if (services.length > 100) problems[`${prefix}services`] = 'Enter at most 100 services';
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0 || capacity > 1_000_000))
    problems[`${prefix}capacity`] = 'Enter a whole number of referrals, or leave it empty';
  return { problems, name, services, capacity };
}

function DetailFields({
  form,
  set,
  errors,
  regions,
  prefix = '',
  labelled = '',
}: {
  form: Details;
  set: (patch: Partial<Details>) => void;
  errors: Errors;
  regions: Region[];
  prefix?: string;
  labelled?: string;
}) {
  // The regions offered, and any retired one the organisation still covers.
  const choices = [
    ...regionOptions(regions),
    ...form.regions
      .filter((r) => !regions.some((x) => x.active && x.code === r))
      .map((r) => ({ value: r, label: `${regionName(regions, r)} (no longer offered)` })),
  ];
  return (
    <>
      <TextField
        name={`${prefix}name`}
        label={`Name${labelled}`}
        value={form.name}
        onChange={(v) => set({ name: v })}
        error={errors[`${prefix}name`]}
      />
      <Checkboxes
        name={`${prefix}regions`}
        label={`Regions it covers${labelled}`}
        hint="Referrals and rules matching a person’s region choose among the organisations covering it"
        values={form.regions}
        onChange={(v) => set({ regions: v })}
        options={choices}
        error={errors[`${prefix}regions`]}
      />
      <TextField
        name={`${prefix}services`}
        label={`Services it offers${labelled} (optional)`}
        hint="Service codes separated by commas, for example accommodation_support, finance_and_id"
        value={form.services}
        onChange={(v) => set({ services: v })}
        error={errors[`${prefix}services`]}
      />
      <TextField
        name={`${prefix}capacity`}
        label={`Open referrals it can take at once${labelled} (optional)`}
        hint="Leave it empty when not limited"
        value={form.capacity}
        onChange={(v) => set({ capacity: v })}
        error={errors[`${prefix}capacity`]}
        width="short"
        inputMode="numeric"
      />
    </>
  );
}

function OrganisationCard({
  org,
  own,
  regions,
  onChanged,
}: {
  org: Organisation;
  /** The viewer's own organisation: not deactivated from here (it would sign the viewer out). */
  own: boolean;
  regions: Region[];
  onChanged: () => void;
}) {
  const prefix = `org-${org.id}-`;
  const initial: Details = {
    name: org.name,
    regions: org.regions,
    services: org.services.join(', '),
    capacity: org.capacity?.toString() ?? '',
  };
  const [form, setForm] = useState<Details>(initial);
  const [editing, setEditing] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function change(
    input: { name?: string; regions?: string[]; services?: string[]; capacity?: number | null; active?: boolean },
    done: string,
  ) {
    setBusy(true);
    try {
      await gql(UpdateOrganisationDocument, { input: { id: org.id, version: org.version, ...input } });
      setErrors({});
      setEditing(false);
      flash(done, true);
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') {
        // Someone changed it meanwhile: show it as it is now (the card is read again), and say so.
        flash(`${org.name} was changed by someone else meanwhile: it is shown as it is now; make your change again`, true);
        onChanged();
        return;
      }
      const found = errorsFrom(err, ['name', 'regions', 'services', 'capacity']);
      setErrors(Object.fromEntries(Object.entries(found).map(([k, v]) => [k === '_form' ? k : `${prefix}${k}`, v])));
    } finally {
      setBusy(false);
    }
  }
  function save(e: SubmitEvent) {
    e.preventDefault();
    const { problems, name, services, capacity } = parseDetails(form, prefix);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    void change({ name, regions: form.regions, services, capacity }, `${name} saved`);
  }
  function switchActive() {
    if (
      org.active &&
      !window.confirm(
        `Deactivate ${org.name}? Its staff and API clients are signed out and cannot sign in, and it receives no referrals, until reactivated.`,
      )
    )
      return;
    void change({ active: !org.active }, `${org.name} ${org.active ? 'deactivated' : 'reactivated'}`);
  }
  const labels = {
    [`${prefix}name`]: `Name of ${org.name}`,
    [`${prefix}regions`]: `Regions ${org.name} covers`,
    [`${prefix}services`]: `Services ${org.name} offers`,
    [`${prefix}capacity`]: `Open referrals ${org.name} can take`,
  };
  return (
    <li className="card">
      <h3 className="card__title">
        {org.name} {org.active ? '' : '(deactivated)'}
      </h3>
      <p>
        {ORG_KINDS[org.kind] ?? words(org.kind)}. Covers {org.regions.map((r) => regionName(regions, r)).join(', ') || 'no region'}. Offers{' '}
        {org.services.map(words).join(', ') || 'no service'}.{' '}
        {org.capacity === null ? 'No limit on open referrals.' : `Takes at most ${org.capacity} open referrals.`}
      </p>
      <ErrorSummary errors={errors} labels={labels} />
      {editing ? (
        <form onSubmit={save} noValidate>
          <DetailFields
            form={form}
            set={(p) => setForm({ ...form, ...p })}
            errors={errors}
            regions={regions}
            prefix={prefix}
            labelled={` of ${org.name}`}
          />
          <div className="button-group">
            <Button busy={busy}>Save the details</Button>
            <Button
              type="button"
              secondary
              onClick={() => {
                setEditing(false);
                setForm(initial);
                setErrors({});
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="button-group">
          <Button type="button" secondary onClick={() => setEditing(true)} aria-expanded={false}>
            Change details<span className="visually-hidden"> of {org.name}</span>
          </Button>
          {!(own && org.active) && (
            <Button type="button" secondary={!org.active} warning={org.active} busy={busy} onClick={switchActive}>
              {org.active ? 'Deactivate' : 'Reactivate'}
              <span className="visually-hidden"> {org.name}</span>
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

function NewOrganisation({ regions, onCreated }: { regions: Region[]; onCreated: () => void }) {
  const empty = { name: '', kind: '', regions: [] as string[], services: '', capacity: '' };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const { problems, name, services, capacity } = parseDetails(form);
    if (!form.kind) problems.kind = 'Choose what kind of organisation it is';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await gql(CreateOrganisationDocument, {
        input: { name, kind: form.kind as OrganisationKind, regions: form.regions, services, capacity },
      });
      flash(`${name} added`, true);
      setForm(empty);
      onCreated();
    } catch (err) {
      setErrors(errorsFrom(err, ['name', 'kind', 'regions', 'services', 'capacity']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="section" aria-labelledby="new-organisation-title">
      <h2 id="new-organisation-title">Add an organisation</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary
          errors={errors}
          labels={{ name: 'Name', kind: 'Kind', regions: 'Regions it covers', services: 'Services it offers', capacity: 'Open referrals' }}
        />
        <DetailFields form={form} set={(p) => setForm({ ...form, ...p })} errors={errors} regions={regions} />
        <Select
          name="kind"
          label="Kind"
          hint="What the organisation does decides what it may see by default"
          value={form.kind}
          onChange={(v) => setForm({ ...form, kind: v })}
          placeholder="Choose a kind"
          options={options(ORG_KINDS)}
          error={errors.kind}
        />
        <Button busy={busy}>Add organisation</Button>
      </form>
    </section>
  );
}

/** The Organisations screen, for hub admins. */
export function Organisations() {
  usePageTitle('Organisations');
  const { viewer } = useSession();
  const allowed = mayRunHub(viewer);
  const regions = useRegions();
  const cursors = useCursors('organisations');
  const q = useQuery(
    () => (allowed ? gql(HubOrganisationsDocument, { first: PAGE, after: cursors.after }) : Promise.resolve(null)),
    [allowed, cursors.after],
  );
  if (!allowed) return <NotFound />;
  const fallback = queryFallback(q, 'Page', 'Loading organisations…');
  if (fallback) return fallback;
  const { totalCount, edges, pageInfo } = q.data!.organisationPage;
  const start = (cursors.page - 1) * PAGE;
  return (
    <>
      <h1>Organisations</h1>
      <p className="lead">The partners working on the hub: what each is, where it works and what it offers.</p>
      <NewOrganisation regions={regions} onCreated={q.reload} />
      <section className="section" aria-labelledby="organisations-title">
        <h2 id="organisations-title">The organisations</h2>
        <p>
          {totalCount} organisations, by name{totalCount > PAGE ? `: ${start + 1} to ${start + edges.length}` : ''}.
        </p>
        <ul className="card-list">
          {edges.map(({ node: o }) => (
            <OrganisationCard
              key={`${o.id}-${o.version}`}
              org={o}
              own={o.id === viewer.organisation.id}
              regions={regions}
              onChanged={q.reload}
            />
          ))}
        </ul>
        <Pagination page={cursors.page} pageInfo={pageInfo} cursors={cursors} />
      </section>
    </>
  );
}
