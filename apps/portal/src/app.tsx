// The portal's root: signs the user in, loads who they are, and picks the screen for the address.
import { type ReactNode, useEffect, useState } from 'react';
import { gql, setExpiredHandler } from './api';
import { graphql } from './gql';
import { resetCapabilities, useCapabilities } from './capabilities';
import { Flash } from './flash';
import { Header, Progress, Redirect } from './layout';
import { closeLive, LiveNews } from './live';
import { reportsOnly } from './roles';
import { match, navigate, useLocation } from './router';
import { clearSession, getToken } from './session';
import { SessionContext, useSession, type Viewer } from './session-context';
import { BookAppointment, RecordOutcome } from './screens/appointment-forms';
import { CorrectCaseNote, WriteCaseNote } from './screens/case-note-forms';
import { Caseload } from './screens/caseload';
import { AssignTask } from './screens/assign-task';
import { AccessSearch } from './screens/access-search';
import { BreakGlassReview } from './screens/break-glass-review';
import { ReferralRules } from './screens/referral-rules';
import { Users } from './screens/users';
import { PersonPrivacy } from './screens/person-privacy';
import { UnusualAccess } from './screens/unusual-access';
import { SharingAgreements } from './screens/sharing-agreements';
import { Webhooks } from './screens/webhooks';
import { InterventionCatalogue } from './screens/intervention-catalogue';
import { Organisations } from './screens/organisations';
import { Regions } from './screens/regions';
import { ApiClients } from './screens/api-clients';
import { ConsentForm, WithdrawConsent } from './screens/consent';
import { LogContact } from './screens/contact-form';
import { CorrectIntervention } from './screens/correct-intervention';
import { LogIntervention } from './screens/log-intervention';
import { MeetingScreen } from './screens/meeting-page';
import { Meetings, MyMeetingActions } from './screens/meetings';
import { MyDay } from './screens/my-day';
import { ScheduleMeeting } from './screens/schedule-meeting';
import { NewPerson } from './screens/new-person';
import { NotFound } from './screens/not-found';
import { Notifications } from './screens/notifications';
import { Outcomes } from './screens/outcomes';
import { PersonHistory } from './screens/person-history';
import { PersonPage } from './screens/person/person-page';
import { Refer } from './screens/refer';
import { Referrals } from './screens/referrals';
import { Search } from './screens/search';
import { SignIn } from './screens/sign-in';
import { ChangeStage } from './screens/stage-form';
import { Tasks } from './screens/tasks';
import { Teams } from './screens/teams';
import { Why } from './screens/why';

const ViewerDocument = graphql(`
  query Viewer {
    viewer {
      id
      name
      roles
      organisation {
        id
        name
        kind
      }
      reportAccess {
        acrossOrganisations
      }
    }
  }
`);

