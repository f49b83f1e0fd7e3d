// "Assign a task" about a person: to a colleague (the organisation's caseworkers and managers, from
// `colleagues`) or to a team of the organisation (`teams`; the viewer's own first), with a title, a
// description and a due date (assignTask). The hub refuses an assignee who may not see the person
// (NOT_FOUND): that is said next to the field. Back to the person's page with a confirmation.
import { type SubmitEvent, useState } from 'react';
import { gql } from '../api';
import { flash } from '../flash';
import { Button, type Errors, ErrorSummary, errorsFrom, isIsoDate, type Option, Select, TextArea, TextField } from '../forms';
import { graphql } from '../gql';
import { Link, navigate, usePageTitle } from '../router';
import { useDraft } from '../session';
import { useSession } from '../session-context';
import { useQuery } from '../use-query';
import { today } from '../vocabulary';
import { NotFound } from './not-found';
import { personName } from './people-table';

const LABELS: Record<string, string> = {
  assignee: 'Who is it for?',
  title: 'What needs to be done?',
  description: 'Anything they need to know (optional)',
  dueOn: 'When is it due?',
};
const FIELDS = [...Object.keys(LABELS), 'assigneeUserId', 'assigneeTeamId'];

/** As the hub's AssignTaskInput allows. */
const TITLE_MAX = 120;
const DESCRIPTION_MAX = 2000;

const AssignTaskFormDocument = graphql(`
  query AssignTaskForm($id: ID!) {
    person(id: $id) {
      id
      givenName
      familyName
    }
    colleagues {
      id
      name
    }
    teams {
      id
      name
      members {
        userId
      }
    }
  }
`);

const AssignTaskDocument = graphql(`
  mutation AssignTask($input: AssignTaskInput!) {
    assignTask(input: $input) {
      id
      assignedTo
    }
  }
`);

export function AssignTask({ personId }: { personId: string }) {
  const { viewer, capabilities } = useSession();
  usePageTitle('Assign a task');
  const q = useQuery(AssignTaskFormDocument, { id: personId });
  const [draft, update, clear] = useDraft(`assign-task-${personId}`, { assignee: '', title: '', description: '', dueOn: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  if (!capabilities.assignTasks) return <NotFound />;
  if (q.error?.code === 'NOT_FOUND' || q.error?.code === 'BAD_USER_INPUT') return <NotFound what="Person" />;
  if (q.error)
    return (
      <p className="error-message" role="alert">
        {q.error.message}
      </p>
    );

  const mine = (t: { members: { userId: string }[] }) => t.members.some((m) => m.userId === viewer.id);
  const teams = [...(q.data?.teams ?? [])].sort((a, b) => Number(mine(b)) - Number(mine(a)) || a.name.localeCompare(b.name));
  const options: Option[] = [
    ...(q.data?.colleagues ?? []).map((c) => ({
      value: `user:${c.id}`,
      label: c.id === viewer.id ? `${c.name} (you)` : c.name,
      group: 'Colleagues',
    })),
    ...teams.map((t) => ({ value: `team:${t.id}`, label: mine(t) ? `${t.name} (your team)` : t.name, group: 'Teams' })),
  ];
  const chosen = options.find((o) => o.value === draft.assignee);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const found: Errors = {};
    const title = draft.title.trim();
    if (!chosen) found.assignee = 'Select a colleague or a team';
    if (title.length < 3) found.title = 'Enter what needs to be done, in at least 3 characters';
    else if (title.length > TITLE_MAX) found.title = `Say what needs to be done in ${TITLE_MAX} characters or fewer`;
    if (draft.description.length > DESCRIPTION_MAX) found.description = `Write ${DESCRIPTION_MAX} characters or fewer`;
    if (!draft.dueOn.trim()) found.dueOn = 'Enter the date it is due';
    else if (!isIsoDate(draft.dueOn.trim())) found.dueOn = 'Enter the date as year-month-day, like 2026-10-20';
    else if (draft.dueOn.trim() < today()) found.dueOn = 'The date it is due must be today or later';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    const [kind, id] = chosen!.value.split(':');
    try {
      await gql(AssignTaskDocument, {
        input: {
          personId,
          ...(kind === 'user' ? { assigneeUserId: id } : { assigneeTeamId: id }),
          title,
          description: draft.description.trim(),
          dueOn: draft.dueOn.trim(),
        },
      });
      clear();
      flash(`Task assigned to ${chosen!.label.replace(/ \((you|your team)\)$/, '')}`);
      navigate(`/people/${personId}`);
    } catch (err) {
      setBusy(false);
      const code = (err as { code?: string }).code;
      if (code === 'UNAUTHENTICATED') return;
      if (code === 'NOT_FOUND') {
        // The person was there when the form loaded: the assignee is the one who may not see them.
        setErrors({ assignee: `${chosen!.label} may not see this person’s record. Choose someone who works with them.` });
        return;
      }
      const out = errorsFrom(err, FIELDS);
      for (const key of ['assigneeUserId', 'assigneeTeamId'])
        if (out[key]) {
          out.assignee = out[key];
          delete out[key];
        }
      setErrors(out);
    }
  }

  return (
    <div className="two-thirds">
      <ErrorSummary errors={errors} labels={LABELS} />
      {q.data && <span className="caption">{personName(q.data.person)}</span>}
      <h1>Assign a task</h1>
      {!q.data ? (
        <p className="loading" role="status">
          Loading your colleagues…
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Select
            name="assignee"
            label={LABELS.assignee}
            hint="A colleague, or a team: everyone in the team sees the task. They are emailed a link unless they chose otherwise."
            value={draft.assignee}
            onChange={(assignee) => update({ assignee })}
            placeholder="Choose a colleague or team"
            options={options}
            error={errors.assignee}
          />
          <TextField
            name="title"
            label={LABELS.title}
            hint="In a line, for example: Ring about the tenancy"
            value={draft.title}
            onChange={(title) => update({ title })}
            error={errors.title}
          />
          <TextArea
            name="description"
            label={LABELS.description}
            hint="Shown in the portal only, never emailed."
            value={draft.description}
            onChange={(description) => update({ description })}
            error={errors.description}
          />
          <TextField
            name="dueOn"
            label={LABELS.dueOn}
            hint={`Year-month-day, for example ${today()}`}
            value={draft.dueOn}
            onChange={(dueOn) => update({ dueOn })}
            inputMode="numeric"
            width="medium"
            error={errors.dueOn}
          />
          <div className="button-group">
            <Button busy={busy}>Assign task</Button>
            <Link to={`/people/${personId}`}>Cancel</Link>
          </div>
        </form>
      )}
    </div>
  );
}
