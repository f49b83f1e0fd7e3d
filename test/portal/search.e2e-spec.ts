import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, startTestHub, type TestHub } from '../support/hub.js';
import { checkScreen, launchBrowser } from './browser.js';

const DEMO = '@demo.rehab-hub.example';
const T = 120_000;

/** Search in the browser: near matches are found; nothing found says why and what to do. */
describe('searching people in the portal', () => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    hub = await startTestHub({ SEED_DEMO_PEOPLE: 'true' });
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${url}/`);
    await page.getByLabel('Email address').fill(`housing.worker${DEMO}`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My caseload' }).waitFor();
  }, T);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  async function search(term: string) {
    await page.goto(`${url}/search`);
    await page.getByRole('heading', { name: 'Search people' }).waitFor();
    await page.getByLabel('Name or identifier').fill(term);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=/);
  }

  it(
    'finds a person from a misspelled name spelled as it sounds',
    async () => {
      await search('Karl Benet');
      await page.getByRole('link', { name: 'Carl Bennett' }).waitFor();
    },
    T,
  );

  it(
    'says, when nothing matches, that only people the organisation works with are found, and what to do',
    async () => {
      await search('Zebedee Nobody');
      const text = await page.locator('.no-match').innerText();
      expect(text).toContain('No people match your search.');
      expect(text).toContain('You only find people your organisation works with');
      expect(text).toContain('refers them to you');
      expect(await page.locator('.no-match').getByRole('link', { name: 'referrals' }).getAttribute('href')).toBe('/referrals');
      expect(await page.locator('table').count()).toBe(0);
      await checkScreen(page, 'search-no-match');
    },
    T,
  );
});
