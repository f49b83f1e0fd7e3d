/**
 * Assigned tasks and email notifications in the portal, in a real browser, with a real SMTP server: a
 * probation manager assigns a task about a person to a caseworker from the person's page (by keyboard
 * alone, through the form's errors); the caseworker is emailed a link and nothing else, finds the task
 * under "Assigned to me" with who assigned it and when it is due, sees the email in her notifications,
 * and turns an email kind off and chooses a daily digest (by keyboard), which holds after a reload.
 */
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_DOMAIN } from '../../libs/demo/src/demo-world.js';
import { DEMO_PASSWORD, eventually, startTestHub, type TestHub } from '../support/hub.js';
import { smtpServer } from '../support/smtp-server.js';
import { checkScreen, launchBrowser } from './browser.js';

const T = 120_000;
const PORTAL = 'http://portal.test';
const at = (who: string) => `${who}@${DEMO_DOMAIN}`;

const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const longDate = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

describe('assigned tasks and email notifications in the portal', () => {
  const smtp = smtpServer();
  let hub: TestHub;
  let browser: Browser;
  let url: string;
  let personId: string;
  const due = isoDay(7);
  const mailTo = (who: string) => smtp.received.filter((m) => m.to.includes(at(who)));

  beforeAll(async () => {
    const port = await smtp.start();
    hub = await startTestHub({ SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: PORTAL });
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    const created = await hub.gql<{ createPerson: { person: { id: string } } }>(
      'mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }',
      { input: { givenName: 'Odile', familyName: 'Brackenbury', dateOfBirth: '1987-03-14', region: 'north_west', confirmNew: true } },
      await hub.tokenFor('probation.officer'),
    );
    expect(created.errors).toBeUndefined();
    personId = created.data!.createPerson.person.id;
  }, T);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await smtp.stop();
  });

  async function signedIn(who: string): Promise<{ context: BrowserContext; page: Page }> {
    // bypassCSP lets the test inject axe-core into pages served with the portal's CSP.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email address').fill(at(who));
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
    return { context, page };
  }

  const focused = (page: Page) => page.evaluate<string>('document.activeElement?.id || document.activeElement?.textContent || ""');

  /** Presses Tab until the element with this id, or this text, has the focus (it fails if it never does). */
  async function tabTo(page: Page, target: string) {
    for (let i = 0; i < 40 && (await focused(page)) !== target; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe(target);
  }

  it(
    'a manager assigns a task to a caseworker from the person page, by keyboard alone, through the errors',
    async () => {
      const { context, page } = await signedIn('probation.manager');
      try {
        await page.goto(`${url}/people/${personId}`);
        await page.getByRole('heading', { level: 1, name: 'Odile Brackenbury' }).waitFor();
        await tabTo(page, 'Assign a task');
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Assign a task' }).waitFor();
        await page.waitForURL(`${url}/people/${personId}/assign-task`);
        await page.getByLabel('Who is it for?').waitFor();
        expect(await page.locator('main .caption').textContent()).toBe('Odile Brackenbury');
        await checkScreen(page, 'assign-task');

        // Nothing filled in: three errors, in the summary (focused) and next to each field.
        await tabTo(page, 'Assign task');
        await page.keyboard.press('Enter');
        const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
        await summary.waitFor();
        expect(await page.evaluate('document.activeElement?.className')).toBe('error-summary');
        expect(await summary.getByRole('link').allTextContents()).toEqual([
          'Select a colleague or a team',
          'Enter what needs to be done, in at least 3 characters',
          'Enter the date it is due',
        ]);
        expect(await page.locator('#f-assignee-error').textContent()).toContain('Select a colleague or a team');
        expect(await page.locator('#f-title-error').textContent()).toContain('Enter what needs to be done');
        expect(await page.locator('#f-dueOn-error').textContent()).toContain('Enter the date it is due');
        await checkScreen(page, 'assign-task-errors');

        // From the summary's link to the field, then field by field with Tab.
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        expect(await focused(page)).toBe('f-assignee');
        await page.keyboard.type('Priya');
        expect(await page.locator('#f-assignee option:checked').textContent()).toBe('Priya Officer');
        await tabTo(page, 'f-title');
        await page.keyboard.type('Ring about the tenancy');
        await page.keyboard.press('Tab');
        expect(await focused(page)).toBe('f-description');
        await page.keyboard.type('She asked for a call back after 3pm.');
        await page.keyboard.press('Tab');
        expect(await focused(page)).toBe('f-dueOn');
        await page.keyboard.type(isoDay(-3));
        await page.keyboard.press('Enter');
        await page.locator('#f-dueOn-error').getByText('The date it is due must be today or later').waitFor();
        expect(await page.locator('#f-assignee-error').count()).toBe(0);

        await page.getByLabel('When is it due?').fill('');
        await page.getByLabel('When is it due?').focus();
        await page.keyboard.type(due);
        await page.keyboard.press('Enter');
        await page.getByText('Task assigned to Priya Officer').waitFor();
        await page.waitForURL(`${url}/people/${personId}`);
      } finally {
        await context.close();
      }
    },
    T,
  );

  it(
    'the caseworker is emailed only a link, and finds the task under "Assigned to me" with who assigned it and when it is due',
    async () => {
      const [mail] = await eventually(
        async () => (mailTo('probation.officer').length ? mailTo('probation.officer') : null),
        20_000,
        'task email',
      );
      expect(mail.raw).toMatch(/Subject: Rehab Hub: You have been assigned a task/);
      expect(mail.raw).toContain(`${PORTAL}/tasks`);
      for (const word of ['Odile', 'Brackenbury', 'tenancy', 'call back', 'Martin', personId]) expect(mail.raw).not.toContain(word);
      // Nobody else was told (the manager assigned it; the task is not the manager's).
      expect(smtp.received.filter((m) => !m.to.includes(at('probation.officer')))).toEqual([]);

      const { context, page } = await signedIn('probation.officer');
      try {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
        await page.getByRole('heading', { level: 1, name: 'Tasks' }).waitFor();
        await page.getByRole('navigation', { name: 'Tasks' }).getByRole('link', { name: 'Assigned to me' }).click();
        await page.waitForURL(/\/tasks\?list=assigned$/);
        const card = page.locator('li.card', { hasText: 'Ring about the tenancy' });
        await card.waitFor();
        expect(await page.locator('li.card').count()).toBe(1);
        expect(await card.textContent()).toContain(`Odile Brackenbury · due ${longDate(due)}`);
        expect(await card.textContent()).toContain('Assigned to you by Martin Manager');
        expect(await card.textContent()).toContain('She asked for a call back after 3pm.');
        await checkScreen(page, 'tasks-assigned');
        // "All tasks" lists it too, among the tasks the hub raised.
        await page.getByRole('navigation', { name: 'Tasks' }).getByRole('link', { name: 'All tasks' }).click();
        await page.locator('li.card', { hasText: 'Ring about the tenancy' }).waitFor();
      } finally {
        await context.close();
      }
    },
    T,
  );

  it(
    'the caseworker sees the email in her notifications, turns task emails off and chooses a daily digest by keyboard, and it holds after a reload',
    async () => {
      const { context, page } = await signedIn('probation.officer');
      try {
        await page.getByRole('banner').getByRole('link', { name: 'Email notifications' }).click();
        await page.getByRole('heading', { level: 1, name: 'Email notifications' }).waitFor();
        const row = page.locator('#notifications-sent tbody tr', { hasText: 'A colleague assigns me or my team a task' });
        await row.waitFor();
        expect(await row.locator('td[data-label="What happened"]').textContent()).toBe('Sent');
        expect(await row.getByRole('link').getAttribute('href')).toBe('/tasks');
        expect(await page.getByLabel('One email as each thing happens').isChecked()).toBe(true);
        expect(await page.getByLabel('A colleague assigns me or my team a task').isChecked()).toBe(true);
        await checkScreen(page, 'notifications');

        // Keyboard alone: the radios move with the arrow keys, a checkbox toggles with Space.
        await tabTo(page, 'f-delivery');
        await page.keyboard.press('ArrowDown');
        expect(await page.getByLabel('One email a day, listing everything that happened').isChecked()).toBe(true);
        await tabTo(page, 'f-enabledKinds-TASK_ASSIGNED');
        await page.keyboard.press('Space');
        expect(await page.getByLabel('A colleague assigns me or my team a task').isChecked()).toBe(false);
        await tabTo(page, 'Save choices');
        await page.keyboard.press('Enter');
        await page.getByText('Your email choices are saved').waitFor();

        await page.reload();
        await page.getByLabel('A colleague assigns me or my team a task').waitFor();
        expect(await page.getByLabel('A colleague assigns me or my team a task').isChecked()).toBe(false);
        expect(await page.getByLabel('A referral is sent to my organisation').isChecked()).toBe(true);
        expect(await page.getByLabel('One email a day, listing everything that happened').isChecked()).toBe(true);
      } finally {
        await context.close();
      }
      const saved = await hub.gql<{ notificationSettings: { delivery: string; kinds: { kind: string; enabled: boolean }[] } }>(
        '{ notificationSettings { delivery kinds { kind enabled } } }',
        {},
        await hub.tokenFor('probation.officer'),
      );
      expect(saved.data!.notificationSettings.delivery).toBe('DAILY_DIGEST');
      expect(saved.data!.notificationSettings.kinds.filter((k) => !k.enabled).map((k) => k.kind)).toEqual(['TASK_ASSIGNED']);
    },
    T,
  );

  it(
    'tells the manager, next to the field, when the colleague chosen may not see the person',
    async () => {
      // A colleague excluded from the record may not see it.
      const users: { id: string; email: string }[] = await hub.db.query('SELECT id, email FROM user_account');
      const officer = users.find((u) => u.email === at('probation.officer'))!.id;
      const placed = await hub.gql(
        'mutation($input: PlaceRestrictionInput!) { placeRestriction(input: $input) { id } }',
        { input: { personId, kind: 'EXCLUSION', userIds: [officer], reason: 'Knows the family', reviewOn: isoDay(30) } },
        await hub.tokenFor('probation.manager'),
      );
      expect(placed.errors).toBeUndefined();
      const { context, page } = await signedIn('probation.manager');
      try {
        await page.goto(`${url}/people/${personId}/assign-task`);
        await page.getByLabel('Who is it for?').selectOption({ label: 'Priya Officer' });
        await page.getByLabel('What needs to be done?').fill('Check the address');
        await page.getByLabel('When is it due?').fill(due);
        await page.getByRole('button', { name: 'Assign task' }).click();
        await page.locator('#f-assignee-error').getByText('Priya Officer may not see this person’s record').waitFor();
        await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
      } finally {
        await context.close();
      }
    },
    T,
  );
});
