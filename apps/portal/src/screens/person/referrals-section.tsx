// The referrals about the person that the viewer's organisation sent or received.
import type { personReferrals } from '../../referrals-api';
import { formatDate, STATE_REASON, words } from '../../vocabulary';

export type PersonReferral = Awaited<ReturnType<typeof personReferrals>>[number];

export function ReferralsSection({ referrals }: { referrals: PersonReferral[] }) {
  return (
    <section className="section" aria-labelledby="referrals">
      <h2 id="referrals">Referrals</h2>
      {referrals.length === 0 ? (
        <p>Your organisation has not sent or received a referral for this person.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Referrals your organisation sent or received</caption>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Made</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {referrals.map((r) => (
              <tr key={r.id}>
                <td data-label="Service">{words(r.service)}</td>
                <td data-label="From">{r.fromOrganisation?.name}</td>
                <td data-label="To">{r.toOrganisation?.name}</td>
                <td data-label="Made">{formatDate(r.createdAt)}</td>
                <td data-label="Status">
                  <strong className={`tag${r.open ? ' tag--green' : ' tag--grey'}`}>{words(r.status)}</strong>
                  {r.stateReason && STATE_REASON[r.status] && (
                    <p className="hint">
                      {STATE_REASON[r.status]}: {r.stateReason}
                    </p>
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
