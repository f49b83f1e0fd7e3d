/**
 * A panel in the portal, in Chromium: the probation officer schedules it from "Meetings", puts two
 * people on its agenda, sees which invitee one of them is not shown to, records attendance, writes a note and gives the housing trust
 * an action; the housing caseworker finds it under "My actions", marks it done, and the meeting's page
 * shows it done. The employer, invited but with no basis for one of the two people, sees only the other.
 * The people and their consents are set up through the API. axe on the meeting's page.
 */
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_DOMAIN } from '../../libs/demo/src/demo-world.js';
import { DEMO_PASSWORD, startTestHub, type TestHub } from '../support/hub.js';
import { checkScreen, launchBrowser } from './browser.js';

const T = 180_000;
const HOUSING = 'Safe Harbour Housing Trust';
const EMPLOYER = 'Northway Construction Ltd';

describe('a multi-agency meeting in the portal', () => {
  let hub: TestHub;
  let browser: Browser;
  let url: string;
  let probation: string;
  let meetingId: string;
  const orgs: Record<string, string> = {};
  const contexts: BrowserContext[] = [];

  const ok = async <D>(token: string, query: string, variables: Record<string, unknown>): Promise<D> => {
    const r = await hub.gql<D>(query, variables, token);
    expect(r.errors).toBeUndefined();
    return r.data!;
  };

  async function person(givenName: string, consentTo: string[]): Promise<string> {
    const id = (
      await ok<{ createPerson: { person: { id: string } } }>(
        probation,
        'mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }',
        { input: { givenName, familyName: 'Panel', dateOfBirth: '1989-04-03', region: 'north_west', confirmNew: true } },
      )
    ).createPerson.person.id;
    await ok(probation, 'mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }', {
      input: { personId: id, organisationId: orgs[HOUSING], role: 'PROVIDER' },
    });
    for (const [org, purpose] of consentTo.map((c) => c.split(':')))
      await ok(probation, 'mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
        input: { personId: id, organisationId: orgs[org], purpose, method: 'SIGNED_FORM', personPresent: true },
      });
    return id;
  }

  async function signIn(who: string): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 }, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email address').fill(`${who}@${DEMO_DOMAIN}`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
    return page;
  }
  const openMeeting = async (page: Page) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
    await page.getByRole('link', { name: 'Housing and work panel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Housing and work panel' }).waitFor();
  };

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    probation = await hub.tokenFor('probation.officer');
    const list = await ok<{ organisations: { id: string; name: string }[] }>(probation, '{ organisations { id name } }', {});
    for (const o of list.organisations) orgs[o.name] = o.id;
    const ada = await person('Ada', [`${HOUSING}:ACCOMMODATION`, `${EMPLOYER}:ETE`]);
    const eve = await person('Eve', [`${HOUSING}:ACCOMMODATION`]);
    expect([ada, eve].every(Boolean)).toBe(true);
  }, T);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await hub?.close();
  });

  it(
    'the organiser schedules and runs the meeting: the agenda, attendance, a note and an action for the housing trust',
    async () => {
      const page = await signIn('probation.officer');
      // Schedules the panel, inviting the housing trust and the employer.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
      await page.getByRole('link', { name: 'Schedule a meeting' }).click();
      await page.getByRole('heading', { level: 1, name: 'Schedule a meeting' }).waitFor();
      await page.getByLabel('Title').fill('Housing and work panel');
      await page.getByLabel('Date').fill(new Date(Date.now() + 86_400_000).toISOString().slice(0, 10));
      await page.getByLabel('Time').fill('10:00');
      await page.getByLabel('Where').fill('Probation office, room 2');
      await page.getByLabel(HOUSING).check();
      await page.getByLabel(EMPLOYER).check();
      await page.getByRole('button', { name: 'Schedule meeting' }).click();
      await page.getByRole('heading', { level: 1, name: 'Housing and work panel' }).waitFor();
      meetingId = new URL(page.url()).pathname.split('/').at(-1)!;

      // Puts Ada and Eve on the agenda, each found by name, with the reason.
      await page.getByText('Add a person to the agenda', { exact: true }).click();
      for (const [name, reason] of [
        ['Ada Panel', 'Tenancy ends next month'],
        ['Eve Panel', 'Needs a move-on plan'],
      ]) {
        const form = page.getByRole('form', { name: 'Add a person to the agenda' });
        await form.getByLabel('Find the person').fill(name);
        await form.getByRole('button', { name: 'Find' }).click();
        await form.getByLabel(new RegExp(`^${name}, born`)).check();
        await form.getByLabel('Why are they on the agenda?').fill(reason);
        await form.getByRole('button', { name: 'Add to the agenda' }).click();
        await page.getByRole('region', { name }).waitFor();
      }
      const eve = page.getByRole('region', { name: 'Eve Panel' });
      await eve.getByText(`Not shown to ${EMPLOYER}: no consent or agreement covers sharing this person with them.`).waitFor();
      expect(
        await page
          .getByRole('region', { name: 'Ada Panel' })
          .getByText(/Not shown to/)
          .count(),
      ).toBe(0);

      await page.getByRole('button', { name: new RegExp(`^Attended\\s*: ${HOUSING}$`) }).click();
      await page.getByText(`${HOUSING}: attended`).waitFor();

      const ada = page.getByRole('region', { name: 'Ada Panel' });
      await ada.getByText('Write a note on Ada Panel').click();
      await ada.getByLabel('What is it about?').selectOption('ACCOMMODATION');
      await ada.getByLabel('Note', { exact: true }).fill('Landlord will not renew; needs a move by the 30th');
      await ada.getByRole('button', { name: /^Write note\s*on Ada Panel$/ }).click();
      await ada.getByText('Landlord will not renew; needs a move by the 30th').waitFor();

      await ada.getByText('Give an action on Ada Panel').click();
      await ada.getByLabel('Who owns it').selectOption({ label: HOUSING });
      await ada.getByLabel('What is to be done').fill('Find Ada a tenancy');
      await ada.getByLabel('Due on').fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
      await ada.getByRole('button', { name: /^Give action\s*on Ada Panel$/ }).click();
      await ada.getByText(new RegExp(`Find Ada a tenancy: ${HOUSING}, due .*, open`)).waitFor();
      await checkScreen(page, 'meeting-organiser');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download minutes' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^minutes-.*\.md$/);
    },
    T,
  );

  it(
    'the housing caseworker completes the action from "My actions", and the meeting shows it done',
    async () => {
      const page = await signIn('housing.worker');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' }).click();
      await page.getByRole('link', { name: 'My actions' }).click();
      await page.getByRole('heading', { level: 1, name: 'My actions' }).waitFor();
      const card = page.locator('li.card', { hasText: 'Find Ada a tenancy' });
      expect(await card.textContent()).toContain('About Ada Panel');
      await card.getByRole('button', { name: /^Mark done\s*: Find Ada a tenancy$/ }).click();
      await page.getByText('Your organisation has no open meeting actions.').waitFor();

      await page.getByRole('link', { name: 'Meetings', exact: true }).first().click();
      await page.getByRole('link', { name: 'Housing and work panel' }).click();
      const ada = page.getByRole('region', { name: 'Ada Panel' });
      await ada.getByText(new RegExp(`Find Ada a tenancy: ${HOUSING}, due .*, done`)).waitFor();
      // The trust reads the accommodation note (the person consented to it), and is shown both people.
      await ada.getByText('Landlord will not renew; needs a move by the 30th').waitFor();
      await page.getByRole('region', { name: 'Eve Panel' }).waitFor();
      await checkScreen(page, 'meeting-partner');
    },
    T,
  );

  it(
    'the employer is shown Ada only, and not the housing note it may not read',
    async () => {
      const page = await signIn('employer');
      await openMeeting(page);
      await page.getByRole('region', { name: 'Ada Panel' }).waitFor();
      expect(await page.getByRole('region', { name: 'Eve Panel' }).count()).toBe(0);
      expect(await page.locator('main').innerText()).not.toContain('Eve');
      expect(await page.locator('main').innerText()).not.toContain('Landlord will not renew');
      const minutes = await ok<{ meetingMinutes: { content: string } }>(
        await hub.tokenFor('employer'),
        'query($id: ID!) { meetingMinutes(meetingId: $id) { content } }',
        { id: meetingId },
      );
      expect(minutes.meetingMinutes.content).toContain('Ada Panel');
      expect(minutes.meetingMinutes.content).not.toContain('Eve');
    },
    T,
  );
  it(
    'the organiser of a monthly panel schedules its next meeting from the page: a month on, the agenda carried over',
    async () => {
      const series = (
        await ok<{ scheduleMeeting: { id: string } }>(
          probation,
          'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }',
          {
            input: {
              title: 'Monthly review panel',
              startsAt: '2027-06-15T09:30:00Z',
              recurrence: 'MONTHLY',
              invitedOrganisationIds: [orgs[HOUSING]],
            },
          },
        )
      ).scheduleMeeting.id;
      const zed = await person('Zed', [`${HOUSING}:ACCOMMODATION`]);
      await ok(probation, 'mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }', {
        input: { meetingId: series, personId: zed, reason: 'Tenancy review' },
      });
      const page = await signIn('probation.officer');
      await page.goto(`${url}/meetings/${series}`);
      await page.getByRole('heading', { level: 1, name: 'Monthly review panel' }).waitFor();
      expect(await page.locator('.summary-list').innerText()).toContain('Every month');
      await page.getByRole('button', { name: 'Schedule the next meeting' }).click();
      await page.waitForURL((u) => u.pathname.startsWith('/meetings/') && !u.pathname.endsWith(series));
      await page.getByRole('heading', { level: 1, name: 'Monthly review panel' }).waitFor();
      await page.getByRole('region', { name: 'Zed Panel' }).waitFor();
      expect(await page.locator('.summary-list').innerText()).toMatch(/15 July 2027/);
      await checkScreen(page, 'meeting-next');
    },
    T,
  );
});
