// The 13-week windows opened by job starts, and recording an open one's outcome (recordSustainment).
import { type SubmitEvent, useState } from 'react';
import { gql } from '../../api';
import { graphql } from '../../gql';
import { Button, type Errors, ErrorSummary, errorsFrom, Radios, TextArea } from '../../forms';
import { formatDate, SUSTAINMENT_STATUSES } from '../../vocabulary';
import type { PersonRecord } from './person-record';

const RecordSustainmentDocument = graphql(`
  mutation RecordSustainment($input: RecordSustainmentInput!) {
    recordSustainment(input: $input) {
      id
      status
    }
  }
`);

export type Sustainment = PersonRecord['sustainments'][number];

const LABELS: Record<string, string> = { sustained: 'Was the person still in the job after 13 weeks?', note: 'Note' };
const EARLY_LABELS: Record<string, string> = { note: 'Why did the job end?' };

const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Whether the 13 weeks are still running (the hub counts days in Europe/London): only "not sustained" may be recorded yet. */
export const beforeDue = (s: Sustainment) => londonDay.format(new Date()) < s.dueOn;

function SustainmentForm({
  sustainment,
  onDone,
  onCancel,
}: {
  sustainment: Sustainment;
  onDone: (sustained: boolean) => void;
  onCancel: () => void;
}) {
  const early = beforeDue(sustainment);
  const labels = early ? EARLY_LABELS : LABELS;
  const [draft, setDraft] = useState({ sustained: '', note: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!early && !draft.sustained) found.sustained = 'Select yes if the person was still in the job after 13 weeks';
    if (early && !draft.note.trim()) found.note = 'Enter why the job ended before the 13 weeks were up';
    if (draft.note.trim().length > 1000) found.note = 'The note must be 1000 characters or fewer';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const sustained = !early && draft.sustained === 'yes';
      await gql(RecordSustainmentDocument, {
        input: { sustainmentId: sustainment.id, sustained, note: draft.note.trim() || null },
      });
      onDone(sustained);
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHENTICATED') return;
      setErrors(errorsFrom(err, Object.keys(labels)));
      setBusy(false);
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="inline-form" aria-labelledby="sustainment-form-title">
      <ErrorSummary errors={errors} labels={labels} />
      {early ? (
        <>
          <h3 id="sustainment-form-title">Record that the job started {formatDate(sustainment.startDate)} ended early</h3>
          <p className="hint">
            The 13 weeks are up on {formatDate(sustainment.dueOn)}. Until then you can only record that the person is no longer in the job;
            whether it was sustained is recorded from that day.
          </p>
        </>
      ) : (
        <>
          <h3 id="sustainment-form-title">Record the 13-week outcome of the job started {formatDate(sustainment.startDate)}</h3>
          <Radios
            name="sustained"
            label={LABELS.sustained}
            value={draft.sustained}
            onChange={(sustained) => setDraft((d) => ({ ...d, sustained }))}
            options={[
              { value: 'yes', label: 'Yes, the job was sustained' },
              { value: 'no', label: 'No, the job was not sustained' },
            ]}
            inline
            error={errors.sustained}
          />
        </>
      )}
      <TextArea
        name="note"
        label={labels.note}
        hint={early ? 'For example, the contract ended or the person left' : 'Optional, for example how you checked'}
        value={draft.note}
        onChange={(note) => setDraft((d) => ({ ...d, note }))}
        error={errors.note}
      />
      <div className="button-group">
        <Button busy={busy}>{early ? 'Record that the job ended' : 'Record outcome'}</Button>
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The "Job sustainment (13 weeks)" section; an open window offers recording its outcome. */
export function Sustainments(props: {
  sustainments: Sustainment[];
  /** The employer of each job start shown on the page, by intervention id (a job you may not see has none here). */
  employers: Record<string, string>;
  open: string | null;
  onOpen: (key: string | null) => void;
  onRecorded: (sustained: boolean) => void;
}) {
  const { sustainments, employers, open, onOpen, onRecorded } = props;
  if (!sustainments.length) return null;
  return (
    <section className="section" aria-labelledby="sustainment">
      <h2 id="sustainment">Job sustainment (13 weeks)</h2>
      <ul className="plain-list">
        {sustainments.map((s) => {
          const key = `sustain:${s.id}`;
          return (
            <li key={s.id} data-sustainment={s.id}>
              <p>
                {employers[s.interventionId] ? `Job at ${employers[s.interventionId]} started` : 'Job started'} {formatDate(s.startDate)},
                check due {formatDate(s.dueOn)}:{' '}
                <strong className={`tag${s.status === 'SUSTAINED' ? ' tag--green' : s.status === 'OPEN' ? '' : ' tag--grey'}`}>
                  {SUSTAINMENT_STATUSES[s.status] ?? s.status}
                </strong>
              </p>
              {s.status === 'OPEN' && (
                <button
                  type="button"
                  className="button button--secondary"
                  aria-expanded={open === key}
                  onClick={() => onOpen(open === key ? null : key)}
                >
                  {beforeDue(s) ? 'Record that the job ended' : 'Record the 13-week outcome'}
                  <span className="visually-hidden"> of the job started {formatDate(s.startDate)}</span>
                </button>
              )}
              {open === key && s.status === 'OPEN' && (
                <SustainmentForm
                  sustainment={s}
                  onCancel={() => onOpen(null)}
                  onDone={(sustained) => {
                    onOpen(null);
                    onRecorded(sustained);
                  }}
                />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
