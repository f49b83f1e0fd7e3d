import { type SubmitEvent, useRef, useState } from 'react';
import { gql } from '../api';
import { graphql } from '../gql';
import type { DataCategory } from '../gql/graphql';
import { flash } from '../flash';
import { useSession } from '../session-context';
import { Button, Checkbox, Checkboxes, type Errors, ErrorSummary, errorsFrom, Select, TextArea } from '../forms';
import { partners, referralPreview, sendReferral } from '../referrals-api';
import { Link, navigate, usePageTitle } from '../router';
import { useDraft } from '../session';
import { useQuery } from '../use-query';
import { regionName, useRegions } from '../regions-api';
import { CATEGORIES, formatDate, INVOLVEMENT_ROLES, words } from '../vocabulary';
import { NotFound } from './not-found';
import { personName } from './people-table';

const LABELS: Record<string, string> = {
  serviceCode: 'What service do they need?',
  toOrganisationId: 'Which organisation?',
  reason: 'Why are you referring them?',
  sharedCategories: 'What else will you share with them?',
  personAgreed: 'Has the person agreed to this referral?',
};
const FIELDS = Object.keys(LABELS);

const ReferPersonDocument = graphql(`
  query ReferPerson($id: ID!) {
    person(id: $id) {
      id
      givenName
      familyName
      region
    }
  }
`);

/**
 * A referral to a partner for a service: the partners offering it (those covering the person's region
 * first), the reason, and what is shared beyond identity. The hub checks each shared category against
 * the person's consents and the sharing agreements for the receiver, and its answer is shown next to
 * the field.
 */
