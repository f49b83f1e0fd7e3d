// Data protection officers and hub admins: the sharing agreements (sharingAgreements), what each opens (the
// categories, for which parties and purposes, on which basis, from when to when), a new one
// (createSharingAgreement) and ending one with a reason, confirmed (endSharingAgreement).
import { type SubmitEvent, useState } from 'react';
import { gql } from '../api';
import { flash } from '../flash';
import { Button, Checkboxes, type Errors, ErrorSummary, errorsFrom, Select, TextField, typedDate } from '../forms';
import { graphql } from '../gql';
import type { ConsentPurpose, DataCategory, LawfulBasis, SharingAgreementsAdminQuery } from '../gql/graphql';
import { mayReviewAccess } from '../roles';
import { usePageTitle } from '../router';
import { useSession } from '../session-context';
import { formatDateTime } from '../times';
import { useQuery } from '../use-query';
import { NotFound, queryFallback } from './not-found';

const SharingAgreementsAdminDocument = graphql(`
  query SharingAgreementsAdmin {
    sharingAgreements {
      id
      name
      lawfulBasis
      categories
      purposes
      partyOrganisationIds
      partyKinds
      validFrom
      validTo
      inForce
      endedReason
    }
    organisations {
      id
      name
    }
  }
`);

const CreateSharingAgreementDocument = graphql(`
  mutation CreateSharingAgreement($input: CreateSharingAgreementInput!) {
    createSharingAgreement(input: $input) {
      id
    }
  }
`);

const EndSharingAgreementDocument = graphql(`
  mutation EndSharingAgreement($input: EndSharingAgreementInput!) {
    endSharingAgreement(input: $input) {
      id
      inForce
    }
  }
`);

type Agreement = SharingAgreementsAdminQuery['sharingAgreements'][number];
const CATEGORIES: DataCategory[] = [
  'IDENTITY',
  'OFFENDING',
  'RISK',
  'HEALTH',
  'SUBSTANCE_MISUSE',
  'ETE',
  'EMPLOYMENT',
  'ACCOMMODATION',
  'FINANCE',
  'FAMILY',
];
const PURPOSES: ConsentPurpose[] = ['ACCOMMODATION', 'ETE', 'FAMILY', 'FINANCE', 'HEALTH', 'REFERRAL', 'SUBSTANCE_MISUSE'];
const BASES: LawfulBasis[] = ['PUBLIC_TASK', 'LEGAL_OBLIGATION', 'LEGITIMATE_INTERESTS', 'CONSENT'];
const words = (v: string) => v.toLowerCase().replace(/_/g, ' ');

function AgreementCard({ agreement, names, onEnded }: { agreement: Agreement; names: Map<string, string>; onEnded: () => void }) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const field = `end-${agreement.id}`;
  async function end(e: SubmitEvent) {
    e.preventDefault();
    if (reason.trim().length < 3) {
      setErrors({ [field]: 'Say why the agreement ends' });
      return;
    }
    if (!window.confirm(`End "${agreement.name}" now? What it opens closes for every party.`)) return;
    setBusy(true);
    try {
      await gql(EndSharingAgreementDocument, { input: { agreementId: agreement.id, reason: reason.trim() } });
      flash(`${agreement.name} ended`, true);
      onEnded();
    } catch (err) {
      setErrors(errorsFrom(err, []));
    } finally {
      setBusy(false);
    }
  }
  const parties = [
    ...agreement.partyOrganisationIds.map((id) => names.get(id) ?? id),
    ...agreement.partyKinds.map((k) => `every ${words(k)}`),
  ];
  return (
    <li className="card">
      <h3 className="card__title">
        {agreement.name} {agreement.inForce ? '' : '(not in force)'}
      </h3>
      <p>
        Opens {agreement.categories.map(words).join(', ')} to {parties.join(', ')}, for {agreement.purposes.map(words).join(', ')}, on{' '}
        {words(agreement.lawfulBasis)}. From {formatDateTime(agreement.validFrom)}
        {agreement.validTo ? ` until ${formatDateTime(agreement.validTo)}` : ''}.
        {agreement.endedReason ? ` Ended: ${agreement.endedReason}.` : ''}
      </p>
      {agreement.inForce && (
        <form onSubmit={(e) => void end(e)} noValidate className="inline-form">
          <ErrorSummary errors={errors} labels={{ [field]: `Why ${agreement.name} ends` }} />
          <TextField name={field} label={`Why ${agreement.name} ends`} value={reason} onChange={setReason} error={errors[field]} />
          <Button warning busy={busy}>
            End<span className="visually-hidden"> {agreement.name}</span>
          </Button>
        </form>
      )}
    </li>
  );
}

