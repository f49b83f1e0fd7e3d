import { type SubmitEvent, useState } from 'react';
import { gql } from '../api';
import { graphql } from '../gql';
import type { GrantConsentInput } from '../gql/graphql';
import { flash } from '../flash';
import { useSession } from '../session-context';
import { Button, Checkbox, type Errors, ErrorSummary, errorsFrom, isIsoDate, Radios, Select, TextArea, TextField } from '../forms';
import { Link, navigate, usePageTitle } from '../router';
import { useDraft } from '../session';
import { useQuery } from '../use-query';
import { CATEGORIES, METHODS, options, ORG_KINDS, PURPOSES } from '../vocabulary';
import { NotFound, queryFallback } from './not-found';
import { personName } from './people-table';

const ConsentFormDocument = graphql(`
  query ConsentForm($id: ID!) {
    person(id: $id) {
      id
      givenName
      familyName
    }
    organisations {
      id
      name
      kind
    }
    consentPurposes {
      purpose
      categories
    }
  }
`);

const GrantConsentDocument = graphql(`
  mutation GrantConsent($input: GrantConsentInput!) {
    grantConsent(input: $input) {
      id
      status
    }
  }
`);

const WithdrawConsentFormDocument = graphql(`
  query WithdrawConsentForm($id: ID!) {
    person(id: $id) {
      id
      givenName
      familyName
      consents {
        id
        purpose
        status
      }
    }
  }
`);

const WithdrawConsentDocument = graphql(`
  mutation WithdrawConsent($input: WithdrawConsentInput!) {
    withdrawConsent(input: $input) {
      id
      status
    }
  }
`);

const LABELS: Record<string, string> = {
  purpose: 'What may their information be shared for?',
  target: 'Who may it be shared with?',
  organisationId: 'Organisation',
  organisationKind: 'Kind of organisation',
  method: 'How did they give consent?',
  expiresAt: 'Consent ends on',
  evidenceNote: 'Evidence',
  personPresent: 'The person is here with me and agrees',
};

