// Which organisations work with the person, from when to when; an organisation ends its own work with
// them, and the lead organisation ends anyone's (endInvolvement, with a reason kept in the history).
import { type SubmitEvent, useState } from 'react';
import { gql } from '../../api';
import { graphql } from '../../gql';
import { useSession } from '../../session-context';
import { Button, type Errors, ErrorSummary, errorsFrom, TextArea } from '../../forms';
import { Link } from '../../router';
import { formatDate, INVOLVEMENT_ROLES } from '../../vocabulary';
import type { PersonRecord } from './person-record';

export type Involvement = PersonRecord['involvements'][number];

const EndInvolvementDocument = graphql(`
  mutation EndInvolvement($input: EndInvolvementInput!) {
    endInvolvement(input: $input) {
      id
      endedAt
    }
  }
`);

/** Open: not ended, or ending later (a planned end). */
export const isOpen = (i: Involvement, now = Date.now()) => !i.endedAt || Date.parse(i.endedAt) > now;

const REASON = 'Why is the work ending?';

function EndForm(props: {
  involvement: Involvement;
  own: boolean;
  organisation: string;
  person: string;
  onEnded: () => void;
  onCancel: () => void;
}) {
  const { involvement, own, organisation, person, onEnded, onCancel } = props;
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const text = reason.trim();
    if (text.length < 3) {
      setErrors({ reason: 'Enter why the work is ending, in at least 3 characters' });
      return;
    }
    if (text.length > 500) {
      setErrors({ reason: 'The reason must be 500 characters or fewer' });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await gql(EndInvolvementDocument, { input: { involvementId: involvement.id, reason: text } });
      onEnded();
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHENTICATED') return;
      setErrors(errorsFrom(err, ['reason']));
      setBusy(false);
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="inline-form" aria-labelledby="end-involvement-title">
      <ErrorSummary errors={errors} labels={{ reason: REASON }} />
      <h3 id="end-involvement-title">{own ? `End our work with ${person}` : `End ${organisation}’s work with ${person}`}</h3>
      <p>
        {own
          ? 'Your organisation stops working with this person from now. Unless a consent or another relationship lets you, you will no longer see their record.'
          : `${organisation} stops working with this person from now, and no longer sees what only this work let it see.`}
      </p>
      <TextArea
        name="reason"
        label={REASON}
        hint="For example, support completed, moved away or case transferred. Kept in the record’s history. Between 3 and 500 characters."
        value={reason}
        onChange={setReason}
        error={errors.reason}
      />
      <div className="button-group">
        <Button busy={busy} warning>
          {own ? 'End our work' : 'End their work'}
        </Button>
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * The "Organisations working with this person" section: open involvements first, ended ones marked.
 * `onEndedOwn` runs after the caller's own organisation ended its work (it may no longer see the record).
 */
export function Involvements(props: {
  involvements: Involvement[];
  orgs: Map<string, string>;
  person: string;
  open: string | null;
  onOpen: (key: string | null) => void;
  onEnded: (organisation: string) => void;
  onEndedOwn: () => void;
}) {
  const { involvements, orgs, person, open, onOpen, onEnded, onEndedOwn } = props;
  const { viewer } = useSession();
  const mine = viewer.organisation.id;
  const now = Date.now();
  const name = (orgId: string) => orgs.get(orgId) ?? (orgId === mine ? viewer.organisation.name : 'An organisation');
  const lead = involvements.some((i) => i.organisationId === mine && i.role === 'LEAD' && isOpen(i, now));
  const sorted = [...involvements.filter((i) => isOpen(i, now)), ...involvements.filter((i) => !isOpen(i, now))];
  const ending = sorted.find((i) => open === `end:${i.id}`);

  return (
    <section className="section" aria-labelledby="involvements">
      <h2 id="involvements">Organisations working with this person</h2>
      {sorted.length === 0 ? (
        <p>No organisation works with this person.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Organisations working with this person, open work first</caption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Role</th>
              <th scope="col">Since</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((i) => {
              const own = i.organisationId === mine;
              const openNow = isOpen(i, now);
              return (
                <tr key={i.id}>
                  <td data-label="Organisation">
                    {name(i.organisationId)}
                    {own && <span className="secondary-text"> (your organisation)</span>}
                  </td>
                  <td data-label="Role">{INVOLVEMENT_ROLES[i.role] ?? i.role}</td>
                  <td data-label="Since">{formatDate(i.startedAt)}</td>
                  <td data-label="Status">
                    {openNow ? (
                      <>
                        <strong className="tag tag--green">Open</strong>
                        {i.endedAt && <span className="secondary-text"> ends {formatDate(i.endedAt)}</span>}
                      </>
                    ) : (
                      <strong className="tag tag--grey">Ended {formatDate(i.endedAt)}</strong>
                    )}
                  </td>
                  <td>
                    {openNow && (own || lead) && (
                      <button
                        type="button"
                        className="link-button"
                        aria-expanded={open === `end:${i.id}`}
                        onClick={() => onOpen(open === `end:${i.id}` ? null : `end:${i.id}`)}
                      >
                        {own ? 'End our work with this person' : 'End'}
                        {!own && <span className="visually-hidden"> {name(i.organisationId)}’s work with this person</span>}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {ending && (
        <EndForm
          key={ending.id}
          involvement={ending}
          own={ending.organisationId === mine}
          organisation={name(ending.organisationId)}
          person={person}
          onCancel={() => onOpen(null)}
          onEnded={() => {
            onOpen(null);
            if (ending.organisationId === mine) onEndedOwn();
            else onEnded(name(ending.organisationId));
          }}
        />
      )}
    </section>
  );
}

/** Shown instead of "Person not found" once the organisation ended its own work and may no longer see the record. */
export function WorkEnded({ name }: { name: string }) {
  return (
    <div className="two-thirds">
      <h1>Your work with {name} has ended</h1>
      <p>
        Your organisation no longer works with this person, so their record is no longer shown to you. The reason is kept in the record’s
        history.
      </p>
      <p>
        <Link to="/">Back to my caseload</Link>
      </p>
    </div>
  );
}
