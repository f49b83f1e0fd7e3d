// Recording someone new (a walk-in, say). The hub looks for the person first: a known identifier
// returns that record, and records with the same name and date of birth are offered to confirm
// ("this is the same person") before a new record is made, so that nobody gets two records.
import { type SubmitEvent, useState } from 'react';
import { ApiError } from '../api';
import { flash } from '../flash';
import { Button, type Errors, ErrorSummary, errorsFrom, Radios, Select, TextField, typedDate } from '../forms';
import type { CreatePersonInput, IdentifierScheme } from '../gql/graphql';
import { type CreatePersonAnswer, createPerson } from '../record-api';
import { mayRecordPeople } from '../roles';
import { Link, navigate, usePageTitle } from '../router';
import { useSession } from '../session-context';
import { regionName, regionOptions, useRegions } from '../regions-api';
import { formatDate, options, SCHEMES } from '../vocabulary';
import { personName, Withheld } from './people-table';

const LABELS: Record<string, string> = {
  givenName: 'First name',
  familyName: 'Last name',
  dateOfBirth: 'Date of birth',
  region: 'Region',
  scheme: 'Identifier type',
  value: 'Identifier',
  choice: 'Is this the person you are recording?',
};
const FIELDS = [...Object.keys(LABELS), 'identifiers', 'identifiers.0.value', 'identifiers.0.scheme'];
const NEW = 'new';

interface Draft {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  region: string;
  scheme: string;
  value: string;
}

