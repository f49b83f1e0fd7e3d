import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, startTestHub, type TestHub } from '../support/hub.js';
import { checkScreen, launchBrowser } from './browser.js';

const DEMO = '@demo.rehab-hub.example';
const T = 120_000;

/**
 * The hub admin's screens: the organisations, the intervention catalogue and the region vocabulary;
 * a region added there is offered by the portal's forms at once (they read the vocabulary from the
 * hub, not from a list of their own). Others see none of it and the hub refuses them.
 */
describe('the portal for hub admins: organisations, the catalogue and the regions', () => {
  let hub: TestHub;
  let browser: Browser;
  let url: string;

  const gqlAs = async (who: string, query: string, variables: Record<string, unknown> = {}) =>
    hub.gql(query, variables, await hub.tokenFor(who));

  async function signIn(who: string, width = 1100): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${url}/`);
    await page.getByLabel('Email address').fill(`${who}${DEMO}`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return page;
  }

  /** Nothing wider than a phone's screen, and no serious accessibility problem there either. */
  async function onPhone(page: Page, name: string) {
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await checkScreen(page, `${name}-phone`);
    await page.setViewportSize({ width: 1100, height: 900 });
  }

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hub.app.getHttpServer().address() as import('node:net').AddressInfo).port}`;
    browser = await launchBrowser();
  }, T);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it(
    'a hub admin adds a region with another name, an organisation covering it and a catalogue entry; a caseworker is offered the region at once',
    async () => {
      const page = await signIn('hub.admin');
      page.on('dialog', (d) => void d.accept());
      try {
        // The region, and another name for it.
        await page.getByRole('link', { name: 'Regions', exact: true }).click();
        await page.getByRole('heading', { name: 'Regions', exact: true }).waitFor();
        await page.getByRole('button', { name: 'Add region' }).click();
        await page.locator('.error-summary').getByText('Enter the region’s name').waitFor();
        await page.getByLabel('Name', { exact: true }).fill('Cumbria');
        await page.getByRole('button', { name: 'Add region' }).click();
        await page.getByText('Cumbria added').waitFor();
        const card = page.locator('.card', { has: page.getByRole('heading', { name: 'Cumbria', exact: true }) });
        await card.getByRole('button', { name: 'Add another name for Cumbria' }).click();
        await card.getByRole('button', { name: 'Add the name' }).click();
        await card.locator('.error-summary').getByText('Enter another name of at least 2 characters').waitFor();
        await card.getByLabel('Another name for Cumbria').fill('Cumberland');
        await card.getByRole('button', { name: 'Add the name' }).click();
        await card.getByRole('list', { name: 'Other names of Cumbria' }).getByText('cumberland').waitFor();
        await checkScreen(page, 'regions');
        await onPhone(page, 'regions');
        expect(await hub.db.query(`SELECT code, name, active FROM region WHERE code = 'cumbria'`)).toEqual([
          { code: 'cumbria', name: 'Cumbria', active: true },
        ]);
        expect(await hub.db.query(`SELECT synonym FROM region_synonym WHERE region_code = 'cumbria'`)).toEqual([{ synonym: 'cumberland' }]);
        await card.getByRole('button', { name: 'Remove cumberland as a name of Cumbria' }).click();
        await card.getByText('No other names.').waitFor();
        expect(await hub.db.query(`SELECT synonym FROM region_synonym WHERE region_code = 'cumbria'`)).toEqual([]);
        // Renamed, then no longer offered and offered again (confirmed).
        await card.getByRole('button', { name: 'Rename Cumbria' }).click();
        await page.getByLabel('New name of Cumbria').fill('Cumbria and Furness');
        await page.getByRole('button', { name: 'Save the name' }).click();
        await page.getByText('cumbria is now called Cumbria and Furness').waitFor();
        const renamed = page.locator('.card', { has: page.getByRole('heading', { name: 'Cumbria and Furness', exact: true }) });
        await renamed.getByRole('button', { name: 'Stop offering Cumbria and Furness' }).click();
        await page.getByRole('heading', { name: 'Cumbria and Furness (no longer offered)' }).waitFor();
        await page.getByRole('button', { name: 'Offer again Cumbria and Furness' }).click();
        await page.getByText('Cumbria and Furness is offered again').waitFor();

        // Enough organisations for a second page.
        for (let i = 1; i <= 20; i++) {
          const res = await gqlAs('hub.admin', 'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }', {
            input: { name: `Zz Partner ${String(i).padStart(2, '0')}`, kind: 'CHARITY' },
          });
          expect(res.errors).toBeUndefined();
        }
        // An organisation covering the new region (offered by the form without a reload).
        await page.getByRole('link', { name: 'Organisations', exact: true }).click();
        await page.getByRole('heading', { name: 'Organisations', exact: true }).waitFor();
        await page.getByRole('button', { name: 'Add organisation' }).click();
        await page.locator('.error-summary').getByText('Choose what kind of organisation it is').waitFor();
        await page.getByLabel('Name', { exact: true }).fill('Fellside Skills');
        await page.getByRole('group', { name: 'Regions it covers' }).getByLabel('Cumbria and Furness').check();
        await page.getByLabel('Services it offers (optional)').fill('ete_support, Not A Code');
        await page.getByLabel('Kind').selectOption('TRAINING_PROVIDER');
        await page.getByRole('button', { name: 'Add organisation' }).click();
        await page
          .locator('.error-summary')
          .getByText(/not Not, A, Code/)
          .waitFor();
        await page.getByLabel('Services it offers (optional)').fill('ete_support');
        await page.getByLabel('Open referrals it can take at once (optional)').fill('12');
        await page.getByRole('button', { name: 'Add organisation' }).click();
        await page.getByText('Fellside Skills added').waitFor();
        const org = page.locator('.card', { has: page.getByRole('heading', { name: /^Fellside Skills/ }) });
        await org.getByText(/Covers Cumbria and Furness\. Offers ETE support\. Takes at most 12 open referrals\./).waitFor();
        const count = ((await hub.db.query(`SELECT count(*)::int AS n FROM organisation`)) as { n: number }[])[0].n;
        expect(count).toBeGreaterThan(20);
        expect(count).toBeLessThanOrEqual(40);
        await page.getByText(`${count} organisations, by name: 1 to 20.`).waitFor();
        expect(await page.locator('.card', { hasText: 'Zz Partner 13' }).count()).toBe(0);
        await page.getByRole('button', { name: 'Next page' }).click();
        await page.locator('.card', { hasText: 'Zz Partner 13' }).waitFor();
        await page.getByText(`${count} organisations, by name: 21 to ${count}.`).waitFor();
        await page.getByRole('button', { name: 'Previous page' }).click();
        await checkScreen(page, 'organisations');
        await onPhone(page, 'organisations');
        const [row] = (await hub.db.query(
          `SELECT id, kind, regions, services, capacity, active FROM organisation WHERE name = 'Fellside Skills'`,
        )) as {
          id: string;
          kind: string;
          regions: string[];
          services: string[];
          capacity: number;
          active: boolean;
        }[];
        expect(row).toMatchObject({
          kind: 'training_provider',
          regions: ['cumbria'],
          services: ['ete_support'],
          capacity: 12,
          active: true,
        });
        // Its details changed, then deactivated (confirmed) and reactivated.
        await org.getByRole('button', { name: 'Change details of Fellside Skills' }).click();
        await page.getByLabel('Open referrals it can take at once of Fellside Skills (optional)').fill('');
        await page.getByRole('button', { name: 'Save the details' }).click();
        await page.getByText('Fellside Skills saved').waitFor();
        await org.getByText('No limit on open referrals.').waitFor();
        await org.getByRole('button', { name: 'Deactivate Fellside Skills' }).click();
        await page.getByText('Fellside Skills deactivated').waitFor();
        expect((await hub.db.query(`SELECT active, capacity FROM organisation WHERE id = $1`, [row.id]))[0]).toEqual({
          active: false,
          capacity: null,
        });
        await page.getByRole('button', { name: 'Reactivate Fellside Skills' }).click();
        await page.getByText('Fellside Skills reactivated').waitFor();
        expect((await hub.db.query(`SELECT active FROM organisation WHERE id = $1`, [row.id]))[0].active).toBe(true);
        // A change made meanwhile by someone else: the form's is refused, and the card shows the organisation as it is now.
        await org.getByRole('button', { name: 'Change details of Fellside Skills' }).click();
        await page.getByLabel('Name of Fellside Skills').fill('Fellside Skills and Training');
        const version = ((await hub.db.query(`SELECT version FROM organisation WHERE id = $1`, [row.id])) as { version: number }[])[0]
          .version;
        const meanwhile = await gqlAs(
          'hub.admin',
          'mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id } }',
          {
            input: { id: row.id, version, capacity: 7 },
          },
        );
        expect(meanwhile.errors).toBeUndefined();
        await page.getByRole('button', { name: 'Save the details' }).click();
        await page
          .getByText('Fellside Skills was changed by someone else meanwhile: it is shown as it is now; make your change again')
          .waitFor();
        await org.getByText(/Takes at most 7 open referrals\./).waitFor();
        expect((await hub.db.query(`SELECT name FROM organisation WHERE id = $1`, [row.id]))[0].name).toBe('Fellside Skills');
        // The hub admin's own organisation is not deactivated from here.
        const own = page.locator('.card', { has: page.getByRole('heading', { name: 'North West Probation Region', exact: true }) });
        await own.getByRole('button', { name: 'Change details of North West Probation Region' }).waitFor();
        expect(await own.getByRole('button', { name: /^Deactivate/ }).count()).toBe(0);

        // A catalogue entry, changed, retired (confirmed) and offered again.
        await page.getByRole('link', { name: 'Intervention catalogue' }).click();
        await page.getByRole('heading', { name: 'Intervention catalogue' }).waitFor();
        await page.getByRole('button', { name: 'Add to the catalogue' }).click();
        await page.locator('.error-summary').getByText('Choose the data category its records belong to').waitFor();
        await page.getByLabel('Name', { exact: true }).fill('Peer mentoring');
        await page.getByLabel('Group', { exact: true }).fill('skills');
        await page.getByLabel('Data category').selectOption('ETE');
        await page.getByRole('button', { name: 'Add to the catalogue' }).click();
        await page.getByText('Peer mentoring added to the catalogue').waitFor();
        const entry = page.getByRole('row', { name: /Peer mentoring/ });
        await entry.getByRole('cell', { name: 'peer_mentoring' }).waitFor();
        await checkScreen(page, 'intervention-catalogue');
        await onPhone(page, 'intervention-catalogue');
        await entry.getByRole('button', { name: 'Change Peer mentoring' }).click();
        await page.getByLabel('Name', { exact: true }).first().fill('Peer mentoring (group)');
        await page.getByRole('button', { name: 'Save the entry' }).click();
        await page.getByText('Peer mentoring (group) saved').waitFor();
        await page.getByRole('button', { name: 'Retire Peer mentoring (group)' }).click();
        await page
          .getByRole('row', { name: /Peer mentoring \(group\)/ })
          .getByRole('cell', { name: 'Retired' })
          .waitFor();
        const offered = await gqlAs('probation.officer', '{ interventionTypes { code } }');
        expect((offered.data!.interventionTypes as { code: string }[]).map((t) => t.code)).not.toContain('peer_mentoring');
        await page.getByRole('button', { name: 'Offer again Peer mentoring (group)' }).click();
        await page.getByText('Peer mentoring (group) offered again').waitFor();
        expect(
          await hub.db.query(`SELECT name, group_name, data_category, active FROM intervention_type WHERE code = 'peer_mentoring'`),
        ).toEqual([{ name: 'Peer mentoring (group)', group_name: 'skills', data_category: 'ete', active: true }]);

        // The outcomes filter offers the new region too.
        await page.getByRole('link', { name: 'Outcomes' }).click();
        await page.getByLabel('Region').locator('option', { hasText: 'Cumbria and Furness' }).waitFor({ state: 'attached' });
      } finally {
        await page.context().close();
      }

      // A caseworker records someone in the new region: the form offers it.
      const officer = await signIn('probation.officer');
      try {
        await officer.goto(`${url}/people/new`);
        await officer.getByRole('heading', { name: 'Record someone new' }).waitFor();
        await officer.getByLabel('First name').fill('Wren');
        await officer.getByLabel('Last name').fill('Ambleside');
        await officer.getByLabel('Date of birth').fill('14/02/1991');
        await officer.getByLabel('Region').selectOption({ label: 'Cumbria and Furness' });
        await officer.getByRole('button', { name: 'Continue' }).click();
        await officer.getByText('Wren Ambleside’s record was created. You are their case owner.').waitFor();
        // The record names the region by its name.
        await officer.locator('.summary-list__row', { hasText: 'Region' }).getByText('Cumbria and Furness').waitFor();
        expect(await hub.db.query(`SELECT region FROM person WHERE given_name = 'Wren' AND family_name = 'Ambleside'`)).toEqual([
          { region: 'cumbria' },
        ]);
      } finally {
        await officer.context().close();
      }
    },
    T,
  );

  it(
    'an org admin and a caseworker see none of the hub admin’s screens, and the hub refuses them what those screens do',
    async () => {
      for (const who of ['housing.admin', 'probation.officer']) {
        const page = await signIn(who);
        try {
          const nav = page.getByRole('navigation', { name: 'Main' });
          for (const name of ['Organisations', 'Intervention catalogue', 'Regions'])
            expect(await nav.getByRole('link', { name, exact: true }).count()).toBe(0);
          for (const path of ['/admin/organisations', '/admin/catalogue', '/admin/regions']) {
            await page.goto(`${url}${path}`);
            await page.getByRole('heading', { name: 'Page not found' }).waitFor();
          }
        } finally {
          await page.context().close();
        }
        const [housing] = (await hub.db.query(`SELECT id, version FROM organisation WHERE name = 'Safe Harbour Housing Trust'`)) as {
          id: string;
          version: number;
        }[];
        const refused = [
          ['mutation { saveRegion(input: { code: "borders", name: "Borders" }) { code } }', {}],
          ['mutation { addRegionSynonym(input: { regionCode: "north_west", synonym: "Lancs" }) { code } }', {}],
          ['mutation { removeRegionSynonym(input: { regionCode: "north_west", synonym: "Lancs" }) { code } }', {}],
          ['mutation { createOrganisation(input: { name: "Rogue Org", kind: CHARITY }) { id } }', {}],
          [
            'mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id } }',
            { input: { id: housing.id, version: housing.version, active: false } },
          ],
          [
            'mutation { createInterventionType(input: { code: "rogue_entry", name: "Rogue", groupName: "skills", dataCategory: ETE }) { code } }',
            {},
          ],
          ['mutation { updateInterventionType(input: { code: "cv_cover_letter", active: false }) { code } }', {}],
        ] as const;
        for (const [query, variables] of refused) {
          const res = await gqlAs(who, query, variables);
          expect({ who, query, code: res.errors?.[0]?.extensions?.code }).toEqual({ who, query, code: 'FORBIDDEN' });
        }
      }
      expect(await hub.db.query(`SELECT 1 FROM region WHERE code = 'borders'`)).toEqual([]);
      expect(await hub.db.query(`SELECT 1 FROM organisation WHERE name = 'Rogue Org'`)).toEqual([]);
      expect(await hub.db.query(`SELECT active FROM organisation WHERE name = 'Safe Harbour Housing Trust'`)).toEqual([{ active: true }]);
    },
    T,
  );
});