function NewAgreement({ organisations, onCreated }: { organisations: { id: string; name: string }[]; onCreated: () => void }) {
  const empty = {
    name: '',
    lawfulBasis: 'PUBLIC_TASK',
    categories: [] as string[],
    purposes: [] as string[],
    parties: [] as string[],
    validFrom: '',
    validTo: '',
  };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const problems: Errors = {};
    const from = form.validFrom.trim() ? typedDate(form.validFrom) : new Date().toISOString().slice(0, 10);
    const to = form.validTo.trim() ? typedDate(form.validTo) : null;
    if (form.name.trim().length < 3) problems.name = 'Enter the agreement’s name';
    if (!form.categories.length) problems.categories = 'Choose what it opens';
    if (!form.purposes.length) problems.purposes = 'Choose what for';
    if (form.parties.length < 2) problems.parties = 'Choose at least two organisations';
    if (!from) problems.validFrom = 'Enter the first day, for example 2026-12-01';
    if (form.validTo.trim() && !to) problems.validTo = 'Enter the last day, for example 2027-11-30, or leave it empty';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await gql(CreateSharingAgreementDocument, {
        input: {
          name: form.name.trim(),
          lawfulBasis: form.lawfulBasis as LawfulBasis,
          categories: form.categories as DataCategory[],
          purposes: form.purposes as ConsentPurpose[],
          partyOrganisationIds: form.parties,
          validFrom: new Date(`${from}T00:00:00Z`).toISOString(),
          validTo: to ? new Date(`${to}T23:59:59Z`).toISOString() : null,
        },
      });
      flash(`${form.name.trim()} recorded`, true);
      setForm(empty);
      onCreated();
    } catch (err) {
      setErrors(errorsFrom(err, ['name', 'categories', 'purposes', 'validFrom', 'validTo']));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="section" aria-labelledby="new-agreement-title">
      <h2 id="new-agreement-title">Record an agreement</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ErrorSummary
          errors={errors}
          labels={{
            name: 'Name',
            categories: 'What it opens',
            purposes: 'What for',
            parties: 'Parties',
            validFrom: 'From',
            validTo: 'Until',
          }}
        />
        <TextField name="name" label="Name" value={form.name} onChange={(v) => setForm({ ...form, name: v })} error={errors.name} />
        <Select
          name="lawfulBasis"
          label="Lawful basis"
          value={form.lawfulBasis}
          onChange={(v) => setForm({ ...form, lawfulBasis: v })}
          options={BASES.map((b) => ({ value: b, label: words(b) }))}
        />
        <Checkboxes
          name="parties"
          label="Parties"
          values={form.parties}
          onChange={(v) => setForm({ ...form, parties: v })}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          error={errors.parties}
        />
        <Checkboxes
          name="categories"
          label="What it opens"
          values={form.categories}
          onChange={(v) => setForm({ ...form, categories: v })}
          options={CATEGORIES.map((c) => ({ value: c, label: words(c) }))}
          error={errors.categories}
        />
        <Checkboxes
          name="purposes"
          label="What for"
          values={form.purposes}
          onChange={(v) => setForm({ ...form, purposes: v })}
          options={PURPOSES.map((p) => ({ value: p, label: words(p) }))}
          error={errors.purposes}
        />
        <TextField
          name="validFrom"
          label="From (optional)"
          hint="The first day; today when left empty"
          value={form.validFrom}
          onChange={(v) => setForm({ ...form, validFrom: v })}
          error={errors.validFrom}
        />
        <TextField
          name="validTo"
          label="Until (optional)"
          hint="The last day; open-ended when left empty"
          value={form.validTo}
          onChange={(v) => setForm({ ...form, validTo: v })}
          error={errors.validTo}
        />
        <Button busy={busy}>Record the agreement</Button>
      </form>
    </section>
  );
}

/** The sharing agreements screen. */
export function SharingAgreements() {
  usePageTitle('Sharing agreements');
  const { viewer } = useSession();
  const allowed = mayReviewAccess(viewer);
  const q = useQuery(() => (allowed ? gql(SharingAgreementsAdminDocument) : Promise.resolve(null)), [allowed]);
  if (!allowed) return <NotFound />;
  const fallback = queryFallback(q, 'Page', 'Loading agreements…');
  if (fallback) return fallback;
  const names = new Map(q.data!.organisations.map((o) => [o.id, o.name]));
  return (
    <>
      <h1>Sharing agreements</h1>
      <p className="lead">What each agreement lets its parties see without the person’s consent, and for what.</p>
      <ul className="card-list">
        {q.data!.sharingAgreements.map((a) => (
          <AgreementCard key={`${a.id}-${a.inForce}`} agreement={a} names={names} onEnded={q.reload} />
        ))}
      </ul>
      <NewAgreement organisations={q.data!.organisations} onCreated={q.reload} />
    </>
  );
}
