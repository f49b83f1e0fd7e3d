// The person page's day-to-day work, placed first: the buttons to book, log and write, then the
// person's appointments (today and upcoming, then earlier with what came of them), contact attempts
// and case notes (with the history of corrected ones). The API returns only what the viewer may read;
// the categories whose other organisations' entries are therefore not shown are named in the page's
// one "Not shared with you" line.
import { useState } from 'react';
import {
  type AppointmentItem,
  APPOINTMENT_STATUSES,
  CANCELLED_BY,
  CHANNELS,
  catalogue,
  MODES,
  NOTE_ABOUT,
  type NoteItem,
  personCaseNotes,
  personDayWork,
  RESULTS,
} from '../../day-api';
import { Link } from '../../router';
import { useSession } from '../../session-context';
import { formatDateTime, londonDate, londonToIso } from '../../times';
import { useQuery } from '../../use-query';
import { CATEGORIES, words } from '../../vocabulary';
import type { OrganisationNames } from './person-record';

/** The buttons for the day's work, for the person page's button group. */
export function DayWorkActions({ personId }: { personId: string }) {
  return (
    <>
      <Link to={`/people/${personId}/appointments/new`} className="button button--secondary">
        Book an appointment
      </Link>
      <Link to={`/people/${personId}/contact`} className="button button--secondary">
        Log a contact attempt
      </Link>
      <Link to={`/people/${personId}/notes/new`} className="button button--secondary">
        Write a case note
      </Link>
    </>
  );
}

const statusTag = (status: string) => (
  <strong
    className={`tag${status === 'BOOKED' ? '' : status === 'ATTENDED' ? ' tag--green' : status === 'DID_NOT_ATTEND' ? ' tag--red' : ' tag--grey'}`}
  >
    {APPOINTMENT_STATUSES[status] ?? words(status)}
  </strong>
);

