// The consents the viewer may know of, with whom each shares, and a link to withdraw those in force.
import { useSession } from '../../session-context';
import { Link } from '../../router';
import { CATEGORIES, CONSENT_STATUSES, formatDate, METHODS, ORG_KINDS, PURPOSES } from '../../vocabulary';
import type { OrganisationNames, PersonRecord } from './person-record';

export function ConsentsSection({ p, orgs }: { p: PersonRecord; orgs: OrganisationNames }) {
  const { viewer } = useSession();
  return (
    <section className="section" aria-labelledby="consents">
      <h2 id="consents">Consent</h2>
      {p.consents.length === 0 ? (
        <p>No consents you can see.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Consents</caption>
          <thead>
            <tr>
              <th scope="col">Purpose</th>
              <th scope="col">Shared with</th>
              <th scope="col">What it opens</th>
              <th scope="col">Given</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {p.consents.map((c) => (
              <tr key={c.id}>
                <td data-label="Purpose">{PURPOSES[c.purpose] ?? c.purpose}</td>
                <td data-label="Shared with">
                  {c.organisationId
                    ? (orgs.get(c.organisationId) ??
                      (c.organisationId === viewer.organisation.id ? viewer.organisation.name : 'An organisation'))
                    : `Every ${ORG_KINDS[c.organisationKind ?? '']?.toLowerCase() ?? 'organisation'}`}
                </td>
                <td data-label="What it opens">
                  {c.opens.length ? c.opens.map((k) => CATEGORIES[k] ?? k).join(', ') : 'Nothing'}
                  {c.categories.some((k) => !c.opens.includes(k)) && (
                    <p className="hint">
                      Never opens{' '}
                      {c.categories
                        .filter((k) => !c.opens.includes(k))
                        .map((k) => CATEGORIES[k] ?? k)
                        .join(', ')}
                      : the access rules never show it to {c.organisationId ? 'this organisation' : 'this kind of organisation'}, whatever
                      the consent
                    </p>
                  )}
                </td>
                <td data-label="Given">
                  {formatDate(c.givenAt)} ({METHODS[c.method]?.toLowerCase() ?? c.method})
                </td>
                <td data-label="Status">
                  <strong className={`tag${c.status === 'IN_FORCE' ? ' tag--green' : ' tag--grey'}`}>
                    {CONSENT_STATUSES[c.status] ?? c.status}
                  </strong>
                </td>
                <td>
                  {c.status === 'IN_FORCE' && (
                    <Link to={`/people/${p.id}/consents/${c.id}/withdraw`}>
                      Withdraw<span className="visually-hidden"> consent for {PURPOSES[c.purpose]?.toLowerCase()}</span>
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
