/**
 * A housing caseworker's whole day, in Chromium, with a real SMTP server: the referrals arrive (by
 * email, a link only), she signs in and "My day" lists today's appointment and the new referrals; she
 * accepts one, books an appointment with that person by keyboard alone, records it as attended, writes
 * a case note about it and logs an intervention; she declines the other referral with a reason, by
 * keyboard. The probation officer who sent both is emailed a link and nothing more, signs in, follows
 * it and reads each answer: who accepted the one, and why the other was declined. The day's data is
 * set up through the API, as the users who would enter it. axe on "My day" and the person page.
 */
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_DOMAIN } from '../../libs/demo/src/demo-world.js';
import { DEMO_PASSWORD, eventually, startTestHub, type TestHub } from '../support/hub.js';
import { type Mail, smtpServer } from '../support/smtp-server.js';
import { checkScreen, launchBrowser } from './browser.js';

const T = 180_000;
const PORTAL = 'http://portal.test';
const at = (who: string) => `${who}@${DEMO_DOMAIN}`;
const HOUSING = 'Safe Harbour Housing Trust';
const DECLINED_BECAUSE = 'Our supported housing is for people over 25; the council’s youth housing team can help';

interface Gql<D> {
  data?: D | null;
  errors?: unknown[];
}

/** The London time now, `HH:MM`: an appointment starting then has begun, so its outcome may be recorded. */
const londonNow = () =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());

