// "My day": the caseworker's appointments today, the referrals waiting for an answer and the tasks due,
// each linked to the person it is about.
import { myAppointments, MODES, APPOINTMENT_STATUSES, newReferrals, openTasks } from '../day-api';
import { useLive } from '../live';
import { Link, usePageTitle } from '../router';
import { useSession } from '../session-context';
import { addDays, formatTime, londonDate, londonToIso } from '../times';
import { useQuery } from '../use-query';
import { formatDate, words } from '../vocabulary';
import { personName } from './people-table';

function Failed({ message }: { message: string }) {
  return (
    <p className="error-message" role="alert">
      {message}
    </p>
  );
}

function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

function TodaysAppointments({ day }: { day: string }) {
  const q = useQuery(() => myAppointments(londonToIso(day), londonToIso(addDays(day, 1))), [day]);
  const list = q.data;
  return (
    <section className="section" aria-labelledby="today-appointments">
      <h2 id="today-appointments">Your appointments today{list ? ` (${list.length})` : ''}</h2>
      {q.error && <Failed message={q.error.message} />}
      {!list && !q.error && <Loading what="your appointments" />}
      {list?.length === 0 && <p>You have no appointments today.</p>}
      {list && list.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Your appointments today, soonest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Person</th>
              <th scope="col">Service</th>
              <th scope="col">How</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={a.id}>
                <td data-label="Time">
                  {formatTime(a.startsAt)} ({a.durationMinutes} minutes)
                </td>
                <td data-label="Person">
                  {a.person ? <Link to={`/people/${a.person.id}`}>{personName(a.person)}</Link> : 'Someone you may no longer see'}
                </td>
                <td data-label="Service">{a.service?.name ?? words(a.serviceCode)}</td>
                <td data-label="How">{[MODES[a.mode], a.location].filter(Boolean).join(', ')}</td>
                <td data-label="Status">
                  <strong className={`tag${a.status === 'BOOKED' ? '' : a.status === 'ATTENDED' ? ' tag--green' : ' tag--grey'}`}>
                    {APPOINTMENT_STATUSES[a.status] ?? words(a.status)}
                  </strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function NewReferrals() {
  const q = useQuery(() => newReferrals(), []);
  useLive('referrals', q.reload);
  const list = q.data?.edges.map((e) => e.node);
  const count = list ? `${list.length}${q.data!.pageInfo.hasNextPage ? '+' : ''}` : '';
  return (
    <section className="section" aria-labelledby="new-referrals">
      <h2 id="new-referrals">New referrals waiting{list ? ` (${count})` : ''}</h2>
      {q.error && <Failed message={q.error.message} />}
      {!list && !q.error && <Loading what="new referrals" />}
      {list?.length === 0 && <p>No referral is waiting for an answer.</p>}
      {list && list.length > 0 && (
        <>
          <ul className="plain-list">
            {list.slice(0, 10).map((r) => (
              <li key={r.id}>
                {r.person ? <Link to={`/people/${r.person.id}`}>{personName(r.person)}</Link> : 'A person'}: {words(r.service)}, from{' '}
                {r.fromOrganisation?.name ?? 'another organisation'}, sent {formatDate(r.createdAt)}
                {r.dueAt && <>, answer by {formatDate(r.dueAt)}</>}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/referrals">Answer referrals in the inbox</Link>
          </p>
        </>
      )}
    </section>
  );
}

function TasksDue({ day }: { day: string }) {
  const end = londonToIso(addDays(day, 1));
  const q = useQuery(async () => {
    const [mine, all] = await Promise.all([openTasks(true), openTasks(false)]);
    const seen = new Set<string>();
    const assigned = mine.edges.map((e) => e.node);
    // Assigned to you (due or not), then the organisation's tasks due by the end of today.
    return [...assigned, ...all.edges.map((e) => e.node).filter((t) => t.dueAt && t.dueAt < end)]
      .filter((t) => !seen.has(t.id) && Boolean(seen.add(t.id)))
      .map((t) => ({ ...t, assigned: assigned.includes(t) }));
  }, [end]);
  useLive('tasks', q.reload);
  const list = q.data;
  return (
    <section className="section" aria-labelledby="tasks-due">
      <h2 id="tasks-due">Tasks due{list ? ` (${list.length})` : ''}</h2>
      {q.error && <Failed message={q.error.message} />}
      {!list && !q.error && <Loading what="tasks" />}
      {list?.length === 0 && <p>No task is assigned to you or due today.</p>}
      {list && list.length > 0 && (
        <>
          <ul className="plain-list">
            {list.map((t) => (
              <li key={t.id}>
                {t.summary}
                {t.person && (
                  <>
                    {' '}
                    (<Link to={`/people/${t.person.id}`}>{personName(t.person)}</Link>)
                  </>
                )}
                {t.dueAt && (
                  <>
                    {' '}
                    · {t.dueAt < londonToIso(day) ? <strong className="tag tag--red">Overdue</strong> : 'due'} {formatDate(t.dueAt)}
                  </>
                )}
                {t.assigned && <> · assigned to you</>}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/tasks">All tasks</Link>
          </p>
        </>
      )}
    </section>
  );
}

export function MyDay() {
  const { capabilities } = useSession();
  usePageTitle('My day');
  const day = londonDate();
  return (
    <>
      <span className="caption">
        {new Date().toLocaleDateString('en-GB', {
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          timeZone: 'Europe/London',
        })}
      </span>
      <h1>My day</h1>
      <TodaysAppointments day={day} />
      {capabilities.referrals && <NewReferrals />}
      {capabilities.tasks && <TasksDue day={day} />}
      <p>
        <Link to="/">Your caseload</Link>
      </p>
    </>
  );
}
