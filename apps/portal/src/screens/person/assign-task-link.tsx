// The person page's way to "Assign a task" about them (to a colleague or a team): shown to those who
// may assign tasks, when the hub has the API for it.
import { mayAssignTasks } from '../../roles';
import { Link } from '../../router';
import { useSession } from '../../session-context';

export function AssignTaskLink({ personId }: { personId: string }) {
  const { viewer, capabilities } = useSession();
  if (!capabilities.assignTasks || !mayAssignTasks(viewer)) return null;
  return (
    <Link to={`/people/${personId}/assign-task`} className="button button--secondary">
      Assign a task
    </Link>
  );
}
