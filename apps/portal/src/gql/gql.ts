/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      name\n      roles\n      organisation {\n        id\n        name\n        kind\n      }\n      reportAccess {\n        acrossOrganisations\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query SchemaFields {\n    __schema {\n      queryType {\n        fields {\n          name\n        }\n      }\n      mutationType {\n        fields {\n          name\n        }\n      }\n    }\n  }\n": typeof types.SchemaFieldsDocument,
    "\n    query ProbeReferralInbox {\n      referralInbox(first: 1) {\n        __typename\n      }\n    }\n  ": typeof types.ProbeReferralInboxDocument,
    "\n    query ProbeSentReferrals {\n      sentReferrals(first: 1) {\n        __typename\n      }\n    }\n  ": typeof types.ProbeSentReferralsDocument,
    "\n    query ProbeTasks {\n      tasks(first: 1) {\n        __typename\n      }\n    }\n  ": typeof types.ProbeTasksDocument,
    "\n  query MyDay($from: String!, $to: String!) {\n    myAppointments(from: $from, to: $to, first: 200) {\n      id\n      startsAt\n      durationMinutes\n      mode\n      location\n      status\n      serviceCode\n      service {\n        name\n      }\n      person {\n        id\n        givenName\n        familyName\n      }\n    }\n  }\n": typeof types.MyDayDocument,
    "\n  query NewReferrals {\n    referralInbox(first: 100, states: [SENT]) {\n      edges {\n        node {\n          id\n          service: serviceCode\n          createdAt\n          dueAt\n          person {\n            id\n            givenName\n            familyName\n          }\n          fromOrganisation {\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": typeof types.NewReferralsDocument,
    "\n  query MyOpenTasks($mine: Boolean) {\n    tasks(first: 200, status: OPEN, assignedToMe: $mine) {\n      edges {\n        node {\n          id\n          summary: title\n          dueAt\n          person {\n            id\n            givenName\n            familyName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": typeof types.MyOpenTasksDocument,
    "\n  query Services {\n    interventionTypes {\n      code\n      name\n      groupName\n      dataCategory\n      active\n    }\n  }\n": typeof types.ServicesDocument,
    "\n  query PersonDayWork($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      readableCategories\n      appointments(first: 100) {\n        id\n        version\n        startsAt\n        durationMinutes\n        mode\n        location\n        status\n        cancelledBy\n        outcomeNote\n        organisationId\n        serviceCode\n        dataCategory\n        withUserName\n        rescheduledFromId\n        rescheduledToId\n        service {\n          name\n        }\n      }\n    }\n  }\n": typeof types.PersonDayWorkDocument,
    "\n  query PersonContactAttempts($id: ID!) {\n    person(id: $id) {\n      id\n      contactAttempts(first: 50) {\n        id\n        channel\n        result\n        occurredAt\n        note\n        organisationId\n        serviceCode\n        dataCategory\n        appointmentId\n      }\n    }\n  }\n": typeof types.PersonContactAttemptsDocument,
    "\n  query PersonCaseNotes($id: ID!, $after: String) {\n    person(id: $id) {\n      id\n      caseNotes(first: 6, after: $after) {\n        notes {\n          id\n          version\n          body\n          dataCategory\n          aboutKind\n          aboutId\n          organisationId\n          writtenBy\n          createdAt\n          updatedAt\n          history {\n            version\n            body\n            dataCategory\n            reason\n            correctedAt\n          }\n        }\n        next\n      }\n    }\n  }\n": typeof types.PersonCaseNotesDocument,
    "\n  query PersonInterventionList($id: ID!) {\n    person(id: $id) {\n      id\n      interventions(first: 50) {\n        edges {\n          node {\n            id\n            occurredAt\n            typeCode\n            type {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.PersonInterventionListDocument,
    "\n  mutation BookAppointment($input: BookAppointmentInput!) {\n    bookAppointment(input: $input) {\n      id\n      startsAt\n    }\n  }\n": typeof types.BookAppointmentDocument,
    "\n  mutation RecordAppointmentOutcome($input: RecordAppointmentOutcomeInput!) {\n    recordAppointmentOutcome(input: $input) {\n      id\n      status\n      rescheduledToId\n    }\n  }\n": typeof types.RecordAppointmentOutcomeDocument,
    "\n  mutation LogContactAttempt($input: LogContactAttemptInput!) {\n    logContactAttempt(input: $input) {\n      id\n    }\n  }\n": typeof types.LogContactAttemptDocument,
    "\n  mutation WriteCaseNote($input: WriteCaseNoteInput!) {\n    writeCaseNote(input: $input) {\n      id\n    }\n  }\n": typeof types.WriteCaseNoteDocument,
    "\n  mutation CorrectCaseNote($input: CorrectCaseNoteInput!) {\n    correctCaseNote(input: $input) {\n      id\n      version\n    }\n  }\n": typeof types.CorrectCaseNoteDocument,
    "\n  subscription LiveReferrals {\n    referralInboxChanged {\n      id\n      state\n      overdue\n    }\n  }\n": typeof types.LiveReferralsDocument,
    "\n  subscription LiveTasks {\n    taskRaised {\n      id\n      kind\n      assigneeUserId\n      assigneeTeamId\n    }\n  }\n": typeof types.LiveTasksDocument,
    "\n  query Meetings {\n    meetings(first: 100) {\n      id\n      title\n      startsAt\n      place\n      organiser\n      organiserOrganisationId\n    }\n    organisations {\n      id\n      name\n    }\n  }\n": typeof types.MeetingsDocument,
    "\n  query MeetingPage($id: ID!) {\n    meeting(id: $id) {\n      id\n      title\n      startsAt\n      place\n      link\n      recurrence\n      organiser\n      organiserOrganisationId\n      invitedOrganisationIds\n      agenda {\n        id\n        personId\n        personLabel\n        reason\n        uncoveredOrganisationIds\n      }\n      notes {\n        id\n        agendaItemId\n        kind\n        organisationId\n        dataCategory\n        body\n        createdAt\n      }\n      actions {\n        id\n        agendaItemId\n        ownerOrganisationId\n        title\n        dueOn\n        status\n        overdue\n      }\n      carriedActions {\n        id\n        personId\n        ownerOrganisationId\n        title\n        dueOn\n        overdue\n      }\n      attendance {\n        organisationId\n        userId\n        attended\n      }\n    }\n    organisations {\n      id\n      name\n    }\n  }\n": typeof types.MeetingPageDocument,
    "\n  query MyMeetingActions {\n    myMeetingActions(first: 200) {\n      id\n      meetingId\n      personId\n      personLabel\n      title\n      dueOn\n      status\n      overdue\n    }\n  }\n": typeof types.MyMeetingActionsDocument,
    "\n  query MeetingMinutes($id: ID!, $format: MinutesFormat) {\n    meetingMinutes(meetingId: $id, format: $format) {\n      filename\n      contentType\n      content\n    }\n  }\n": typeof types.MeetingMinutesDocument,
    "\n  mutation RecordMeetingAttendance($input: RecordAttendanceInput!) {\n    recordMeetingAttendance(input: $input) {\n      attended\n    }\n  }\n": typeof types.RecordMeetingAttendanceDocument,
    "\n  mutation WriteMeetingNote($input: WriteMeetingNoteInput!) {\n    writeMeetingNote(input: $input) {\n      id\n    }\n  }\n": typeof types.WriteMeetingNoteDocument,
    "\n  mutation AssignMeetingAction($input: AssignMeetingActionInput!) {\n    assignMeetingAction(input: $input) {\n      id\n    }\n  }\n": typeof types.AssignMeetingActionDocument,
    "\n  mutation CompleteMeetingAction($input: CompleteMeetingActionInput!) {\n    completeMeetingAction(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.CompleteMeetingActionDocument,
    "\n  mutation ScheduleMeeting($input: ScheduleMeetingInput!) {\n    scheduleMeeting(input: $input) {\n      id\n    }\n  }\n": typeof types.ScheduleMeetingDocument,
    "\n  mutation ScheduleNextMeeting($id: ID!) {\n    scheduleNextMeeting(meetingId: $id) {\n      id\n      startsAt\n    }\n  }\n": typeof types.ScheduleNextMeetingDocument,
    "\n  mutation AddAgendaItem($input: AddAgendaItemInput!) {\n    addAgendaItem(input: $input) {\n      id\n      uncoveredOrganisationIds\n    }\n  }\n": typeof types.AddAgendaItemDocument,
    "\n  query FindPeopleForAgenda($search: String!) {\n    people(first: 10, search: $search) {\n      edges {\n        node {\n          id\n          givenName\n          familyName\n          dateOfBirth\n        }\n      }\n    }\n  }\n": typeof types.FindPeopleForAgendaDocument,
    "\n  mutation CreatePerson($input: CreatePersonInput!) {\n    createPerson(input: $input) {\n      outcome\n      person {\n        id\n        givenName\n        familyName\n      }\n      candidates {\n        id\n        givenName\n        familyName\n        dateOfBirth\n        region\n        withheldFields\n      }\n      hiddenCandidates\n    }\n  }\n": typeof types.CreatePersonDocument,
    "\n  mutation ChangeStage($input: UpdatePersonInput!) {\n    updatePerson(input: $input) {\n      id\n      stage\n      version\n    }\n  }\n": typeof types.ChangeStageDocument,
    "\n  query PersonStage($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      stage\n      version\n      withheldFields\n    }\n  }\n": typeof types.PersonStageDocument,
    "\n  query PersonHistory($id: ID!, $after: String) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      history(first: 12, after: $after) {\n        totalCount\n        edges {\n          node {\n            action\n            version\n            changedAt\n            changedBy\n            organisationId\n            reason\n            changes {\n              field\n              oldValue\n              newValue\n              withheld\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.PersonHistoryDocument,
    "\n  query InterventionHistory($id: ID!, $after: String) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      interventions(first: 5, after: $after) {\n        edges {\n          node {\n            id\n            version\n            typeCode\n            status\n            occurredAt\n            notes\n            organisationId\n            type {\n              name\n            }\n            corrected\n            history {\n              version\n              status\n              occurredAt\n              notes\n              correctedByName\n              correctedAt\n              reason\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.InterventionHistoryDocument,
    "\n  mutation CorrectIntervention($input: UpdateInterventionInput!) {\n    updateIntervention(input: $input) {\n      id\n      version\n      corrected\n    }\n  }\n": typeof types.CorrectInterventionDocument,
    "\n  query PersonReferrals($id: ID!) {\n    person(id: $id) {\n      id\n      referrals(first: 100) {\n        edges {\n          node {\n            id\n            status: state\n            service: serviceCode\n            open\n            stateReason\n            createdAt\n            person {\n              id\n              givenName\n              familyName\n            }\n            fromOrganisation {\n              name\n            }\n            toOrganisation {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.PersonReferralsDocument,
    "\n  query ReferralInbox($first: Int, $after: String, $states: [ReferralState!], $serviceCode: String) {\n    referralInbox(first: $first, after: $after, states: $states, serviceCode: $serviceCode) {\n      edges {\n        node {\n          id\n          status: state\n          service: serviceCode\n          serviceName\n          reason\n          stateReason\n          automatic\n          outcome\n          outcomeNote\n          sentAt\n          dueAt\n          open\n          actions\n          sentBy {\n            name\n            email\n            organisationName\n          }\n          acceptedBy {\n            name\n            email\n            organisationName\n          }\n          person {\n            id\n            givenName\n            familyName\n          }\n          fromOrganisation {\n            name\n          }\n          toOrganisation {\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ReferralInboxDocument,
    "\n  query SentReferrals($first: Int, $after: String, $states: [ReferralState!], $serviceCode: String) {\n    sentReferrals(first: $first, after: $after, states: $states, serviceCode: $serviceCode) {\n      edges {\n        node {\n          id\n          status: state\n          service: serviceCode\n          serviceName\n          reason\n          stateReason\n          automatic\n          outcome\n          outcomeNote\n          sentAt\n          dueAt\n          open\n          actions\n          sentBy {\n            name\n            email\n            organisationName\n          }\n          acceptedBy {\n            name\n            email\n            organisationName\n          }\n          person {\n            id\n            givenName\n            familyName\n          }\n          fromOrganisation {\n            name\n          }\n          toOrganisation {\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.SentReferralsDocument,
    "\n  query ReferralCounts($direction: ReferralDirection!, $serviceCode: String) {\n    referralCounts(direction: $direction, serviceCode: $serviceCode) {\n      state\n      count\n    }\n  }\n": typeof types.ReferralCountsDocument,
    "\n  query ReferralPreview($input: ReferralPreviewInput!) {\n    referralPreview(input: $input) {\n      receiverName\n      receiverSees\n      youMayShare\n      basis\n      alreadyWorksWith\n      worksWithAs\n      worksWithSince\n      openReferralsFromYou\n    }\n  }\n": typeof types.ReferralPreviewDocument,
    "\n  query Tasks($first: Int, $after: String, $assignedToMe: Boolean) {\n    tasks(first: $first, after: $after, assignedToMe: $assignedToMe) {\n      edges {\n        node {\n          id\n          kind\n          summary: title\n          detail\n          dueAt\n          assigneeUserId\n          assignedTo\n          assignedBy\n          assignedByMe\n          person {\n            id\n            givenName\n            familyName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.TasksDocument,
    "\n  mutation AcceptReferral($id: ID!) {\n    acceptReferral(id: $id) {\n      id\n      status: state\n    }\n  }\n": typeof types.AcceptReferralDocument,
    "\n  mutation DeclineReferral($id: ID!, $reason: String!) {\n    declineReferral(input: { referralId: $id, reason: $reason }) {\n      id\n      status: state\n    }\n  }\n": typeof types.DeclineReferralDocument,
    "\n  mutation StartReferral($id: ID!) {\n    startReferral(id: $id) {\n      id\n      status: state\n    }\n  }\n": typeof types.StartReferralDocument,
    "\n  mutation CompleteReferral($input: CompleteReferralInput!) {\n    completeReferral(input: $input) {\n      id\n      status: state\n    }\n  }\n": typeof types.CompleteReferralDocument,
    "\n  mutation WithdrawReferral($id: ID!, $reason: String!) {\n    withdrawReferral(input: { referralId: $id, reason: $reason }) {\n      id\n      status: state\n    }\n  }\n": typeof types.WithdrawReferralDocument,
    "\n  mutation CompleteTask($id: ID!) {\n    completeTask(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.CompleteTaskDocument,
    "\n  query Partners {\n    organisations {\n      id\n      name\n      regions\n      services\n      active\n    }\n  }\n": typeof types.PartnersDocument,
    "\n  mutation SendReferral($input: SendReferralInput!) {\n    sendReferral(input: $input) {\n      id\n    }\n  }\n": typeof types.SendReferralDocument,
    "\n  query PortalRegions {\n    regions {\n      code\n      name\n      active\n      synonyms\n    }\n  }\n": typeof types.PortalRegionsDocument,
    "\n  query EteFunnel($input: ReportFilterInput!) {\n    eteFunnel(input: $input) {\n      scope\n      suppressionThreshold\n      steps {\n        step\n        label\n        people\n        suppressed\n        conversion\n        breakdown {\n          key\n          count\n          suppressed\n        }\n      }\n    }\n  }\n": typeof types.EteFunnelDocument,
    "\n  query OrganisationOutcomes($input: OrganisationOutcomesInput!) {\n    organisationOutcomes(input: $input) {\n      organisationKind\n      counted\n      suppressionThreshold\n      measures {\n        key\n        label\n        people\n        suppressed\n        shown\n        note\n      }\n    }\n  }\n": typeof types.OrganisationOutcomesDocument,
    "\n  query Reoffending($input: ReoffendingInput!) {\n    reoffendingAnalysis(input: $input) {\n      cohort\n      cohortSize\n      excludedFollowUpPending\n      excludedNoOgrs\n      actualRate\n      predictedRate\n      differencePoints\n      fewerReoffenders\n      suppressed\n    }\n  }\n": typeof types.ReoffendingDocument,
    "\n  fragment ReferralReportRowFields on ReferralReportRow {\n    serviceCode\n    sent\n    accepted\n    declined\n    withdrawnBeforeAnswer\n    awaitingAnswer\n    answeredInTime\n    awaitingAnswerPastDue\n    started\n    startedInTime\n    acceptedNotStartedPastDue\n    completed\n    withdrawnAfterAcceptance\n    medianHoursToAnswer\n    medianHoursToStart\n    suppressed\n  }\n": typeof types.ReferralReportRowFieldsFragmentDoc,
    "\n  query ReferralReport($input: ReferralReportInput!) {\n    referralReport(input: $input) {\n      from\n      to\n      scope\n      direction\n      suppressionThreshold\n      total {\n        ...ReferralReportRowFields\n      }\n      services {\n        ...ReferralReportRowFields\n      }\n    }\n  }\n": typeof types.ReferralReportDocument,
    "\n  query ReportChoices($withOrganisations: Boolean!) {\n    interventionTypes {\n      code\n      name\n      groupName\n    }\n    organisations @include(if: $withOrganisations) {\n      id\n      name\n    }\n  }\n": typeof types.ReportChoicesDocument,
    "\n  query AccessSearch($input: AccessSearchInput!, $after: String) {\n    accessSearch(input: $input, first: 50, after: $after) {\n      edges {\n        node {\n          id\n          occurredAt\n          actor\n          organisationId\n          purpose\n          personId\n          action\n          fields\n          breakGlass\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AccessSearchDocument,
    "\n  query AccessOrganisations {\n    organisations {\n      id\n      name\n    }\n  }\n": typeof types.AccessOrganisationsDocument,
    "\n  query OrgApiClients {\n    apiClients {\n      id\n      name\n      clientId\n      scopes\n      active\n      createdAt\n    }\n  }\n": typeof types.OrgApiClientsDocument,
    "\n  mutation CreateApiClient($input: CreateApiClientInput!) {\n    createApiClient(input: $input) {\n      client {\n        id\n        name\n        clientId\n      }\n      clientSecret\n    }\n  }\n": typeof types.CreateApiClientDocument,
    "\n  mutation RotateApiClientSecret($id: ID!) {\n    rotateApiClientSecret(id: $id) {\n      client {\n        id\n        name\n        clientId\n      }\n      clientSecret\n    }\n  }\n": typeof types.RotateApiClientSecretDocument,
    "\n  mutation RevokeApiClient($id: ID!) {\n    revokeApiClient(id: $id) {\n      id\n      active\n    }\n  }\n": typeof types.RevokeApiClientDocument,
    "\n  query AssignTaskForm($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n    }\n    colleagues {\n      id\n      name\n    }\n    teams {\n      id\n      name\n      members {\n        userId\n      }\n    }\n  }\n": typeof types.AssignTaskFormDocument,
    "\n  mutation AssignTask($input: AssignTaskInput!) {\n    assignTask(input: $input) {\n      id\n      assignedTo\n    }\n  }\n": typeof types.AssignTaskDocument,
    "\n  query BreakGlassReview($after: String) {\n    breakGlassGrants(first: 20, after: $after) {\n      edges {\n        node {\n          id\n          actor\n          personId\n          reason\n          purpose\n          openedAt\n          expiresAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.BreakGlassReviewDocument,
    "\n  query ReadDuringGrant($input: AccessSearchInput!, $after: String) {\n    accessSearch(input: $input, first: 50, after: $after) {\n      edges {\n        node {\n          id\n          occurredAt\n          personId\n          action\n          fields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ReadDuringGrantDocument,
    "\n  mutation ReviewBreakGlass($input: ReviewBreakGlassInput!) {\n    reviewBreakGlass(input: $input) {\n      id\n      reviewedAt\n    }\n  }\n": typeof types.ReviewBreakGlassDocument,
    "\n  query ConsentForm($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n    }\n    organisations {\n      id\n      name\n      kind\n    }\n    consentPurposes {\n      purpose\n      categories\n    }\n  }\n": typeof types.ConsentFormDocument,
    "\n  mutation GrantConsent($input: GrantConsentInput!) {\n    grantConsent(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.GrantConsentDocument,
    "\n  query WithdrawConsentForm($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      consents {\n        id\n        purpose\n        status\n      }\n    }\n  }\n": typeof types.WithdrawConsentFormDocument,
    "\n  mutation WithdrawConsent($input: WithdrawConsentInput!) {\n    withdrawConsent(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.WithdrawConsentDocument,
    "\n  query HubCatalogue {\n    interventionTypes(includeInactive: true) {\n      code\n      name\n      groupName\n      dataCategory\n      outcomeKind\n      active\n    }\n  }\n": typeof types.HubCatalogueDocument,
    "\n  mutation CreateInterventionType($input: CreateInterventionTypeInput!) {\n    createInterventionType(input: $input) {\n      code\n      name\n    }\n  }\n": typeof types.CreateInterventionTypeDocument,
    "\n  mutation UpdateInterventionType($input: UpdateInterventionTypeInput!) {\n    updateInterventionType(input: $input) {\n      code\n      name\n      groupName\n      active\n    }\n  }\n": typeof types.UpdateInterventionTypeDocument,
    "\n  query LegalHolds($personId: ID!) {\n    legalHolds(personId: $personId) {\n      id\n      reason\n      placedAt\n      placedBy\n    }\n  }\n": typeof types.LegalHoldsDocument,
    "\n  mutation PlaceLegalHold($input: PersonReasonInput!) {\n    placeLegalHold(input: $input) {\n      id\n    }\n  }\n": typeof types.PlaceLegalHoldDocument,
    "\n  mutation ReleaseLegalHold($holdId: ID!) {\n    releaseLegalHold(holdId: $holdId) {\n      id\n      releasedAt\n    }\n  }\n": typeof types.ReleaseLegalHoldDocument,
    "\n  query LogInterventionForm($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n    }\n    interventionTypes {\n      code\n      name\n      groupName\n      outcomeKind\n      active\n    }\n  }\n": typeof types.LogInterventionFormDocument,
    "\n  mutation LogIntervention($input: LogInterventionInput!) {\n    logIntervention(input: $input) {\n      id\n    }\n  }\n": typeof types.LogInterventionDocument,
    "\n  query NotificationSettings {\n    notificationSettings {\n      delivery\n      emailConfigured\n      kinds {\n        kind\n        label\n        enabled\n      }\n    }\n  }\n": typeof types.NotificationSettingsDocument,
    "\n  query NotificationsSent($first: Int, $after: String) {\n    notificationsSent(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          kind\n          status\n          reason\n          path\n          createdAt\n          sentAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.NotificationsSentDocument,
    "\n  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      delivery\n      emailConfigured\n      kinds {\n        kind\n        label\n        enabled\n      }\n    }\n  }\n": typeof types.UpdateNotificationSettingsDocument,
    "\n  query HubOrganisations($first: Int!, $after: String) {\n    organisationPage(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          kind\n          active\n          capacity\n          regions\n          services\n          version\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.HubOrganisationsDocument,
    "\n  mutation CreateOrganisation($input: CreateOrganisationInput!) {\n    createOrganisation(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreateOrganisationDocument,
    "\n  mutation UpdateOrganisation($input: UpdateOrganisationInput!) {\n    updateOrganisation(input: $input) {\n      id\n      active\n      version\n    }\n  }\n": typeof types.UpdateOrganisationDocument,
    "\n  query People($first: Int, $after: String, $search: String, $filter: PeopleFilter) {\n    people(first: $first, after: $after, search: $search, filter: $filter) {\n      edges {\n        node {\n          id\n          givenName\n          familyName\n          dateOfBirth\n          stage\n          withheldFields\n          allocation {\n            caseOwnerName\n            teamName\n          }\n          interventions(first: 1) {\n            edges {\n              node {\n                occurredAt\n                typeCode\n                type {\n                  name\n                }\n              }\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.PeopleDocument,
    "\n  query PrivacyPerson($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n    }\n  }\n": typeof types.PrivacyPersonDocument,
    "\n  query PersonAccessLog($id: ID!) {\n    personAccessLog(personId: $id, first: 50) {\n      id\n      occurredAt\n      actor\n      organisationId\n      action\n      purpose\n      breakGlass\n    }\n  }\n": typeof types.PersonAccessLogDocument,
    "\n  mutation SubjectAccessExport($personId: ID!) {\n    subjectAccessExport(personId: $personId) {\n      json\n      document\n      generatedAt\n      counts {\n        section\n        rows\n      }\n    }\n  }\n": typeof types.SubjectAccessExportDocument,
    "\n  mutation ErasePerson($input: PersonReasonInput!) {\n    erasePerson(input: $input) {\n      id\n      erasedAt\n    }\n  }\n": typeof types.ErasePersonDocument,
    "\n  query PersonAllocation($id: ID!) {\n    person(id: $id) {\n      id\n      allocation {\n        id\n        caseOwnerId\n        caseOwnerName\n        teamId\n        teamName\n        reason\n        allocatedAt\n        allocatedBy\n      }\n      allocationHistory {\n        id\n        caseOwnerId\n        caseOwnerName\n        teamId\n        teamName\n        reason\n        allocatedAt\n        allocatedBy\n        endedAt\n      }\n      restrictions {\n        id\n        kind\n        userIds\n        reason\n        reviewOn\n        allowsBreakGlass\n        placedAt\n      }\n    }\n  }\n": typeof types.PersonAllocationDocument,
    "\n  query Teams {\n    teams {\n      id\n      name\n      members {\n        userId\n        name\n      }\n    }\n  }\n": typeof types.TeamsDocument,
    "\n  mutation AllocatePerson($input: AllocatePersonInput!) {\n    allocatePerson(input: $input) {\n      id\n      caseOwnerName\n      teamName\n    }\n  }\n": typeof types.AllocatePersonDocument,
    "\n  mutation UpdateIntervention($input: UpdateInterventionInput!) {\n    updateIntervention(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.UpdateInterventionDocument,
    "\n  mutation EndInvolvement($input: EndInvolvementInput!) {\n    endInvolvement(input: $input) {\n      id\n      endedAt\n    }\n  }\n": typeof types.EndInvolvementDocument,
    "\n  query PersonRecord($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      dateOfBirth\n      region\n      releaseDate\n      offenceSummary\n      ogrsScore\n      riskLevel\n      healthNotes\n      stage\n      withheldFields\n      readableCategories\n      identifiers {\n        scheme\n        value\n      }\n      interventions(first: 20) {\n        edges {\n          node {\n            id\n            typeCode\n            version\n            status\n            occurredAt\n            notes\n            corrected\n            dataCategory\n            organisationId\n            organisation {\n              name\n            }\n            type {\n              name\n            }\n            outcome {\n              __typename\n              ... on JobOutcome {\n                employer\n                sector\n                hoursPerWeek\n                startDate\n              }\n              ... on QualificationOutcome {\n                qualification\n                level\n                awardedOn\n              }\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n      consents {\n        id\n        purpose\n        categories\n        opens\n        organisationId\n        organisationKind\n        status\n        givenAt\n        method\n        expiresAt\n      }\n      sustainments {\n        id\n        interventionId\n        startDate\n        dueOn\n        status\n      }\n      involvements {\n        id\n        organisationId\n        role\n        startedAt\n        endedAt\n      }\n    }\n  }\n": typeof types.PersonRecordDocument,
    "\n  query MoreInterventions($id: ID!, $after: String) {\n    person(id: $id) {\n      id\n      interventions(first: 20, after: $after) {\n        edges {\n          node {\n            id\n            typeCode\n            version\n            status\n            occurredAt\n            notes\n            corrected\n            dataCategory\n            organisationId\n            organisation {\n              name\n            }\n            type {\n              name\n            }\n            outcome {\n              __typename\n              ... on JobOutcome {\n                employer\n                sector\n                hoursPerWeek\n                startDate\n              }\n              ... on QualificationOutcome {\n                qualification\n                level\n                awardedOn\n              }\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.MoreInterventionsDocument,
    "\n  query OrganisationNames {\n    organisations {\n      id\n      name\n    }\n  }\n": typeof types.OrganisationNamesDocument,
    "\n  mutation RecordSustainment($input: RecordSustainmentInput!) {\n    recordSustainment(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.RecordSustainmentDocument,
    "\n  query ReferPerson($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      region\n    }\n  }\n": typeof types.ReferPersonDocument,
    "\n  query ReferralRulesAdmin {\n    referralRules {\n      ruleId\n      version\n      name\n      active\n      triggerEvent\n      conditions\n      serviceCode\n      matchRegion\n      consentPurpose\n      cooldownDays\n    }\n    organisations {\n      id\n      services\n    }\n  }\n": typeof types.ReferralRulesAdminDocument,
    "\n  query RuleDryRun($input: DryRunReferralRuleInput!) {\n    dryRunReferralRule(input: $input) {\n      considered\n      matched\n      wouldRefer\n      heldForConsent\n      truncated\n      people {\n        personId\n        outcome\n        receiverName\n        detail\n      }\n    }\n  }\n": typeof types.RuleDryRunDocument,
    "\n  mutation CreateReferralRule($input: ReferralRuleInput!) {\n    createReferralRule(input: $input) {\n      ruleId\n      version\n    }\n  }\n": typeof types.CreateReferralRuleDocument,
    "\n  mutation SwitchReferralRule($input: UpdateReferralRuleInput!) {\n    updateReferralRule(input: $input) {\n      ruleId\n      version\n      active\n    }\n  }\n": typeof types.SwitchReferralRuleDocument,
    "\n  mutation SaveRegion($input: SaveRegionInput!) {\n    saveRegion(input: $input) {\n      code\n      name\n      active\n    }\n  }\n": typeof types.SaveRegionDocument,
    "\n  mutation AddRegionSynonym($input: RegionSynonymInput!) {\n    addRegionSynonym(input: $input) {\n      code\n      synonyms\n    }\n  }\n": typeof types.AddRegionSynonymDocument,
    "\n  mutation RemoveRegionSynonym($input: RegionSynonymInput!) {\n    removeRegionSynonym(input: $input) {\n      code\n      synonyms\n    }\n  }\n": typeof types.RemoveRegionSynonymDocument,
    "\n  query RuleVersions {\n    referralRules(history: true) {\n      ruleId\n      version\n      name\n      active\n      triggerEvent\n      conditions\n      serviceCode\n      matchRegion\n      consentPurpose\n      cooldownDays\n      createdBy\n      createdAt\n    }\n  }\n": typeof types.RuleVersionsDocument,
    "\n  query SharingAgreementsAdmin {\n    sharingAgreements {\n      id\n      name\n      lawfulBasis\n      categories\n      purposes\n      partyOrganisationIds\n      partyKinds\n      validFrom\n      validTo\n      inForce\n      endedReason\n    }\n    organisations {\n      id\n      name\n    }\n  }\n": typeof types.SharingAgreementsAdminDocument,
    "\n  mutation CreateSharingAgreement($input: CreateSharingAgreementInput!) {\n    createSharingAgreement(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateSharingAgreementDocument,
    "\n  mutation EndSharingAgreement($input: EndSharingAgreementInput!) {\n    endSharingAgreement(input: $input) {\n      id\n      inForce\n    }\n  }\n": typeof types.EndSharingAgreementDocument,
    "\n  query TeamAdmin {\n    viewer {\n      organisation {\n        id\n        visibility\n      }\n    }\n    teams {\n      id\n      name\n      members {\n        userId\n        name\n      }\n    }\n  }\n": typeof types.TeamAdminDocument,
    "\n  query OrgUsers {\n    users(first: 500) {\n      edges {\n        node {\n          id\n          name\n          active\n        }\n      }\n    }\n  }\n": typeof types.OrgUsersDocument,
    "\n  mutation CreateTeam($input: CreateTeamInput!) {\n    createTeam(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreateTeamDocument,
    "\n  mutation AddTeamMember($input: TeamMemberInput!) {\n    addTeamMember(input: $input) {\n      id\n    }\n  }\n": typeof types.AddTeamMemberDocument,
    "\n  mutation RemoveTeamMember($input: TeamMemberInput!) {\n    removeTeamMember(input: $input) {\n      id\n    }\n  }\n": typeof types.RemoveTeamMemberDocument,
    "\n  mutation SetCaseVisibility($input: SetCaseVisibilityInput!) {\n    setCaseVisibility(input: $input) {\n      id\n      visibility\n    }\n  }\n": typeof types.SetCaseVisibilityDocument,
    "\n  query UnusualAccessReview($input: UnusualAccessInput!) {\n    unusualAccess(input: $input) {\n      kind\n      actor\n      organisationId\n      count\n      eventCount\n      events {\n        id\n        occurredAt\n        personId\n        action\n        breakGlass\n      }\n    }\n  }\n": typeof types.UnusualAccessReviewDocument,
    "\n  query OrgAdminUsers($after: String) {\n    users(first: 25, after: $after) {\n      edges {\n        node {\n          id\n          name\n          email\n          roles\n          active\n          identities {\n            issuer\n            subject\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n    identityProvider {\n      issuer\n      identityClaim\n    }\n  }\n": typeof types.OrgAdminUsersDocument,
    "\n  mutation LinkUserIdentity($input: LinkUserIdentityInput!) {\n    linkUserIdentity(input: $input) {\n      id\n    }\n  }\n": typeof types.LinkUserIdentityDocument,
    "\n  mutation UnlinkUserIdentity($userId: ID!) {\n    unlinkUserIdentity(userId: $userId) {\n      id\n    }\n  }\n": typeof types.UnlinkUserIdentityDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      id\n      active\n      roles\n    }\n  }\n": typeof types.UpdateUserDocument,
    "\n  mutation ResetUserPassword($input: ResetUserPasswordInput!) {\n    resetUserPassword(input: $input) {\n      id\n      passwordChangeRequired\n    }\n  }\n": typeof types.ResetUserPasswordDocument,
    "\n  query OrgWebhooks {\n    webhookEndpoints {\n      id\n      url\n      eventTypes\n      active\n    }\n  }\n": typeof types.OrgWebhooksDocument,
    "\n  query WebhookDeliveries($endpointId: ID!, $after: String) {\n    webhookDeliveries(endpointId: $endpointId, first: 20, after: $after) {\n      edges {\n        node {\n          id\n          eventId\n          status\n          deliveredAt\n          attempts {\n            at\n            statusCode\n            error\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.WebhookDeliveriesDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n      secret\n    }\n  }\n": typeof types.CreateWebhookEndpointDocument,
    "\n  mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) {\n      id\n      active\n    }\n  }\n": typeof types.UpdateWebhookEndpointDocument,
    "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.ReplayWebhookDeliveryDocument,
    "\n  query WhyPerson($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      readableCategories\n    }\n  }\n": typeof types.WhyPersonDocument,
    "\n  query ExplainAccess($id: ID!, $category: DataCategory!) {\n    explainAccess(personId: $id, category: $category) {\n      allowed\n      reason\n      explanation\n    }\n  }\n": typeof types.ExplainAccessDocument,
};
const documents: Documents = {
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": types.ChangePasswordDocument,
    "\n  query Viewer {\n    viewer {\n      id\n      name\n      roles\n      organisation {\n        id\n        name\n        kind\n      }\n      reportAccess {\n        acrossOrganisations\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  query SchemaFields {\n    __schema {\n      queryType {\n        fields {\n          name\n        }\n      }\n      mutationType {\n        fields {\n          name\n        }\n      }\n    }\n  }\n": types.SchemaFieldsDocument,
    "\n    query ProbeReferralInbox {\n      referralInbox(first: 1) {\n        __typename\n      }\n    }\n  ": types.ProbeReferralInboxDocument,
    "\n    query ProbeSentReferrals {\n      sentReferrals(first: 1) {\n        __typename\n      }\n    }\n  ": types.ProbeSentReferralsDocument,
    "\n    query ProbeTasks {\n      tasks(first: 1) {\n        __typename\n      }\n    }\n  ": types.ProbeTasksDocument,
    "\n  query MyDay($from: String!, $to: String!) {\n    myAppointments(from: $from, to: $to, first: 200) {\n      id\n      startsAt\n      durationMinutes\n      mode\n      location\n      status\n      serviceCode\n      service {\n        name\n      }\n      person {\n        id\n        givenName\n        familyName\n      }\n    }\n  }\n": types.MyDayDocument,
    "\n  query NewReferrals {\n    referralInbox(first: 100, states: [SENT]) {\n      edges {\n        node {\n          id\n          service: serviceCode\n          createdAt\n          dueAt\n          person {\n            id\n            givenName\n            familyName\n          }\n          fromOrganisation {\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": types.NewReferralsDocument,
    "\n  query MyOpenTasks($mine: Boolean) {\n    tasks(first: 200, status: OPEN, assignedToMe: $mine) {\n      edges {\n        node {\n          id\n          summary: title\n          dueAt\n          person {\n            id\n            givenName\n            familyName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": types.MyOpenTasksDocument,
    "\n  query Services {\n    interventionTypes {\n      code\n      name\n      groupName\n      dataCategory\n      active\n    }\n  }\n": types.ServicesDocument,
    "\n  query PersonDayWork($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      readableCategories\n      appointments(first: 100) {\n        id\n        version\n        startsAt\n        durationMinutes\n        mode\n        location\n        status\n        cancelledBy\n        outcomeNote\n        organisationId\n        serviceCode\n        dataCategory\n        withUserName\n        rescheduledFromId\n        rescheduledToId\n        service {\n          name\n        }\n      }\n    }\n  }\n": types.PersonDayWorkDocument,
    "\n  query PersonContactAttempts($id: ID!) {\n    person(id: $id) {\n      id\n      contactAttempts(first: 50) {\n        id\n        channel\n        result\n        occurredAt\n        note\n        organisationId\n        serviceCode\n        dataCategory\n        appointmentId\n      }\n    }\n  }\n": types.PersonContactAttemptsDocument,
    "\n  query PersonCaseNotes($id: ID!, $after: String) {\n    person(id: $id) {\n      id\n      caseNotes(first: 6, after: $after) {\n        notes {\n          id\n          version\n          body\n          dataCategory\n          aboutKind\n          aboutId\n          organisationId\n          writtenBy\n          createdAt\n          updatedAt\n          history {\n            version\n            body\n            dataCategory\n            reason\n            correctedAt\n          }\n        }\n        next\n      }\n    }\n  }\n": types.PersonCaseNotesDocument,
    "\n  query PersonInterventionList($id: ID!) {\n    person(id: $id) {\n      id\n      interventions(first: 50) {\n        edges {\n          node {\n            id\n            occurredAt\n            typeCode\n            type {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.PersonInterventionListDocument,
    "\n  mutation BookAppointment($input: BookAppointmentInput!) {\n    bookAppointment(input: $input) {\n      id\n      startsAt\n    }\n  }\n": types.BookAppointmentDocument,
    "\n  mutation RecordAppointmentOutcome($input: RecordAppointmentOutcomeInput!) {\n    recordAppointmentOutcome(input: $input) {\n      id\n      status\n      rescheduledToId\n    }\n  }\n": types.RecordAppointmentOutcomeDocument,
    "\n  mutation LogContactAttempt($input: LogContactAttemptInput!) {\n    logContactAttempt(input: $input) {\n      id\n    }\n  }\n": types.LogContactAttemptDocument,
    "\n  mutation WriteCaseNote($input: WriteCaseNoteInput!) {\n    writeCaseNote(input: $input) {\n      id\n    }\n  }\n": types.WriteCaseNoteDocument,
    "\n  mutation CorrectCaseNote($input: CorrectCaseNoteInput!) {\n    correctCaseNote(input: $input) {\n      id\n      version\n    }\n  }\n": types.CorrectCaseNoteDocument,
    "\n  subscription LiveReferrals {\n    referralInboxChanged {\n      id\n      state\n      overdue\n    }\n  }\n": types.LiveReferralsDocument,
    "\n  subscription LiveTasks {\n    taskRaised {\n      id\n      kind\n      assigneeUserId\n      assigneeTeamId\n    }\n  }\n": types.LiveTasksDocument,
    "\n  query Meetings {\n    meetings(first: 100) {\n      id\n      title\n      startsAt\n      place\n      organiser\n      organiserOrganisationId\n    }\n    organisations {\n      id\n      name\n    }\n  }\n": types.MeetingsDocument,
    "\n  query MeetingPage($id: ID!) {\n    meeting(id: $id) {\n      id\n      title\n      startsAt\n      place\n      link\n      recurrence\n      organiser\n      organiserOrganisationId\n      invitedOrganisationIds\n      agenda {\n        id\n        personId\n        personLabel\n        reason\n        uncoveredOrganisationIds\n      }\n      notes {\n        id\n        agendaItemId\n        kind\n        organisationId\n        dataCategory\n        body\n        createdAt\n      }\n      actions {\n        id\n        agendaItemId\n        ownerOrganisationId\n        title\n        dueOn\n        status\n        overdue\n      }\n      carriedActions {\n        id\n        personId\n        ownerOrganisationId\n        title\n        dueOn\n        overdue\n      }\n      attendance {\n        organisationId\n        userId\n        attended\n      }\n    }\n    organisations {\n      id\n      name\n    }\n  }\n": types.MeetingPageDocument,
    "\n  query MyMeetingActions {\n    myMeetingActions(first: 200) {\n      id\n      meetingId\n      personId\n      personLabel\n      title\n      dueOn\n      status\n      overdue\n    }\n  }\n": types.MyMeetingActionsDocument,
    "\n  query MeetingMinutes($id: ID!, $format: MinutesFormat) {\n    meetingMinutes(meetingId: $id, format: $format) {\n      filename\n      contentType\n      content\n    }\n  }\n": types.MeetingMinutesDocument,
    "\n  mutation RecordMeetingAttendance($input: RecordAttendanceInput!) {\n    recordMeetingAttendance(input: $input) {\n      attended\n    }\n  }\n": types.RecordMeetingAttendanceDocument,
    "\n  mutation WriteMeetingNote($input: WriteMeetingNoteInput!) {\n    writeMeetingNote(input: $input) {\n      id\n    }\n  }\n": types.WriteMeetingNoteDocument,
    "\n  mutation AssignMeetingAction($input: AssignMeetingActionInput!) {\n    assignMeetingAction(input: $input) {\n      id\n    }\n  }\n": types.AssignMeetingActionDocument,
    "\n  mutation CompleteMeetingAction($input: CompleteMeetingActionInput!) {\n    completeMeetingAction(input: $input) {\n      id\n      status\n    }\n  }\n": types.CompleteMeetingActionDocument,
    "\n  mutation ScheduleMeeting($input: ScheduleMeetingInput!) {\n    scheduleMeeting(input: $input) {\n      id\n    }\n  }\n": types.ScheduleMeetingDocument,
    "\n  mutation ScheduleNextMeeting($id: ID!) {\n    scheduleNextMeeting(meetingId: $id) {\n      id\n      startsAt\n    }\n  }\n": types.ScheduleNextMeetingDocument,
    "\n  mutation AddAgendaItem($input: AddAgendaItemInput!) {\n    addAgendaItem(input: $input) {\n      id\n      uncoveredOrganisationIds\n    }\n  }\n": types.AddAgendaItemDocument,
    "\n  query FindPeopleForAgenda($search: String!) {\n    people(first: 10, search: $search) {\n      edges {\n        node {\n          id\n          givenName\n          familyName\n          dateOfBirth\n        }\n      }\n    }\n  }\n": types.FindPeopleForAgendaDocument,
    "\n  mutation CreatePerson($input: CreatePersonInput!) {\n    createPerson(input: $input) {\n      outcome\n      person {\n        id\n        givenName\n        familyName\n      }\n      candidates {\n        id\n        givenName\n        familyName\n        dateOfBirth\n        region\n        withheldFields\n      }\n      hiddenCandidates\n    }\n  }\n": types.CreatePersonDocument,
    "\n  mutation ChangeStage($input: UpdatePersonInput!) {\n    updatePerson(input: $input) {\n      id\n      stage\n      version\n    }\n  }\n": types.ChangeStageDocument,
    "\n  query PersonStage($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      stage\n      version\n      withheldFields\n    }\n  }\n": types.PersonStageDocument,
    "\n  query PersonHistory($id: ID!, $after: String) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      history(first: 12, after: $after) {\n        totalCount\n        edges {\n          node {\n            action\n            version\n            changedAt\n            changedBy\n            organisationId\n            reason\n            changes {\n              field\n              oldValue\n              newValue\n              withheld\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.PersonHistoryDocument,
    "\n  query InterventionHistory($id: ID!, $after: String) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      interventions(first: 5, after: $after) {\n        edges {\n          node {\n            id\n            version\n            typeCode\n            status\n            occurredAt\n            notes\n            organisationId\n            type {\n              name\n            }\n            corrected\n            history {\n              version\n              status\n              occurredAt\n              notes\n              correctedByName\n              correctedAt\n              reason\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.InterventionHistoryDocument,
    "\n  mutation CorrectIntervention($input: UpdateInterventionInput!) {\n    updateIntervention(input: $input) {\n      id\n      version\n      corrected\n    }\n  }\n": types.CorrectInterventionDocument,
    "\n  query PersonReferrals($id: ID!) {\n    person(id: $id) {\n      id\n      referrals(first: 100) {\n        edges {\n          node {\n            id\n            status: state\n            service: serviceCode\n            open\n            stateReason\n            createdAt\n            person {\n              id\n              givenName\n              familyName\n            }\n            fromOrganisation {\n              name\n            }\n            toOrganisation {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.PersonReferralsDocument,
    "\n  query ReferralInbox($first: Int, $after: String, $states: [ReferralState!], $serviceCode: String) {\n    referralInbox(first: $first, after: $after, states: $states, serviceCode: $serviceCode) {\n      edges {\n        node {\n          id\n          status: state\n          service: serviceCode\n          serviceName\n          reason\n          stateReason\n          automatic\n          outcome\n          outcomeNote\n          sentAt\n          dueAt\n          open\n          actions\n          sentBy {\n            name\n            email\n            organisationName\n          }\n          acceptedBy {\n            name\n            email\n            organisationName\n          }\n          person {\n            id\n            givenName\n            familyName\n          }\n          fromOrganisation {\n            name\n          }\n          toOrganisation {\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ReferralInboxDocument,
    "\n  query SentReferrals($first: Int, $after: String, $states: [ReferralState!], $serviceCode: String) {\n    sentReferrals(first: $first, after: $after, states: $states, serviceCode: $serviceCode) {\n      edges {\n        node {\n          id\n          status: state\n          service: serviceCode\n          serviceName\n          reason\n          stateReason\n          automatic\n          outcome\n          outcomeNote\n          sentAt\n          dueAt\n          open\n          actions\n          sentBy {\n            name\n            email\n            organisationName\n          }\n          acceptedBy {\n            name\n            email\n            organisationName\n          }\n          person {\n            id\n            givenName\n            familyName\n          }\n          fromOrganisation {\n            name\n          }\n          toOrganisation {\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.SentReferralsDocument,
    "\n  query ReferralCounts($direction: ReferralDirection!, $serviceCode: String) {\n    referralCounts(direction: $direction, serviceCode: $serviceCode) {\n      state\n      count\n    }\n  }\n": types.ReferralCountsDocument,
    "\n  query ReferralPreview($input: ReferralPreviewInput!) {\n    referralPreview(input: $input) {\n      receiverName\n      receiverSees\n      youMayShare\n      basis\n      alreadyWorksWith\n      worksWithAs\n      worksWithSince\n      openReferralsFromYou\n    }\n  }\n": types.ReferralPreviewDocument,
    "\n  query Tasks($first: Int, $after: String, $assignedToMe: Boolean) {\n    tasks(first: $first, after: $after, assignedToMe: $assignedToMe) {\n      edges {\n        node {\n          id\n          kind\n          summary: title\n          detail\n          dueAt\n          assigneeUserId\n          assignedTo\n          assignedBy\n          assignedByMe\n          person {\n            id\n            givenName\n            familyName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.TasksDocument,
    "\n  mutation AcceptReferral($id: ID!) {\n    acceptReferral(id: $id) {\n      id\n      status: state\n    }\n  }\n": types.AcceptReferralDocument,
    "\n  mutation DeclineReferral($id: ID!, $reason: String!) {\n    declineReferral(input: { referralId: $id, reason: $reason }) {\n      id\n      status: state\n    }\n  }\n": types.DeclineReferralDocument,
    "\n  mutation StartReferral($id: ID!) {\n    startReferral(id: $id) {\n      id\n      status: state\n    }\n  }\n": types.StartReferralDocument,
    "\n  mutation CompleteReferral($input: CompleteReferralInput!) {\n    completeReferral(input: $input) {\n      id\n      status: state\n    }\n  }\n": types.CompleteReferralDocument,
    "\n  mutation WithdrawReferral($id: ID!, $reason: String!) {\n    withdrawReferral(input: { referralId: $id, reason: $reason }) {\n      id\n      status: state\n    }\n  }\n": types.WithdrawReferralDocument,
    "\n  mutation CompleteTask($id: ID!) {\n    completeTask(id: $id) {\n      id\n      status\n    }\n  }\n": types.CompleteTaskDocument,
    "\n  query Partners {\n    organisations {\n      id\n      name\n      regions\n      services\n      active\n    }\n  }\n": types.PartnersDocument,
    "\n  mutation SendReferral($input: SendReferralInput!) {\n    sendReferral(input: $input) {\n      id\n    }\n  }\n": types.SendReferralDocument,
    "\n  query PortalRegions {\n    regions {\n      code\n      name\n      active\n      synonyms\n    }\n  }\n": types.PortalRegionsDocument,
    "\n  query EteFunnel($input: ReportFilterInput!) {\n    eteFunnel(input: $input) {\n      scope\n      suppressionThreshold\n      steps {\n        step\n        label\n        people\n        suppressed\n        conversion\n        breakdown {\n          key\n          count\n          suppressed\n        }\n      }\n    }\n  }\n": types.EteFunnelDocument,
    "\n  query OrganisationOutcomes($input: OrganisationOutcomesInput!) {\n    organisationOutcomes(input: $input) {\n      organisationKind\n      counted\n      suppressionThreshold\n      measures {\n        key\n        label\n        people\n        suppressed\n        shown\n        note\n      }\n    }\n  }\n": types.OrganisationOutcomesDocument,
    "\n  query Reoffending($input: ReoffendingInput!) {\n    reoffendingAnalysis(input: $input) {\n      cohort\n      cohortSize\n      excludedFollowUpPending\n      excludedNoOgrs\n      actualRate\n      predictedRate\n      differencePoints\n      fewerReoffenders\n      suppressed\n    }\n  }\n": types.ReoffendingDocument,
    "\n  fragment ReferralReportRowFields on ReferralReportRow {\n    serviceCode\n    sent\n    accepted\n    declined\n    withdrawnBeforeAnswer\n    awaitingAnswer\n    answeredInTime\n    awaitingAnswerPastDue\n    started\n    startedInTime\n    acceptedNotStartedPastDue\n    completed\n    withdrawnAfterAcceptance\n    medianHoursToAnswer\n    medianHoursToStart\n    suppressed\n  }\n": types.ReferralReportRowFieldsFragmentDoc,
    "\n  query ReferralReport($input: ReferralReportInput!) {\n    referralReport(input: $input) {\n      from\n      to\n      scope\n      direction\n      suppressionThreshold\n      total {\n        ...ReferralReportRowFields\n      }\n      services {\n        ...ReferralReportRowFields\n      }\n    }\n  }\n": types.ReferralReportDocument,
    "\n  query ReportChoices($withOrganisations: Boolean!) {\n    interventionTypes {\n      code\n      name\n      groupName\n    }\n    organisations @include(if: $withOrganisations) {\n      id\n      name\n    }\n  }\n": types.ReportChoicesDocument,
    "\n  query AccessSearch($input: AccessSearchInput!, $after: String) {\n    accessSearch(input: $input, first: 50, after: $after) {\n      edges {\n        node {\n          id\n          occurredAt\n          actor\n          organisationId\n          purpose\n          personId\n          action\n          fields\n          breakGlass\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AccessSearchDocument,
    "\n  query AccessOrganisations {\n    organisations {\n      id\n      name\n    }\n  }\n": types.AccessOrganisationsDocument,
    "\n  query OrgApiClients {\n    apiClients {\n      id\n      name\n      clientId\n      scopes\n      active\n      createdAt\n    }\n  }\n": types.OrgApiClientsDocument,
    "\n  mutation CreateApiClient($input: CreateApiClientInput!) {\n    createApiClient(input: $input) {\n      client {\n        id\n        name\n        clientId\n      }\n      clientSecret\n    }\n  }\n": types.CreateApiClientDocument,
    "\n  mutation RotateApiClientSecret($id: ID!) {\n    rotateApiClientSecret(id: $id) {\n      client {\n        id\n        name\n        clientId\n      }\n      clientSecret\n    }\n  }\n": types.RotateApiClientSecretDocument,
    "\n  mutation RevokeApiClient($id: ID!) {\n    revokeApiClient(id: $id) {\n      id\n      active\n    }\n  }\n": types.RevokeApiClientDocument,
    "\n  query AssignTaskForm($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n    }\n    colleagues {\n      id\n      name\n    }\n    teams {\n      id\n      name\n      members {\n        userId\n      }\n    }\n  }\n": types.AssignTaskFormDocument,
    "\n  mutation AssignTask($input: AssignTaskInput!) {\n    assignTask(input: $input) {\n      id\n      assignedTo\n    }\n  }\n": types.AssignTaskDocument,
    "\n  query BreakGlassReview($after: String) {\n    breakGlassGrants(first: 20, after: $after) {\n      edges {\n        node {\n          id\n          actor\n          personId\n          reason\n          purpose\n          openedAt\n          expiresAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.BreakGlassReviewDocument,
    "\n  query ReadDuringGrant($input: AccessSearchInput!, $after: String) {\n    accessSearch(input: $input, first: 50, after: $after) {\n      edges {\n        node {\n          id\n          occurredAt\n          personId\n          action\n          fields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ReadDuringGrantDocument,
    "\n  mutation ReviewBreakGlass($input: ReviewBreakGlassInput!) {\n    reviewBreakGlass(input: $input) {\n      id\n      reviewedAt\n    }\n  }\n": types.ReviewBreakGlassDocument,
    "\n  query ConsentForm($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n    }\n    organisations {\n      id\n      name\n      kind\n    }\n    consentPurposes {\n      purpose\n      categories\n    }\n  }\n": types.ConsentFormDocument,
    "\n  mutation GrantConsent($input: GrantConsentInput!) {\n    grantConsent(input: $input) {\n      id\n      status\n    }\n  }\n": types.GrantConsentDocument,
    "\n  query WithdrawConsentForm($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      consents {\n        id\n        purpose\n        status\n      }\n    }\n  }\n": types.WithdrawConsentFormDocument,
    "\n  mutation WithdrawConsent($input: WithdrawConsentInput!) {\n    withdrawConsent(input: $input) {\n      id\n      status\n    }\n  }\n": types.WithdrawConsentDocument,
    "\n  query HubCatalogue {\n    interventionTypes(includeInactive: true) {\n      code\n      name\n      groupName\n      dataCategory\n      outcomeKind\n      active\n    }\n  }\n": types.HubCatalogueDocument,
    "\n  mutation CreateInterventionType($input: CreateInterventionTypeInput!) {\n    createInterventionType(input: $input) {\n      code\n      name\n    }\n  }\n": types.CreateInterventionTypeDocument,
    "\n  mutation UpdateInterventionType($input: UpdateInterventionTypeInput!) {\n    updateInterventionType(input: $input) {\n      code\n      name\n      groupName\n      active\n    }\n  }\n": types.UpdateInterventionTypeDocument,
    "\n  query LegalHolds($personId: ID!) {\n    legalHolds(personId: $personId) {\n      id\n      reason\n      placedAt\n      placedBy\n    }\n  }\n": types.LegalHoldsDocument,
    "\n  mutation PlaceLegalHold($input: PersonReasonInput!) {\n    placeLegalHold(input: $input) {\n      id\n    }\n  }\n": types.PlaceLegalHoldDocument,
    "\n  mutation ReleaseLegalHold($holdId: ID!) {\n    releaseLegalHold(holdId: $holdId) {\n      id\n      releasedAt\n    }\n  }\n": types.ReleaseLegalHoldDocument,
    "\n  query LogInterventionForm($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n    }\n    interventionTypes {\n      code\n      name\n      groupName\n      outcomeKind\n      active\n    }\n  }\n": types.LogInterventionFormDocument,
    "\n  mutation LogIntervention($input: LogInterventionInput!) {\n    logIntervention(input: $input) {\n      id\n    }\n  }\n": types.LogInterventionDocument,
    "\n  query NotificationSettings {\n    notificationSettings {\n      delivery\n      emailConfigured\n      kinds {\n        kind\n        label\n        enabled\n      }\n    }\n  }\n": types.NotificationSettingsDocument,
    "\n  query NotificationsSent($first: Int, $after: String) {\n    notificationsSent(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          kind\n          status\n          reason\n          path\n          createdAt\n          sentAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.NotificationsSentDocument,
    "\n  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      delivery\n      emailConfigured\n      kinds {\n        kind\n        label\n        enabled\n      }\n    }\n  }\n": types.UpdateNotificationSettingsDocument,
    "\n  query HubOrganisations($first: Int!, $after: String) {\n    organisationPage(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          kind\n          active\n          capacity\n          regions\n          services\n          version\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.HubOrganisationsDocument,
    "\n  mutation CreateOrganisation($input: CreateOrganisationInput!) {\n    createOrganisation(input: $input) {\n      id\n      name\n    }\n  }\n": types.CreateOrganisationDocument,
    "\n  mutation UpdateOrganisation($input: UpdateOrganisationInput!) {\n    updateOrganisation(input: $input) {\n      id\n      active\n      version\n    }\n  }\n": types.UpdateOrganisationDocument,
    "\n  query People($first: Int, $after: String, $search: String, $filter: PeopleFilter) {\n    people(first: $first, after: $after, search: $search, filter: $filter) {\n      edges {\n        node {\n          id\n          givenName\n          familyName\n          dateOfBirth\n          stage\n          withheldFields\n          allocation {\n            caseOwnerName\n            teamName\n          }\n          interventions(first: 1) {\n            edges {\n              node {\n                occurredAt\n                typeCode\n                type {\n                  name\n                }\n              }\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.PeopleDocument,
    "\n  query PrivacyPerson($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n    }\n  }\n": types.PrivacyPersonDocument,
    "\n  query PersonAccessLog($id: ID!) {\n    personAccessLog(personId: $id, first: 50) {\n      id\n      occurredAt\n      actor\n      organisationId\n      action\n      purpose\n      breakGlass\n    }\n  }\n": types.PersonAccessLogDocument,
    "\n  mutation SubjectAccessExport($personId: ID!) {\n    subjectAccessExport(personId: $personId) {\n      json\n      document\n      generatedAt\n      counts {\n        section\n        rows\n      }\n    }\n  }\n": types.SubjectAccessExportDocument,
    "\n  mutation ErasePerson($input: PersonReasonInput!) {\n    erasePerson(input: $input) {\n      id\n      erasedAt\n    }\n  }\n": types.ErasePersonDocument,
    "\n  query PersonAllocation($id: ID!) {\n    person(id: $id) {\n      id\n      allocation {\n        id\n        caseOwnerId\n        caseOwnerName\n        teamId\n        teamName\n        reason\n        allocatedAt\n        allocatedBy\n      }\n      allocationHistory {\n        id\n        caseOwnerId\n        caseOwnerName\n        teamId\n        teamName\n        reason\n        allocatedAt\n        allocatedBy\n        endedAt\n      }\n      restrictions {\n        id\n        kind\n        userIds\n        reason\n        reviewOn\n        allowsBreakGlass\n        placedAt\n      }\n    }\n  }\n": types.PersonAllocationDocument,
    "\n  query Teams {\n    teams {\n      id\n      name\n      members {\n        userId\n        name\n      }\n    }\n  }\n": types.TeamsDocument,
    "\n  mutation AllocatePerson($input: AllocatePersonInput!) {\n    allocatePerson(input: $input) {\n      id\n      caseOwnerName\n      teamName\n    }\n  }\n": types.AllocatePersonDocument,
    "\n  mutation UpdateIntervention($input: UpdateInterventionInput!) {\n    updateIntervention(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.UpdateInterventionDocument,
    "\n  mutation EndInvolvement($input: EndInvolvementInput!) {\n    endInvolvement(input: $input) {\n      id\n      endedAt\n    }\n  }\n": types.EndInvolvementDocument,
    "\n  query PersonRecord($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      dateOfBirth\n      region\n      releaseDate\n      offenceSummary\n      ogrsScore\n      riskLevel\n      healthNotes\n      stage\n      withheldFields\n      readableCategories\n      identifiers {\n        scheme\n        value\n      }\n      interventions(first: 20) {\n        edges {\n          node {\n            id\n            typeCode\n            version\n            status\n            occurredAt\n            notes\n            corrected\n            dataCategory\n            organisationId\n            organisation {\n              name\n            }\n            type {\n              name\n            }\n            outcome {\n              __typename\n              ... on JobOutcome {\n                employer\n                sector\n                hoursPerWeek\n                startDate\n              }\n              ... on QualificationOutcome {\n                qualification\n                level\n                awardedOn\n              }\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n      consents {\n        id\n        purpose\n        categories\n        opens\n        organisationId\n        organisationKind\n        status\n        givenAt\n        method\n        expiresAt\n      }\n      sustainments {\n        id\n        interventionId\n        startDate\n        dueOn\n        status\n      }\n      involvements {\n        id\n        organisationId\n        role\n        startedAt\n        endedAt\n      }\n    }\n  }\n": types.PersonRecordDocument,
    "\n  query MoreInterventions($id: ID!, $after: String) {\n    person(id: $id) {\n      id\n      interventions(first: 20, after: $after) {\n        edges {\n          node {\n            id\n            typeCode\n            version\n            status\n            occurredAt\n            notes\n            corrected\n            dataCategory\n            organisationId\n            organisation {\n              name\n            }\n            type {\n              name\n            }\n            outcome {\n              __typename\n              ... on JobOutcome {\n                employer\n                sector\n                hoursPerWeek\n                startDate\n              }\n              ... on QualificationOutcome {\n                qualification\n                level\n                awardedOn\n              }\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.MoreInterventionsDocument,
    "\n  query OrganisationNames {\n    organisations {\n      id\n      name\n    }\n  }\n": types.OrganisationNamesDocument,
    "\n  mutation RecordSustainment($input: RecordSustainmentInput!) {\n    recordSustainment(input: $input) {\n      id\n      status\n    }\n  }\n": types.RecordSustainmentDocument,
    "\n  query ReferPerson($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      region\n    }\n  }\n": types.ReferPersonDocument,
    "\n  query ReferralRulesAdmin {\n    referralRules {\n      ruleId\n      version\n      name\n      active\n      triggerEvent\n      conditions\n      serviceCode\n      matchRegion\n      consentPurpose\n      cooldownDays\n    }\n    organisations {\n      id\n      services\n    }\n  }\n": types.ReferralRulesAdminDocument,
    "\n  query RuleDryRun($input: DryRunReferralRuleInput!) {\n    dryRunReferralRule(input: $input) {\n      considered\n      matched\n      wouldRefer\n      heldForConsent\n      truncated\n      people {\n        personId\n        outcome\n        receiverName\n        detail\n      }\n    }\n  }\n": types.RuleDryRunDocument,
    "\n  mutation CreateReferralRule($input: ReferralRuleInput!) {\n    createReferralRule(input: $input) {\n      ruleId\n      version\n    }\n  }\n": types.CreateReferralRuleDocument,
    "\n  mutation SwitchReferralRule($input: UpdateReferralRuleInput!) {\n    updateReferralRule(input: $input) {\n      ruleId\n      version\n      active\n    }\n  }\n": types.SwitchReferralRuleDocument,
    "\n  mutation SaveRegion($input: SaveRegionInput!) {\n    saveRegion(input: $input) {\n      code\n      name\n      active\n    }\n  }\n": types.SaveRegionDocument,
    "\n  mutation AddRegionSynonym($input: RegionSynonymInput!) {\n    addRegionSynonym(input: $input) {\n      code\n      synonyms\n    }\n  }\n": types.AddRegionSynonymDocument,
    "\n  mutation RemoveRegionSynonym($input: RegionSynonymInput!) {\n    removeRegionSynonym(input: $input) {\n      code\n      synonyms\n    }\n  }\n": types.RemoveRegionSynonymDocument,
    "\n  query RuleVersions {\n    referralRules(history: true) {\n      ruleId\n      version\n      name\n      active\n      triggerEvent\n      conditions\n      serviceCode\n      matchRegion\n      consentPurpose\n      cooldownDays\n      createdBy\n      createdAt\n    }\n  }\n": types.RuleVersionsDocument,
    "\n  query SharingAgreementsAdmin {\n    sharingAgreements {\n      id\n      name\n      lawfulBasis\n      categories\n      purposes\n      partyOrganisationIds\n      partyKinds\n      validFrom\n      validTo\n      inForce\n      endedReason\n    }\n    organisations {\n      id\n      name\n    }\n  }\n": types.SharingAgreementsAdminDocument,
    "\n  mutation CreateSharingAgreement($input: CreateSharingAgreementInput!) {\n    createSharingAgreement(input: $input) {\n      id\n    }\n  }\n": types.CreateSharingAgreementDocument,
    "\n  mutation EndSharingAgreement($input: EndSharingAgreementInput!) {\n    endSharingAgreement(input: $input) {\n      id\n      inForce\n    }\n  }\n": types.EndSharingAgreementDocument,
    "\n  query TeamAdmin {\n    viewer {\n      organisation {\n        id\n        visibility\n      }\n    }\n    teams {\n      id\n      name\n      members {\n        userId\n        name\n      }\n    }\n  }\n": types.TeamAdminDocument,
    "\n  query OrgUsers {\n    users(first: 500) {\n      edges {\n        node {\n          id\n          name\n          active\n        }\n      }\n    }\n  }\n": types.OrgUsersDocument,
    "\n  mutation CreateTeam($input: CreateTeamInput!) {\n    createTeam(input: $input) {\n      id\n      name\n    }\n  }\n": types.CreateTeamDocument,
    "\n  mutation AddTeamMember($input: TeamMemberInput!) {\n    addTeamMember(input: $input) {\n      id\n    }\n  }\n": types.AddTeamMemberDocument,
    "\n  mutation RemoveTeamMember($input: TeamMemberInput!) {\n    removeTeamMember(input: $input) {\n      id\n    }\n  }\n": types.RemoveTeamMemberDocument,
    "\n  mutation SetCaseVisibility($input: SetCaseVisibilityInput!) {\n    setCaseVisibility(input: $input) {\n      id\n      visibility\n    }\n  }\n": types.SetCaseVisibilityDocument,
    "\n  query UnusualAccessReview($input: UnusualAccessInput!) {\n    unusualAccess(input: $input) {\n      kind\n      actor\n      organisationId\n      count\n      eventCount\n      events {\n        id\n        occurredAt\n        personId\n        action\n        breakGlass\n      }\n    }\n  }\n": types.UnusualAccessReviewDocument,
    "\n  query OrgAdminUsers($after: String) {\n    users(first: 25, after: $after) {\n      edges {\n        node {\n          id\n          name\n          email\n          roles\n          active\n          identities {\n            issuer\n            subject\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n    identityProvider {\n      issuer\n      identityClaim\n    }\n  }\n": types.OrgAdminUsersDocument,
    "\n  mutation LinkUserIdentity($input: LinkUserIdentityInput!) {\n    linkUserIdentity(input: $input) {\n      id\n    }\n  }\n": types.LinkUserIdentityDocument,
    "\n  mutation UnlinkUserIdentity($userId: ID!) {\n    unlinkUserIdentity(userId: $userId) {\n      id\n    }\n  }\n": types.UnlinkUserIdentityDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      name\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      id\n      active\n      roles\n    }\n  }\n": types.UpdateUserDocument,
    "\n  mutation ResetUserPassword($input: ResetUserPasswordInput!) {\n    resetUserPassword(input: $input) {\n      id\n      passwordChangeRequired\n    }\n  }\n": types.ResetUserPasswordDocument,
    "\n  query OrgWebhooks {\n    webhookEndpoints {\n      id\n      url\n      eventTypes\n      active\n    }\n  }\n": types.OrgWebhooksDocument,
    "\n  query WebhookDeliveries($endpointId: ID!, $after: String) {\n    webhookDeliveries(endpointId: $endpointId, first: 20, after: $after) {\n      edges {\n        node {\n          id\n          eventId\n          status\n          deliveredAt\n          attempts {\n            at\n            statusCode\n            error\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.WebhookDeliveriesDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n      secret\n    }\n  }\n": types.CreateWebhookEndpointDocument,
    "\n  mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) {\n      id\n      active\n    }\n  }\n": types.UpdateWebhookEndpointDocument,
    "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      id\n      status\n    }\n  }\n": types.ReplayWebhookDeliveryDocument,
    "\n  query WhyPerson($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      readableCategories\n    }\n  }\n": types.WhyPersonDocument,
    "\n  query ExplainAccess($id: ID!, $category: DataCategory!) {\n    explainAccess(personId: $id, category: $category) {\n      allowed\n      reason\n      explanation\n    }\n  }\n": types.ExplainAccessDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"): typeof import('./graphql').ChangePasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      id\n      name\n      roles\n      organisation {\n        id\n        name\n        kind\n      }\n      reportAccess {\n        acrossOrganisations\n      }\n    }\n  }\n"): typeof import('./graphql').ViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SchemaFields {\n    __schema {\n      queryType {\n        fields {\n          name\n        }\n      }\n      mutationType {\n        fields {\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SchemaFieldsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ProbeReferralInbox {\n      referralInbox(first: 1) {\n        __typename\n      }\n    }\n  "): typeof import('./graphql').ProbeReferralInboxDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ProbeSentReferrals {\n      sentReferrals(first: 1) {\n        __typename\n      }\n    }\n  "): typeof import('./graphql').ProbeSentReferralsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query ProbeTasks {\n      tasks(first: 1) {\n        __typename\n      }\n    }\n  "): typeof import('./graphql').ProbeTasksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyDay($from: String!, $to: String!) {\n    myAppointments(from: $from, to: $to, first: 200) {\n      id\n      startsAt\n      durationMinutes\n      mode\n      location\n      status\n      serviceCode\n      service {\n        name\n      }\n      person {\n        id\n        givenName\n        familyName\n      }\n    }\n  }\n"): typeof import('./graphql').MyDayDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NewReferrals {\n    referralInbox(first: 100, states: [SENT]) {\n      edges {\n        node {\n          id\n          service: serviceCode\n          createdAt\n          dueAt\n          person {\n            id\n            givenName\n            familyName\n          }\n          fromOrganisation {\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"): typeof import('./graphql').NewReferralsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyOpenTasks($mine: Boolean) {\n    tasks(first: 200, status: OPEN, assignedToMe: $mine) {\n      edges {\n        node {\n          id\n          summary: title\n          dueAt\n          person {\n            id\n            givenName\n            familyName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"): typeof import('./graphql').MyOpenTasksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Services {\n    interventionTypes {\n      code\n      name\n      groupName\n      dataCategory\n      active\n    }\n  }\n"): typeof import('./graphql').ServicesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonDayWork($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      readableCategories\n      appointments(first: 100) {\n        id\n        version\n        startsAt\n        durationMinutes\n        mode\n        location\n        status\n        cancelledBy\n        outcomeNote\n        organisationId\n        serviceCode\n        dataCategory\n        withUserName\n        rescheduledFromId\n        rescheduledToId\n        service {\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PersonDayWorkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonContactAttempts($id: ID!) {\n    person(id: $id) {\n      id\n      contactAttempts(first: 50) {\n        id\n        channel\n        result\n        occurredAt\n        note\n        organisationId\n        serviceCode\n        dataCategory\n        appointmentId\n      }\n    }\n  }\n"): typeof import('./graphql').PersonContactAttemptsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonCaseNotes($id: ID!, $after: String) {\n    person(id: $id) {\n      id\n      caseNotes(first: 6, after: $after) {\n        notes {\n          id\n          version\n          body\n          dataCategory\n          aboutKind\n          aboutId\n          organisationId\n          writtenBy\n          createdAt\n          updatedAt\n          history {\n            version\n            body\n            dataCategory\n            reason\n            correctedAt\n          }\n        }\n        next\n      }\n    }\n  }\n"): typeof import('./graphql').PersonCaseNotesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonInterventionList($id: ID!) {\n    person(id: $id) {\n      id\n      interventions(first: 50) {\n        edges {\n          node {\n            id\n            occurredAt\n            typeCode\n            type {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PersonInterventionListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BookAppointment($input: BookAppointmentInput!) {\n    bookAppointment(input: $input) {\n      id\n      startsAt\n    }\n  }\n"): typeof import('./graphql').BookAppointmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordAppointmentOutcome($input: RecordAppointmentOutcomeInput!) {\n    recordAppointmentOutcome(input: $input) {\n      id\n      status\n      rescheduledToId\n    }\n  }\n"): typeof import('./graphql').RecordAppointmentOutcomeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogContactAttempt($input: LogContactAttemptInput!) {\n    logContactAttempt(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').LogContactAttemptDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WriteCaseNote($input: WriteCaseNoteInput!) {\n    writeCaseNote(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').WriteCaseNoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CorrectCaseNote($input: CorrectCaseNoteInput!) {\n    correctCaseNote(input: $input) {\n      id\n      version\n    }\n  }\n"): typeof import('./graphql').CorrectCaseNoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveReferrals {\n    referralInboxChanged {\n      id\n      state\n      overdue\n    }\n  }\n"): typeof import('./graphql').LiveReferralsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveTasks {\n    taskRaised {\n      id\n      kind\n      assigneeUserId\n      assigneeTeamId\n    }\n  }\n"): typeof import('./graphql').LiveTasksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Meetings {\n    meetings(first: 100) {\n      id\n      title\n      startsAt\n      place\n      organiser\n      organiserOrganisationId\n    }\n    organisations {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').MeetingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MeetingPage($id: ID!) {\n    meeting(id: $id) {\n      id\n      title\n      startsAt\n      place\n      link\n      recurrence\n      organiser\n      organiserOrganisationId\n      invitedOrganisationIds\n      agenda {\n        id\n        personId\n        personLabel\n        reason\n        uncoveredOrganisationIds\n      }\n      notes {\n        id\n        agendaItemId\n        kind\n        organisationId\n        dataCategory\n        body\n        createdAt\n      }\n      actions {\n        id\n        agendaItemId\n        ownerOrganisationId\n        title\n        dueOn\n        status\n        overdue\n      }\n      carriedActions {\n        id\n        personId\n        ownerOrganisationId\n        title\n        dueOn\n        overdue\n      }\n      attendance {\n        organisationId\n        userId\n        attended\n      }\n    }\n    organisations {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').MeetingPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyMeetingActions {\n    myMeetingActions(first: 200) {\n      id\n      meetingId\n      personId\n      personLabel\n      title\n      dueOn\n      status\n      overdue\n    }\n  }\n"): typeof import('./graphql').MyMeetingActionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MeetingMinutes($id: ID!, $format: MinutesFormat) {\n    meetingMinutes(meetingId: $id, format: $format) {\n      filename\n      contentType\n      content\n    }\n  }\n"): typeof import('./graphql').MeetingMinutesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordMeetingAttendance($input: RecordAttendanceInput!) {\n    recordMeetingAttendance(input: $input) {\n      attended\n    }\n  }\n"): typeof import('./graphql').RecordMeetingAttendanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WriteMeetingNote($input: WriteMeetingNoteInput!) {\n    writeMeetingNote(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').WriteMeetingNoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignMeetingAction($input: AssignMeetingActionInput!) {\n    assignMeetingAction(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').AssignMeetingActionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteMeetingAction($input: CompleteMeetingActionInput!) {\n    completeMeetingAction(input: $input) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').CompleteMeetingActionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScheduleMeeting($input: ScheduleMeetingInput!) {\n    scheduleMeeting(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').ScheduleMeetingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScheduleNextMeeting($id: ID!) {\n    scheduleNextMeeting(meetingId: $id) {\n      id\n      startsAt\n    }\n  }\n"): typeof import('./graphql').ScheduleNextMeetingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddAgendaItem($input: AddAgendaItemInput!) {\n    addAgendaItem(input: $input) {\n      id\n      uncoveredOrganisationIds\n    }\n  }\n"): typeof import('./graphql').AddAgendaItemDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindPeopleForAgenda($search: String!) {\n    people(first: 10, search: $search) {\n      edges {\n        node {\n          id\n          givenName\n          familyName\n          dateOfBirth\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').FindPeopleForAgendaDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePerson($input: CreatePersonInput!) {\n    createPerson(input: $input) {\n      outcome\n      person {\n        id\n        givenName\n        familyName\n      }\n      candidates {\n        id\n        givenName\n        familyName\n        dateOfBirth\n        region\n        withheldFields\n      }\n      hiddenCandidates\n    }\n  }\n"): typeof import('./graphql').CreatePersonDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeStage($input: UpdatePersonInput!) {\n    updatePerson(input: $input) {\n      id\n      stage\n      version\n    }\n  }\n"): typeof import('./graphql').ChangeStageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonStage($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      stage\n      version\n      withheldFields\n    }\n  }\n"): typeof import('./graphql').PersonStageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonHistory($id: ID!, $after: String) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      history(first: 12, after: $after) {\n        totalCount\n        edges {\n          node {\n            action\n            version\n            changedAt\n            changedBy\n            organisationId\n            reason\n            changes {\n              field\n              oldValue\n              newValue\n              withheld\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PersonHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InterventionHistory($id: ID!, $after: String) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      interventions(first: 5, after: $after) {\n        edges {\n          node {\n            id\n            version\n            typeCode\n            status\n            occurredAt\n            notes\n            organisationId\n            type {\n              name\n            }\n            corrected\n            history {\n              version\n              status\n              occurredAt\n              notes\n              correctedByName\n              correctedAt\n              reason\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').InterventionHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CorrectIntervention($input: UpdateInterventionInput!) {\n    updateIntervention(input: $input) {\n      id\n      version\n      corrected\n    }\n  }\n"): typeof import('./graphql').CorrectInterventionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonReferrals($id: ID!) {\n    person(id: $id) {\n      id\n      referrals(first: 100) {\n        edges {\n          node {\n            id\n            status: state\n            service: serviceCode\n            open\n            stateReason\n            createdAt\n            person {\n              id\n              givenName\n              familyName\n            }\n            fromOrganisation {\n              name\n            }\n            toOrganisation {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PersonReferralsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferralInbox($first: Int, $after: String, $states: [ReferralState!], $serviceCode: String) {\n    referralInbox(first: $first, after: $after, states: $states, serviceCode: $serviceCode) {\n      edges {\n        node {\n          id\n          status: state\n          service: serviceCode\n          serviceName\n          reason\n          stateReason\n          automatic\n          outcome\n          outcomeNote\n          sentAt\n          dueAt\n          open\n          actions\n          sentBy {\n            name\n            email\n            organisationName\n          }\n          acceptedBy {\n            name\n            email\n            organisationName\n          }\n          person {\n            id\n            givenName\n            familyName\n          }\n          fromOrganisation {\n            name\n          }\n          toOrganisation {\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').ReferralInboxDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SentReferrals($first: Int, $after: String, $states: [ReferralState!], $serviceCode: String) {\n    sentReferrals(first: $first, after: $after, states: $states, serviceCode: $serviceCode) {\n      edges {\n        node {\n          id\n          status: state\n          service: serviceCode\n          serviceName\n          reason\n          stateReason\n          automatic\n          outcome\n          outcomeNote\n          sentAt\n          dueAt\n          open\n          actions\n          sentBy {\n            name\n            email\n            organisationName\n          }\n          acceptedBy {\n            name\n            email\n            organisationName\n          }\n          person {\n            id\n            givenName\n            familyName\n          }\n          fromOrganisation {\n            name\n          }\n          toOrganisation {\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').SentReferralsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferralCounts($direction: ReferralDirection!, $serviceCode: String) {\n    referralCounts(direction: $direction, serviceCode: $serviceCode) {\n      state\n      count\n    }\n  }\n"): typeof import('./graphql').ReferralCountsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferralPreview($input: ReferralPreviewInput!) {\n    referralPreview(input: $input) {\n      receiverName\n      receiverSees\n      youMayShare\n      basis\n      alreadyWorksWith\n      worksWithAs\n      worksWithSince\n      openReferralsFromYou\n    }\n  }\n"): typeof import('./graphql').ReferralPreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Tasks($first: Int, $after: String, $assignedToMe: Boolean) {\n    tasks(first: $first, after: $after, assignedToMe: $assignedToMe) {\n      edges {\n        node {\n          id\n          kind\n          summary: title\n          detail\n          dueAt\n          assigneeUserId\n          assignedTo\n          assignedBy\n          assignedByMe\n          person {\n            id\n            givenName\n            familyName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').TasksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptReferral($id: ID!) {\n    acceptReferral(id: $id) {\n      id\n      status: state\n    }\n  }\n"): typeof import('./graphql').AcceptReferralDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineReferral($id: ID!, $reason: String!) {\n    declineReferral(input: { referralId: $id, reason: $reason }) {\n      id\n      status: state\n    }\n  }\n"): typeof import('./graphql').DeclineReferralDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartReferral($id: ID!) {\n    startReferral(id: $id) {\n      id\n      status: state\n    }\n  }\n"): typeof import('./graphql').StartReferralDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteReferral($input: CompleteReferralInput!) {\n    completeReferral(input: $input) {\n      id\n      status: state\n    }\n  }\n"): typeof import('./graphql').CompleteReferralDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawReferral($id: ID!, $reason: String!) {\n    withdrawReferral(input: { referralId: $id, reason: $reason }) {\n      id\n      status: state\n    }\n  }\n"): typeof import('./graphql').WithdrawReferralDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteTask($id: ID!) {\n    completeTask(id: $id) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').CompleteTaskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Partners {\n    organisations {\n      id\n      name\n      regions\n      services\n      active\n    }\n  }\n"): typeof import('./graphql').PartnersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendReferral($input: SendReferralInput!) {\n    sendReferral(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').SendReferralDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalRegions {\n    regions {\n      code\n      name\n      active\n      synonyms\n    }\n  }\n"): typeof import('./graphql').PortalRegionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EteFunnel($input: ReportFilterInput!) {\n    eteFunnel(input: $input) {\n      scope\n      suppressionThreshold\n      steps {\n        step\n        label\n        people\n        suppressed\n        conversion\n        breakdown {\n          key\n          count\n          suppressed\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').EteFunnelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganisationOutcomes($input: OrganisationOutcomesInput!) {\n    organisationOutcomes(input: $input) {\n      organisationKind\n      counted\n      suppressionThreshold\n      measures {\n        key\n        label\n        people\n        suppressed\n        shown\n        note\n      }\n    }\n  }\n"): typeof import('./graphql').OrganisationOutcomesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Reoffending($input: ReoffendingInput!) {\n    reoffendingAnalysis(input: $input) {\n      cohort\n      cohortSize\n      excludedFollowUpPending\n      excludedNoOgrs\n      actualRate\n      predictedRate\n      differencePoints\n      fewerReoffenders\n      suppressed\n    }\n  }\n"): typeof import('./graphql').ReoffendingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReferralReportRowFields on ReferralReportRow {\n    serviceCode\n    sent\n    accepted\n    declined\n    withdrawnBeforeAnswer\n    awaitingAnswer\n    answeredInTime\n    awaitingAnswerPastDue\n    started\n    startedInTime\n    acceptedNotStartedPastDue\n    completed\n    withdrawnAfterAcceptance\n    medianHoursToAnswer\n    medianHoursToStart\n    suppressed\n  }\n"): typeof import('./graphql').ReferralReportRowFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferralReport($input: ReferralReportInput!) {\n    referralReport(input: $input) {\n      from\n      to\n      scope\n      direction\n      suppressionThreshold\n      total {\n        ...ReferralReportRowFields\n      }\n      services {\n        ...ReferralReportRowFields\n      }\n    }\n  }\n"): typeof import('./graphql').ReferralReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportChoices($withOrganisations: Boolean!) {\n    interventionTypes {\n      code\n      name\n      groupName\n    }\n    organisations @include(if: $withOrganisations) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ReportChoicesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccessSearch($input: AccessSearchInput!, $after: String) {\n    accessSearch(input: $input, first: 50, after: $after) {\n      edges {\n        node {\n          id\n          occurredAt\n          actor\n          organisationId\n          purpose\n          personId\n          action\n          fields\n          breakGlass\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').AccessSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccessOrganisations {\n    organisations {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').AccessOrganisationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgApiClients {\n    apiClients {\n      id\n      name\n      clientId\n      scopes\n      active\n      createdAt\n    }\n  }\n"): typeof import('./graphql').OrgApiClientsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiClient($input: CreateApiClientInput!) {\n    createApiClient(input: $input) {\n      client {\n        id\n        name\n        clientId\n      }\n      clientSecret\n    }\n  }\n"): typeof import('./graphql').CreateApiClientDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateApiClientSecret($id: ID!) {\n    rotateApiClientSecret(id: $id) {\n      client {\n        id\n        name\n        clientId\n      }\n      clientSecret\n    }\n  }\n"): typeof import('./graphql').RotateApiClientSecretDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiClient($id: ID!) {\n    revokeApiClient(id: $id) {\n      id\n      active\n    }\n  }\n"): typeof import('./graphql').RevokeApiClientDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssignTaskForm($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n    }\n    colleagues {\n      id\n      name\n    }\n    teams {\n      id\n      name\n      members {\n        userId\n      }\n    }\n  }\n"): typeof import('./graphql').AssignTaskFormDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignTask($input: AssignTaskInput!) {\n    assignTask(input: $input) {\n      id\n      assignedTo\n    }\n  }\n"): typeof import('./graphql').AssignTaskDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BreakGlassReview($after: String) {\n    breakGlassGrants(first: 20, after: $after) {\n      edges {\n        node {\n          id\n          actor\n          personId\n          reason\n          purpose\n          openedAt\n          expiresAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').BreakGlassReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReadDuringGrant($input: AccessSearchInput!, $after: String) {\n    accessSearch(input: $input, first: 50, after: $after) {\n      edges {\n        node {\n          id\n          occurredAt\n          personId\n          action\n          fields\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').ReadDuringGrantDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewBreakGlass($input: ReviewBreakGlassInput!) {\n    reviewBreakGlass(input: $input) {\n      id\n      reviewedAt\n    }\n  }\n"): typeof import('./graphql').ReviewBreakGlassDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsentForm($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n    }\n    organisations {\n      id\n      name\n      kind\n    }\n    consentPurposes {\n      purpose\n      categories\n    }\n  }\n"): typeof import('./graphql').ConsentFormDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantConsent($input: GrantConsentInput!) {\n    grantConsent(input: $input) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').GrantConsentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WithdrawConsentForm($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      consents {\n        id\n        purpose\n        status\n      }\n    }\n  }\n"): typeof import('./graphql').WithdrawConsentFormDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawConsent($input: WithdrawConsentInput!) {\n    withdrawConsent(input: $input) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').WithdrawConsentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HubCatalogue {\n    interventionTypes(includeInactive: true) {\n      code\n      name\n      groupName\n      dataCategory\n      outcomeKind\n      active\n    }\n  }\n"): typeof import('./graphql').HubCatalogueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateInterventionType($input: CreateInterventionTypeInput!) {\n    createInterventionType(input: $input) {\n      code\n      name\n    }\n  }\n"): typeof import('./graphql').CreateInterventionTypeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateInterventionType($input: UpdateInterventionTypeInput!) {\n    updateInterventionType(input: $input) {\n      code\n      name\n      groupName\n      active\n    }\n  }\n"): typeof import('./graphql').UpdateInterventionTypeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LegalHolds($personId: ID!) {\n    legalHolds(personId: $personId) {\n      id\n      reason\n      placedAt\n      placedBy\n    }\n  }\n"): typeof import('./graphql').LegalHoldsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlaceLegalHold($input: PersonReasonInput!) {\n    placeLegalHold(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').PlaceLegalHoldDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReleaseLegalHold($holdId: ID!) {\n    releaseLegalHold(holdId: $holdId) {\n      id\n      releasedAt\n    }\n  }\n"): typeof import('./graphql').ReleaseLegalHoldDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LogInterventionForm($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n    }\n    interventionTypes {\n      code\n      name\n      groupName\n      outcomeKind\n      active\n    }\n  }\n"): typeof import('./graphql').LogInterventionFormDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogIntervention($input: LogInterventionInput!) {\n    logIntervention(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').LogInterventionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationSettings {\n    notificationSettings {\n      delivery\n      emailConfigured\n      kinds {\n        kind\n        label\n        enabled\n      }\n    }\n  }\n"): typeof import('./graphql').NotificationSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationsSent($first: Int, $after: String) {\n    notificationsSent(first: $first, after: $after) {\n      edges {\n        node {\n          id\n          kind\n          status\n          reason\n          path\n          createdAt\n          sentAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').NotificationsSentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateNotificationSettings($input: NotificationSettingsInput!) {\n    updateNotificationSettings(input: $input) {\n      delivery\n      emailConfigured\n      kinds {\n        kind\n        label\n        enabled\n      }\n    }\n  }\n"): typeof import('./graphql').UpdateNotificationSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HubOrganisations($first: Int!, $after: String) {\n    organisationPage(first: $first, after: $after) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          kind\n          active\n          capacity\n          regions\n          services\n          version\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').HubOrganisationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOrganisation($input: CreateOrganisationInput!) {\n    createOrganisation(input: $input) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').CreateOrganisationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateOrganisation($input: UpdateOrganisationInput!) {\n    updateOrganisation(input: $input) {\n      id\n      active\n      version\n    }\n  }\n"): typeof import('./graphql').UpdateOrganisationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query People($first: Int, $after: String, $search: String, $filter: PeopleFilter) {\n    people(first: $first, after: $after, search: $search, filter: $filter) {\n      edges {\n        node {\n          id\n          givenName\n          familyName\n          dateOfBirth\n          stage\n          withheldFields\n          allocation {\n            caseOwnerName\n            teamName\n          }\n          interventions(first: 1) {\n            edges {\n              node {\n                occurredAt\n                typeCode\n                type {\n                  name\n                }\n              }\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').PeopleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PrivacyPerson($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n    }\n  }\n"): typeof import('./graphql').PrivacyPersonDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonAccessLog($id: ID!) {\n    personAccessLog(personId: $id, first: 50) {\n      id\n      occurredAt\n      actor\n      organisationId\n      action\n      purpose\n      breakGlass\n    }\n  }\n"): typeof import('./graphql').PersonAccessLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubjectAccessExport($personId: ID!) {\n    subjectAccessExport(personId: $personId) {\n      json\n      document\n      generatedAt\n      counts {\n        section\n        rows\n      }\n    }\n  }\n"): typeof import('./graphql').SubjectAccessExportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ErasePerson($input: PersonReasonInput!) {\n    erasePerson(input: $input) {\n      id\n      erasedAt\n    }\n  }\n"): typeof import('./graphql').ErasePersonDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonAllocation($id: ID!) {\n    person(id: $id) {\n      id\n      allocation {\n        id\n        caseOwnerId\n        caseOwnerName\n        teamId\n        teamName\n        reason\n        allocatedAt\n        allocatedBy\n      }\n      allocationHistory {\n        id\n        caseOwnerId\n        caseOwnerName\n        teamId\n        teamName\n        reason\n        allocatedAt\n        allocatedBy\n        endedAt\n      }\n      restrictions {\n        id\n        kind\n        userIds\n        reason\n        reviewOn\n        allowsBreakGlass\n        placedAt\n      }\n    }\n  }\n"): typeof import('./graphql').PersonAllocationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Teams {\n    teams {\n      id\n      name\n      members {\n        userId\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').TeamsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AllocatePerson($input: AllocatePersonInput!) {\n    allocatePerson(input: $input) {\n      id\n      caseOwnerName\n      teamName\n    }\n  }\n"): typeof import('./graphql').AllocatePersonDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateIntervention($input: UpdateInterventionInput!) {\n    updateIntervention(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').UpdateInterventionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndInvolvement($input: EndInvolvementInput!) {\n    endInvolvement(input: $input) {\n      id\n      endedAt\n    }\n  }\n"): typeof import('./graphql').EndInvolvementDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonRecord($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      dateOfBirth\n      region\n      releaseDate\n      offenceSummary\n      ogrsScore\n      riskLevel\n      healthNotes\n      stage\n      withheldFields\n      readableCategories\n      identifiers {\n        scheme\n        value\n      }\n      interventions(first: 20) {\n        edges {\n          node {\n            id\n            typeCode\n            version\n            status\n            occurredAt\n            notes\n            corrected\n            dataCategory\n            organisationId\n            organisation {\n              name\n            }\n            type {\n              name\n            }\n            outcome {\n              __typename\n              ... on JobOutcome {\n                employer\n                sector\n                hoursPerWeek\n                startDate\n              }\n              ... on QualificationOutcome {\n                qualification\n                level\n                awardedOn\n              }\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n      consents {\n        id\n        purpose\n        categories\n        opens\n        organisationId\n        organisationKind\n        status\n        givenAt\n        method\n        expiresAt\n      }\n      sustainments {\n        id\n        interventionId\n        startDate\n        dueOn\n        status\n      }\n      involvements {\n        id\n        organisationId\n        role\n        startedAt\n        endedAt\n      }\n    }\n  }\n"): typeof import('./graphql').PersonRecordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MoreInterventions($id: ID!, $after: String) {\n    person(id: $id) {\n      id\n      interventions(first: 20, after: $after) {\n        edges {\n          node {\n            id\n            typeCode\n            version\n            status\n            occurredAt\n            notes\n            corrected\n            dataCategory\n            organisationId\n            organisation {\n              name\n            }\n            type {\n              name\n            }\n            outcome {\n              __typename\n              ... on JobOutcome {\n                employer\n                sector\n                hoursPerWeek\n                startDate\n              }\n              ... on QualificationOutcome {\n                qualification\n                level\n                awardedOn\n              }\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').MoreInterventionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganisationNames {\n    organisations {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').OrganisationNamesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordSustainment($input: RecordSustainmentInput!) {\n    recordSustainment(input: $input) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').RecordSustainmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferPerson($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      region\n    }\n  }\n"): typeof import('./graphql').ReferPersonDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferralRulesAdmin {\n    referralRules {\n      ruleId\n      version\n      name\n      active\n      triggerEvent\n      conditions\n      serviceCode\n      matchRegion\n      consentPurpose\n      cooldownDays\n    }\n    organisations {\n      id\n      services\n    }\n  }\n"): typeof import('./graphql').ReferralRulesAdminDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RuleDryRun($input: DryRunReferralRuleInput!) {\n    dryRunReferralRule(input: $input) {\n      considered\n      matched\n      wouldRefer\n      heldForConsent\n      truncated\n      people {\n        personId\n        outcome\n        receiverName\n        detail\n      }\n    }\n  }\n"): typeof import('./graphql').RuleDryRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateReferralRule($input: ReferralRuleInput!) {\n    createReferralRule(input: $input) {\n      ruleId\n      version\n    }\n  }\n"): typeof import('./graphql').CreateReferralRuleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SwitchReferralRule($input: UpdateReferralRuleInput!) {\n    updateReferralRule(input: $input) {\n      ruleId\n      version\n      active\n    }\n  }\n"): typeof import('./graphql').SwitchReferralRuleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveRegion($input: SaveRegionInput!) {\n    saveRegion(input: $input) {\n      code\n      name\n      active\n    }\n  }\n"): typeof import('./graphql').SaveRegionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddRegionSynonym($input: RegionSynonymInput!) {\n    addRegionSynonym(input: $input) {\n      code\n      synonyms\n    }\n  }\n"): typeof import('./graphql').AddRegionSynonymDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveRegionSynonym($input: RegionSynonymInput!) {\n    removeRegionSynonym(input: $input) {\n      code\n      synonyms\n    }\n  }\n"): typeof import('./graphql').RemoveRegionSynonymDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RuleVersions {\n    referralRules(history: true) {\n      ruleId\n      version\n      name\n      active\n      triggerEvent\n      conditions\n      serviceCode\n      matchRegion\n      consentPurpose\n      cooldownDays\n      createdBy\n      createdAt\n    }\n  }\n"): typeof import('./graphql').RuleVersionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SharingAgreementsAdmin {\n    sharingAgreements {\n      id\n      name\n      lawfulBasis\n      categories\n      purposes\n      partyOrganisationIds\n      partyKinds\n      validFrom\n      validTo\n      inForce\n      endedReason\n    }\n    organisations {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').SharingAgreementsAdminDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSharingAgreement($input: CreateSharingAgreementInput!) {\n    createSharingAgreement(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').CreateSharingAgreementDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndSharingAgreement($input: EndSharingAgreementInput!) {\n    endSharingAgreement(input: $input) {\n      id\n      inForce\n    }\n  }\n"): typeof import('./graphql').EndSharingAgreementDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamAdmin {\n    viewer {\n      organisation {\n        id\n        visibility\n      }\n    }\n    teams {\n      id\n      name\n      members {\n        userId\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').TeamAdminDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgUsers {\n    users(first: 500) {\n      edges {\n        node {\n          id\n          name\n          active\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').OrgUsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTeam($input: CreateTeamInput!) {\n    createTeam(input: $input) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').CreateTeamDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddTeamMember($input: TeamMemberInput!) {\n    addTeamMember(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').AddTeamMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveTeamMember($input: TeamMemberInput!) {\n    removeTeamMember(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').RemoveTeamMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCaseVisibility($input: SetCaseVisibilityInput!) {\n    setCaseVisibility(input: $input) {\n      id\n      visibility\n    }\n  }\n"): typeof import('./graphql').SetCaseVisibilityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnusualAccessReview($input: UnusualAccessInput!) {\n    unusualAccess(input: $input) {\n      kind\n      actor\n      organisationId\n      count\n      eventCount\n      events {\n        id\n        occurredAt\n        personId\n        action\n        breakGlass\n      }\n    }\n  }\n"): typeof import('./graphql').UnusualAccessReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgAdminUsers($after: String) {\n    users(first: 25, after: $after) {\n      edges {\n        node {\n          id\n          name\n          email\n          roles\n          active\n          identities {\n            issuer\n            subject\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n    identityProvider {\n      issuer\n      identityClaim\n    }\n  }\n"): typeof import('./graphql').OrgAdminUsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LinkUserIdentity($input: LinkUserIdentityInput!) {\n    linkUserIdentity(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').LinkUserIdentityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlinkUserIdentity($userId: ID!) {\n    unlinkUserIdentity(userId: $userId) {\n      id\n    }\n  }\n"): typeof import('./graphql').UnlinkUserIdentityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').CreateUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($input: UpdateUserInput!) {\n    updateUser(input: $input) {\n      id\n      active\n      roles\n    }\n  }\n"): typeof import('./graphql').UpdateUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetUserPassword($input: ResetUserPasswordInput!) {\n    resetUserPassword(input: $input) {\n      id\n      passwordChangeRequired\n    }\n  }\n"): typeof import('./graphql').ResetUserPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrgWebhooks {\n    webhookEndpoints {\n      id\n      url\n      eventTypes\n      active\n    }\n  }\n"): typeof import('./graphql').OrgWebhooksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeliveries($endpointId: ID!, $after: String) {\n    webhookDeliveries(endpointId: $endpointId, first: 20, after: $after) {\n      edges {\n        node {\n          id\n          eventId\n          status\n          deliveredAt\n          attempts {\n            at\n            statusCode\n            error\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').WebhookDeliveriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      endpoint {\n        id\n      }\n      secret\n    }\n  }\n"): typeof import('./graphql').CreateWebhookEndpointDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) {\n      id\n      active\n    }\n  }\n"): typeof import('./graphql').UpdateWebhookEndpointDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayWebhookDelivery($id: ID!) {\n    replayWebhookDelivery(id: $id) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').ReplayWebhookDeliveryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WhyPerson($id: ID!) {\n    person(id: $id) {\n      id\n      givenName\n      familyName\n      readableCategories\n    }\n  }\n"): typeof import('./graphql').WhyPersonDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExplainAccess($id: ID!, $category: DataCategory!) {\n    explainAccess(personId: $id, category: $category) {\n      allowed\n      reason\n      explanation\n    }\n  }\n"): typeof import('./graphql').ExplainAccessDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
