import { type SubmitEvent, useState } from 'react';
import { gql } from '../api';
import { graphql } from '../gql';
import type { DataCategory } from '../gql/graphql';
import { flash } from '../flash';
import { useSession } from '../session-context';
import { Button, Checkboxes, type Errors, ErrorSummary, errorsFrom, Select, TextArea } from '../forms';
import { partners, sendReferral } from '../referrals-api';
import { Link, navigate, usePageTitle } from '../router';
import { useDraft } from '../session';
import { useQuery } from '../use-query';
import { CATEGORIES, REGIONS, words } from '../vocabulary';
import { NotFound } from './not-found';
import { personName } from './people-table';

const LABELS: Record<string, string> = {
  serviceCode: 'What service do they need?',
  toOrganisationId: 'Which organisation?',
  reason: 'Why are you referring them?',
  sharedCategories: 'What else will you share with them?',
};
const FIELDS = Object.keys(LABELS);

const ReferPersonDocument = graphql(`
  query ReferPerson($id: ID!) {
    person(id: $id) {
      id
      givenName
      familyName
      region
      readableCategories
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
  });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  if (!capabilities.referrals) return <NotFound />;
  if (q.error?.code === 'NOT_FOUND' || q.error?.code === 'BAD_USER_INPUT') return <NotFound what="Person" />;
  if (q.error)
    return (
      <p className="error-message" role="alert">
        {q.error.message}
      </p>
    );

  const region = q.data?.person.region ?? null;
  const open = (q.data?.directory ?? []).filter((o) => o.active && o.id !== viewer.organisation.id);
  const services = [...new Set(open.flatMap((o) => o.services))].sort();
  const covers = (o: { regions: string[] }) => !region || o.regions.includes(region);
  const offering = open
    .filter((o) => o.services.includes(draft.serviceCode))
    .sort((a, b) => Number(covers(b)) - Number(covers(a)) || a.name.localeCompare(b.name));
  const receiver = offering.find((o) => o.id === draft.toOrganisationId);
  const shareable = (q.data?.person.readableCategories ?? []).filter((c) => c !== 'IDENTITY' && CATEGORIES[c]);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!draft.serviceCode) found.serviceCode = 'Select the service they need';
    if (draft.serviceCode && !receiver) found.toOrganisationId = 'Select the organisation to refer them to';
    if (!draft.reason.trim()) found.reason = 'Enter why you are referring them';
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
                  ? `Partners offering ${words(draft.serviceCode).toLowerCase()}; those covering ${REGIONS[region] ?? region} first`
                  : undefined
              }
              value={draft.toOrganisationId}
              onChange={(toOrganisationId) => update({ toOrganisationId })}
              placeholder="Choose an organisation"
              options={offering.map((o) => ({
                value: o.id,
                label: covers(o) ? o.name : `${o.name} (does not cover ${REGIONS[region!] ?? region})`,
              }))}
              error={errors.toOrganisationId}
            />
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
              hint="Their name, date of birth and identifiers are always shared. Tick only what the person’s consent or an information sharing agreement lets the receiver see: the hub refuses anything else."
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