function Routes({ path }: { path: string }): ReactNode {
  const { viewer } = useSession();
  let m: Record<string, string> | null;
  // A commissioner has no caseload: its home is the outcomes page.
  if (path === '/') return reportsOnly(viewer) ? <Redirect to="/outcomes" /> : <Caseload />;
  if (path === '/day') return reportsOnly(viewer) ? <Redirect to="/outcomes" /> : <MyDay />;
  if (path === '/search') return <Search />;
  if (path === '/people/new') return <NewPerson />;
  if ((m = match('/people/:id', path))) return <PersonPage key={m.id} id={m.id} />;
  if ((m = match('/people/:id/history', path))) return <PersonHistory personId={m.id} />;
  if ((m = match('/people/:id/privacy', path))) return <PersonPrivacy key={m.id} personId={m.id} />;
  if ((m = match('/people/:id/stage', path))) return <ChangeStage personId={m.id} />;
  if ((m = match('/people/:id/interventions/:interventionId/correct', path)))
    return <CorrectIntervention key={m.interventionId} personId={m.id} interventionId={m.interventionId} />;
  if ((m = match('/people/:id/interventions/:interventionId/history', path)))
    return <CorrectIntervention key={m.interventionId} personId={m.id} interventionId={m.interventionId} readOnly />;
  if ((m = match('/people/:id/log', path))) return <LogIntervention personId={m.id} />;
  if ((m = match('/people/:id/consent', path))) return <ConsentForm personId={m.id} />;
  if ((m = match('/people/:id/refer', path))) return <Refer personId={m.id} />;
  if ((m = match('/people/:id/assign-task', path))) return <AssignTask personId={m.id} />;
  if ((m = match('/people/:id/appointments/new', path))) return <BookAppointment personId={m.id} />;
  if ((m = match('/people/:id/appointments/:appointmentId/outcome', path)))
    return <RecordOutcome key={m.appointmentId} personId={m.id} appointmentId={m.appointmentId} />;
  if ((m = match('/people/:id/contact', path))) return <LogContact personId={m.id} />;
  if ((m = match('/people/:id/notes/new', path))) return <WriteCaseNote personId={m.id} />;
  if ((m = match('/people/:id/notes/:noteId/correct', path))) return <CorrectCaseNote key={m.noteId} personId={m.id} noteId={m.noteId} />;
  if ((m = match('/people/:id/consents/:consentId/withdraw', path))) return <WithdrawConsent personId={m.id} consentId={m.consentId} />;
  if ((m = match('/people/:id/why/:category', path))) return <Why personId={m.id} category={m.category} />;
  if (path === '/referrals' || path === '/referrals/sent') return <Referrals sent={path === '/referrals/sent'} />;
  if (path === '/tasks') return <Tasks />;
  if (path === '/meetings') return <Meetings />;
  if (path === '/meetings/actions') return <MyMeetingActions />;
  if (path === '/meetings/new') return <ScheduleMeeting />;
  if ((m = match('/meetings/:id', path))) return <MeetingScreen key={m.id} id={m.id} />;
  if (path === '/notifications') return <Notifications />;
  if (path === '/outcomes') return <Outcomes />;
  if (path === '/teams') return <Teams />;
  if (path === '/privacy/access') return <AccessSearch />;
  if (path === '/privacy/unusual') return <UnusualAccess />;
  if (path === '/privacy/agreements') return <SharingAgreements />;
  if (path === '/privacy/break-glass') return <BreakGlassReview />;
  if (path === '/rules') return <ReferralRules />;
  if (path === '/admin/users') return <Users />;
  if (path === '/admin/clients') return <ApiClients />;
  if (path === '/admin/webhooks') return <Webhooks />;
  if (path === '/admin/organisations') return <Organisations />;
  if (path === '/admin/catalogue') return <InterventionCatalogue />;
  if (path === '/admin/regions') return <Regions />;
  return <NotFound />;
}

export function App() {
  const { path } = useLocation();
  const [token, setTokenState] = useState(getToken());
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const capabilities = useCapabilities(Boolean(token && viewer));

  useEffect(() => {
    setExpiredHandler(() => {
      closeLive();
      setTokenState(null);
      setViewer(null);
      navigate('/sign-in?expired=1', { replace: true });
    });
  }, []);

  useEffect(() => {
    if (!token) {
      setViewer(null);
      if (path !== '/sign-in') navigate(`/sign-in`, { replace: true });
      return;
    }
    if (viewer) return;
    gql(ViewerDocument)
      .then((d) => setViewer(d.viewer))
      .catch(() => undefined);
  }, [token, viewer, path]);

  const signOut = () => {
    closeLive();
    clearSession();
    resetCapabilities();
    setTokenState(null);
    setViewer(null);
    navigate('/sign-in?signedOut=1');
  };

  const signedIn = (t: string) => {
    resetCapabilities();
    setTokenState(t);
  };

  const ready = token && viewer;
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <Header viewer={ready ? viewer : null} capabilities={capabilities} onSignOut={signOut} />
      <Progress />
      <div className="width-container">
        <main id="main" className="main" tabIndex={-1}>
          <Flash />
          <LiveNews />
          {path === '/sign-in' || !token ? (
            <SignIn onSignedIn={signedIn} />
          ) : ready ? (
            <SessionContext.Provider value={{ viewer, capabilities }}>
              <Routes path={path} />
            </SessionContext.Provider>
          ) : (
            <p className="loading">Loading…</p>
          )}
        </main>
      </div>
      <footer className="footer">
        <div className="width-container">
          <p>Rehab Hub shows you only what the law, the person’s consent and your role allow. Everything you open and record is logged.</p>
        </div>
      </footer>
    </>
  );
}
