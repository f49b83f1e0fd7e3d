import { type FormEvent, useState } from 'react';
import { flash, useSession } from '../app';
import { Button, ErrorSummary, errorsFrom, type Errors, TextArea } from '../forms';
import { acceptReferral, declineReferral, type Referral, referralInbox, sentReferrals } from '../referrals-api';
import { Link, navigate, usePageTitle } from '../router';
import { useQuery } from '../use-query';
import { formatDate } from '../vocabulary';
import { NotFound } from './not-found';
import { personName } from './people-table';

const statusText = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ');
const serviceText = (s: string) => statusText(s.toUpperCase());

function Decline({ referral, onDone }: { referral: Referral; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return setErrors({ reason: 'Enter why you are declining the referral' });
    setBusy(true);
    try {
      await declineReferral(referral.id, reason.trim());
      flash('Referral declined', true);
      onDone();
    } catch (err) {
      setErrors(errorsFrom(err, ['reason']));
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate className="inline-form">
      <ErrorSummary errors={errors} labels={{ reason: 'Reason for declining' }} />
      <TextArea name="reason" label="Reason for declining" value={reason} onChange={setReason} error={errors.reason} />
      <Button busy={busy} warning>
        Decline referral
      </Button>
    </form>
  );
}

export function Referrals({ sent }: { sent: boolean }) {
  const { capabilities } = useSession();
  usePageTitle(sent ? 'Sent referrals' : 'Referral inbox');
  const q = useQuery(() => (capabilities.referrals ? (sent ? sentReferrals() : referralInbox()) : Promise.resolve([])), [sent, capabilities.referrals]);
  const [declining, setDeclining] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  if (!capabilities.referrals) return <NotFound />;

  async function accept(r: Referral) {
    try {
      await acceptReferral(r.id);
      const message = `Referral of ${r.person ? personName(r.person) : 'the person'} accepted`;
      if (r.person) {
        flash(message);
        navigate(`/people/${r.person.id}`);
      } else {
        flash(message, true);
        q.reload();
      }
    } catch (err) {
      setErrors(errorsFrom(err, []));
    }
  }

  return (
    <>
      <ErrorSummary errors={errors} labels={{}} />
      <h1>{sent ? 'Sent referrals' : 'Referral inbox'}</h1>
      <nav className="sub-nav" aria-label="Referrals">
        <Link to="/referrals" aria-current={!sent ? 'page' : undefined}>
          Inbox
        </Link>
        <Link to="/referrals/sent" aria-current={sent ? 'page' : undefined}>
          Sent
        </Link>
      </nav>
      {q.loading && !q.data && <p className="loading" role="status">Loading referrals…</p>}
      {q.error && <p className="error-message" role="alert">{q.error.message}</p>}
      {q.data && q.data.length === 0 && <p>{sent ? 'Your organisation has not sent any referrals.' : 'There are no referrals in your inbox.'}</p>}
      {q.data && q.data.length > 0 && (
        <ul className="card-list">
          {q.data.map((r) => (
            <li key={r.id} className="card">
              <h2 className="card__title">{r.person ? <Link to={`/people/${r.person.id}`}>{personName(r.person)}</Link> : 'Person'}</h2>
              <dl className="summary-list summary-list--compact">
                <div className="summary-list__row">
                  <dt className="summary-list__key">Service</dt>
                  <dd className="summary-list__value">{serviceText(r.service)}</dd>
                </div>
                <div className="summary-list__row">
                  <dt className="summary-list__key">{sent ? 'To' : 'From'}</dt>
                  <dd className="summary-list__value">{(sent ? r.toOrganisation : r.fromOrganisation)?.name ?? 'Not shown'}</dd>
                </div>
                <div className="summary-list__row">
                  <dt className="summary-list__key">Status</dt>
                  <dd className="summary-list__value">{statusText(r.status)}</dd>
                </div>
                {r.dueAt && (
                  <div className="summary-list__row">
                    <dt className="summary-list__key">Due</dt>
                    <dd className="summary-list__value">{formatDate(r.dueAt)}</dd>
                  </div>
                )}
                {r.reason && (
                  <div className="summary-list__row">
                    <dt className="summary-list__key">Reason</dt>
                    <dd className="summary-list__value">{r.reason}</dd>
                  </div>
                )}
              </dl>
              {!sent && r.status === 'SENT' && (
                <div className="button-group">
                  <Button type="button" onClick={() => void accept(r)}>
                    Accept referral<span className="visually-hidden"> of {r.person ? personName(r.person) : 'the person'} for {serviceText(r.service).toLowerCase()}</span>
                  </Button>
                  <Button type="button" secondary onClick={() => setDeclining(declining === r.id ? null : r.id)}>
                    Decline…<span className="visually-hidden"> the referral of {r.person ? personName(r.person) : 'the person'} for {serviceText(r.service).toLowerCase()}</span>
                  </Button>
                </div>
              )}
              {declining === r.id && <Decline referral={r} onDone={() => { setDeclining(null); q.reload(); }} />}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
