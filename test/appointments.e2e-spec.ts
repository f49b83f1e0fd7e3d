import { randomUUID } from 'node:crypto';
import { EteContactSweep } from '@hub/referrals';
import { eventually, startTestHub, type TestHub } from './support/hub.js';

/**
 * Appointments, contact attempts and case notes: booked and written by one organisation, seen by
 * another only as the access policy lets it see that category; attended appointments count as contact;
 * a missed appointment triggers a rule; notes keep their corrections; all in the subject access export
 * and gone with an erasure.
 */
describe('appointments, contact and case notes', () => {
  let hub: TestHub;
  let orgs: Record<string, string>;
  let userIds: Record<string, string>;
  const DAY = 86_400_000;
  const at = (days: number, hour = 10) => {
    const d = new Date(Date.now() + days * DAY);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString();
  };

  beforeAll(async () => {
    hub = await startTestHub();
    const o: { id: string; name: string }[] = await hub.db.query('SELECT id, name FROM organisation');
    orgs = Object.fromEntries(o.map((r) => [r.name, r.id]));
    const u: { id: string; email: string }[] = await hub.db.query('SELECT id, email FROM user_account');
    userIds = Object.fromEntries(u.map((r) => [r.email.split('@')[0], r.id]));
  });
  afterAll(() => hub?.close());

  const gql = async <T = Record<string, unknown>>(who: string, query: string, variables: Record<string, unknown> = {}) =>
    hub.gql<T>(query, variables, await hub.tokenFor(who));
  const ok = async <T = Record<string, unknown>>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await gql<T>(who, query, variables);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

  /** A person led by probation, with housing and the training provider involved; the training provider has ETE consent. */
  async function person(name: string): Promise<string> {
    const id = (
      await ok<{ createPerson: { person: { id: string } } }>(
        'probation.officer',
        'mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }',
        { input: { givenName: name, familyName: 'Diary', dateOfBirth: '1988-03-04', region: 'north_west', confirmNew: true } },
      )
    ).createPerson.person.id;
    for (const org of ['Safe Harbour Housing Trust', 'Forge Skills Training'])
      await ok('probation.officer', 'mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }', {
        input: { personId: id, organisationId: orgs[org], role: 'PROVIDER' },
      });
    await ok('probation.officer', 'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
      input: { personId: id, organisationId: orgs['Forge Skills Training'], purpose: 'ETE', method: 'VERBAL', personPresent: true },
    });
    return id;
  }

  const BOOK = 'mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id version status dataCategory withUserId } }';
  const OUTCOME =
    'mutation($input: RecordAppointmentOutcomeInput!) { recordAppointmentOutcome(input: $input) { id version status cancelledBy rescheduledToId } }';
  const NOTE = 'mutation($input: WriteCaseNoteInput!) { writeCaseNote(input: $input) { id version dataCategory } }';
  const CORRECT = 'mutation($input: CorrectCaseNoteInput!) { correctCaseNote(input: $input) { id version body dataCategory } }';
  const book = (who: string, input: Record<string, unknown>) =>
    ok<{ bookAppointment: { id: string; version: number; status: string; dataCategory: string; withUserId: string } }>(who, BOOK, {
      input: { durationMinutes: 45, mode: 'IN_PERSON', location: 'Office', ...input },
    }).then((d) => d.bookAppointment);
  const seen = async (who: string, id: string) =>
    (
      await ok<{
        person: {
          appointments: { id: string; serviceCode: string }[];
          contactAttempts: { id: string }[];
          caseNotes: { notes: { id: string; body: string; dataCategory: string }[] };
          timeline: { kind: string; appointmentId: string | null }[];
        };
      }>(
        who,
        `query($id: ID!) { person(id: $id) { appointments { id serviceCode } contactAttempts { id } caseNotes { notes { id body dataCategory } }
           timeline { kind appointmentId } } }`,
        { id },
      )
    ).person;

  it('shows appointments, contact attempts and notes to other organisations only as their category may be read', async () => {
    const id = await person('Visible');
    const cv = await book('probation.officer', { personId: id, serviceCode: 'cv_cover_letter', startsAt: at(-1) });
    const mh = await book('probation.officer', { personId: id, serviceCode: 'mental_health_support', startsAt: at(2) });
    const housingOwn = await book('housing.worker', { personId: id, serviceCode: 'accommodation_support', startsAt: at(0, 14) });
    expect([cv.dataCategory, mh.dataCategory, housingOwn.dataCategory]).toEqual(['ETE', 'HEALTH', 'ACCOMMODATION']);
    expect(housingOwn.withUserId).toBe(userIds['housing.worker']);
    const contact = (
      await ok<{ logContactAttempt: { id: string } }>(
        'probation.officer',
        'mutation($input: LogContactAttemptInput!) { logContactAttempt(input: $input) { id } }',
        {
          input: {
            personId: id,
            serviceCode: 'cv_cover_letter',
            channel: 'PHONE',
            result: 'REACHED',
            occurredAt: at(-2),
            appointmentId: cv.id,
          },
        },
      )
    ).logContactAttempt;
    const health = (
      await ok<{ writeCaseNote: { id: string } }>('probation.officer', NOTE, {
        input: { personId: id, dataCategory: 'HEALTH', body: 'Low mood since release', aboutKind: 'APPOINTMENT', aboutId: mh.id },
      })
    ).writeCaseNote;
    const ete = (
      await ok<{ writeCaseNote: { id: string } }>('probation.officer', NOTE, {
        input: { personId: id, dataCategory: 'ETE', body: 'Keen on a CSCS card' },
      })
    ).writeCaseNote;

    // The lead sees all it wrote, and the housing trust's own appointment only if it may read accommodation: here, not without a basis.
    const probation = await seen('probation.officer', id);
    expect(probation.appointments.map((a) => a.id)).toEqual(expect.arrayContaining([cv.id, mh.id]));
    expect(probation.contactAttempts.map((c) => c.id)).toEqual([contact.id]);
    expect(probation.caseNotes.notes.map((n) => n.id).sort()).toEqual([health.id, ete.id].sort());
    expect(probation.timeline.filter((t) => t.kind === 'APPOINTMENT').map((t) => t.appointmentId)).toEqual(
      expect.arrayContaining([cv.id, mh.id]),
    );
    expect(probation.timeline.filter((t) => t.kind === 'CONTACT_ATTEMPT')).toHaveLength(1);
    // The training provider (ETE consent) sees the ETE appointment, contact and note; never the health ones.
    const trainer = await seen('trainer', id);
    expect(trainer.appointments.map((a) => a.id)).toEqual([cv.id]);
    expect(trainer.contactAttempts.map((c) => c.id)).toEqual([contact.id]);
    expect(trainer.caseNotes.notes.map((n) => n.id)).toEqual([ete.id]);
    expect(trainer.timeline.filter((t) => t.kind === 'APPOINTMENT').map((t) => t.appointmentId)).toEqual([cv.id]);
    // The housing trust (no consent) sees its own appointment only.
    const housing = await seen('housing.worker', id);
    expect(housing.appointments.map((a) => a.id)).toEqual([housingOwn.id]);
    expect(housing.contactAttempts).toEqual([]);
    expect(housing.caseNotes.notes).toEqual([]);

    // Not its appointment: the housing trust cannot tell another's appointment from none at all.
    const theirs = await gql('housing.worker', OUTCOME, {
      input: { appointmentId: mh.id, version: 1, status: 'CANCELLED', cancelledBy: 'PERSON' },
    });
    const none = await gql('housing.worker', OUTCOME, {
      input: { appointmentId: randomUUID(), version: 1, status: 'CANCELLED', cancelledBy: 'PERSON' },
    });
    expect(code(theirs)).toBe('NOT_FOUND');
    expect(theirs.errors![0].message).toBe(none.errors![0].message);
    // The trainer sees the ETE appointment but did not book it.
    expect(code(await gql('trainer', OUTCOME, { input: { appointmentId: cv.id, version: 1, status: 'ATTENDED' } }))).toBe('FORBIDDEN');
    // A note about a health appointment the writer may not see answers as one about nothing.
    const about = await gql('trainer', NOTE, {
      input: { personId: id, dataCategory: 'ETE', body: 'x', aboutKind: 'APPOINTMENT', aboutId: mh.id },
    });
    expect(code(about)).toBe('NOT_FOUND');
    // Inputs are bounded.
    expect(code(await gql('probation.officer', NOTE, { input: { personId: id, dataCategory: 'ETE', body: 'x'.repeat(10_001) } }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('records outcomes: attended only once begun, cancelled by whom, rescheduled to a new linked appointment; my appointments list today', async () => {
    const id = await person('Outcomes');
    const later = await book('housing.worker', { personId: id, serviceCode: 'accommodation_support', startsAt: at(3) });
    const early = await gql('housing.worker', OUTCOME, { input: { appointmentId: later.id, version: later.version, status: 'ATTENDED' } });
    expect(code(early)).toBe('BAD_USER_INPUT');
    const moved = (
      await ok<{ recordAppointmentOutcome: { status: string; rescheduledToId: string } }>('housing.worker', OUTCOME, {
        input: { appointmentId: later.id, version: later.version, status: 'RESCHEDULED', rescheduledTo: at(5) },
      })
    ).recordAppointmentOutcome;
    expect(moved.status).toBe('RESCHEDULED');
    const [next]: { rescheduled_from_id: string; status: string }[] = await hub.db.query(
      'SELECT rescheduled_from_id, status FROM appointment WHERE id = $1',
      [moved.rescheduledToId],
    );
    expect(next).toEqual({ rescheduled_from_id: later.id, status: 'booked' });
    // Already recorded: refused.
    expect(
      code(
        await gql('housing.worker', OUTCOME, {
          input: { appointmentId: later.id, version: 2, status: 'CANCELLED', cancelledBy: 'PERSON' },
        }),
      ),
    ).toBe('INVALID_STATE');
    const cancelled = (
      await ok<{ recordAppointmentOutcome: { cancelledBy: string } }>('housing.worker', OUTCOME, {
        input: { appointmentId: moved.rescheduledToId, version: 1, status: 'CANCELLED', cancelledBy: 'ORGANISATION' },
      })
    ).recordAppointmentOutcome;
    expect(cancelled.cancelledBy).toBe('ORGANISATION');

    const now = new Date();
    const today = await book('housing.worker', {
      personId: id,
      serviceCode: 'accommodation_support',
      startsAt: new Date(now.getTime() - 60_000).toISOString(),
    });
    await book('housing.manager', {
      personId: id,
      serviceCode: 'accommodation_support',
      startsAt: new Date(now.getTime() - 120_000).toISOString(),
    });
    const attended = (
      await ok<{ recordAppointmentOutcome: { status: string; version: number } }>('housing.worker', OUTCOME, {
        input: { appointmentId: today.id, version: 1, status: 'ATTENDED', note: 'Viewed the flat' },
      })
    ).recordAppointmentOutcome;
    expect(attended).toMatchObject({ status: 'ATTENDED', version: 2 });
    const from = new Date(now.getTime() - DAY / 2).toISOString();
    const to = new Date(now.getTime() + DAY / 2).toISOString();
    const mine = await ok<{ myAppointments: { id: string; person: { id: string } | null; withUserName: string }[] }>(
      'housing.worker',
      'query($from: String!, $to: String!) { myAppointments(from: $from, to: $to) { id person { id } withUserName } }',
      { from, to },
    );
    // Only the worker's own (the manager's is the manager's).
    expect(mine.myAppointments.filter((a) => a.person?.id === id).map((a) => a.id)).toEqual([today.id]);
    expect(
      code(
        await gql('housing.worker', 'query($f: String!, $t: String!) { myAppointments(from: $f, to: $t) { id } }', { f: from, t: at(60) }),
      ),
    ).toBe('BAD_USER_INPUT');
    // The event trail: one transaction each, audited.
    const events: { type: string }[] = await hub.db.query(`SELECT type FROM outbox_event WHERE aggregate_id = $1 ORDER BY id`, [later.id]);
    expect(events.map((e) => e.type)).toEqual(['appointment.booked', 'appointment.outcome_recorded']);
    const audited: { action: string }[] = await hub.db.query(
      `SELECT action FROM audit_event WHERE detail->>'aggregateId' = $1 ORDER BY id`,
      [later.id],
    );
    expect(audited.length).toBeGreaterThanOrEqual(2);
  });

  it('counts an attended ETE appointment as ETE contact, and a missed appointment can trigger a rule', async () => {
    const met = await person('Met');
    const silent = await person('Silent');
    // Both had their last ETE intervention 40 days ago; one came to an ETE appointment 3 days ago.
    for (const id of [met, silent])
      await ok('probation.officer', 'mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }', {
        input: { personId: id, typeCode: 'cv_cover_letter', status: 'COMPLETED', occurredAt: at(-40) },
      });
    const a = await book('probation.officer', { personId: met, serviceCode: 'interview_practice', startsAt: at(-3) });
    await ok('probation.officer', OUTCOME, { input: { appointmentId: a.id, version: 1, status: 'ATTENDED' } });
    await hub.app.get(EteContactSweep).sweep();
    const lapsed: { person_id: string }[] = await hub.db.query(
      `SELECT person_id FROM outbox_event WHERE type = 'ete_contact.lapsed' AND person_id = ANY($1::uuid[])`,
      [[met, silent]],
    );
    expect(lapsed.map((l) => l.person_id)).toEqual([silent]);

    const rule = (
      await ok<{ createReferralRule: { ruleId: string } }>(
        'hub.admin',
        'mutation($input: ReferralRuleInput!) { createReferralRule(input: $input) { ruleId } }',
        {
          input: {
            name: 'Missed an accommodation appointment',
            triggerEvent: 'appointment.missed',
            conditions: '{"all":[{"fact":"event.serviceCode","operator":"equal","value":"accommodation_support"}]}',
            serviceCode: 'accommodation_support',
            consentPurpose: 'ACCOMMODATION',
            cooldownDays: 30,
          },
        },
      )
    ).createReferralRule;
    const missed = await book('housing.worker', { personId: silent, serviceCode: 'accommodation_support', startsAt: at(-1) });
    await ok('housing.worker', OUTCOME, { input: { appointmentId: missed.id, version: 1, status: 'DID_NOT_ATTEND' } });
    const fired = await eventually(
      async () => {
        const rows: { outcome: string }[] = await hub.db.query('SELECT outcome FROM rule_firing WHERE rule_id = $1 AND person_id = $2', [
          rule.ruleId,
          silent,
        ]);
        return rows.length ? rows : null;
      },
      20_000,
      'the rule decided on the missed appointment',
    );
    expect(fired).toHaveLength(1);
  });

  it('keeps a note’s corrections as history, and exports and erases appointments, contacts and notes', async () => {
    const id = await person('Noted');
    const note = (
      await ok<{ writeCaseNote: { id: string; version: number } }>('probation.officer', NOTE, {
        input: { personId: id, dataCategory: 'HEALTH', body: 'Wrongly filed: wants a CSCS card' },
      })
    ).writeCaseNote;
    // Only the organisation that wrote it corrects it; a stale version changes nothing.
    expect(code(await gql('housing.worker', CORRECT, { input: { noteId: note.id, version: 1, body: 'x', reason: 'probe' } }))).toBe(
      'NOT_FOUND',
    );
    expect(code(await gql('probation.officer', CORRECT, { input: { noteId: note.id, version: 7, body: 'x', reason: 'probe' } }))).toBe(
      'CONFLICT',
    );
    const corrected = (
      await ok<{ correctCaseNote: { version: number; dataCategory: string } }>('probation.officer', CORRECT, {
        input: { noteId: note.id, version: 1, body: 'Wants a CSCS card', dataCategory: 'ETE', reason: 'Filed under health by mistake' },
      })
    ).correctCaseNote;
    expect(corrected).toMatchObject({ version: 2, dataCategory: 'ETE' });
    const history = async (who: string) =>
      (
        await ok<{
          person: { caseNotes: { notes: { id: string; body: string; history: { version: number; body: string; reason: string }[] }[] } };
        }>(who, 'query($id: ID!) { person(id: $id) { caseNotes(first: 5) { notes { id body history { version body reason } } } } }', { id })
      ).person.caseNotes.notes;
    expect(await history('probation.officer')).toEqual([
      {
        id: note.id,
        body: 'Wants a CSCS card',
        history: [{ version: 1, body: 'Wrongly filed: wants a CSCS card', reason: 'Filed under health by mistake' }],
      },
    ]);
    // The trainer now reads the ETE note, but not what it said while filed as health.
    expect(await history('trainer')).toEqual([{ id: note.id, body: 'Wants a CSCS card', history: [] }]);

    const appt = await book('probation.officer', { personId: id, serviceCode: 'cv_cover_letter', startsAt: at(1) });
    await ok('probation.officer', 'mutation($input: LogContactAttemptInput!) { logContactAttempt(input: $input) { id } }', {
      input: {
        personId: id,
        serviceCode: 'cv_cover_letter',
        channel: 'TEXT',
        result: 'SENT',
        occurredAt: at(0, 0),
        appointmentId: appt.id,
      },
    });
    const sar = (
      await ok<{ subjectAccessExport: { json: string; counts: { section: string; rows: number }[] } }>(
        'probation.dpo',
        'mutation($id: ID!) { subjectAccessExport(personId: $id) { json counts { section rows } } }',
        { id },
      )
    ).subjectAccessExport;
    const counts = Object.fromEntries(sar.counts.map((c) => [c.section, c.rows]));
    expect(counts).toMatchObject({ appointments: 1, contactAttempts: 1, caseNotes: 1, caseNoteCorrections: 1 });
    expect(sar.json).toContain('Wrongly filed: wants a CSCS card');

    const erased = await ok<{ erasePerson: { id: string } }>(
      'probation.dpo',
      'mutation($input: PersonReasonInput!) { erasePerson(input: $input) { id } }',
      { input: { personId: id, reason: 'Erasure request' } },
    );
    expect(erased.erasePerson.id).toBeTruthy();
    const [left] = await hub.db.query(
      `SELECT (SELECT count(*) FROM appointment WHERE person_id = $1)::int AS a, (SELECT count(*) FROM contact_attempt WHERE person_id = $1)::int AS c,
              (SELECT count(*) FROM case_note WHERE person_id = $1)::int AS n, (SELECT count(*) FROM case_note_revision WHERE person_id = $1)::int AS r`,
      [id],
    );
    expect(left).toEqual({ a: 0, c: 0, n: 0, r: 0 });
  });
});
