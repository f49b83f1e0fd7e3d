// The person's interventions as a timeline (the categories withheld from the viewer are named once, in the
// page's "Not shared with you" line): each intervention with its outcome, a status change for the
// viewer's own, and "Show more".
import { Link } from '../../router';
import { useSession } from '../../session-context';
import { formatDate, STATUSES } from '../../vocabulary';
import { type Changed, StatusChange } from './intervention-status';
import type { InterventionItem, OrganisationNames, PersonRecord } from './person-record';
import type { InterventionPages } from './use-intervention-pages';

function outcomeText(o: InterventionItem['outcome']): string | null {
  if (!o) return null;
  if (o.__typename === 'JobOutcome') return `${o.employer}, ${o.sector}, ${o.hoursPerWeek} hours a week, from ${formatDate(o.startDate)}`;
  return [o.qualification, o.level, o.awardedOn && `awarded ${formatDate(o.awardedOn)}`].filter(Boolean).join(', ');
}

export function InterventionsSection(props: {
  p: PersonRecord;
  pages: InterventionPages;
  orgs: OrganisationNames;
  open: string | null;
  onOpen: (key: string | null) => void;
  onChanged: (changed: Changed) => void;
  onReload: () => void;
}) {
  const { p, pages, orgs, open, onOpen, onChanged, onReload } = props;
  const { viewer } = useSession();
  const interventions = pages.all;
  return (
    <section className="section" aria-labelledby="interventions">
      <h2 id="interventions">Interventions</h2>
      {interventions.length === 0 ? (
        <p>No interventions you can see.</p>
      ) : (
        <ol className="timeline">
          {interventions.map((i) => (
            <li key={i.id} className="timeline__item">
              <h3 className="timeline__title">{i.type?.name ?? i.typeCode}</h3>
              <p className="timeline__meta">
                {formatDate(i.occurredAt)} · {STATUSES[i.status] ?? i.status} ·{' '}
                {i.organisation?.name ?? orgs.get(i.organisationId) ?? 'Another organisation'}
              </p>
              {outcomeText(i.outcome) && <p>{outcomeText(i.outcome)}</p>}
              {i.notes && <p className="timeline__notes">{i.notes}</p>}
              {i.corrected && (
                <p>
                  <strong className="tag tag--grey">Corrected</strong>{' '}
                  <Link to={`/people/${p.id}/interventions/${i.id}/history`}>
                    What it said before<span className="visually-hidden">: {i.type?.name ?? i.typeCode}</span>
                  </Link>
                </p>
              )}
              {i.organisationId === viewer.organisation.id && (
                <p>
                  <Link to={`/people/${p.id}/interventions/${i.id}/correct`}>
                    Correct this entry
                    <span className="visually-hidden">
                      : {i.type?.name ?? i.typeCode}, {formatDate(i.occurredAt)}
                    </span>
                  </Link>
                </p>
              )}
              {i.organisationId === viewer.organisation.id && (
                <StatusChange
                  intervention={i}
                  name={i.type?.name ?? i.typeCode}
                  open={open}
                  onOpen={onOpen}
                  onChanged={onChanged}
                  onReload={onReload}
                />
              )}
            </li>
          ))}
        </ol>
      )}
      {pages.cursor && (
        <button type="button" className="button button--secondary" onClick={() => void pages.loadMore()} disabled={pages.loadingMore}>
          {pages.loadingMore ? 'Loading…' : 'Show more interventions'}
        </button>
      )}
    </section>
  );
}
