// Changing the status of an intervention your organisation logged (updateIntervention, with its version).
import { type SubmitEvent, useState } from 'react';
import { ApiError, gql } from '../../api';
import { graphql } from '../../gql';
import type { InterventionStatus, UpdateInterventionMutation } from '../../gql/graphql';
import { apiMessage, Button, type Errors, ErrorSummary, errorsFrom, Radios } from '../../forms';
import { formatDate, options, STATUSES } from '../../vocabulary';

const UpdateInterventionDocument = graphql(`
  mutation UpdateIntervention($input: UpdateInterventionInput!) {
    updateIntervention(input: $input) {
      id
      version
      status
    }
  }
`);

export type Changed = UpdateInterventionMutation['updateIntervention'];

interface Props {
  intervention: {
    id: string;
    version: number;
    status: InterventionStatus;
    typeCode: string;
    occurredAt: string;
    outcome: { __typename: string } | null;
  };
  name: string;
  open: string | null;
  onOpen: (key: string | null) => void;
  onChanged: (changed: Changed) => void;
  onReload: () => void;
}

const LABEL = 'Status';
const CONFLICT = 'Someone else changed this intervention after you opened the page. Reload to see their change, then try again.';

function StatusForm({ intervention, name, onChanged, onCancel, onReload }: Omit<Props, 'open' | 'onOpen'> & { onCancel: () => void }) {
  const [status, setStatus] = useState<InterventionStatus>(intervention.status);
  const [errors, setErrors] = useState<Errors>({});
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const job = intervention.outcome?.__typename === 'JobOutcome' || intervention.typeCode === 'job_start';
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (status === intervention.status) {
      setErrors({ status: `The status is already ${STATUSES[status]?.toLowerCase() ?? status}: select another` });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const d = await gql(UpdateInterventionDocument, { input: { id: intervention.id, version: intervention.version, status } });
      onChanged(d.updateIntervention);
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHENTICATED') return;
      const code = err instanceof ApiError ? err.code : '';
      setConflict(code === 'CONFLICT');
      setErrors(
        code === 'CONFLICT'
          ? { _form: CONFLICT }
          : code === 'INVALID_STATE'
            ? { status: apiMessage((err as ApiError).message) }
            : errorsFrom(err, ['status']),
      );
      setBusy(false);
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="inline-form" aria-labelledby="status-form-title">
      <ErrorSummary errors={errors} labels={{ status: LABEL }} />
      <h4 id="status-form-title">
        Change the status of {name} on {formatDate(intervention.occurredAt)}
      </h4>
      <Radios
        name="status"
        label={LABEL}
        hint={
          job
            ? 'Only Started or Completed count as a job. Changed to Planned, Cancelled or Did not attend, the job loses its open 13-week window.'
            : undefined
        }
        value={status}
        onChange={(v) => setStatus(v as InterventionStatus)}
        options={options(STATUSES)}
        error={errors.status}
      />
      <div className="button-group">
        {conflict ? (
          <Button type="button" onClick={onReload}>
            Reload
          </Button>
        ) : (
          <Button busy={busy}>Save status</Button>
        )}
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** "Change status" under an intervention your organisation logged; its form when open. */
export function StatusChange(props: Props) {
  const { intervention, name, open, onOpen } = props;
  const key = `status:${intervention.id}`;
  return (
    <>
      <button type="button" className="link-button" aria-expanded={open === key} onClick={() => onOpen(open === key ? null : key)}>
        Change status
        <span className="visually-hidden">
          {' '}
          of {name} on {formatDate(intervention.occurredAt)}
        </span>
      </button>
      {open === key && <StatusForm key={intervention.version} {...props} onCancel={() => onOpen(null)} />}
    </>
  );
}
