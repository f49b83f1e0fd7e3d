// Data protection officers, for one person: the legal holds in force (legalHolds), placing one with a reason
// (placeLegalHold) and releasing one, confirmed (releaseLegalHold). A hold stops retention and erasure.
import { type SubmitEvent, useState } from 'react';
import { gql } from '../api';
import { flash } from '../flash';
import { Button, type Errors, ErrorSummary, errorsFrom, TextArea } from '../forms';
import { graphql } from '../gql';
import { formatDateTime } from '../times';
import { useQuery } from '../use-query';

const LegalHoldsDocument = graphql(`
  query LegalHolds($personId: ID!) {
    legalHolds(personId: $personId) {
      id
      reason
      placedAt
      placedBy
    }
  }
`);

const PlaceLegalHoldDocument = graphql(`
  mutation PlaceLegalHold($input: PersonReasonInput!) {
    placeLegalHold(input: $input) {
      id
    }
  }
`);

const ReleaseLegalHoldDocument = graphql(`
  mutation ReleaseLegalHold($holdId: ID!) {
    releaseLegalHold(holdId: $holdId) {
      id
      releasedAt
    }
  }
`);

/** The legal holds section of the subject access and erasure page. */
export function LegalHolds({ personId }: { personId: string }) {
  const q = useQuery(LegalHoldsDocument, { personId });
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await action();
      setErrors({});
      flash(done, true);
      q.reload();
    } catch (err) {
      setErrors(errorsFrom(err, ['holdReason']));
    } finally {
      setBusy(false);
    }
  }
  function place(e: SubmitEvent) {
    e.preventDefault();
    if (reason.trim().length < 5) {
      setErrors({ holdReason: 'Say why the record must be kept (at least 5 characters)' });
      return;
    }
    void run(async () => {
      await gql(PlaceLegalHoldDocument, { input: { personId, reason: reason.trim() } });
      setReason('');
    }, 'Legal hold placed');
  }
  function release(holdId: string) {
    if (!window.confirm('Release this legal hold? Retention and erasure apply to the record again.')) return;
    void run(() => gql(ReleaseLegalHoldDocument, { holdId }), 'Legal hold released');
  }
  const holds = q.data?.legalHolds ?? [];
  return (
    <section className="section" aria-labelledby="holds-title">
      <h2 id="holds-title">Legal holds</h2>
      <p>A hold keeps the record: neither retention nor erasure touches it until the hold is released.</p>
      <ErrorSummary errors={errors} labels={{ holdReason: 'Why the record must be kept' }} />
      {q.error && <p className="error-message">{q.error.message}</p>}
      {holds.length ? (
        <ul className="plain-list" aria-label="Legal holds in force">
          {holds.map((h) => (
            <li key={h.id}>
              {h.reason} (placed {formatDateTime(h.placedAt)} by {h.placedBy}){' '}
              <button type="button" className="link-button" disabled={busy} onClick={() => release(h.id)}>
                Release<span className="visually-hidden"> the hold: {h.reason}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        q.data && <p>No legal hold is in force.</p>
      )}
      <form onSubmit={place} noValidate>
        <TextArea
          name="holdReason"
          label="Why the record must be kept"
          hint="For example, pending proceedings"
          value={reason}
          onChange={setReason}
          error={errors.holdReason}
        />
        <Button secondary busy={busy}>
          Place a legal hold
        </Button>
      </form>
    </section>
  );
}