describe("a housing caseworker's whole day in the portal", () => {
  const smtp = smtpServer();
  const mailTo = (who: string) => smtp.received.filter((m) => m.to.includes(at(who)));
  /** Waits until `who` has received `n` emails. */
  const received = (who: string, n: number) =>
    eventually(async () => (mailTo(who).length === n ? mailTo(who) : null), 20_000, `${n} emails to ${who}`);
  let hub: TestHub;
  let browser: Browser;
  let url: string;
  let probation: string;
  let housing: string;
  let housingId: string;
  const ids: Record<string, string> = {};
  let context: BrowserContext;
  let page: Page;

  const ok = <D>(r: Gql<D>): D => {
    expect(r.errors).toBeUndefined();
    return r.data!;
  };
  const as = <D>(token: string, query: string, input: Record<string, unknown>) => hub.gql<D>(query, { input }, token).then((r) => ok(r));

  /** Probation records the person, and the consents it holds for sharing with the housing trust. */
  async function person(givenName: string, familyName: string, purposes: string[]): Promise<string> {
    const made = await as<{ createPerson: { person: { id: string } } }>(
      probation,
      'mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }',
      { givenName, familyName, dateOfBirth: '1991-02-09', region: 'north_west', confirmNew: true },
    );
    const id = made.createPerson.person.id;
    for (const purpose of purposes)
      await as(probation, 'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
        personId: id,
        organisationId: housingId,
        purpose,
        method: 'SIGNED_FORM',
        personPresent: true,
      });
    return id;
  }

  const refer = (personId: string, reason: string, sharedCategories: string[]) =>
    as(probation, 'mutation($input: SendReferralInput!) { sendReferral(input: $input) { id } }', {
      personId,
      toOrganisationId: housingId,
      serviceCode: 'accommodation_support',
      reason,
      sharedCategories,
      personAgreed: true,
    });

  beforeAll(async () => {
    const port = await smtp.start();
    hub = await startTestHub({ SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: PORTAL });
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    probation = await hub.tokenFor('probation.officer');
    housing = await hub.tokenFor('housing.worker');
    const orgs = ok(await hub.gql<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, probation));
    housingId = orgs.organisations.find((o) => o.name === HOUSING)!.id;

    // Ruth: the trust already works with her; her appointment is at the start of this hour, today.
    ids.ruth = await person('Ruth', 'Calloway', ['ACCOMMODATION']);
    await as(probation, 'mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }', {
      personId: ids.ruth,
      organisationId: housingId,
      role: 'PROVIDER',
    });
    const hour = new Date();
    hour.setUTCMinutes(0, 0, 0);
    await as(housing, 'mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }', {
      personId: ids.ruth,
      serviceCode: 'accommodation_support',
      startsAt: hour.toISOString(),
      durationMinutes: 30,
      mode: 'PHONE',
    });
    // Sam and Kai: referred by probation this morning.
    ids.sam = await person('Sam', 'Ortega', ['REFERRAL', 'ACCOMMODATION']);
    await refer(ids.sam, 'Leaves custody on Friday with nowhere to stay', ['ACCOMMODATION']);
    ids.kai = await person('Kai', 'Brennan', ['REFERRAL']);
    await refer(ids.kai, 'Sofa-surfing since release; aged 19', []);

    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  }, T);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await hub?.close();
    await smtp.stop();
  });

  /** Each email of the day carries a link to the portal and no person data: no name, service, organisation, reason or id. */
  function linkOnly(mail: Mail, path: string) {
    expect(mail.raw).toContain(`${PORTAL}${path}`);
    const words = ['Ruth', 'Calloway', 'Sam', 'Ortega', 'Kai', 'Brennan', 'ccommodation', 'Safe Harbour', 'Probation Region', 'custody'];
    for (const word of [...words, 'Sofa', 'over 25', 'Hollie', ...Object.values(ids)]) expect(mail.raw).not.toContain(word);
  }

  const focused = () => page.evaluate<string>('document.activeElement?.id || document.activeElement?.textContent || ""');
  async function tabTo(target: string) {
    for (let i = 0; i < 40 && (await focused()) !== target; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe(target);
  }
  const main = () => page.getByRole('navigation', { name: 'Main' });

  it(
    'before the day starts, the caseworker has been emailed that referrals arrived: a link to the inbox, nothing more',
    async () => {
      for (const mail of await received('housing.worker', 2)) {
        expect(mail.raw).toMatch(/Subject: Rehab Hub: New referral for your organisation/);
        linkOnly(mail, '/referrals');
      }
    },
    T,
  );

  it(
    'signs in, and "My day" lists the appointment today and the two new referrals, each linked to its person',
    async () => {
      await page.goto(`${url}/`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await page.getByLabel('Email address').fill(at('housing.worker'));
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
      await main().getByRole('link', { name: 'My day' }).click();
      await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();

      await page.getByRole('heading', { name: 'Your appointments today (1)' }).waitFor();
      const today = page.getByRole('region', { name: /Your appointments today/ });
      expect(await today.getByRole('link', { name: 'Ruth Calloway' }).getAttribute('href')).toBe(`/people/${ids.ruth}`);
      expect(await today.locator('tbody tr').innerText()).toMatch(
        /30 minutes\)\s+Ruth Calloway\s+Accommodation support\s+By phone\s+Booked/,
      );

      await page.getByRole('heading', { name: 'New referrals waiting (2)' }).waitFor();
      const referrals = page.getByRole('region', { name: /New referrals waiting/ });
      const items = await referrals.locator('li').allInnerTexts();
      expect(items).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Sam Ortega: Accommodation support, from North West Probation Region, sent /),
          expect.stringMatching(/^Kai Brennan: Accommodation support, from North West Probation Region, sent /),
        ]),
      );
      await checkScreen(page, 'whole-day-my-day');
    },
    T,
  );

  it(
    'accepts Sam’s referral from the inbox, and lands on his page, where the trust now works with him',
    async () => {
      await page.getByRole('link', { name: 'Answer referrals in the inbox' }).click();
      await page.getByRole('heading', { level: 1, name: 'Referral inbox' }).waitFor();
      await page.getByRole('button', { name: 'Open (2)' }).waitFor();
      const card = page.locator('li.card', { hasText: 'Sam Ortega' });
      expect(await card.textContent()).toContain('Leaves custody on Friday with nowhere to stay');
      await card.getByRole('button', { name: 'Accept referral of Sam Ortega for accommodation support' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sam Ortega' }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Referral of Sam Ortega accepted' }).waitFor();
      const working = page.locator('section[aria-labelledby="involvements"]');
      await working.getByText(HOUSING).waitFor();
      await page.getByText('No appointment today or later.').waitFor();
    },
    T,
  );

  it(
    'books an appointment with Sam for now, by keyboard alone, from the person page to the confirmation',
    async () => {
      await page.getByRole('link', { name: 'Book an appointment' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Book an appointment' }).waitFor();
      await tabTo('f-serviceCode');
      for (let i = 0; i < 40 && (await page.locator('#f-serviceCode').inputValue()) !== 'accommodation_support'; i++)
        await page.keyboard.press('ArrowDown');
      expect(await page.locator('#f-serviceCode').inputValue()).toBe('accommodation_support');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('f-date');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('f-time');
      await page.keyboard.type(londonNow());
      await page.keyboard.press('Tab');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('45');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('f-mode');
      await page.keyboard.press('Space');
      expect(await page.getByLabel('In person').isChecked()).toBe(true);
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('f-location');
      await page.keyboard.type('Safe Harbour office, Dock Street');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('Book appointment');
      await page.keyboard.press('Enter');

      await page.getByRole('heading', { level: 1, name: 'Sam Ortega' }).waitFor();
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
    'records the appointment as attended',
    async () => {
      await page.getByRole('link', { name: /^Record what happened for Accommodation support/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Record what happened' }).waitFor();
      await page.getByLabel('Attended', { exact: true }).check();
      await page.getByLabel('Note', { exact: true }).fill('Came with his release licence and a letter from the prison');
      await page.getByRole('button', { name: 'Record outcome' }).click();
      await page.getByRole('status').filter({ hasText: 'Outcome recorded: attended' }).waitFor();
      const appointments = page.getByRole('region', { name: 'Appointments' });
      expect(await appointments.textContent()).toContain('Attended');
      expect(await appointments.textContent()).toContain('Came with his release licence and a letter from the prison');
      expect(await appointments.getByRole('link', { name: /Record what happened/ }).count()).toBe(0);
    },
    T,
  );

  it(
    'writes a case note about the appointment',
    async () => {
      await page.getByRole('link', { name: /^Write a note about it/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Write a case note' }).waitFor();
      expect(await page.getByLabel('What is the note about?').inputValue()).toBe('ACCOMMODATION');
      expect(await page.getByLabel(/particular appointment/).inputValue()).toMatch(/^APPOINTMENT:/);
      await page.getByLabel('Note', { exact: true }).fill('Offered a room at Dock Street from Friday; he wants to see it first');
      await page.getByRole('button', { name: 'Save note' }).click();
      await page.getByRole('status').filter({ hasText: 'Case note saved' }).waitFor();
      const notes = page.getByRole('region', { name: 'Case notes' });
      await notes.getByText('Offered a room at Dock Street from Friday; he wants to see it first').waitFor();
      expect(await notes.textContent()).toMatch(/Accommodation note, .*Written by you · about the appointment for Accommodation support/);
    },
    T,
  );

  it(
    'logs an intervention, and the person page shows the day’s work and passes axe',
    async () => {
      await page.getByRole('link', { name: 'Log an intervention' }).click();
      await page.getByRole('heading', { level: 1, name: 'Log an intervention' }).waitFor();
      await page.getByLabel('What did you do?').selectOption({ label: 'Finance: bank account' });
      expect(await page.getByLabel('Completed', { exact: true }).isChecked()).toBe(true);
      await page.getByLabel('Notes').fill('Helped him apply for a basic bank account for the rent');
      await page.getByRole('button', { name: 'Log intervention' }).click();
      await page.getByRole('status').filter({ hasText: 'Finance: bank account logged' }).waitFor();
      await page.getByRole('heading', { level: 1, name: 'Sam Ortega' }).waitFor();
      await page.locator('.timeline').getByText('Helped him apply for a basic bank account for the rent').waitFor();
      // Today's work, all on one page: the appointment attended, the note, the intervention.
      expect(await page.getByRole('region', { name: 'Appointments' }).textContent()).toContain('Attended');
      await page
        .getByRole('region', { name: 'Case notes' })
        .getByText(/^Offered a room at Dock Street/)
        .waitFor();
      await checkScreen(page, 'whole-day-person');
    },
    T,
  );

  it(
    'declines Kai’s referral with a reason, by keyboard alone, after the form asks for the reason',
    async () => {
      await main().getByRole('link', { name: 'Referrals' }).click();
      await page.getByRole('heading', { level: 1, name: 'Referral inbox' }).waitFor();
      const card = page.locator('li.card', { hasText: 'Kai Brennan' });
      await card.waitFor();
      expect(await card.textContent()).toContain('Sofa-surfing since release; aged 19');
      await card.getByRole('button', { name: 'Decline… the referral of Kai Brennan for accommodation support' }).focus();
      await page.keyboard.press('Enter');
      await tabTo('f-reason');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('Decline referral');
      await page.keyboard.press('Enter');
      await card.locator('#f-reason-error').getByText('Enter why you are declining the referral').waitFor();
      await page.getByLabel('Reason for declining').focus();
      await page.keyboard.type(DECLINED_BECAUSE);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'Referral declined' }).waitFor();
      await page.getByRole('button', { name: 'Open (1)' }).waitFor();
      expect(await page.locator('li.card', { hasText: 'Kai Brennan' }).count()).toBe(0);
    },
    T,
  );

  it(
    'at the end of the day, "My day" lists both appointments (Sam’s attended) and no referral waiting',
    async () => {
      await main().getByRole('link', { name: 'My day' }).click();
      await page.getByRole('heading', { name: 'Your appointments today (2)' }).waitFor();
      const rows = await page
        .getByRole('region', { name: /Your appointments today/ })
        .locator('tbody tr')
        .allInnerTexts();
      // Soonest first; Ruth's (at the start of the hour) and Sam's (booked for now) may be at the same minute.
      expect(rows).toHaveLength(2);
      expect(rows).toEqual(
        expect.arrayContaining([expect.stringMatching(/Ruth Calloway.*Booked/s), expect.stringMatching(/Sam Ortega.*Attended/s)]),
      );
      await page
        .getByRole('region', { name: /New referrals waiting/ })
        .getByText('No referral is waiting for an answer.')
        .waitFor();
    },
    T,
  );

  it(
    'the probation officer who referred is emailed each answer: a link to the sent referrals, no name, service or reason',
    async () => {
      for (const mail of await received('probation.officer', 2)) {
        expect(mail.raw).toMatch(/Subject: Rehab Hub: A referral you sent has been answered/);
        linkOnly(mail, '/referrals/sent');
      }
      // Nobody else was told of the answers.
      expect(smtp.received.filter((m) => m.to.some((to) => to !== at('probation.officer') && !to.startsWith('housing.')))).toEqual([]);
    },
    T,
  );

  it(
    'the probation officer signs in, follows the email’s link and reads both answers: who accepted, and why the other was declined',
    async () => {
      const link = /http:\/\/portal\.test(\/\S*)/.exec(mailTo('probation.officer')[0].raw)![1];
      const officer = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
      try {
        const p = await officer.newPage();
        p.setDefaultTimeout(15_000);
        await p.goto(`${url}/`);
        await p.getByLabel('Email address').fill(at('probation.officer'));
        await p.getByLabel('Password').fill(DEMO_PASSWORD);
        await p.getByRole('button', { name: 'Sign in' }).click();
        await p.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
        await p.goto(`${url}${link}`);
        await p.getByRole('heading', { level: 1, name: 'Sent referrals' }).waitFor();
        const rowsOf = async (name: string) => {
          const card = p.locator('li.card', { hasText: name });
          await card.waitFor();
          return (await card.locator('.summary-list__row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
        };
        expect(await rowsOf('Sam Ortega')).toEqual(
          expect.arrayContaining([
            `To ${HOUSING}`,
            'Status Accepted',
            `Accepted by Hollie Caseworker, ${HOUSING} (${at('housing.worker')})`,
          ]),
        );
        await p.getByRole('button', { name: 'History: finished (1)' }).click();
        expect(await rowsOf('Kai Brennan')).toEqual(
          expect.arrayContaining([`To ${HOUSING}`, 'Status Declined', `Reason for declining ${DECLINED_BECAUSE}`]),
        );
        // Her record of the emails sent to her names each answer, with its link.
        await p.getByRole('banner').getByRole('link', { name: 'Email notifications' }).click();
        const sent = p.locator('#notifications-sent tbody tr', { hasText: 'A referral I sent is accepted or declined' });
        await sent.first().waitFor();
        expect(await sent.count()).toBe(2);
        expect(await sent.first().getByRole('link').getAttribute('href')).toBe('/referrals/sent');
      } finally {
        await officer.close();
      }
    },
    T,
  );
});
