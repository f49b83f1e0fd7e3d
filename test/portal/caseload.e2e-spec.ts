/**
 * Allocation in the portal, in a real browser: a manager allocates a person to a caseworker of a team,
 * with a reason, from the person page; the page shows the case owner, team, since when and the
 * history; the caseworker's "My caseload" then lists that person, and not a colleague's, while her
 * teams' and organisation's lists are filters on the same screen. A caseworker is offered no allocation.
 * The team is set up by the organisation's admin on the Teams screen; restrictions show, read-only, to those named.
 */
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, startTestHub, type TestHub } from '../support/hub.js';
import { checkScreen, launchBrowser } from './browser.js';

const DEMO = '@demo.rehab-hub.example';
const T = 120_000;

interface Gql<D> {
  data?: D | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('allocation and "My caseload" in the portal', () => {
  let hub: TestHub;
  let browser: Browser;
  let url: string;
  let probation: string;
  let housingManager: string;
  let housingAdmin: string;
  let users: Record<string, string>;
  let teamId: string;
  /** Led by probation, worked with by the housing charity, allocated there to nobody yet: the manager allocates her. */
  let noraId: string;
  /** Worked with by the housing charity and allocated there to its manager (no team): not in the caseworker's caseload. */
  let victorId: string;

  const ok = <D>(r: Gql<D>): D => {
    expect(r.errors).toBeUndefined();
    return r.data!;
  };

  async function newPerson(givenName: string, familyName: string): Promise<string> {
    const orgs = ok(await hub.gql<{ organisations: { id: string; name: string }[] }>('{ organisations { id name } }', {}, probation));
    const housing = orgs.organisations.find((o) => o.name === 'Safe Harbour Housing Trust')!.id;
    const created = ok(
      await hub.gql<{ createPerson: { person: { id: string } } }>(
        'mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }',
        { input: { givenName, familyName, dateOfBirth: '1988-07-02', region: 'north_west', confirmNew: true } },
        probation,
      ),
    );
    const id = created.createPerson.person.id;
    ok(
      await hub.gql(
        'mutation($input: AddInvolvementInput!) { addInvolvement(input: $input) { id } }',
        { input: { personId: id, organisationId: housing, role: 'PROVIDER' } },
        probation,
      ),
    );
    return id;
  }

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(hub.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    probation = await hub.tokenFor('probation.officer');
    housingManager = await hub.tokenFor('housing.manager');
    housingAdmin = await hub.tokenFor('housing.admin');
    const staff = ok(
      await hub.gql<{ users: { edges: { node: { id: string; email: string } }[] } }>(
        '{ users(first: 100) { edges { node { id email } } } }',
        {},
        housingAdmin,
      ),
    );
    users = Object.fromEntries(staff.users.edges.map((e) => [e.node.email.replace(DEMO, ''), e.node.id]));
    noraId = await newPerson('Nora', 'Quinlan');
    victorId = await newPerson('Victor', 'Ashdown');
    ok(
      await hub.gql(
        'mutation($input: AllocatePersonInput!) { allocatePerson(input: $input) { id } }',
        { input: { personId: victorId, caseOwnerId: users['housing.manager'], reason: 'Manager holds the case while it is assessed' } },
        housingManager,
      ),
    );
  }, T);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  async function signedIn(who: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email address').fill(`${who}${DEMO}`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My caseload' }).waitFor();
    return { context, page };
  }

  /** The names listed in the caseload table, or none when the list is empty. */
  async function listed(page: Page): Promise<string[]> {
    await page.locator('table tbody tr, main p.body').first().waitFor();
    return page.locator('table tbody tr td[data-label="Name"]').allTextContents();
  }

  it(
    "an org admin creates a team on the Teams screen and puts the caseworker in it (the manager's choice of case owners)",
    async () => {
      const { context, page } = await signedIn('housing.admin');
      try {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teams' }).click();
        await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
        await page.getByText('Your organisation has no teams yet.').waitFor();
        await page.getByRole('button', { name: 'Create team' }).click();
        expect(await page.locator('#f-name-error').textContent()).toContain('Enter a team name');
        await page.getByLabel('Team name').fill('Resettlement team');
        await page.getByRole('button', { name: 'Create team' }).click();
        await page.getByText('Team Resettlement team created').waitFor();
        const card = page.locator('li.card', { hasText: 'Resettlement team' });
        await card.getByText('Nobody is in this team yet.').waitFor();
        await card.getByLabel('Add to Resettlement team').selectOption({ label: 'Hollie Caseworker' });
        await card.getByRole('button', { name: 'Add to Resettlement team' }).click();
        await page.getByText('Hollie Caseworker added to Resettlement team').waitFor();
        await card.getByRole('list', { name: 'Members of Resettlement team' }).getByText('Hollie Caseworker').waitFor();
        // The current rule is the default: the whole organisation.
        expect(await page.getByLabel('Everyone in the organisation with a casework role').isChecked()).toBe(true);
        await checkScreen(page, 'teams');
      } finally {
        await context.close();
      }
      const teams = ok(
        await hub.gql<{ teams: { id: string; name: string; members: { userId: string }[] }[] }>(
          '{ teams { id name members { userId } } }',
          {},
          housingAdmin,
        ),
      );
      expect(teams.teams).toEqual([{ id: expect.any(String), name: 'Resettlement team', members: [{ userId: users['housing.worker'] }] }]);
      teamId = teams.teams[0].id;
    },
    T,
  );

  it(
    'a manager allocates Nora Quinlan to a caseworker of the team, with a reason: the page shows it and its history',
    async () => {
      const { context, page } = await signedIn('housing.manager');
      try {
        await page.goto(`${url}/people/${noraId}`);
        await page.getByRole('heading', { level: 1, name: 'Nora Quinlan' }).waitFor();
        const section = page.locator('section[aria-labelledby="allocation"]');
        await section.getByText('Nobody in Safe Harbour Housing Trust is allocated this case.').waitFor();
        await section.getByRole('button', { name: 'Allocate this case' }).click();
        await section.getByRole('heading', { name: 'Allocate Nora Quinlan' }).waitFor();

        // Nothing chosen, no reason: both said next to their fields, and in the summary.
        await section.getByRole('button', { name: 'Allocate', exact: true }).click();
        expect(await page.locator('#f-caseOwnerId-error').textContent()).toContain('Choose a case owner, a team, or both');
        expect(await page.locator('#f-reason-error').textContent()).toContain('at least 3 characters');
        // The summary says what to do as next to the field, without the label before it again.
        expect(await page.locator('.error-summary').textContent()).toContain('Choose a case owner, a team, or both');
        expect(await page.locator('.error-summary').textContent()).not.toContain('Case owner: ');

        // The caseworkers offered are the teams' members; choosing one in a single team chooses the team.
        const owners = await section.getByLabel('Case owner').locator('option').allTextContents();
        expect(owners).toEqual(['No named case owner', 'Hollie Caseworker (Resettlement team)']);
        await section.getByLabel('Case owner').selectOption({ label: 'Hollie Caseworker (Resettlement team)' });
        expect(await section.getByLabel('Team').inputValue()).toBe(teamId);
        await section.getByLabel('Why are you allocating this case?').fill('New referral from probation: accommodation support');
        await checkScreen(page, 'person-allocate');
        await section.getByRole('button', { name: 'Allocate', exact: true }).click();
        await page.getByText('Nora Quinlan allocated to Hollie Caseworker (Resettlement team)').waitFor();

        const details = section.locator('dl');
        await details.waitFor();
        expect((await details.textContent())!.replace(/\s+/g, ' ')).toMatch(
          /Case owner\s?Hollie Caseworker.*Team\s?Resettlement team.*Allocated\s?Since \d+ \w+ \d{4} by you: New referral from probation: accommodation support/,
        );
        const history = section.locator('table tbody tr');
        expect(await history.count()).toBe(1);
        expect((await history.first().textContent())!.replace(/\s+/g, ' ')).toMatch(
          /by you.*Hollie Caseworker.*Resettlement team.*New referral from probation.*Now/,
        );
        expect(await section.getByRole('button', { name: 'Reallocate this case' }).count()).toBe(1);
        await checkScreen(page, 'person-allocated');

        // What the API holds is what the page said.
        const held = ok(
          await hub.gql<{ person: { allocation: { caseOwnerId: string; teamId: string; reason: string; allocatedBy: string } } }>(
            'query($id: ID!) { person(id: $id) { allocation { caseOwnerId teamId reason allocatedBy } } }',
            { id: noraId },
            housingManager,
          ),
        );
        expect(held.person.allocation).toEqual({
          caseOwnerId: users['housing.worker'],
          teamId,
          reason: 'New referral from probation: accommodation support',
          allocatedBy: `user:${users['housing.manager']}`,
        });
      } finally {
        await context.close();
      }
    },
    T,
  );

  it(
    "the caseworker's caseload lists Nora (allocated to her) and not Victor (her manager's); her organisation's list has both",
    async () => {
      const { context, page } = await signedIn('housing.worker');
      try {
        const lists = page.getByRole('navigation', { name: 'Caseload' });
        expect(await lists.locator('[aria-current="page"]').textContent()).toBe('Allocated to me');
        await page.getByRole('link', { name: 'Nora Quinlan' }).waitFor();
        const mine = await listed(page);
        expect(mine).toContain('Nora Quinlan');
        expect(mine).not.toContain('Victor Ashdown');
        await checkScreen(page, 'caseload-mine');

        await lists.getByRole('link', { name: 'My teams' }).click();
        await page.waitForURL(/\?list=teams$/);
        await page.getByRole('link', { name: 'Nora Quinlan' }).waitFor();
        const teams = await listed(page);
        expect(teams).toContain('Nora Quinlan');
        expect(teams).not.toContain('Victor Ashdown');
        expect(await page.locator('tr', { hasText: 'Nora Quinlan' }).locator('td[data-label="Case owner"]').textContent()).toBe(
          'Hollie Caseworker (Resettlement team)',
        );

        await lists.getByRole('link', { name: 'My organisation' }).click();
        await page.waitForURL(/\?list=organisation$/);
        await page.getByRole('link', { name: 'Victor Ashdown' }).waitFor();
        expect(await listed(page)).toEqual(expect.arrayContaining(['Nora Quinlan', 'Victor Ashdown']));
        expect(await page.locator('tr', { hasText: 'Victor Ashdown' }).locator('td[data-label="Case owner"]').textContent()).toBe(
          'Hamid Manager',
        );

        // Back (the browser's button) is the previous list.
        await page.goBack();
        await page.waitForURL(/\?list=teams$/);
        await page.getByRole('link', { name: 'Nora Quinlan' }).waitFor();

        // Her person page shows who owns the case; a caseworker is offered no allocation.
        await page.getByRole('link', { name: 'Nora Quinlan' }).click();
        await page.getByRole('heading', { level: 1, name: 'Nora Quinlan' }).waitFor();
        const section = page.locator('section[aria-labelledby="allocation"]');
        await section.locator('dl').waitFor();
        expect(await section.locator('dl').textContent()).toMatch(/Hollie Caseworker\s*\(you\)/);
        expect(await section.getByRole('button', { name: /allocate/i }).count()).toBe(0);
      } finally {
        await context.close();
      }
    },
    T,
  );

  it(
    'a manager reallocates: the history keeps the first allocation, ended, and the caseworker no longer has the person',
    async () => {
      const { context, page } = await signedIn('housing.manager');
      try {
        await page.goto(`${url}/people/${noraId}`);
        const section = page.locator('section[aria-labelledby="allocation"]');
        await section.getByRole('button', { name: 'Reallocate this case' }).click();
        await section.getByRole('heading', { name: 'Reallocate Nora Quinlan' }).waitFor();
        // The form starts from the current allocation.
        expect(await section.getByLabel('Case owner').inputValue()).toBe(users['housing.worker']);
        await section.getByLabel('Case owner').selectOption({ label: 'No named case owner' });
        await section.getByLabel('Why are you allocating this case?').fill('Hollie on leave: held by the team');
        await section.getByRole('button', { name: 'Reallocate', exact: true }).click();
        await page.getByText('Nora Quinlan allocated to Resettlement team (no case owner)').waitFor();
        const history = section.locator('table tbody tr');
        await history.nth(1).waitFor();
        const rows = (await history.allTextContents()).map((t) => t.replace(/\s+/g, ' '));
        expect(rows[0]).toMatch(/None.*Resettlement team.*Hollie on leave.*Now$/);
        expect(rows[1]).toMatch(/Hollie Caseworker.*Resettlement team.*New referral from probation.*\d{4}$/);
      } finally {
        await context.close();
      }
      const worker = await hub.tokenFor('housing.worker');
      const mine = ok(
        await hub.gql<{ people: { edges: { node: { id: string } }[] } }>(
          '{ people(first: 100, filter: { caseload: MINE }) { edges { node { id } } } }',
          {},
          worker,
        ),
      );
      expect(mine.people.edges.map((e) => e.node.id)).not.toContain(noraId);
    },
    T,
  );
  it(
    'a caseworker named on a restriction sees it on the page, read-only; her manager, not named, finds no such person',
    async () => {
      const reviewOn = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
      const probationManager = await hub.tokenFor('probation.manager');
      ok(
        await hub.gql(
          'mutation($input: PlaceRestrictionInput!) { placeRestriction(input: $input) { id } }',
          {
            input: {
              personId: victorId,
              kind: 'RESTRICTION',
              userIds: [users['housing.worker']],
              reason: 'Known to a member of staff: named officers only',
              reviewOn,
            },
          },
          probationManager,
        ),
      );
      const { context, page } = await signedIn('housing.worker');
      try {
        await page.goto(`${url}/people/${victorId}`);
        await page.getByRole('heading', { level: 1, name: 'Victor Ashdown' }).waitFor();
        const section = page.locator('section[aria-labelledby="restrictions"]');
        await section.getByRole('heading', { name: 'Restrictions on this record' }).waitFor();
        const text = (await section.textContent())!.replace(/\s+/g, ' ');
        expect(text).toContain('Restricted: only the people named may open this record');
        expect(text).toContain('Known to a member of staff: named officers only');
        expect(text).toMatch(/to be reviewed by \d+ \w+ \d{4}; no emergency access/);
        // Herself, and the probation manager who placed it (not in her organisation's teams, so not named to her).
        expect(text).toContain('Named: Hollie Caseworker (you), 1 other person (not in your organisation’s teams)');
        expect(await section.getByRole('button').count()).toBe(0);
        await checkScreen(page, 'person-restricted');
      } finally {
        await context.close();
      }
      const manager = await signedIn('housing.manager');
      try {
        await manager.page.goto(`${url}/people/${victorId}`);
        await manager.page.getByRole('heading', { level: 1, name: 'Person not found' }).waitFor();
        expect(await manager.page.locator('main').textContent()).not.toContain('Victor');
      } finally {
        await manager.context.close();
      }
    },
    T,
  );
  it(
    'an org admin chooses the team-and-region rule for who opens a record; a caseworker sees no Teams screen',
    async () => {
      const { context, page } = await signedIn('housing.admin');
      try {
        await page.goto(`${url}/teams`);
        await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
        await page.getByLabel(/^Only staff in the person’s region/).check();
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByText('Who opens a person’s record is saved').waitFor();
      } finally {
        await context.close();
      }
      const org = ok(
        await hub.gql<{ viewer: { organisation: { visibility: string } } }>('{ viewer { organisation { visibility } } }', {}, housingAdmin),
      );
      expect(org.viewer.organisation.visibility).toBe('TEAM_AND_REGION');
      const worker = await signedIn('housing.worker');
      try {
        expect(await worker.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teams' }).count()).toBe(0);
        await worker.page.goto(`${url}/teams`);
        await worker.page.getByRole('heading', { level: 1, name: /not found/i }).waitFor();
      } finally {
        await worker.context.close();
      }
    },
    T,
  );
});
