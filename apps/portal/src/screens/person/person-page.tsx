// One person's record: the actions on it and the caseworker's own work first (appointments, contact,
// case notes, interventions and job sustainment), then what they may not see in one line, then each
// section of the record in its own component (personal details, allocation, involvements, the sensitive
// categories they may see, referrals and consents).
// This page reads the record and keeps what the sections share: the one inline form open, and the
// interventions loaded so far.
import { useState } from 'react';
import { gql } from '../../api';
import { flash } from '../../flash';
import { personReferrals } from '../../referrals-api';
import { mayAnswerForData } from '../../roles';
import { Link, usePageTitle } from '../../router';
import { useSession } from '../../session-context';
import { useQuery } from '../../use-query';
import { STATUSES } from '../../vocabulary';
import { queryFallback } from '../not-found';
import { personName } from '../people-table';
import { AllocationSection } from './allocation-section';
import { AssignTaskLink } from './assign-task-link';
import { CategorySections } from './category-sections';
import { ConsentsSection } from './consents-section';
import { DayWorkActions, DayWorkSections } from './day-work-sections';
import type { Changed } from './intervention-status';
import { InterventionsSection } from './interventions-section';
import { NotSharedLine } from './not-shared';
import { Involvements, isOpen, WorkEnded } from './involvements';
import { OrganisationNamesDocument, PersonRecordDocument } from './person-record';
import { PersonalDetails } from './personal-details';
import { ReferralsSection } from './referrals-section';
import { Sustainments } from './sustainment-form';
import { useInterventionPages } from './use-intervention-pages';

export function PersonPage({ id }: { id: string }) {
  const { capabilities, viewer } = useSession();
  const q = useQuery(async () => {
    const [person, orgs] = await Promise.all([
      gql(PersonRecordDocument, { id }),
      gql(OrganisationNamesDocument).catch(() => ({ organisations: [] })),
    ]);
    return { person: person.person, orgs: new Map(orgs.organisations.map((o) => [o.id, o.name])) };
  }, [id]);
  // Apart from the record, so that learning what the hub offers (capabilities) never reads the record twice.
  const referrals = useQuery(
    () => (capabilities.referrals ? personReferrals(id).catch(() => null) : Promise.resolve(null)),
    [id, capabilities.referrals],
  ).data;
  const pages = useInterventionPages(id, q.data?.person.interventions ?? null);
  // The one inline form open on the page (`end:<id>`, `sustain:<id>`, `status:<id>`): one at a time.
  const [open, setOpen] = useState<string | null>(null);
  // Set once the caller's organisation ended its own work with the person (their name): it may no longer see them.
  const [endedOwn, setEndedOwn] = useState<string | null>(null);
  const gone = endedOwn !== null && q.error?.code === 'NOT_FOUND';
  const title = q.data ? personName(q.data.person) : gone ? 'Work ended' : q.error?.code === 'NOT_FOUND' ? 'Person not found' : 'Person';
  usePageTitle(title);

  if (gone) return <WorkEnded name={endedOwn} />;
  const fallback = queryFallback(q, 'Person', 'Loading the record…');
  if (fallback || !q.data) return fallback;
  const p = q.data.person;
  const orgs = q.data.orgs;

  /** Reads the record again from its first page of interventions (versions and windows change with an update). */
  function refresh() {
    pages.reset();
    q.reload();
  }

  function statusChanged(c: Changed) {
    setOpen(null);
    flash(`Status changed to ${STATUSES[c.status]?.toLowerCase() ?? c.status}`, true);
    refresh();
  }

  return (
    <>
      <span className="caption">Person</span>
      <h1>{personName(p)}</h1>
      <div className="button-group button-group--compact">
        <Link to={`/people/${p.id}/log`} className="button">
          Log an intervention
        </Link>
        <Link to={`/people/${p.id}/consent`} className="button button--secondary">
          Record consent
        </Link>
        {capabilities.referrals && (
          <Link to={`/people/${p.id}/refer`} className="button button--secondary">
            Make a referral
          </Link>
        )}
        <AssignTaskLink personId={p.id} />
        <DayWorkActions personId={p.id} />
      </div>
      <p>
        <Link to={`/people/${p.id}/history`}>History of the record</Link>
        {mayAnswerForData(viewer) && (
          <>
            {' · '}
            <Link to={`/people/${p.id}/privacy`}>Subject access and erasure</Link>
          </>
        )}
      </p>

      <DayWorkSections personId={p.id} orgs={orgs} />

      <InterventionsSection p={p} pages={pages} orgs={orgs} open={open} onOpen={setOpen} onChanged={statusChanged} onReload={refresh} />

      <Sustainments
        sustainments={p.sustainments}
        employers={Object.fromEntries(
          pages.all.flatMap((i) => (i.outcome?.__typename === 'JobOutcome' ? [[i.id, i.outcome.employer]] : [])),
        )}
        open={open}
        onOpen={setOpen}
        onRecorded={(sustained) => {
          flash(sustained ? 'Outcome recorded: the job was sustained' : 'Outcome recorded: the job was not sustained', true);
          refresh();
        }}
      />

      <NotSharedLine personId={p.id} readableCategories={p.readableCategories} />

      <PersonalDetails p={p} />

      <AllocationSection
        personId={p.id}
        person={personName(p)}
        worksWith={p.involvements.some((i) => i.organisationId === viewer.organisation.id && isOpen(i))}
        open={open}
        onOpen={setOpen}
      />

      <Involvements
        involvements={p.involvements}
        orgs={orgs}
        person={personName(p)}
        open={open}
        onOpen={setOpen}
        onEnded={(organisation) => {
          flash(`${organisation}’s work with ${personName(p)} has ended`, true);
          refresh();
        }}
        onEndedOwn={() => {
          // Still shown if something else lets the organisation see the record; otherwise WorkEnded.
          setEndedOwn(personName(p));
          flash(`Your organisation’s work with ${personName(p)} has ended`, true);
          refresh();
        }}
      />

      <CategorySections p={p} />

      {referrals && <ReferralsSection referrals={referrals} />}

      <ConsentsSection p={p} orgs={orgs} />
    </>
  );
}
