import { type SubmitEvent, useRef, useState } from 'react';
import { flash } from '../flash';
import { useLive } from '../live';
import { useSession } from '../session-context';
import { Button, ErrorSummary, errorsFrom, type Errors, Radios, Select, TextArea } from '../forms';
import type { ReferralOutcome, ReferralState } from '../gql/graphql';
import {
  acceptReferral,
  completeReferral,
  declineReferral,
  partners,
  type Referral,
  referralCounts,
  referralInbox,
  sentReferrals,
  startReferral,
  withdrawReferral,
} from '../referrals-api';
import { Link, navigate, usePageTitle } from '../router';
import { type Connection, Pagination, useCursors } from '../pagination';
import { useQuery } from '../use-query';
import { formatDate, REFERRAL_OUTCOMES, STATE_REASON, words } from '../vocabulary';
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

const OUTCOME_QUESTION = 'What came of the referral?';

/** Completing asks what came of it (required) and takes an optional note. */
function Complete(props: { referral: Referral; who: string; onDone: () => void; onCancel: () => void }) {
  const { referral, who, onDone, onCancel } = props;
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (!outcome) {
      setErrors({ outcome: 'Select what came of the referral' });
      return;
    }
    setBusy(true);
    try {
      await completeReferral(referral.id, outcome as ReferralOutcome, note.trim() || null);
      flash(`Referral of ${who} completed: ${REFERRAL_OUTCOMES[outcome].toLowerCase()}`, true);
      onDone();
    } catch (err) {
      setErrors(errorsFrom(err, ['outcome', 'note']));
      setBusy(false);
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="inline-form">
      <ErrorSummary errors={errors} labels={{ outcome: OUTCOME_QUESTION, note: 'Note on the outcome (optional)' }} />
      <Radios
        name="outcome"
        label={OUTCOME_QUESTION}
        value={outcome}
        onChange={setOutcome}
        options={Object.entries(REFERRAL_OUTCOMES).map(([value, label]) => ({ value, label }))}
        error={errors.outcome}
      />
      <TextArea
        name="note"
        label="Note on the outcome (optional)"
        hint="The organisation that referred them reads this."
        value={note}
        onChange={setNote}
        error={errors.note}
      />
      <div className="button-group">
        <Button busy={busy}>Complete referral</Button>
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The states a list shows by view: the open ones, or the finished ones (the history). */
const OPEN: ReferralState[] = ['SENT', 'ACCEPTED', 'IN_PROGRESS'];
const FINISHED: ReferralState[] = ['COMPLETED', 'DECLINED', 'WITHDRAWN'];
const STATE_NAMES: Record<string, string> = {
  DRAFT: 'Draft',
  SENT: 'Waiting for an answer',
  ACCEPTED: 'Accepted',
  IN_PROGRESS: 'In progress',
  COMPLETED: 'Completed',
  DECLINED: 'Declined',
  WITHDRAWN: 'Withdrawn',
};

/** A named person to contact, with their organisation and email. */
function Contact({ who }: { who: NonNullable<Referral['sentBy']> }) {
  return (
    <>
      {who.name}
      {who.organisationName ? `, ${who.organisationName}` : ''} (<a href={`mailto:${who.email}`}>{who.email}</a>)
    </>
  );
}

const EMPTY: Connection<Referral> = { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };

export function Referrals({ sent }: { sent: boolean }) {
  const { capabilities } = useSession();
  usePageTitle(sent ? 'Sent referrals' : 'Referral inbox');
  const [view, setView] = useState<'open' | 'finished'>('open');
  const [status, setStatus] = useState('');
  const [service, setService] = useState('');
  const states: ReferralState[] = status ? [status as ReferralState] : view === 'open' ? OPEN : FINISHED;
  const filter = { states, serviceCode: service || null };
  const key = `${sent ? 'sent' : 'inbox'}:${states.join()}:${service}`;
  const cursors = useCursors(key);
  const q = useQuery(
    () => (capabilities.referrals ? (sent ? sentReferrals : referralInbox)(cursors.after, filter) : Promise.resolve(EMPTY)),
    [key, capabilities.referrals, cursors.after],
  );
  useLive(sent ? null : 'referrals', q.reload);
  const counts = useQuery(
    () => (capabilities.referrals ? referralCounts(sent ? 'SENT' : 'RECEIVED', service || null) : Promise.resolve([])),
    [sent, service, capabilities.referrals, q.data],
  );
  // The last counts stay shown while new ones load (after a step, or another service chosen).
  const lastCounts = useRef(counts.data);
  if (counts.data) lastCounts.current = counts.data;
  const shownCounts = counts.data ?? lastCounts.current;
  const directory = useQuery(() => (capabilities.referrals ? partners() : Promise.resolve([])), [capabilities.referrals]);
  const list = q.data?.edges.map((e) => e.node);
  const [asking, setAsking] = useState<string | null>(null);
  const [completing, setCompleting] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  if (!capabilities.referrals) return <NotFound />;

  const count = (of: readonly ReferralState[]) => (shownCounts ?? []).filter((c) => of.includes(c.state)).reduce((n, c) => n + c.count, 0);
  const services = [...new Set((directory.data ?? []).flatMap((o) => o.services))].sort();
  const choose = (next: 'open' | 'finished') => {
    setView(next);
    setStatus('');
  };

  const who = (r: Referral) => (r.person ? personName(r.person) : 'the person');
  const about = (r: Referral) => ` of ${who(r)} for ${r.serviceName.toLowerCase()}`;

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
      <nav className="sub-nav" aria-label={sent ? 'Sent referrals: open or finished' : 'Received referrals: open or finished'}>
        <button type="button" className="link-button" aria-current={view === 'open' ? 'true' : undefined} onClick={() => choose('open')}>
          Open ({count(OPEN)})
        </button>
        <button
          type="button"
          className="link-button"
          aria-current={view === 'finished' ? 'true' : undefined}
          onClick={() => choose('finished')}
        >
          History: finished ({count(FINISHED)})
        </button>
      </nav>
      <div className="filters">
        <Select
          name="status"
          label="Status"
          value={status}
          onChange={setStatus}
          placeholder={view === 'open' ? 'All open' : 'All finished'}
          options={(view === 'open' ? OPEN : FINISHED).map((st) => ({ value: st, label: `${STATE_NAMES[st]} (${count([st])})` }))}
        />
        <Select
          name="service"
          label="Service"
          value={service}
          onChange={setService}
          placeholder="All services"
          options={services.map((code) => ({ value: code, label: words(code) }))}
        />
      </div>
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
      {list?.length === 0 && (
        <p>
          {view === 'finished'
            ? 'No finished referrals match.'
            : sent
              ? 'Your organisation has no open referrals it sent that match.'
              : 'There are no open referrals in your inbox that match.'}
        </p>
      )}
      {list && list.length > 0 && (
        <ul className="card-list">
          {list.map((r) => (
            <li key={r.id} className="card">
              <h2 className="card__title">{r.person ? <Link to={`/people/${r.person.id}`}>{personName(r.person)}</Link> : 'Person'}</h2>
              <dl className="summary-list summary-list--compact">
                <div className="summary-list__row">
                  <dt className="summary-list__key">Service</dt>
                  <dd className="summary-list__value">{r.serviceName}</dd>
                </div>
                <div className="summary-list__row">
                  <dt className="summary-list__key">{sent ? 'To' : 'From'}</dt>
                  <dd className="summary-list__value">{(sent ? r.toOrganisation : r.fromOrganisation)?.name ?? 'Not shown'}</dd>
                </div>
                <div className="summary-list__row">
                  <dt className="summary-list__key">Status</dt>
                  <dd className="summary-list__value">{STATE_NAMES[r.status] ?? words(r.status)}</dd>
                </div>
                <div className="summary-list__row">
                  <dt className="summary-list__key">Sent by</dt>
                  <dd className="summary-list__value">
                    {r.automatic ? (
                      'The hub, automatically (no person sent it)'
                    ) : r.sentBy ? (
                      <Contact who={r.sentBy} />
                    ) : (
                      'A system of theirs'
                    )}
                  </dd>
                </div>
                {r.acceptedBy && (
                  <div className="summary-list__row">
                    <dt className="summary-list__key">Accepted by</dt>
                    <dd className="summary-list__value">
                      <Contact who={r.acceptedBy} />
                    </dd>
                  </div>
                )}
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
                {r.outcome && (
                  <div className="summary-list__row">
                    <dt className="summary-list__key">Outcome</dt>
                    <dd className="summary-list__value">
                      {REFERRAL_OUTCOMES[r.outcome]}
                      {r.outcomeNote ? `: ${r.outcomeNote}` : ''}
                    </dd>
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
                <Button type="button" aria-expanded={completing === r.id} onClick={() => setCompleting(completing === r.id ? null : r.id)}>
                  Complete…<span className="visually-hidden"> the referral{about(r)}</span>
                </Button>
              )}
              {completing === r.id && (
                <Complete
                  referral={r}
                  who={who(r)}
                  onDone={() => {
                    setCompleting(null);
                    q.reload();
                  }}
                  onCancel={() => setCompleting(null)}
                />
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