function AppointmentList({
  items,
  all,
  personId,
  orgs,
}: {
  items: AppointmentItem[];
  all: AppointmentItem[];
  personId: string;
  orgs: OrganisationNames;
}) {
  const { viewer } = useSession();
  return (
    <ol className="timeline">
      {items.map((a) => {
        const own = a.organisationId === viewer.organisation.id;
        const name = a.service?.name ?? words(a.serviceCode);
        const replacement = a.rescheduledToId ? all.find((x) => x.id === a.rescheduledToId) : undefined;
        return (
          <li key={a.id} className="timeline__item">
            <h4 className="timeline__title">
              {name}, {formatDateTime(a.startsAt)}
            </h4>
            <p className="timeline__meta">
              {statusTag(a.status)} {a.status === 'CANCELLED' && a.cancelledBy ? `${CANCELLED_BY[a.cancelledBy]} · ` : '· '}
              {a.durationMinutes} minutes · {[MODES[a.mode], a.location].filter(Boolean).join(', ')}
              {a.withUserName && <> · with {a.withUserName}</>} ·{' '}
              {own ? 'your organisation' : (orgs.get(a.organisationId) ?? 'another organisation')}
            </p>
            {replacement && <p>Rescheduled to {formatDateTime(replacement.startsAt)}</p>}
            {a.outcomeNote && <p className="timeline__notes">{a.outcomeNote}</p>}
            {own && (
              <p className="link-row">
                {(a.status === 'BOOKED' || (a.status === 'DID_NOT_ATTEND' && !a.rescheduledToId)) && (
                  <>
                    <Link to={`/people/${personId}/appointments/${a.id}/outcome`}>
                      {a.status === 'BOOKED' ? 'Record what happened' : 'Rebook'}
                      <span className="visually-hidden">
                        {' '}
                        for {name}, {formatDateTime(a.startsAt)}
                      </span>
                    </Link>{' '}
                    ·{' '}
                  </>
                )}
                <Link to={`/people/${personId}/notes/new?about=APPOINTMENT:${a.id}`}>
                  Write a note about it
                  <span className="visually-hidden">
                    : {name}, {formatDateTime(a.startsAt)}
                  </span>
                </Link>
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function NoteEntry({ n, personId, orgs, about }: { n: NoteItem; personId: string; orgs: OrganisationNames; about: string | null }) {
  const { viewer } = useSession();
  const own = n.organisationId === viewer.organisation.id;
  const by =
    n.writtenBy === `user:${viewer.id}` ? 'you' : own ? 'your organisation' : (orgs.get(n.organisationId) ?? 'another organisation');
  return (
    <li className="timeline__item">
      <h3 className="timeline__title">
        {CATEGORIES[n.dataCategory] ?? words(n.dataCategory)} note, {formatDateTime(n.createdAt)}
      </h3>
      <p className="timeline__meta">
        Written by {by}
        {n.version > 1 && <> · corrected {formatDateTime(n.updatedAt)}</>}
        {about && <> · about {about}</>}
      </p>
      <p className="note-body">{n.body}</p>
      {n.history.length > 0 && (
        <details className="note-history">
          <summary>
            History: {n.history.length} earlier {n.history.length === 1 ? 'version' : 'versions'}
          </summary>
          <ol>
            {n.history.map((h) => (
              <li key={h.version}>
                <p className="note-body">{h.body}</p>
                <p className="timeline__meta">
                  Version {h.version} ({CATEGORIES[h.dataCategory] ?? words(h.dataCategory)}), corrected {formatDateTime(h.correctedAt)}:{' '}
                  {h.reason}
                </p>
              </li>
            ))}
          </ol>
        </details>
      )}
      {own && (
        <p>
          <Link to={`/people/${personId}/notes/${n.id}/correct`}>
            Correct this note<span className="visually-hidden"> written {formatDateTime(n.createdAt)}</span>
          </Link>
        </p>
      )}
    </li>
  );
}

export function DayWorkSections({ personId, orgs }: { personId: string; orgs: OrganisationNames }) {
  const { viewer } = useSession();
  const q = useQuery(() => personDayWork(personId), [personId]);
  const services = useQuery(() => catalogue().catch(() => []), []).data ?? [];
  // Older notes loaded with "Show older notes", after the first page.
  const [older, setOlder] = useState<{ notes: NoteItem[]; next: string | null } | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  if (q.error)
    return (
      <section className="section" aria-labelledby="day-work">
        <h2 id="day-work">Appointments, contact and case notes</h2>
        <p className="error-message" role="alert">
          {q.error.message}
        </p>
      </section>
    );
  if (!q.data)
    return (
      <p className="loading" role="status">
        Loading appointments, contact and notes…
      </p>
    );
  const d = q.data;
  const notes = [...d.caseNotes.notes, ...(older?.notes ?? [])];
  const nextNotes = older ? older.next : d.caseNotes.next;
  async function showOlder() {
    setLoadingOlder(true);
    try {
      const page = (await personCaseNotes(personId, nextNotes)).caseNotes;
      setOlder({ notes: [...(older?.notes ?? []), ...page.notes], next: page.next });
    } finally {
      setLoadingOlder(false);
    }
  }
  const startOfToday = londonToIso(londonDate());
  const upcoming = d.appointments.filter((a) => a.startsAt >= startOfToday).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const earlier = d.appointments.filter((a) => a.startsAt < startOfToday).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  const serviceName = (code: string) => services.find((s) => s.code === code)?.name ?? words(code);
  const aboutText = (n: NoteItem): string | null => {
    if (!n.aboutKind) return null;
    const a = n.aboutKind === 'APPOINTMENT' ? d.appointments.find((x) => x.id === n.aboutId) : undefined;
    return a ? `the appointment for ${a.service?.name ?? words(a.serviceCode)}, ${formatDateTime(a.startsAt)}` : NOTE_ABOUT[n.aboutKind];
  };

  return (
    <>
      <section className="section" aria-labelledby="appointments">
        <h2 id="appointments">Appointments</h2>
        <h3>Today and upcoming</h3>
        {upcoming.length === 0 ? (
          <p>No appointment today or later.</p>
        ) : (
          <AppointmentList items={upcoming} all={d.appointments} personId={personId} orgs={orgs} />
        )}
        {earlier.length > 0 && (
          <>
            <h3>Earlier</h3>
            <AppointmentList items={earlier} all={d.appointments} personId={personId} orgs={orgs} />
          </>
        )}
      </section>

      <section className="section" aria-labelledby="contact-attempts">
        <h2 id="contact-attempts">Contact attempts</h2>
        {d.contactAttempts.length === 0 ? (
          <p>No contact attempt you can see.</p>
        ) : (
          <ul className="plain-list plain-list--spaced">
            {d.contactAttempts.map((c) => (
              <li key={c.id}>
                <strong>{CHANNELS[c.channel] ?? words(c.channel)}</strong>, {formatDateTime(c.occurredAt)}:{' '}
                {RESULTS[c.result] ?? words(c.result)} · {serviceName(c.serviceCode)}
                {' · '}
                {c.organisationId === viewer.organisation.id ? 'your organisation' : (orgs.get(c.organisationId) ?? 'another organisation')}
                {c.note && <span className="timeline__notes"> · {c.note}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section" aria-labelledby="case-notes">
        <h2 id="case-notes">Case notes</h2>
        {notes.length === 0 ? (
          <p>No case note you can read.</p>
        ) : (
          <ol className="timeline">
            {notes.map((n) => (
              <NoteEntry key={n.id} n={n} personId={personId} orgs={orgs} about={aboutText(n)} />
            ))}
          </ol>
        )}
        {nextNotes && (
          <button type="button" className="button button--secondary" onClick={() => void showOlder()} disabled={loadingOlder}>
            {loadingOlder ? 'Loading…' : 'Show older notes'}
          </button>
        )}
      </section>
    </>
  );
}