export function ConsentForm({ personId }: { personId: string }) {
  const { viewer } = useSession();
  usePageTitle('Record consent');
  const q = useQuery(ConsentFormDocument, { id: personId });
  const [draft, update, clear] = useDraft(`consent-${personId}`, {
    purpose: '',
    target: 'mine',
    organisationId: '',
    organisationKind: '',
    method: '',
    expiresAt: '',
    evidenceNote: '',
    personPresent: false,
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  if (q.error?.code === 'NOT_FOUND' || q.error?.code === 'BAD_USER_INPUT') return <NotFound what="Person" />;
  if (q.error)
    return (
      <p className="error-message" role="alert">
        {q.error.message}
      </p>
    );

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!draft.purpose) found.purpose = 'Select what their information may be shared for';
    if (draft.target === 'organisation' && !draft.organisationId) found.organisationId = 'Select the organisation';
    if (draft.target === 'kind' && !draft.organisationKind) found.organisationKind = 'Select the kind of organisation';
    if (!draft.method) found.method = 'Select how they gave consent';
    if (draft.expiresAt && !isIsoDate(draft.expiresAt)) found.expiresAt = 'Enter the date as year-month-day, like 2027-10-20';
    if (!draft.personPresent) found.personPresent = 'Consent can only be recorded with the person present';
    setErrors(found);
    if (Object.keys(found).length) return;
    const input: GrantConsentInput = {
      personId,
      purpose: draft.purpose as GrantConsentInput['purpose'],
      method: draft.method as GrantConsentInput['method'],
      personPresent: true,
      evidenceNote: draft.evidenceNote.trim() || null,
      expiresAt: draft.expiresAt ? `${draft.expiresAt}T23:59:59Z` : null,
    };
    if (draft.target === 'kind') input.organisationKind = draft.organisationKind as GrantConsentInput['organisationKind'];
    else input.organisationId = draft.target === 'mine' ? viewer.organisation.id : draft.organisationId;
    setBusy(true);
    try {
      await gql(GrantConsentDocument, { input });
      clear();
      flash('Consent recorded');
      navigate(`/people/${personId}`);
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHENTICATED') return;
      const found = errorsFrom(err, Object.keys(LABELS));
      // "Your organisation" has no organisation field on the form: a refusal about the recipient goes next to "Who may it be shared with?".
      if (draft.target === 'mine' && found.organisationId) {
        found.target = found.organisationId;
        delete found.organisationId;
      }
      setErrors(found);
      setBusy(false);
    }
  }

  /** The categories a consent for `purpose` covers, as the hub says (Query.consentPurposes). */
  const covered = (purpose: string): string[] => q.data?.consentPurposes.find((p) => p.purpose === purpose)?.categories ?? [];

  return (
    <div className="two-thirds">
      <ErrorSummary errors={errors} labels={LABELS} />
      {q.data && <span className="caption">{personName(q.data.person)}</span>}
      <h1>Record consent</h1>
      <p>
        Record consent only with the person present, after explaining what will be shared, with whom and why, and that they can withdraw it
        at any time.
      </p>
      {!q.data ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Radios
            name="purpose"
            label={LABELS.purpose}
            value={draft.purpose}
            onChange={(purpose) => update({ purpose })}
            options={Object.entries(PURPOSES).map(([value, label]) => ({
              value,
              label:
                value === 'ETE'
                  ? `${label} (covers progress, training and job outcomes)`
                  : value === 'REFERRAL'
                    ? `${label} (to be referred to them: covers who the person is, nothing more)`
                    : `${label} (covers ${covered(value)
                        .map((c) => CATEGORIES[c].toLowerCase())
                        .join(' and ')} information)`,
            }))}
            error={errors.purpose}
          />
          <Radios
            name="target"
            label={LABELS.target}
            value={draft.target}
            onChange={(target) => update({ target })}
            options={[
              { value: 'mine', label: `My organisation (${viewer.organisation.name})` },
              { value: 'organisation', label: 'Another organisation' },
              { value: 'kind', label: 'Every organisation of a kind' },
            ]}
            error={errors.target}
          />
          {draft.target === 'organisation' && (
            <Select
              name="organisationId"
              label={LABELS.organisationId}
              value={draft.organisationId}
              onChange={(organisationId) => update({ organisationId })}
              placeholder="Choose an organisation"
              options={q.data.organisations.map((o) => ({
                value: o.id,
                label: `${o.name} (${ORG_KINDS[o.kind]?.toLowerCase() ?? o.kind})`,
              }))}
              error={errors.organisationId}
            />
          )}
          {draft.target === 'kind' && (
            <Select
              name="organisationKind"
              label={LABELS.organisationKind}
              value={draft.organisationKind}
              onChange={(organisationKind) => update({ organisationKind })}
              placeholder="Choose a kind"
              options={options(ORG_KINDS)}
              error={errors.organisationKind}
            />
          )}
          <Radios
            name="method"
            label={LABELS.method}
            value={draft.method}
            onChange={(method) => update({ method })}
            options={options(METHODS)}
            error={errors.method}
          />
          <TextField
            name="expiresAt"
            label={LABELS.expiresAt}
            hint="Optional, for example 2027-10-20"
            value={draft.expiresAt}
            onChange={(expiresAt) => update({ expiresAt })}
            error={errors.expiresAt}
            width="medium"
            inputMode="numeric"
          />
          <TextArea
            name="evidenceNote"
            label={LABELS.evidenceNote}
            hint="Optional, for example where the signed form is kept"
            value={draft.evidenceNote}
            onChange={(evidenceNote) => update({ evidenceNote })}
            error={errors.evidenceNote}
          />
          <Checkbox
            name="personPresent"
            label={LABELS.personPresent}
            checked={draft.personPresent}
            onChange={(personPresent) => update({ personPresent })}
            error={errors.personPresent}
          />
          <div className="button-group">
            <Button busy={busy}>Record consent</Button>
            <Link to={`/people/${personId}`}>Cancel</Link>
          </div>
        </form>
      )}
    </div>
  );
}

export function WithdrawConsent({ personId, consentId }: { personId: string; consentId: string }) {
  usePageTitle('Withdraw consent');
  const q = useQuery(WithdrawConsentFormDocument, { id: personId });
  const [draft, update, clear] = useDraft(`withdraw-${consentId}`, { reason: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const fallback = queryFallback(q, 'Person');
  if (fallback || !q.data) return fallback;
  const consent = q.data.person.consents.find((c) => c.id === consentId);
  if (!consent) return <NotFound what="Consent" />;

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (!draft.reason.trim()) {
      setErrors({ reason: 'Enter why the consent is withdrawn' });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await gql(WithdrawConsentDocument, { input: { consentId, reason: draft.reason.trim() } });
      clear();
      flash('Consent withdrawn. Partners relying on it lose access from their next request.');
      navigate(`/people/${personId}`);
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHENTICATED') return;
      setErrors(errorsFrom(err, ['reason']));
      setBusy(false);
    }
  }

  return (
    <div className="two-thirds">
      <ErrorSummary errors={errors} labels={{ reason: 'Reason' }} />
      <span className="caption">{personName(q.data.person)}</span>
      <h1>Withdraw consent for {PURPOSES[consent.purpose]?.toLowerCase() ?? consent.purpose}</h1>
      <p>Partners who see information only because of this consent lose access from their next request.</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextArea
          name="reason"
          label="Reason"
          hint="For example, the person asked to stop sharing"
          value={draft.reason}
          onChange={(reason) => update({ reason })}
          error={errors.reason}
        />
        <div className="button-group">
          <Button busy={busy} warning>
            Withdraw consent
          </Button>
          <Link to={`/people/${personId}`}>Cancel</Link>
        </div>
      </form>
    </div>
  );
}
