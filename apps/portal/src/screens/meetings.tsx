// The meetings the viewer's organisation organises or is invited to, and the meeting actions it owns
// ("My actions"), each of which can be marked done here.
import { useState } from 'react';
import { flash } from '../flash';
import { Button, type Errors, ErrorSummary, errorsFrom } from '../forms';
import { completeMeetingAction, meetings, myMeetingActions, type MyMeetingAction } from '../meetings-api';
import { mayRecordPeople } from '../roles';
import { Link, usePageTitle } from '../router';
import { useSession } from '../session-context';
import { formatDateTime } from '../times';
import { useQuery } from '../use-query';
import { formatDate } from '../vocabulary';

function SubNav({ actions }: { actions: boolean }) {
  return (
    <nav className="sub-nav" aria-label="Meetings">
      <Link to="/meetings" aria-current={actions ? undefined : 'page'}>
        Meetings
      </Link>
      <Link to="/meetings/actions" aria-current={actions ? 'page' : undefined}>
        My actions
      </Link>
    </nav>
  );
}

function Status({ loading, error, what }: { loading: boolean; error: { message: string } | null; what: string }) {
  if (error)
    return (
      <p className="error-message" role="alert">
        {error.message}
      </p>
    );
  return loading ? (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  ) : null;
}

export function Meetings() {
  usePageTitle('Meetings');
  const { viewer } = useSession();
  const q = useQuery(() => meetings(), []);
  const names = new Map(q.data?.organisations.map((o) => [o.id, o.name]) ?? []);
  const list = q.data?.meetings;
  return (
    <>
      <h1>Meetings</h1>
      <SubNav actions={false} />
      <p className="lead">Multi-agency meetings your organisation organises or is invited to, newest first.</p>
      {mayRecordPeople(viewer) && (
        <p>
          <Link to="/meetings/new" className="button">
            Schedule a meeting
          </Link>
        </p>
      )}
      <Status loading={q.loading && !q.data} error={q.error} what="meetings" />
      {list?.length === 0 && <p>Your organisation has no meetings.</p>}
      {list && list.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Meetings, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Meeting</th>
              <th scope="col">Organised by</th>
              <th scope="col">Where</th>
            </tr>
          </thead>
          <tbody>
            {list.map((m) => (
              <tr key={m.id}>
                <td data-label="When">{formatDateTime(m.startsAt)}</td>
                <td data-label="Meeting">
                  <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                </td>
                <td data-label="Organised by">
                  {m.organiser ? 'Your organisation' : (names.get(m.organiserOrganisationId) ?? 'Another organisation')}
                </td>
                <td data-label="Where">{m.place ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function MyMeetingActions() {
  usePageTitle('My actions');
  const q = useQuery(() => myMeetingActions(), []);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState<string | null>(null);
  async function done(a: MyMeetingAction) {
    setBusy(a.id);
    try {
      await completeMeetingAction(a.id);
      flash(`Done: ${a.title}`, true);
      q.reload();
    } catch (err) {
      setErrors(errorsFrom(err, []));
    } finally {
      setBusy(null);
    }
  }
  const list = q.data;
  return (
    <>
      <ErrorSummary errors={errors} labels={{}} />
      <h1>My actions</h1>
      <SubNav actions={true} />
      <p className="lead">Open actions meetings gave your organisation, soonest due first. Each is also in your tasks.</p>
      <Status loading={q.loading && !q.data} error={q.error} what="your actions" />
      {list?.length === 0 && <p>Your organisation has no open meeting actions.</p>}
      {list && list.length > 0 && (
        <ul className="card-list">
          {list.map((a) => (
            <li key={a.id} className="card">
              <h2 className="card__title">{a.title}</h2>
              <p>
                About <Link to={`/people/${a.personId}`}>{a.personLabel}</Link>, due {formatDate(a.dueOn)}{' '}
                {a.overdue && <strong className="tag tag--red">Overdue</strong>}
              </p>
              <p>
                <Link to={`/meetings/${a.meetingId}`}>From the meeting</Link>
              </p>
              <Button type="button" secondary busy={busy === a.id} onClick={() => void done(a)}>
                Mark done<span className="visually-hidden">: {a.title}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
