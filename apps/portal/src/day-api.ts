// The day's work as the portal's screens use it: "My day", a person's appointments, contact attempts
// and case notes, and the forms that book, record and write them. Fields are written out in each
// document rather than shared as fragments: the hub's query cost limit counts a fragment one level deeper.
import { gql } from './api';
import { graphql } from './gql';
import type {
  BookAppointmentInput,
  CorrectCaseNoteInput,
  LogContactAttemptInput,
  PersonCaseNotesQuery,
  PersonContactAttemptsQuery,
  PersonDayWorkQuery,
  RecordAppointmentOutcomeInput,
  WriteCaseNoteInput,
} from './gql/graphql';

const MyDayDocument = graphql(`
  query MyDay($from: String!, $to: String!) {
    myAppointments(from: $from, to: $to, first: 200) {
      id
      startsAt
      durationMinutes
      mode
      location
      status
      serviceCode
      service {
        name
      }
      person {
        id
        givenName
        familyName
      }
    }
  }
`);

const NewReferralsDocument = graphql(`
  query NewReferrals {
    referralInbox(first: 100, states: [SENT]) {
      edges {
        node {
          id
          service: serviceCode
          createdAt
          dueAt
          person {
            id
            givenName
            familyName
          }
          fromOrganisation {
            name
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

const MyTasksDocument = graphql(`
  query MyOpenTasks($mine: Boolean) {
    tasks(first: 200, status: OPEN, assignedToMe: $mine) {
      edges {
        node {
          id
          summary: title
          dueAt
          person {
            id
            givenName
            familyName
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

const ServicesDocument = graphql(`
  query Services {
    interventionTypes {
      code
      name
      groupName
      dataCategory
      active
    }
  }
`);

const PersonDayWorkDocument = graphql(`
  query PersonDayWork($id: ID!) {
    person(id: $id) {
      id
      givenName
      familyName
      readableCategories
      appointments(first: 100) {
        id
        version
        startsAt
        durationMinutes
        mode
        location
        status
        cancelledBy
        outcomeNote
        organisationId
        serviceCode
        dataCategory
        withUserName
        rescheduledFromId
        rescheduledToId
        service {
          name
        }
      }
    }
  }
`);

const PersonContactAttemptsDocument = graphql(`
  query PersonContactAttempts($id: ID!) {
    person(id: $id) {
      id
      contactAttempts(first: 50) {
        id
        channel
        result
        occurredAt
        note
        organisationId
        serviceCode
        dataCategory
        appointmentId
      }
    }
  }
`);

const PersonCaseNotesDocument = graphql(`
  query PersonCaseNotes($id: ID!, $after: String) {
    person(id: $id) {
      id
      caseNotes(first: 6, after: $after) {
        notes {
          id
          version
          body
          dataCategory
          aboutKind
          aboutId
          organisationId
          writtenBy
          createdAt
          updatedAt
          history {
            version
            body
            dataCategory
            reason
            correctedAt
          }
        }
        next
      }
    }
  }
`);

const PersonInterventionListDocument = graphql(`
  query PersonInterventionList($id: ID!) {
    person(id: $id) {
      id
      interventions(first: 50) {
        edges {
          node {
            id
            occurredAt
            typeCode
            type {
              name
            }
          }
        }
      }
    }
  }
`);

const BookAppointmentDocument = graphql(`
  mutation BookAppointment($input: BookAppointmentInput!) {
    bookAppointment(input: $input) {
      id
      startsAt
    }
  }
`);

const RecordAppointmentOutcomeDocument = graphql(`
  mutation RecordAppointmentOutcome($input: RecordAppointmentOutcomeInput!) {
    recordAppointmentOutcome(input: $input) {
      id
      status
      rescheduledToId
    }
  }
`);

const LogContactAttemptDocument = graphql(`
  mutation LogContactAttempt($input: LogContactAttemptInput!) {
    logContactAttempt(input: $input) {
      id
    }
  }
`);

const WriteCaseNoteDocument = graphql(`
  mutation WriteCaseNote($input: WriteCaseNoteInput!) {
    writeCaseNote(input: $input) {
      id
    }
  }
`);

const CorrectCaseNoteDocument = graphql(`
  mutation CorrectCaseNote($input: CorrectCaseNoteInput!) {
    correctCaseNote(input: $input) {
      id
      version
    }
  }
`);

export type DayWork = PersonDayWorkQuery['person'] & {
  contactAttempts: PersonContactAttemptsQuery['person']['contactAttempts'];
  caseNotes: PersonCaseNotesQuery['person']['caseNotes'];
};
export type AppointmentItem = DayWork['appointments'][number];
export type ContactItem = DayWork['contactAttempts'][number];
export type NoteItem = DayWork['caseNotes']['notes'][number];

/** The viewer's own appointments starting in [from, to). */
export const myAppointments = (from: string, to: string) => gql(MyDayDocument, { from, to }).then((d) => d.myAppointments);
/** Referrals sent to the viewer's organisation that nobody has answered yet. */
export const newReferrals = () => gql(NewReferralsDocument).then((d) => d.referralInbox);
/** Open tasks: those assigned to the viewer or their teams (`mine`), or all the viewer's organisation shows them. */
export const openTasks = (mine: boolean) => gql(MyTasksDocument, { mine: mine || null }).then((d) => d.tasks);

let services: ReturnType<typeof loadServices> | null = null;
const loadServices = () => gql(ServicesDocument).then((d) => d.interventionTypes.filter((t) => t.active));
/** The catalogue's active services (what an appointment or contact is for), read once per page load. */
export function catalogue() {
  services ??= loadServices().catch((e: unknown) => {
    services = null;
    throw e;
  });
  return services;
}

/** A page of the person's case notes with their history: six at a time, as the history makes each one costly. */
export const personCaseNotes = (id: string, after: string | null = null) =>
  gql(PersonCaseNotesDocument, { id, after }).then((d) => d.person);

/**
 * The person's appointments (latest 100), contact attempts (latest 50) and case notes (latest 6) the
 * viewer may see: three requests at once, each within the hub's query cost limit.
 */
export const personDayWork = (id: string): Promise<DayWork> =>
  Promise.all([gql(PersonDayWorkDocument, { id }), gql(PersonContactAttemptsDocument, { id }), personCaseNotes(id)]).then(([a, c, n]) => ({
    ...a.person,
    contactAttempts: c.person.contactAttempts,
    caseNotes: n.caseNotes,
  }));
/** The person's latest interventions the viewer may see (what a case note may be about). */
export const personInterventionList = (id: string) =>
  gql(PersonInterventionListDocument, { id }).then((d) => d.person.interventions.edges.map((e) => e.node));
export const bookAppointment = (input: BookAppointmentInput) => gql(BookAppointmentDocument, { input }).then((d) => d.bookAppointment);
export const recordAppointmentOutcome = (input: RecordAppointmentOutcomeInput) =>
  gql(RecordAppointmentOutcomeDocument, { input }).then((d) => d.recordAppointmentOutcome);
export const logContactAttempt = (input: LogContactAttemptInput) => gql(LogContactAttemptDocument, { input });
export const writeCaseNote = (input: WriteCaseNoteInput) => gql(WriteCaseNoteDocument, { input });
export const correctCaseNote = (input: CorrectCaseNoteInput) => gql(CorrectCaseNoteDocument, { input }).then((d) => d.correctCaseNote);

export const MODES: Record<string, string> = { IN_PERSON: 'In person', PHONE: 'By phone', VIDEO: 'By video' };
export const APPOINTMENT_STATUSES: Record<string, string> = {
  BOOKED: 'Booked',
  ATTENDED: 'Attended',
  DID_NOT_ATTEND: 'Did not attend',
  CANCELLED: 'Cancelled',
  RESCHEDULED: 'Rescheduled',
};
export const CANCELLED_BY: Record<string, string> = { PERSON: 'by the person', ORGANISATION: 'by your organisation' };
export const CHANNELS: Record<string, string> = {
  PHONE: 'Phone call',
  TEXT: 'Text message',
  EMAIL: 'Email',
  LETTER: 'Letter',
  VISIT: 'Visit',
};
export const RESULTS: Record<string, string> = {
  REACHED: 'Reached the person',
  LEFT_MESSAGE: 'Left a message',
  NO_ANSWER: 'No answer',
  SENT: 'Sent (no reply expected yet)',
  WRONG_DETAILS: 'Wrong contact details',
};
export const NOTE_ABOUT: Record<string, string> = {
  APPOINTMENT: 'an appointment',
  INTERVENTION: 'an intervention',
  REFERRAL: 'a referral',
};
