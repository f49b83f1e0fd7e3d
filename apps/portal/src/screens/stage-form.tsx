// Changing a person's progression stage, with why: the change and the reason go into the record's
// history (and to the partners who may read the stage).
import { type SubmitEvent, useState } from 'react';
import { ApiError } from '../api';
import { flash } from '../flash';
import { Button, type Errors, ErrorSummary, errorsFrom, Radios, TextArea } from '../forms';
import { changeStage, personStage } from '../record-api';
import { Link, navigate, usePageTitle } from '../router';
import { useQuery } from '../use-query';
import { options, STAGES } from '../vocabulary';
import { queryFallback } from './not-found';
import { personName, Withheld } from './people-table';

const LABELS = { stage: 'Which stage are they at now?', reason: 'Why has the stage changed?' };

export function ChangeStage({ personId }: { personId: string }) {
  const q = useQuery(() => personStage(personId), [personId]);
  const [stage, setStage] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  usePageTitle('Change the progression stage');
  const fallback = queryFallback(q, 'Person');
  if (fallback || !q.data) return fallback;
  const p = q.data;
  const chosen = stage ?? p.stage ?? '';
  if (p.withheldFields.includes('stage'))
    return (
      <>
        <span className="caption">{personName(p)}</span>
        <h1>Change the progression stage</h1>
        <p>
          Their stage is <Withheld what="stage" /> from you, so you cannot change it.{' '}
          <Link to={`/people/${personId}`}>Back to the record</Link>
        </p>
      </>
    );

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const out: Errors = {};
    if (!chosen) out.stage = 'Select the stage they are at';
    else if (chosen === p.stage) out.stage = 'Select a different stage, or cancel';
    if (reason.trim().length < 3) out.reason = 'Enter why the stage has changed (at least 3 characters)';
    else if (reason.trim().length > 500) out.reason = 'The reason must be 500 characters or fewer';
    setErrors(out);
    if (Object.keys(out).length) return;
    setBusy(true);
    try {
      await changeStage({ id: p.id, version: p.version, stage: chosen, reason: reason.trim() });
      flash(`Progression stage changed to ${STAGES[chosen].toLowerCase()}`);
      navigate(`/people/${personId}`);
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHENTICATED') return;
      const found = errorsFrom(err, Object.keys(LABELS));
      if (err instanceof ApiError && err.code === 'CONFLICT') {
        found._form = 'Someone else changed the record meanwhile. The stage shown is now theirs: check it and try again.';
        setStage(null);
        q.reload();
      }
      if (err instanceof ApiError && err.code === 'FORBIDDEN') found._form = 'Your organisation may not change this person’s stage.';
      setErrors(found);
      setBusy(false);
    }
  }

  return (
    <div className="two-thirds">
      <ErrorSummary errors={errors} labels={LABELS} />
      <span className="caption">{personName(p)}</span>
      <h1>Change the progression stage</h1>
      <p>Now: {p.stage ? STAGES[p.stage] : 'not recorded'}. The change and your reason are kept in the record’s history.</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Radios name="stage" label={LABELS.stage} value={chosen} onChange={setStage} options={options(STAGES)} error={errors.stage} />
        <TextArea
          name="reason"
          label={LABELS.reason}
          hint="For example, started applying for warehouse jobs"
          value={reason}
          onChange={setReason}
          error={errors.reason}
        />
        <div className="button-group">
          <Button busy={busy}>Change stage</Button>
          <Link to={`/people/${personId}`}>Cancel</Link>
        </div>
      </form>
    </div>
  );
}
