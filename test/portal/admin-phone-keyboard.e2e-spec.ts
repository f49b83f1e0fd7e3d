import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, startTestHub, type TestHub } from '../support/hub.js';
import { launchBrowser, screenshot, seriousViolations } from './browser.js';

const DEMO = '@demo.rehab-hub.example';
const T = 180_000;

/**
 * The screens of those who run the partnership, at a phone's width and by keyboard alone: each
 * fits the screen (nothing wider than the viewport), passes axe, and a form is filled and sent
 * with the keyboard only, through its error summary.
 */
describe('the admin and privacy screens on a phone and by keyboard', () => {
  let hub: TestHub;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
  }, T);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  async function signIn(who: string, width: number): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 844 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${url}/`);
    await page.getByLabel('Email address').fill(`${who}${DEMO}`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ state: 'attached' });
    return page;
  }

  /** How far the page is wider than its viewport, in CSS pixels (0 when it fits). */
  const overflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');

  /** Nothing when the page fits its viewport; else the innermost elements wider than it, to say what to mend. */
  const wider = (page: Page) =>
    page.evaluate<string[]>(`(() => {
      if (document.documentElement.scrollWidth <= window.innerWidth) return [];
      const wide = [...document.querySelectorAll('body *')].filter((e) => e.scrollWidth > window.innerWidth);
      return wide
        .filter((e) => !wide.some((d) => d !== e && e.contains(d)))
        .slice(0, 5)
        .map((e) => e.tagName.toLowerCase() + '.' + e.className + ': ' + (e.textContent || '').slice(0, 60));
    })()`);

  it.each([
    ['housing.admin', '/admin/users', 'Users'],
    ['housing.admin', '/admin/clients', 'API clients'],
    ['housing.admin', '/admin/webhooks', 'Webhooks'],
    ['housing.admin', '/teams', 'Teams'],
    ['probation.dpo', '/privacy/access', 'Access search'],
    ['probation.dpo', '/privacy/unusual', 'Unusual access'],
    ['probation.dpo', '/privacy/agreements', 'Sharing agreements'],
    ['probation.dpo', '/privacy/break-glass', 'Break-glass review'],
    ['hub.admin', '/rules', 'Referral rules'],
  ])(
    'as %s, %s fits a phone’s width and passes axe',
    async (who, path, heading) => {
      const page = await signIn(who, 375);
      try {
        await page.goto(`${url}${path}`);
        await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
        await page.waitForLoadState('networkidle');
        expect(await wider(page)).toEqual([]);
        expect(await seriousViolations(page)).toEqual([]);
        await screenshot(page, `phone${path.replace(/\//g, '-')}`);
      } finally {
        await page.context().close();
      }
    },
    T,
  );

  const focused = (page: Page) => page.evaluate<string>('document.activeElement?.id || document.activeElement?.textContent || ""');

  /** Presses Tab until the element with this id, or this text, has the focus (it fails if it never does). */
  async function tabTo(page: Page, target: string) {
    for (let i = 0; i < 60 && (await focused(page)) !== target; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe(target);
  }

  it(
    'an org admin adds an API client by keyboard alone, through the error summary, and its secret works',
    async () => {
      const page = await signIn('housing.admin', 375);
      try {
        await page.goto(`${url}/admin/clients`);
        await page.getByRole('heading', { level: 1, name: 'API clients' }).waitFor();
        await tabTo(page, 'Add API client');
        await page.keyboard.press('Enter');
        const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
        await summary.waitFor();
        expect(await page.evaluate('document.activeElement?.className')).toBe('error-summary');
        expect(await summary.getByRole('link').allTextContents()).toEqual([
          'Enter a name for the system, for example Case management system',
          'Choose what it may do',
        ]);
        // The summary's first link takes the focus to its field.
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        expect(await focused(page)).toBe('f-name');
        await page.keyboard.type('Keyboard case system');
        // On to the first scope, ticked with the space bar.
        await page.keyboard.press('Tab');
        expect(await page.evaluate('document.activeElement?.getAttribute("type")')).toBe('checkbox');
        await page.keyboard.press('Space');
        await tabTo(page, 'Add API client');
        await page.keyboard.press('Enter');
        const panel = page.getByRole('status').filter({ hasText: 'Keyboard case system' });
        await panel.waitFor();
        const clientId = (await panel.locator('code').nth(0).textContent())!.trim();
        const secret = (await panel.locator('code').nth(1).textContent())!.trim();
        const token = await hub
          .http()
          .post('/oauth/token')
          .type('form')
          .send({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret });
        expect(token.status).toBe(200);
        expect(token.body.access_token).toEqual(expect.any(String));
        expect(await overflow(page)).toBeLessThanOrEqual(0);
      } finally {
        await page.context().close();
      }
    },
    T,
  );
});
