import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, startTestHub, type TestHub } from '../support/hub.js';
import { checkScreen, launchBrowser } from './browser.js';

/**
 * A housing caseworker's day in the portal: "My day" lists today's appointments, the referrals waiting
 * and the tasks due; she books an appointment for today (by keyboard alone), records it as attended,
 * writes a note about it and corrects it, logs a contact attempt, and all of it shows on the person's
 * page. Each new page passes axe (no serious or critical violation).
 */
const DEMO = '@demo.rehab-hub.example';
const T = 180_000;

interface Gql<D> {
  data?: D | null;
  errors?: unknown[];
}

describe('"My day", appointments, contact and case notes in the portal', () => {
  let hub: TestHub;
  let browser: Browser;
  let url: string;
  let probation: string;
  let housing: string;
  let orgs: Record<string, string>;
  /** Worked with by the housing trust, with her consent to share accommodation information with it. */
  let ruthId: string;
  /** Referred to the housing trust by probation: a new referral waiting in its inbox. */
  let samId: string;
  let context: BrowserContext;
  let page: Page;

  const ok = <D>(r: Gql<D>): D => {
    expect(r.errors).toBeUndefined();
    return r.data!;
  };

  async function newPerson(givenName: string, familyName: string, involve: boolean): Promise<string> {
    const created = ok(
      await hub.gql<{ createPerson: { person: { id: string } } }>(
        'mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }',
        { input: { givenName, familyName, dateOfBirth: '1985-05-17', region: 'north_west', confirmNew: true } },
        probation,
      ),
    );
    const id = created.createPerson.person.id;
    if (involve) {
      ok(
        await hub.gql(
          'mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }',
          { input: { personId: id, organisationId: orgs['Safe Harbour Housing Trust'], role: 'PROVIDER' } },
          probation,
        ),
      );
      ok(
        await hub.gql(
          'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }',
          {
            input: {
              personId: id,
              organisationId: orgs['Safe Harbour Housing Trust'],
              purpose: 'ACCOMMODATION',
              method: 'VERBAL',
              personPresent: true,
            },
          },
          probation,
        ),
      );
    }
    return id;
  }

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    probation = await hub.tokenFor('probation.officer');
    housing = await hub.tokenFor('housing.worker');
    const o = ok(await hub.gql<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, probation));
    orgs = Object.fromEntries(o.organisations.map((x) => [x.name, x.id]));
    ruthId = await newPerson('Ruth', 'Calloway', true);
    samId = await newPerson('Sam', 'Ortega', false);
    ok(
      await hub.gql(
        'mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }',
        {
          input: {
            personId: samId,
            toOrganisationId: orgs['Safe Harbour Housing Trust'],
            serviceCode: 'accommodation_support',
            reason: 'Leaves custody next week with nowhere to stay',
            sharedCategories: [],
          },
        },
        probation,
      ),
    );
    const me = ok(await hub.gql<{ viewer: { id: string } }>('{ viewer { id } }', {}, housing));
    ok(
      await hub.gql(
        'mutation($input: AssignTaskInput!) { assignTask(input: $input) { id } }',
        {
          input: {
            personId: ruthId,
            assigneeUserId: me.viewer.id,
            title: 'Ring the landlord about the deposit',
            description: 'The deposit scheme needs a call.',
            dueOn: new Date().toISOString().slice(0, 10),
          },
        },
        housing,
      ),
    );
    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  }, T);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await hub?.close();
  });

  /** The London time now, `HH:MM`: an appointment starting then has begun, so its outcome may be recorded. */
  const londonNow = () =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
      new Date(),
    );

  it(
    'signs in and sees "My day": no appointment yet, the referral waiting and the task assigned to her, each linked to the person',
    async () => {
      await page.goto(`${url}/`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByLabel('Email address').fill(`housing.worker${DEMO}`);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'My caseload' }).waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My day' }).click();
      await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
      await page.getByText('You have no appointments today.').waitFor();
      const referrals = page.getByRole('region', { name: /New referrals waiting/ });
      await referrals.getByRole('link', { name: 'Sam Ortega' }).waitFor();
      expect(await page.getByRole('heading', { name: 'New referrals waiting (1)' }).count()).toBe(1);
      expect(await referrals.textContent()).toContain('Accommodation support, from');
      const tasks = page.getByRole('region', { name: /Tasks due/ });
      await tasks.getByText('Ring the landlord about the deposit').waitFor();
      expect(await tasks.getByRole('link', { name: 'Ruth Calloway' }).getAttribute('href')).toBe(`/people/${ruthId}`);
      await checkScreen(page, 'my-day');
    },
    T,
  );

  it(
    'books an appointment for today by keyboard alone, after the form says what is missing in its summary and next to each field',
    async () => {
      await page.goto(`${url}/people/${ruthId}`);
      await page.getByRole('heading', { level: 1, name: 'Ruth Calloway' }).waitFor();
      await page.getByText('No appointment today or later.').waitFor();
      await page.getByRole('link', { name: 'Book an appointment' }).click();
      await page.getByRole('heading', { level: 1, name: 'Book an appointment' }).waitFor();
      await checkScreen(page, 'book-appointment');

      await page.getByRole('button', { name: 'Book appointment' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await summary.waitFor();
      expect(await summary.textContent()).toContain('Select what the appointment is for');
      expect(await summary.textContent()).not.toContain('What is it for?:');
      expect(await page.locator('#f-time-error').textContent()).toContain('Enter the time on the 24-hour clock');
      expect(await page.locator('#f-mode-error').textContent()).toContain('Select how you will meet');
      await checkScreen(page, 'book-appointment-errors');

      // From the summary's first link to the service, then through the form with the keyboard only.
      await summary.getByRole('link', { name: 'Select what the appointment is for' }).press('Enter');
      expect(await page.evaluate('document.activeElement?.id')).toBe('f-serviceCode');
      for (let i = 0; i < 40 && (await page.locator('#f-serviceCode').inputValue()) !== 'accommodation_support'; i++)
        await page.keyboard.press('ArrowDown');
      expect(await page.locator('#f-serviceCode').inputValue()).toBe('accommodation_support');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.id')).toBe('f-date');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.id')).toBe('f-time');
      await page.keyboard.type(londonNow());
      await page.keyboard.press('Tab');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('45');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.id')).toBe('f-mode');
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.id')).toBe('f-location');
      await page.keyboard.type('Safe Harbour office, Dock Street');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');

      await page.getByRole('heading', { level: 1, name: 'Ruth Calloway' }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Appointment booked for' }).waitFor();
      const appointments = page.getByRole('region', { name: 'Appointments' });
      await appointments.getByRole('heading', { name: /Accommodation support, .* at / }).waitFor();
      expect(await appointments.textContent()).toMatch(
        /Booked.*45 minutes · In person, Safe Harbour office, Dock Street · with Hollie Caseworker · your organisation/,
      );
    },
    T,
  );

  it(
    'records the appointment as attended, and "My day" lists it',
    async () => {
      await page.getByRole('link', { name: /^Record what happened for Accommodation support/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Record what happened' }).waitFor();
      await page.getByRole('button', { name: 'Record outcome' }).click();
      await page.locator('#f-status-error').getByText('Select what happened').waitFor();
      // Cancelled asks who cancelled; rescheduled asks the new time.
      await page.getByLabel('Cancelled', { exact: true }).check();
      await page.getByRole('group', { name: 'Who cancelled it?' }).waitFor();
      await page.getByLabel('Rescheduled to a new time').check();
      await page.getByLabel('New time', { exact: true }).waitFor();
      await checkScreen(page, 'record-outcome');
      await page.getByLabel('Attended', { exact: true }).check();
      await page.getByLabel('Note', { exact: true }).fill('Came on time; brought the tenancy papers');
      await page.getByRole('button', { name: 'Record outcome' }).click();
      await page.getByRole('status').filter({ hasText: 'Outcome recorded: attended' }).waitFor();
      const appointments = page.getByRole('region', { name: 'Appointments' });
      expect(await appointments.textContent()).toContain('Attended');
      expect(await appointments.textContent()).toContain('Came on time; brought the tenancy papers');
      expect(await appointments.getByRole('link', { name: /Record what happened/ }).count()).toBe(0);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My day' }).click();
      const today = page.getByRole('region', { name: /Your appointments today/ });
      await today.getByRole('link', { name: 'Ruth Calloway' }).waitFor();
      expect(await today.textContent()).toMatch(
        /45 minutes.*Ruth Calloway.*Accommodation support.*In person, Safe Harbour office, Dock Street.*Attended/,
      );
      await page.getByRole('heading', { name: 'Your appointments today (1)' }).waitFor();
    },
    T,
  );

  it(
    'writes a case note about the appointment, corrects it with a reason, and the page shows the note with its history',
    async () => {
      await page
        .getByRole('region', { name: /Your appointments today/ })
        .getByRole('link', { name: 'Ruth Calloway' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Ruth Calloway' }).waitFor();
      await page.getByRole('link', { name: /^Write a note about it/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Write a case note' }).waitFor();
      // The category and what it is about follow the appointment.
      expect(await page.getByLabel('What is the note about?').inputValue()).toBe('ACCOMMODATION');
      expect(await page.getByLabel(/particular appointment/).inputValue()).toMatch(/^APPOINTMENT:/);
      await page.getByRole('button', { name: 'Save note' }).click();
      await page.locator('#f-body-error').getByText('Enter the note').waitFor();
      await checkScreen(page, 'write-case-note');
      await page.getByLabel('Note', { exact: true }).fill('Viewed the flat on Dock Street; wants to sign on Friday');
      await page.getByRole('button', { name: 'Save note' }).click();
      await page.getByRole('status').filter({ hasText: 'Case note saved' }).waitFor();
      const notes = page.getByRole('region', { name: 'Case notes' });
      await notes.getByText('Viewed the flat on Dock Street; wants to sign on Friday').waitFor();
      expect(await notes.textContent()).toMatch(/Accommodation note, .*Written by you · about the appointment for Accommodation support/);

      await notes.getByRole('link', { name: /^Correct this note/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Correct a case note' }).waitFor();
      await page.getByRole('button', { name: 'Save correction' }).click();
      await page
        .locator('#f-reason-error')
        .getByText(/Enter why you are correcting the note/)
        .waitFor();
      await checkScreen(page, 'correct-case-note');
      await page.getByLabel('Corrected note').fill('Viewed the flat on Dock Street; wants to sign on Thursday');
      await page.getByLabel('Why are you correcting it?').fill('Wrong day of the signing');
      await page.getByRole('button', { name: 'Save correction' }).click();
      await page.getByRole('status').filter({ hasText: 'Case note corrected' }).waitFor();
      await notes.getByText('Viewed the flat on Dock Street; wants to sign on Thursday').waitFor();
      // The history is one keyboard-operable disclosure.
      await notes.getByText('History: 1 earlier version').focus();
      await page.keyboard.press('Enter');
      await notes.getByText(/Version 1 \(Accommodation\), corrected .*: Wrong day of the signing/).waitFor();
      expect(await notes.textContent()).toContain('Viewed the flat on Dock Street; wants to sign on Friday');
    },
    T,
  );

  it(
    'logs a contact attempt (not one in the future), and the person page, with its new sections first, passes axe',
    async () => {
      await page.getByRole('link', { name: 'Log a contact attempt' }).click();
      await page.getByRole('heading', { level: 1, name: 'Log a contact attempt' }).waitFor();
      await page.getByLabel('What was it for?').selectOption('accommodation_support');
      await page.getByLabel('Phone call').check();
      await page.getByLabel('No answer').check();
      await page.getByLabel('Date', { exact: true }).fill('2099-01-01');
      await page.getByRole('button', { name: 'Log contact attempt' }).click();
      await page.locator('#f-date-error').getByText('A contact attempt cannot be in the future').waitFor();
      await checkScreen(page, 'log-contact');
      await page.getByLabel('Date', { exact: true }).fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
      await page.getByLabel('Note', { exact: true }).fill('Rang twice, no voicemail');
      await page.getByRole('button', { name: 'Log contact attempt' }).click();
      await page.getByRole('status').filter({ hasText: 'Contact attempt logged: phone call, no answer' }).waitFor();
      const contact = page.getByRole('region', { name: 'Contact attempts' });
      await contact.getByText(/Phone call/).waitFor();
      expect(await contact.textContent()).toMatch(/No answer · Accommodation support · your organisation · Rang twice, no voicemail/);

      // The caseworker's own work comes before the record's other sections.
      const order = await page.locator('main h2').allTextContents();
      expect(order.indexOf('Appointments')).toBeLessThan(order.indexOf('Personal details'));
      expect(order.indexOf('Case notes')).toBeLessThan(order.indexOf('Interventions'));
      await checkScreen(page, 'person-day-work');
    },
    T,
  );
});