export function NewPerson() {
  const { viewer } = useSession();
  const [draft, setDraft] = useState<Draft>({ givenName: '', familyName: '', dateOfBirth: '', region: '', scheme: '', value: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  // The hub's answer when it found records that may be this person: the confirm step.
  const [found, setFound] = useState<{ input: CreatePersonInput; answer: CreatePersonAnswer } | null>(null);
  const [choice, setChoice] = useState('');
  const regions = useRegions();
  usePageTitle(found ? 'Is this the same person?' : 'Record someone new');
  const update = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  if (!mayRecordPeople(viewer))
    return (
      <>
        <h1>Record someone new</h1>
        <p>Only caseworkers and managers record people. Ask a caseworker in your organisation.</p>
      </>
    );

  async function send(input: CreatePersonInput) {
    setBusy(true);
    try {
      const answer = await createPerson(input);
      if (answer.outcome === 'CREATED' && answer.person) {
        flash(`${personName(answer.person)}’s record was created. You are their case owner.`);
        navigate(`/people/${answer.person.id}`);
        return;
      }
      setFound({ input, answer });
      setChoice('');
      setErrors({});
      setBusy(false);
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHENTICATED') return;
      const out = errorsFrom(err, FIELDS);
      if (out['identifiers.0.value'] || out.identifiers) {
        out.value = out['identifiers.0.value'] ?? out.identifiers;
        delete out['identifiers.0.value'];
        delete out.identifiers;
      }
      if (err instanceof ApiError && err.code === 'ALREADY_EXISTS') {
        delete out._form;
        out.value =
          'A record with this identifier exists, held by organisations that do not work with you. Ask the organisation working with the person (such as their probation officer) to refer them to you.';
      }
      setErrors(out);
      setBusy(false);
    }
  }

  function submit(e: SubmitEvent) {
    e.preventDefault();
    const out: Errors = {};
    if (!draft.givenName.trim()) out.givenName = 'Enter their first name';
    else if (draft.givenName.trim().length > 100) out.givenName = 'The first name must be 100 characters or fewer';
    if (!draft.familyName.trim()) out.familyName = 'Enter their last name';
    else if (draft.familyName.trim().length > 100) out.familyName = 'The last name must be 100 characters or fewer';
    const dob = typedDate(draft.dateOfBirth);
    if (!draft.dateOfBirth.trim()) out.dateOfBirth = 'Enter their date of birth';
    else if (!dob) out.dateOfBirth = 'Enter a real date of birth, like 23/01/1990';
    else if (dob > new Date().toISOString().slice(0, 10)) out.dateOfBirth = 'The date of birth must be in the past';
    if (draft.value.trim() && !draft.scheme) out.scheme = 'Select the identifier type, or leave the identifier empty';
    if (draft.scheme && !draft.value.trim()) out.value = 'Enter the identifier, or choose no identifier type';
    else if (draft.value.trim() && !/^[A-Za-z0-9/ -]{2,40}$/.test(draft.value.trim()))
      out.value = 'An identifier is 2 to 40 letters, digits, spaces, / or -';
    setErrors(out);
    if (Object.keys(out).length) return;
    void send({
      givenName: draft.givenName.trim(),
      familyName: draft.familyName.trim(),
      dateOfBirth: dob!,
      region: draft.region || null,
      identifiers: draft.value.trim() ? [{ scheme: draft.scheme as IdentifierScheme, value: draft.value.trim() }] : [],
      confirmNew: false,
    });
  }

  function confirm(e: SubmitEvent) {
    e.preventDefault();
    if (!choice) {
      setErrors({ choice: 'Select the person, or that none of them is' });
      return;
    }
    if (choice === NEW) void send({ ...found!.input, confirmNew: true });
    else navigate(`/people/${choice}`);
  }

  if (found?.answer.outcome === 'EXISTING' && found.answer.person)
    return (
      <div className="two-thirds">
        <h1>This person already has a record</h1>
        <p>A record with this identifier exists and your organisation can see it. Nothing new was recorded.</p>
        <div className="button-group">
          <Link to={`/people/${found.answer.person.id}`} className="button">
            Go to {personName(found.answer.person)}’s record
          </Link>
          <Link to="/people/new" onClick={() => setFound(null)}>
            Record someone else
          </Link>
        </div>
      </div>
    );

  if (found)
    return (
      <div className="two-thirds">
        <ErrorSummary errors={errors} labels={LABELS} />
        <h1>Is this the same person?</h1>
        <p>
          The hub holds {found.answer.candidates.length + found.answer.hiddenCandidates === 1 ? 'a record' : 'records'} for{' '}
          {found.input.givenName} {found.input.familyName}, born {formatDate(found.input.dateOfBirth)}. Check before you make a new one: two
          records for one person split their history between partners.
        </p>
        {found.answer.hiddenCandidates > 0 && (
          <p className="inset-text">
            {found.answer.hiddenCandidates === 1 ? 'One of them is' : `${found.answer.hiddenCandidates} of them are`} held by organisations
            that do not work with you, so you cannot see {found.answer.hiddenCandidates === 1 ? 'it' : 'them'}. If the person is known to
            probation or another partner, ask that organisation to refer them to you rather than making a second record.
          </p>
        )}
        <form onSubmit={confirm} noValidate>
          <Radios
            name="choice"
            label={LABELS.choice}
            value={choice}
            onChange={setChoice}
            error={errors.choice}
            options={[
              ...found.answer.candidates.map((c) => ({
                value: c.id,
                label: `Yes, ${personName(c)}, born ${formatDate(c.dateOfBirth)}${c.region ? `, ${regionName(regions, c.region)}` : ''}: go to their record`,
              })),
              { value: NEW, label: 'No, none of these: create a new record' },
            ]}
          />
          {found.answer.candidates.some((c) => c.withheldFields.length > 0) && (
            <p className="hint">
              Some of their details are <Withheld what="details" /> from you: open the record to see what you may.
            </p>
          )}
          <div className="button-group">
            <Button busy={busy}>Continue</Button>
            <button type="button" className="button button--secondary" onClick={() => setFound(null)}>
              Change the details
            </button>
          </div>
        </form>
      </div>
    );

  return (
    <div className="two-thirds">
      <ErrorSummary errors={errors} labels={LABELS} />
      <h1>Record someone new</h1>
      <p>
        Search first: the person may already have a record. The hub checks for a record with the same name and date of birth, or the same
        identifier, before it makes a new one.
      </p>
      <form onSubmit={submit} noValidate>
        <TextField
          name="givenName"
          label={LABELS.givenName}
          value={draft.givenName}
          onChange={(givenName) => update({ givenName })}
          error={errors.givenName}
          autoComplete="off"
        />
        <TextField
          name="familyName"
          label={LABELS.familyName}
          value={draft.familyName}
          onChange={(familyName) => update({ familyName })}
          error={errors.familyName}
          autoComplete="off"
        />
        <TextField
          name="dateOfBirth"
          label={LABELS.dateOfBirth}
          hint="For example, 23/01/1990"
          value={draft.dateOfBirth}
          onChange={(dateOfBirth) => update({ dateOfBirth })}
          error={errors.dateOfBirth}
          width="medium"
          inputMode="numeric"
        />
        <Select
          name="region"
          label={LABELS.region}
          hint="Optional"
          value={draft.region}
          onChange={(region) => update({ region })}
          placeholder="Not known"
          options={regionOptions(regions)}
          error={errors.region}
        />
        <Select
          name="scheme"
          label={LABELS.scheme}
          hint="Optional: an identifier finds the person’s record if they have one"
          value={draft.scheme}
          onChange={(scheme) => update({ scheme })}
          placeholder="No identifier"
          options={options(SCHEMES)}
          error={errors.scheme}
        />
        <TextField
          name="value"
          label={LABELS.value}
          hint="For example, a PNC number or National Insurance number"
          value={draft.value}
          onChange={(value) => update({ value })}
          error={errors.value}
          width="medium"
          autoComplete="off"
        />
        <div className="button-group">
          <Button busy={busy}>Continue</Button>
          <Link to="/search">Cancel</Link>
        </div>
      </form>
    </div>
  );
}
