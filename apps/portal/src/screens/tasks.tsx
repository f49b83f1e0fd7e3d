import { useState } from 'react';
import { flash } from '../flash';
import { useSession } from '../session-context';
import { Button, ErrorSummary, type Errors, errorsFrom } from '../forms';
import { completeTask, type Task, tasks } from '../referrals-api';
import { Link, usePageTitle } from '../router';
import { type Connection, Pagination, useCursors } from '../pagination';
import { useQuery } from '../use-query';
import { formatDate } from '../vocabulary';
import { NotFound } from './not-found';
import { personName } from './people-table';

const EMPTY: Connection<Task> = { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };

export function Tasks() {
  const { capabilities } = useSession();
  usePageTitle('Tasks');
  const cursors = useCursors('tasks');
  const q = useQuery(() => (capabilities.tasks ? tasks(cursors.after) : Promise.resolve(EMPTY)), [capabilities.tasks, cursors.after]);
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
      <p className="lead">Consents to seek or renew, overdue referrals and job sustainment checks due.</p>
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
      {list?.length === 0 && <p>You have no tasks.</p>}
      {list && list.length > 0 && (
        <ul className="card-list">
          {list.map((t) => (
            <li key={t.id} className="card">
              <h2 className="card__title">{t.summary}</h2>
              <p>
                {t.person && <Link to={`/people/${t.person.id}`}>{personName(t.person)}</Link>}
                {t.dueAt && <> · due {formatDate(t.dueAt)}</>}
              </p>
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
