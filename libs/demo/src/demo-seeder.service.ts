import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig, isLoopbackHost, PUBLISHED_DEMO_PASSWORD } from '@hub/config';
import { ConsentsService, type ConsentPurpose, type LawfulBasis } from '@hub/consent';
import { OrganisationsService, UsersService } from '@hub/organisations';
import { DemoPeopleSeeder } from './demo-people.seeder.js';
import { ReferralRulesService } from '@hub/referrals';
import { DEMO_AGREEMENTS, DEMO_ORGANISATIONS, DEMO_RULES, DEMO_USERS } from './demo-world.js';

const SEED_LOCK = 72_350_002;

/** Seeds the demo world once (on start when SEED_DEMO is on, or by `cli seed-demo`). */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly consents: ConsentsService,
    private readonly people: DemoPeopleSeeder,
    private readonly rules: ReferralRulesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.demo.seed && process.env.HUB_ROLE !== 'cli') await this.seed();
  }

  /** Idempotent: what exists is left alone. Returns how many records were created. */
  async seed(): Promise<number> {
    // The configuration already refuses SEED_DEMO in production; this holds for every other caller.
    if (this.config.nodeEnv === 'production')
      throw new Error('the demo world (accounts with a shared password) is never seeded in production');
    const runner = this.db.createQueryRunner();
    await runner.connect();
    let created = 0;
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
      const existing = new Map((await this.organisations.list()).map((o) => [o.name, o.id]));
      const ids = new Map<string, string>();
      for (const o of DEMO_ORGANISATIONS) {
        let id = existing.get(o.name);
        if (!id) {
          id = (
            await this.organisations.createUnchecked({
              name: o.name,
              kind: o.kind,
              regions: o.regions,
              services: o.services,
              capacity: o.capacity,
            })
          ).id;
          created++;
        }
        ids.set(o.key, id);
      }
      // Reachable beyond this machine, the demo accounts sign in with DEMO_PASSWORD only (the
      // configuration requires it): those seeded earlier with the published one are given it.
      const exposed = !isLoopbackHost(this.config.host) && this.config.demo.password !== PUBLISHED_DEMO_PASSWORD;
      for (const u of DEMO_USERS) {
        const existing = await this.users.findByEmail(u.email);
        if (existing && exposed && (await this.users.verifyPassword(u.email, PUBLISHED_DEMO_PASSWORD))) {
          await this.users.setPasswordUnchecked(existing.id, this.config.demo.password);
          this.logger.warn(`${u.email}: the published demo password replaced by DEMO_PASSWORD (HOST=${this.config.host})`);
        }
        if (existing) continue;
        await this.users.create(
          null,
          {
            organisationId: ids.get(u.organisation)!,
            email: u.email,
            name: u.name,
            roles: u.roles,
            regions: DEMO_ORGANISATIONS.find((o) => o.key === u.organisation)!.regions,
            password: this.config.demo.password,
          },
          { seeded: true },
        );
        created++;
      }
      const agreements = new Set((await this.consents.agreements()).map((a) => a.name));
      for (const a of DEMO_AGREEMENTS) {
        if (agreements.has(a.name)) continue;
        await this.consents.createAgreement(null, {
          name: a.name,
          partyOrganisationIds: [],
          partyKinds: a.partyKinds,
          purposes: a.purposes as ConsentPurpose[],
          categories: a.categories,
          lawfulBasis: a.lawfulBasis as LawfulBasis,
          statutoryReference: a.statutoryReference ?? undefined,
          validFrom: '2024-01-01T00:00:00Z',
        });
        created++;
      }
      const rules = new Set((await this.rules.list(null)).map((r) => r.name));
      for (const r of DEMO_RULES) {
        if (rules.has(r.name)) continue;
        await this.rules.create(null, {
          ...r,
          conditions: JSON.stringify(r.conditions),
          active: true,
          matchRegion: true,
          consentPurpose: r.consentPurpose as ConsentPurpose | null,
        });
        created++;
      }
      if (this.config.demo.people) created += await this.people.seed();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]).catch(() => undefined);
      await runner.release();
    }
    if (created) this.logger.log(`demo world seeded (${created} records)`);
    return created;
  }
}