export function Refer({ personId }: { personId: string }) {
  const { viewer, capabilities } = useSession();
  usePageTitle('Make a referral');
  const q = useQuery(async () => {
    const [found, directory] = await Promise.all([gql(ReferPersonDocument, { id: personId }), partners()]);
    return { person: found.person, directory };
  }, [personId]);
  const [draft, update, clear] = useDraft(`refer-${personId}`, {
    serviceCode: '',
    toOrganisationId: '',
    reason: '',
    sharedCategories: [] as string[],
    personAgreed: false,
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const region = q.data?.person.region ?? null;
  const regions = useRegions();
  const open = (q.data?.directory ?? []).filter((o) => o.active && o.id !== viewer.organisation.id);
  const services = [...new Set(open.flatMap((o) => o.services))].sort();
  const covers = (o: { regions: string[] }) => !region || o.regions.includes(region);
  const offering = open
    .filter((o) => o.services.includes(draft.serviceCode))
    .sort((a, b) => Number(covers(b)) - Number(covers(a)) || a.name.localeCompare(b.name));
  const receiver = offering.find((o) => o.id === draft.toOrganisationId);
  // What the receiver would see and what may be shared: the hub's access policy answers (referralPreview), never a rule of the portal's.
  const shared = [...draft.sharedCategories].sort().join();
  const preview = useQuery(
    () =>
      receiver
        ? referralPreview({ personId, toOrganisationId: receiver.id, sharedCategories: draft.sharedCategories as DataCategory[] })
        : Promise.resolve(null),
    [personId, receiver?.id, shared],
  );
  // While a new answer loads (a box ticked), the last one for this receiver stays shown: the boxes never vanish under the keyboard.
  const last = useRef<{ receiver: string; data: NonNullable<typeof preview.data> } | null>(null);
  if (receiver && preview.data) last.current = { receiver: receiver.id, data: preview.data };
  const p = receiver ? (preview.data ?? (last.current?.receiver === receiver.id ? last.current.data : null)) : null;
  const shareable = (p?.youMayShare ?? []).filter((c) => CATEGORIES[c]);
  const needsAgreement = p?.basis === 'CONSENT';
  const who = q.data ? personName(q.data.person) : 'the person';

  if (!capabilities.referrals) return <NotFound />;
  if (q.error?.code === 'NOT_FOUND' || q.error?.code === 'BAD_USER_INPUT') return <NotFound what="Person" />;
  if (q.error)
    return (
      <p className="error-message" role="alert">
        {q.error.message}
      </p>
    );

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!draft.serviceCode) found.serviceCode = 'Select the service they need';
    if (draft.serviceCode && !receiver) found.toOrganisationId = 'Select the organisation to refer them to';
    if (!draft.reason.trim()) found.reason = 'Enter why you are referring them';
    if (needsAgreement && !draft.personAgreed) found.personAgreed = 'Confirm that the person agreed to be referred, or ask them first';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await sendReferral({
        personId,
        toOrganisationId: receiver!.id,
        serviceCode: draft.serviceCode,
        reason: draft.reason.trim(),
        sharedCategories: draft.sharedCategories.filter((c) => (shareable as string[]).includes(c)) as DataCategory[],
        personAgreed: needsAgreement ? draft.personAgreed : null,
      });
      clear();
      flash(`Referral sent to ${receiver!.name}`);
      navigate('/referrals/sent');
    } catch (err) {
      if ((err as { code?: string }).code === 'UNAUTHENTICATED') return;
      setErrors(errorsFrom(err, FIELDS));
      setBusy(false);
    }
  }

  return (
    <div className="two-thirds">
      <ErrorSummary errors={errors} labels={LABELS} />
      {q.data && <span className="caption">{personName(q.data.person)}</span>}
      <h1>Make a referral</h1>
      {!q.data ? (
        <p className="loading" role="status">
          Loading the partners…
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Select
            name="serviceCode"
            label={LABELS.serviceCode}
            value={draft.serviceCode}
            onChange={(serviceCode) => update({ serviceCode, toOrganisationId: '' })}
            placeholder="Choose a service"
            options={services.map((s) => ({ value: s, label: words(s) }))}
            error={errors.serviceCode}
          />
          {draft.serviceCode && (
            <Select
              name="toOrganisationId"
              label={LABELS.toOrganisationId}
              hint={
                region
                  ? `Partners offering ${words(draft.serviceCode).toLowerCase()}; those covering ${regionName(regions, region)} first`
                  : undefined
              }
              value={draft.toOrganisationId}
              onChange={(toOrganisationId) => update({ toOrganisationId, sharedCategories: [], personAgreed: false })}
              placeholder="Choose an organisation"
              options={offering.map((o) => ({
                value: o.id,
                label: covers(o) ? o.name : `${o.name} (does not cover ${regionName(regions, region)})`,
              }))}
              error={errors.toOrganisationId}
            />
          )}
          {receiver && p && (
            <>
              {p.alreadyWorksWith && (
                <p className="warning-text" role="status">
                  {p.receiverName} already works with {who}
                  {p.worksWithAs ? ` (as ${INVOLVEMENT_ROLES[p.worksWithAs]?.toLowerCase() ?? words(p.worksWithAs)}` : ''}
                  {p.worksWithSince ? ` since ${formatDate(p.worksWithSince)})` : p.worksWithAs ? ')' : ''}. Check with them before you
                  refer.
                </p>
              )}
              {p.openReferralsFromYou > 0 && (
                <p className="warning-text" role="status">
                  Your organisation already has{' '}
                  {p.openReferralsFromYou === 1 ? 'an open referral' : `${p.openReferralsFromYou} open referrals`} of {who} to{' '}
                  {p.receiverName}.
                </p>
              )}
              <div className="inset-text" aria-labelledby="preview-title" role="region">
                <h2 id="preview-title">What {p.receiverName} will be able to see</h2>
                <p>Once they work with {who}, the hub lets them see:</p>
                <ul>
                  {[...p.receiverSees]
                    .sort((a, b) => Number(b === 'IDENTITY') - Number(a === 'IDENTITY'))
                    .map((c) => (
                      <li key={c}>{c === 'IDENTITY' ? 'Identity: name, date of birth and identifiers' : (CATEGORIES[c] ?? words(c))}</li>
                    ))}
                </ul>
                <p>
                  {p.basis === 'CONSENT'
                    ? `The referral is sent on ${who}’s consent.`
                    : p.basis === 'AGREEMENT'
                      ? 'The referral is sent under an information sharing agreement of your organisations.'
                      : `Nothing lets you refer ${who} to ${p.receiverName} yet: record their consent to be referred first.`}
                </p>
                {!p.basis && <Link to={`/people/${personId}/consent`}>Record their consent</Link>}
              </div>
              {needsAgreement && (
                <Checkbox
                  name="personAgreed"
                  label={`${who} agreed to this referral`}
                  hint={`Ask them whether they agree to be referred to ${p.receiverName} for ${words(draft.serviceCode).toLowerCase()}, and tick only if they said yes.`}
                  checked={draft.personAgreed}
                  onChange={(personAgreed) => update({ personAgreed })}
                  error={errors.personAgreed}
                />
              )}
            </>
          )}
          <TextArea
            name="reason"
            label={LABELS.reason}
            hint="The receiving organisation reads this. Say what the person needs and by when."
            value={draft.reason}
            onChange={(reason) => update({ reason })}
            error={errors.reason}
          />
          {shareable.length > 0 && (
            <Checkboxes
              name="sharedCategories"
              label={LABELS.sharedCategories}
              hint="Their name, date of birth and identifiers are always shared. These are what the person’s consent or an information sharing agreement lets the receiver see."
              values={draft.sharedCategories}
              onChange={(sharedCategories) => update({ sharedCategories })}
              options={shareable.map((c) => ({ value: c, label: CATEGORIES[c] }))}
              error={errors.sharedCategories}
            />
          )}
          <div className="button-group">
            <Button busy={busy}>Send referral</Button>
            <Link to={`/people/${personId}`}>Cancel</Link>
          </div>
        </form>
      )}
    </div>
  );
}
