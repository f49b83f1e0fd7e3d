import { useState } from 'react';
import { flash } from '../flash';
import { useLive } from '../live';
import { useSession } from '../session-context';
import { Button, ErrorSummary, type Errors, errorsFrom } from '../forms';
import { completeTask, type Task, tasks } from '../referrals-api';
import { Link, useLocation, usePageTitle } from '../router';
import { type Connection, Pagination, useCursors } from '../pagination';
import { useQuery } from '../use-query';
import { formatDate } from '../vocabulary';
import { NotFound } from './not-found';
import { personName } from './people-table';

const EMPTY: Connection<Task> = { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };

/** Who assigned a task, and to whom, in words ("Assigned to you by Harriet Manager"); null for a task the hub raised. */
export function assignment(
  t: Pick<Task, 'kind' | 'assigneeUserId' | 'assignedTo' | 'assignedBy' | 'assignedByMe'>,
  viewerId: string,
): string | null {
  if (t.kind !== 'ASSIGNED') return null;
  const to = t.assigneeUserId === viewerId ? 'you' : (t.assignedTo ?? 'a colleague');
  const by = t.assignedByMe ? 'you' : (t.assignedBy ?? 'a colleague');
  return `Assigned to ${to} by ${by}`;
}

// Every task the viewer may act on, or (`?list=assigned`) only those a colleague assigned to them or
// one of their teams (the API's tasks(assignedToMe: true)): a filter in the address, as on "My caseload".
export function Tasks() {
  const { capabilities, viewer } = useSession();
  const { query } = useLocation();
  const assignedToMe = query.get('list') === 'assigned';
  usePageTitle(assignedToMe ? 'Tasks assigned to me' : 'Tasks');
  const cursors = useCursors(assignedToMe ? 'tasks-assigned' : 'tasks');
  const q = useQuery(
    () => (capabilities.tasks ? tasks(cursors.after, assignedToMe) : Promise.resolve(EMPTY)),
    [capabilities.tasks, cursors.after, assignedToMe],
  );
  useLive(capabilities.tasks ? 'tasks' : null, q.reload);
  const list = q.data?.edges.map((e) => e.node);
  const [errors, setErrors] = useState<Errors>({});
  if (!capabilities.tasks) return <NotFound />;

  async function done(t: Task) {
    try {
      await completeTask(t.id);
      flash(`Done: ${t.summary}`, true);
      q.reload();
    } catch (err) {
      setErrors(errorsFrom(err, []));
    }
  }

  return (
    <>
      <ErrorSummary errors={errors} labels={{}} />
      <h1>Tasks</h1>
      <nav className="sub-nav" aria-label="Tasks">
        <Link to="/tasks" aria-current={assignedToMe ? undefined : 'page'}>
          All tasks
        </Link>
        <Link to="/tasks?list=assigned" aria-current={assignedToMe ? 'page' : undefined}>
          Assigned to me
        </Link>
      </nav>
      <p className="lead">
        {assignedToMe
          ? 'Tasks a colleague assigned to you or to one of your teams.'
          : 'Consents to seek or renew, overdue referrals, job sustainment checks due, and tasks colleagues assigned.'}
      </p>
      {q.loading && !q.data && (
        <p className="loading" role="status">
          Loading tasks…
        </p>
      )}
      {q.error && (
        <p className="error-message" role="alert">
          {q.error.message}
        </p>
      )}
      {list?.length === 0 && <p>{assignedToMe ? 'Nobody has assigned you or your teams a task.' : 'You have no tasks.'}</p>}
      {list && list.length > 0 && (
        <ul className="card-list">
          {list.map((t) => (
            <li key={t.id} className="card">
              <h2 className="card__title">{t.summary}</h2>
              <p>
                {t.person && <Link to={`/people/${t.person.id}`}>{personName(t.person)}</Link>}
                {t.dueAt && <> · due {formatDate(t.dueAt)}</>}
              </p>
              {assignment(t, viewer.id) && <p>{assignment(t, viewer.id)}</p>}
              {t.detail && <p className="hint">{t.detail}</p>}
              <Button type="button" secondary onClick={() => void done(t)}>
                Mark as done<span className="visually-hidden">: {t.summary}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      {q.data && <Pagination page={cursors.page} pageInfo={q.data.pageInfo} cursors={cursors} />}
    </>
  );
}
