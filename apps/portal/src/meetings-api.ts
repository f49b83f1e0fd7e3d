// Multi-agency meetings as the portal's screens use them: the list, a meeting's page, the viewer's
// organisation's actions, and the forms that run a meeting (attendance, notes, actions) and complete an action.
import { gql } from './api';
import { graphql } from './gql';
import type {
  AddAgendaItemInput,
  AssignMeetingActionInput,
  ScheduleMeetingInput,
  MeetingPageQuery,
  MinutesFormat,
  MyMeetingActionsQuery,
  RecordAttendanceInput,
  WriteMeetingNoteInput,
} from './gql/graphql';

const MeetingsDocument = graphql(`
  query Meetings {
    meetings(first: 100) {
      id
      title
      startsAt
      place
      organiser
      organiserOrganisationId
    }
    organisations {
      id
      name
    }
  }
`);

const MeetingPageDocument = graphql(`
  query MeetingPage($id: ID!) {
    meeting(id: $id) {
      id
      title
      startsAt
      place
      link
      recurrence
      organiser
      organiserOrganisationId
      invitedOrganisationIds
      agenda {
        id
        personId
        personLabel
        reason
        uncoveredOrganisationIds
      }
      notes {
        id
        agendaItemId
        kind
        organisationId
        dataCategory
        body
        createdAt
      }
      actions {
        id
        agendaItemId
        ownerOrganisationId
        title
        dueOn
        status
        overdue
      }
      carriedActions {
        id
        personId
        ownerOrganisationId
        title
        dueOn
        overdue
      }
      attendance {
        organisationId
        userId
        attended
      }
    }
    organisations {
      id
      name
    }
  }
`);

const MyMeetingActionsDocument = graphql(`
  query MyMeetingActions {
    myMeetingActions(first: 200) {
      id
      meetingId
      personId
      personLabel
      title
      dueOn
      status
      overdue
    }
  }
`);

const MeetingMinutesDocument = graphql(`
  query MeetingMinutes($id: ID!, $format: MinutesFormat) {
    meetingMinutes(meetingId: $id, format: $format) {
      filename
      contentType
      content
    }
  }
`);

const RecordAttendanceDocument = graphql(`
  mutation RecordMeetingAttendance($input: RecordAttendanceInput!) {
    recordMeetingAttendance(input: $input) {
      attended
    }
  }
`);

const WriteMeetingNoteDocument = graphql(`
  mutation WriteMeetingNote($input: WriteMeetingNoteInput!) {
    writeMeetingNote(input: $input) {
      id
    }
  }
`);

const AssignMeetingActionDocument = graphql(`
  mutation AssignMeetingAction($input: AssignMeetingActionInput!) {
    assignMeetingAction(input: $input) {
      id
    }
  }
`);

const CompleteMeetingActionDocument = graphql(`
  mutation CompleteMeetingAction($input: CompleteMeetingActionInput!) {
    completeMeetingAction(input: $input) {
      id
      status
    }
  }
`);

const ScheduleMeetingDocument = graphql(`
  mutation ScheduleMeeting($input: ScheduleMeetingInput!) {
    scheduleMeeting(input: $input) {
      id
    }
  }
`);

const ScheduleNextMeetingDocument = graphql(`
  mutation ScheduleNextMeeting($id: ID!) {
    scheduleNextMeeting(meetingId: $id) {
      id
      startsAt
    }
  }
`);

const AddAgendaItemDocument = graphql(`
  mutation AddAgendaItem($input: AddAgendaItemInput!) {
    addAgendaItem(input: $input) {
      id
      uncoveredOrganisationIds
    }
  }
`);

const FindPeopleDocument = graphql(`
  query FindPeopleForAgenda($search: String!) {
    people(first: 10, search: $search) {
      edges {
        node {
          id
          givenName
          familyName
          dateOfBirth
        }
      }
    }
  }
`);

export type MeetingPage = NonNullable<MeetingPageQuery['meeting']>;
export type MyMeetingAction = MyMeetingActionsQuery['myMeetingActions'][number];

export const meetings = () => gql(MeetingsDocument);
export const meetingPage = (id: string) => gql(MeetingPageDocument, { id });
export const myMeetingActions = () => gql(MyMeetingActionsDocument).then((d) => d.myMeetingActions);
export const meetingMinutes = (id: string, format: MinutesFormat) =>
  gql(MeetingMinutesDocument, { id, format }).then((d) => d.meetingMinutes);
export const recordAttendance = (input: RecordAttendanceInput) => gql(RecordAttendanceDocument, { input });
export const writeMeetingNote = (input: WriteMeetingNoteInput) => gql(WriteMeetingNoteDocument, { input });
export const assignMeetingAction = (input: AssignMeetingActionInput) => gql(AssignMeetingActionDocument, { input });
export const completeMeetingAction = (actionId: string) => gql(CompleteMeetingActionDocument, { input: { actionId } });
export const scheduleMeeting = (input: ScheduleMeetingInput) => gql(ScheduleMeetingDocument, { input }).then((d) => d.scheduleMeeting);
export const scheduleNextMeeting = (id: string) => gql(ScheduleNextMeetingDocument, { id }).then((d) => d.scheduleNextMeeting);
export const addAgendaItem = (input: AddAgendaItemInput) => gql(AddAgendaItemDocument, { input }).then((d) => d.addAgendaItem);
export const findPeople = (search: string) => gql(FindPeopleDocument, { search }).then((d) => d.people.edges.map((e) => e.node));
