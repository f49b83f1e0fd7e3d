import { type SubmitEvent, useState } from 'react';
import { flash } from '../flash';
import { useSession } from '../session-context';
import { Button, ErrorSummary, errorsFrom, type Errors, TextArea } from '../forms';
import {
  acceptReferral,
  completeReferral,
  declineReferral,
  type Referral,
  referralInbox,
  sentReferrals,
  startReferral,
  withdrawReferral,
} from '../referrals-api';
import { Link, navigate, usePageTitle } from '../router';
import { type Connection, Pagination, useCursors } from '../pagination';
import { useQuery } from '../use-query';
import { formatDate, STATE_REASON, words } from '../vocabulary';
import { NotFound } from './not-found';
import { personName } from './people-table';

/** A step that needs a reason (declining, withdrawing): a small form under the referral. */
function WithReason(props: {
  question: string;
  submit: string;
  required: string;
  done: string;
  action: (reason: string) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { question, submit: submitText, required, done, action, onDone, onCancel } = props;
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setErrors({ reason: required });
      return;
    }
    setBusy(true);
    try {
      await action(reason.trim());
      flash(done, true);
      onDone();
    } catch (err) {
      setErrors(errorsFrom(err, ['reason']));
      setBusy(false);
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="inline-form">
      <ErrorSummary errors={errors} labels={{ reason: question }} />
      <TextArea name="reason" label={question} value={reason} onChange={setReason} error={errors.reason} />
      <div className="button-group">
        <Button busy={busy} warning>
          {submitText}
        </Button>
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const EMPTY: Connection<Referral> = { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };

export function Referrals({ sent }: { sent: boolean }) {
  const { capabilities } = useSession();
  usePageTitle(sent ? 'Sent referrals' : 'Referral inbox');
  const cursors = useCursors(sent ? 'sent' : 'inbox');
  const q = useQuery(
    () => (capabilities.referrals ? (sent ? sentReferrals : referralInbox)(cursors.after) : Promise.resolve(EMPTY)),
    [sent, capabilities.referrals, cursors.after],
  );
  const list = q.data?.edges.map((e) => e.node);
  const [asking, setAsking] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  if (!capabilities.referrals) return <NotFound />;

  const who = (r: Referral) => (r.person ? personName(r.person) : 'the person');
  const about = (r: Referral) => ` of ${who(r)} for ${words(r.service).toLowerCase()}`;

  async function accept(r: Referral) {
    try {
      await acceptReferral(r.id);
      const message = `Referral of ${who(r)} accepted`;
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

  /** Moves an accepted referral on (work started, then completed), and stays on the list. */
  async function step(r: Referral, run: (id: string) => Promise<unknown>, message: string) {
    try {
      await run(r.id);
      flash(message, true);
      q.reload();
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
      {q.loading && !q.data && (
        <p className="loading" role="status">
          Loading referrals…
        </p>
      )}
      {q.error && (
        <p className="error-message" role="alert">
          {q.error.message}
        </p>
      )}
      {list?.length === 0 && <p>{sent ? 'Your organisation has not sent any referrals.' : 'There are no referrals in your inbox.'}</p>}
      {list && list.length > 0 && (
        <ul className="card-list">
          {list.map((r) => (
            <li key={r.id} className="card">
              <h2 className="card__title">{r.person ? <Link to={`/people/${r.person.id}`}>{personName(r.person)}</Link> : 'Person'}</h2>
              <dl className="summary-list summary-list--compact">
                <div className="summary-list__row">
                  <dt className="summary-list__key">Service</dt>
                  <dd className="summary-list__value">{words(r.service)}</dd>
                </div>
                <div className="summary-list__row">
                  <dt className="summary-list__key">{sent ? 'To' : 'From'}</dt>
                  <dd className="summary-list__value">{(sent ? r.toOrganisation : r.fromOrganisation)?.name ?? 'Not shown'}</dd>
                </div>
                <div className="summary-list__row">
                  <dt className="summary-list__key">Status</dt>
                  <dd className="summary-list__value">{words(r.status)}</dd>
                </div>
                {r.dueAt && (r.status === 'SENT' || r.status === 'ACCEPTED') && (
                  <div className="summary-list__row">
                    <dt className="summary-list__key">{r.status === 'SENT' ? 'Answer due' : 'Start due'}</dt>
                    <dd className="summary-list__value">{formatDate(r.dueAt)}</dd>
                  </div>
                )}
                {r.reason && (
                  <div className="summary-list__row">
                    <dt className="summary-list__key">Reason for the referral</dt>
                    <dd className="summary-list__value">{r.reason}</dd>
                  </div>
                )}
                {r.stateReason && STATE_REASON[r.status] && (
                  <div className="summary-list__row">
                    <dt className="summary-list__key">{STATE_REASON[r.status]}</dt>
                    <dd className="summary-list__value">{r.stateReason}</dd>
                  </div>
                )}
              </dl>
              {!sent && r.actions.includes('ACCEPT') && (
                <div className="button-group">
                  <Button type="button" onClick={() => void accept(r)}>
                    Accept referral<span className="visually-hidden">{about(r)}</span>
                  </Button>
                  <Button type="button" secondary aria-expanded={asking === r.id} onClick={() => setAsking(asking === r.id ? null : r.id)}>
                    Decline…<span className="visually-hidden"> the referral{about(r)}</span>
                  </Button>
                </div>
              )}
              {!sent && r.actions.includes('START') && (
                <Button type="button" onClick={() => void step(r, startReferral, `Work started on the referral of ${who(r)}`)}>
                  Start work<span className="visually-hidden"> on the referral{about(r)}</span>
                </Button>
              )}
              {!sent && r.actions.includes('COMPLETE') && (
                <Button type="button" onClick={() => void step(r, completeReferral, `Referral of ${who(r)} completed`)}>
                  Mark as completed<span className="visually-hidden"> the referral{about(r)}</span>
                </Button>
              )}
              {sent && r.actions.includes('WITHDRAW') && (
                <Button type="button" secondary aria-expanded={asking === r.id} onClick={() => setAsking(asking === r.id ? null : r.id)}>
                  Withdraw…<span className="visually-hidden"> the referral{about(r)}</span>
                </Button>
              )}
              {asking === r.id && (
                <WithReason
                  question={sent ? 'Reason for withdrawing' : 'Reason for declining'}
                  submit={sent ? 'Withdraw referral' : 'Decline referral'}
                  required={sent ? 'Enter why you are withdrawing the referral' : 'Enter why you are declining the referral'}
                  done={sent ? 'Referral withdrawn' : 'Referral declined'}
                  action={(reason) => (sent ? withdrawReferral(r.id, reason) : declineReferral(r.id, reason))}
                  onDone={() => {
                    setAsking(null);
                    q.reload();
                  }}
                  onCancel={() => setAsking(null)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {q.data && <Pagination page={cursors.page} pageInfo={q.data.pageInfo} cursors={cursors} />}
    </>
  );
}
