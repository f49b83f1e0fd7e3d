import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, startTestHub, type TestHub } from '../support/hub.js';
import { checkScreen, launchBrowser, screenshot } from './browser.js';

/**
 * A partner's person page on a phone: the demo housing caseworker opens Carl Bennett's record at 375
 * pixels wide. Her actions and her own work (appointments, contact, case notes, interventions) come
 * first, within the first screen; what she may not see (offending, risk, health, …) is one line, "Not
 * shared with you", with a "Why?" that leads to each category's explanation, not a "Withheld" box each.
 */
const DEMO = '@demo.rehab-hub.example';
const T = 120_000;
const PHONE = { width: 375, height: 812 };

interface Gql<D> {
  data?: D | null;
  errors?: unknown[];
}

describe('a partner’s person page on a phone', () => {
  let hub: TestHub;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let url: string;
  let carlId: string;

  const ok = <D>(r: Gql<D>): D => {
    expect(r.errors).toBeUndefined();
    return r.data!;
  };

  beforeAll(async () => {
    hub = await startTestHub({ SEED_DEMO_PEOPLE: 'true' });
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
    const housing = await hub.tokenFor('housing.worker');
    const found = ok(
      await hub.gql<{ people: { edges: { node: { id: string } }[] } }>(
        '{ people(search: "Carl Bennett", first: 1) { edges { node { id } } } }',
        {},
        housing,
      ),
    );
    carlId = found.people.edges[0].node.id;
    // Her own work with Carl: a session she logged today and an appointment she booked for tomorrow.
    ok(
      await hub.gql(
        'mutation($input: LogInterventionInput!) { logIntervention(input: $input) { id } }',
        {
          input: {
            personId: carlId,
            typeCode: 'accommodation_support',
            status: 'COMPLETED',
            occurredAt: new Date().toISOString(),
            notes: 'Viewed the flat on Mill Lane',
          },
        },
        housing,
      ),
    );
    ok(
      await hub.gql(
        'mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }',
        {
          input: {
            personId: carlId,
            serviceCode: 'accommodation_support',
            startsAt: new Date(Date.now() + 86_400_000).toISOString(),
            mode: 'IN_PERSON',
            location: 'Safe Harbour office',
          },
        },
        housing,
      ),
    );
    browser = await launchBrowser();
    context = await browser.newContext({ bypassCSP: true, viewport: PHONE });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email address').fill(`housing.worker${DEMO}`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My caseload' }).waitFor();
  }, T);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await hub?.close();
  });

  /** The top of an element, from the top of the page (not of the scrolled view). */
  const top = (selector: string) =>
    page.evaluate<number>(`document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect().top + window.scrollY`);

  it(
    'shows her actions and own work in the first screen, and what she may not see in one line after them',
    async () => {
      await page.goto(`${url}/people/${carlId}`);
      await page.getByRole('heading', { level: 1, name: 'Carl Bennett' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Appointments' }).waitFor();
      const main = page.locator('main');
      await main.getByText('Viewed the flat on Mill Lane').waitFor();

      // One line names every category not shared with her; no "Withheld" box or section for any of them.
      const line = main.locator('.not-shared');
      expect(await line.count()).toBe(1);
      expect((await main.innerText()).split('Not shared with you').length).toBe(2);
      const said = (await line.textContent())!;
      expect(said).toMatch(/^Not shared with you: offending; risk; health; education, training and employment; .+ information\./);
      expect(said).not.toContain('accommodation');
      expect(
        await main.locator('section[data-category="OFFENDING"], section[data-category="RISK"], section[data-category="HEALTH"]').count(),
      ).toBe(0);
      expect(await main.locator('.tag--withheld').count()).toBe(0);
      expect(await main.getByRole('link', { name: /^Why\?/ }).count()).toBe(1);
      const text = (await main.textContent())!;
      expect(text).not.toContain('Burglary');
      expect(text).not.toContain('withheld from you');

      // Her actions and own work come before the line, and her first own-work heading is on the first screen.
      const lineTop = await top('.not-shared');
      expect(await top('.button-group')).toBeLessThan(lineTop);
      expect(await top('#appointments')).toBeLessThan(lineTop);
      expect(await top('#case-notes')).toBeLessThan(lineTop);
      expect(await top('#interventions')).toBeLessThan(lineTop);
      // The whole heading, not only its top, on the first screen.
      expect((await top('#appointments')) + 40).toBeLessThan(PHONE.height);
      expect(await top('#details')).toBeGreaterThan(lineTop);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, 'person-phone-first-screen');
      await checkScreen(page, 'person-phone-not-shared');
    },
    T,
  );

  it(
    'its one "Why?" explains the first category and leads on to each of the others',
    async () => {
      await page
        .locator('.not-shared')
        .getByRole('link', { name: /^Why\?/ })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Why offending information is withheld' }).waitFor();
      await page.locator('main').getByText('statutory agreement').first().waitFor();
      const others = page.getByRole('list').filter({ has: page.getByRole('link', { name: /information is withheld$/ }) });
      const links = await others.getByRole('link').allTextContents();
      expect(links).toEqual(expect.arrayContaining(['Why risk information is withheld', 'Why health information is withheld']));
      expect(links).not.toContain('Why offending information is withheld');
      await checkScreen(page, 'why-not-shared');
      await page.getByRole('link', { name: 'Why health information is withheld' }).click();
      await page.getByRole('heading', { level: 1, name: 'Why health information is withheld' }).waitFor();
      expect(await page.getByRole('link', { name: 'Why offending information is withheld' }).count()).toBe(1);
      await page.getByRole('link', { name: 'Back to Carl Bennett' }).click();
      await page.getByRole('heading', { level: 1, name: 'Carl Bennett' }).waitFor();
    },
    T,
  );
});
