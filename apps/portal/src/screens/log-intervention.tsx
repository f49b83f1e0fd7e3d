import { type SubmitEvent, useState } from 'react';
import { gql } from '../api';
import { graphql } from '../gql';
import type { LogInterventionInput } from '../gql/graphql';
import { flash } from '../flash';
import { Button, type Errors, ErrorSummary, errorsFrom, isIsoDate, Radios, Select, TextArea, TextField } from '../forms';
import { Link, navigate, usePageTitle } from '../router';
import { useDraft } from '../session';
import { useQuery } from '../use-query';
import { options, STATUSES, today } from '../vocabulary';
import { NotFound } from './not-found';
import { personName } from './people-table';

const LogInterventionFormDocument = graphql(`
  query LogInterventionForm($id: ID!) {
    person(id: $id) {
      id
      givenName
      familyName
    }
    interventionTypes {
      code
      name
      groupName
      outcomeKind
      active
    }
  }
`);

const LogInterventionDocument = graphql(`
  mutation LogIntervention($input: LogInterventionInput!) {
    logIntervention(input: $input) {
      id
    }
  }
`);

const LABELS: Record<string, string> = {
  typeCode: 'What did you do?',
  status: 'Status',
  occurredAt: 'Date',
  notes: 'Notes',
  'job.employer': 'Employer',
  'job.sector': 'Sector',
  'job.hoursPerWeek': 'Hours per week',
  'job.startDate': 'Start date',
  'qualification.qualification': 'Qualification',
  'qualification.level': 'Level',
  'qualification.awardedOn': 'Date awarded',
};
const FIELDS = Object.keys(LABELS);

const GROUPS: Record<string, string> = {
  employability: 'Employability',
  skills: 'Skills',
  training: 'Training',
  employment: 'Employment',
  support: 'Support',
};

const EMPTY = {
  typeCode: '',
  status: 'COMPLETED',
  occurredAt: '',
  notes: '',
  employer: '',
  sector: '',
  hoursPerWeek: '',
  startDate: '',
  qualification: '',
  level: '',
  awardedOn: '',
};

export function LogIntervention({ personId }: { personId: string }) {
  const q = useQuery(LogInterventionFormDocument, { id: personId });
  const [draft, update, clear] = useDraft(`log-${personId}`, { ...EMPTY, occurredAt: today() });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  usePageTitle('Log an intervention');

  if (q.error?.code === 'NOT_FOUND' || q.error?.code === 'BAD_USER_INPUT') return <NotFound what="Person" />;
  if (q.error)
    return (
      <p className="error-message" role="alert">
        {q.error.message}
      </p>
    );
  const types = (q.data?.interventionTypes ?? []).filter((t) => t.active);
  const type = types.find((t) => t.code === draft.typeCode);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!type) found.typeCode = 'Select what you did';
    if (!draft.status) found.status = 'Select a status';
    if (!isIsoDate(draft.occurredAt)) found.occurredAt = 'Enter the date as year-month-day, like 2026-10-20';
    if (type?.outcomeKind === 'JOB') {
      if (!draft.employer.trim()) found['job.employer'] = 'Enter the employer';
      if (!draft.sector.trim()) found['job.sector'] = 'Enter the sector';
      if (!/^\d+$/.test(draft.hoursPerWeek.trim())) found['job.hoursPerWeek'] = 'Enter the hours per week as a whole number';
      if (!isIsoDate(draft.startDate)) found['job.startDate'] = 'Enter the start date as year-month-day, like 2026-10-20';
    }
    if (type?.outcomeKind === 'QUALIFICATION' && draft.awardedOn && !isIsoDate(draft.awardedOn))
      found['qualification.awardedOn'] = 'Enter the date as year-month-day';
    setErrors(found);
    if (Object.keys(found).length) return;
    const input: LogInterventionInput = {
      personId,
      typeCode: draft.typeCode,
      status: draft.status as LogInterventionInput['status'],
      occurredAt: `${draft.occurredAt}T12:00:00Z`,
      notes: draft.notes.trim() || null,
    };
    if (type!.outcomeKind === 'JOB') {
      input.job = {
        employer: draft.employer.trim(),
        sector: draft.sector.trim(),
        hoursPerWeek: Number(draft.hoursPerWeek),
        startDate: draft.startDate,
      };
    }
    if (type!.outcomeKind === 'QUALIFICATION' && draft.qualification.trim()) {
      input.qualification = {
        qualification: draft.qualification.trim(),
        level: draft.level.trim() || null,
        awardedOn: draft.awardedOn || null,
      };
    }
    setBusy(true);
    try {
      await gql(LogInterventionDocument, { input });
      clear();
      flash(`${type!.name} logged`);
      navigate(`/people/${personId}`);
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHENTICATED') return;
      setErrors(errorsFrom(err, FIELDS));
      setBusy(false);
    }
  }

  const field = (name: string, key: keyof typeof EMPTY, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField name={name} label={LABELS[name]} value={draft[key]} onChange={(v) => update({ [key]: v })} error={errors[name]} {...extra} />
  );

  return (
    <div className="two-thirds">
      <ErrorSummary errors={errors} labels={LABELS} />
      {q.data && <span className="caption">{personName(q.data.person)}</span>}
      <h1>Log an intervention</h1>
      {!q.data ? (
        <p className="loading" role="status">
          Loading the catalogue…
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Select
            name="typeCode"
            label={LABELS.typeCode}
            value={draft.typeCode}
            onChange={(typeCode) => update({ typeCode })}
            placeholder="Choose a type of intervention"
            options={types.map((t) => ({ value: t.code, label: t.name, group: GROUPS[t.groupName] ?? t.groupName }))}
            error={errors.typeCode}
          />
          <Radios
            name="status"
            label={LABELS.status}
            value={draft.status}
            onChange={(status) => update({ status })}
            options={options(STATUSES)}
            error={errors.status}
          />
          {field('occurredAt', 'occurredAt', { hint: 'When it happened, for example 2026-10-20', width: 'medium', inputMode: 'numeric' })}
          {type?.outcomeKind === 'JOB' && (
            <fieldset className="fieldset fieldset--boxed">
              <legend className="legend">The job</legend>
              {field('job.employer', 'employer')}
              {field('job.sector', 'sector', { hint: 'For example, Construction or Traffic management' })}
              {field('job.hoursPerWeek', 'hoursPerWeek', { width: 'short', inputMode: 'numeric' })}
              {field('job.startDate', 'startDate', { hint: 'For example, 2026-10-20', width: 'medium', inputMode: 'numeric' })}
            </fieldset>
          )}
          {type?.outcomeKind === 'QUALIFICATION' && (
            <fieldset className="fieldset fieldset--boxed">
              <legend className="legend">The qualification</legend>
              {field('qualification.qualification', 'qualification', {
                hint: 'If the course was completed and a qualification gained, for example CSCS Labourer card',
              })}
              {field('qualification.level', 'level', { hint: 'Optional, for example Level 1', width: 'medium' })}
              {field('qualification.awardedOn', 'awardedOn', {
                hint: 'Optional, for example 2026-10-20',
                width: 'medium',
                inputMode: 'numeric',
              })}
            </fieldset>
          )}
          <TextArea
            name="notes"
            label={LABELS.notes}
            hint="Optional. Other partners who may see this category will read it."
            value={draft.notes}
            onChange={(notes) => update({ notes })}
            error={errors.notes}
          />
          <div className="button-group">
            <Button busy={busy}>Log intervention</Button>
            <Link to={`/people/${personId}`}>Cancel</Link>
          </div>
        </form>
      )}
    </div>
  );
}
