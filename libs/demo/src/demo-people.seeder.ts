import { Injectable, Logger } from '@nestjs/common';
import { type Actor, Scope } from '@hub/common';
import { ConsentMethod, ConsentPurpose, ConsentsService } from '@hub/consent';
import { InterventionsService, InterventionStatus, SustainmentsService } from '@hub/interventions';
import { OrganisationsService, UsersService } from '@hub/organisations';
import { IdentifierScheme, InvolvementRole, PersonRecordsService, PersonsService, ProgressionStage, RiskLevel } from '@hub/persons';
import { DEMO_STORIES, type DemoPerson, generatedDemoPeople, type PartnerKey } from './demo-people.js';
import { DEMO_DOMAIN, DEMO_ORGANISATIONS } from './demo-world.js';

const CASEWORKER_OF: Record<PartnerKey, string> = {
  probation: 'probation.officer',
  prison: 'prison.officer',
  housing: 'housing.worker',
  mind: 'mind.worker',
  training: 'trainer',
  employer: 'employer',
  jobcentre: 'jobcentre.coach',
};

/** Seeds the demo people through the hub's own services, as the partners' caseworkers would. */
@Injectable()
export class DemoPeopleSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
    private readonly persons: PersonsService,
    private readonly records: PersonRecordsService,
    private readonly consents: ConsentsService,
    private readonly interventions: InterventionsService,
    private readonly sustainments: SustainmentsService,
  ) {}

  private async actors(): Promise<Record<PartnerKey, Actor>> {
    const result = {} as Record<PartnerKey, Actor>;
    for (const [key, local] of Object.entries(CASEWORKER_OF) as [PartnerKey, string][]) {
      const user = await this.users.findByEmail(`${local}@${DEMO_DOMAIN}`);
      if (!user) throw new Error(`demo user ${local} missing`);
      const org = await this.organisations.get(user.organisationId);
      result[key] = {
        kind: 'user',
        id: user.id,
        displayName: user.name,
        email: user.email,
        organisationId: org.id,
        organisationKind: org.kind,
        organisationRegions: org.regions,
        roles: user.roles,
        scopes: Object.values(Scope),
        purpose: 'casework',
        requestId: 'demo-seed',
      };
    }
    return result;
  }

  async seed(): Promise<number> {
    const actors = await this.actors();
    const seeded = await this.persons.search(actors.probation, { search: DEMO_STORIES[0].caseReference, first: 1 });
    if (seeded.edges.length) return 0;
    const orgIds = Object.fromEntries(DEMO_ORGANISATIONS.map((o) => [o.key, ''])) as Record<PartnerKey, string>;
    for (const [key, actor] of Object.entries(actors) as [PartnerKey, Actor][]) orgIds[key] = actor.organisationId;
    let created = 0;
    for (const person of [...DEMO_STORIES, ...generatedDemoPeople()]) {
      if (await this.seedPerson(person, actors, orgIds)) created++;
    }
    if (created) this.logger.log(`demo people seeded (${created})`);
    return created;
  }

  private async seedPerson(p: DemoPerson, actors: Record<PartnerKey, Actor>, orgIds: Record<PartnerKey, string>): Promise<boolean> {
    const probation = actors.probation;
    const identifiers = [
      { scheme: IdentifierScheme.PROBATION_CASE_REFERENCE, value: p.caseReference },
      { scheme: IdentifierScheme.PNC, value: p.pnc },
      ...(p.prisonNumber ? [{ scheme: IdentifierScheme.PRISON_NUMBER, value: p.prisonNumber }] : []),
    ];
    const result = await this.persons.create(probation, {
      givenName: p.givenName,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      region: p.region,
      releaseDate: p.releaseDate ?? null,
      identifiers,
      offenceSummary: p.offenceSummary,
      ogrsScore: p.ogrsScore,
      riskLevel: p.riskLevel as RiskLevel,
      healthNotes: p.healthNotes ?? null,
      confirmNew: true,
    });
    if (result.outcome !== 'created' || !result.person) return false;
    const id = result.person.id;
    await this.persons.update(probation, {
      id,
      version: result.person.version,
      reason: 'Initial ETE assessment',
      stage: p.stage as ProgressionStage,
    });
    for (const partner of new Set(p.partners)) {
      await this.records.addInvolvement(probation, { personId: id, organisationId: orgIds[partner], role: InvolvementRole.PROVIDER });
    }
    for (const c of p.consents) {
      const to =
        c.to === 'employer_kind'
          ? { organisationKind: 'employer' }
          : c.to === 'training_kind'
            ? { organisationKind: 'training_provider' }
            : { organisationId: orgIds[c.to] };
      await this.consents.grant(probation, {
        personId: id,
        purpose: c.purpose as ConsentPurpose,
        method: ConsentMethod.SIGNED_FORM,
        personPresent: true,
        evidenceNote: 'Demo: consent form signed at probation appointment',
        ...(to as object),
      });
    }
    for (const step of p.steps) {
      const logged = await this.interventions.log(actors[step.by], {
        personId: id,
        typeCode: step.type,
        status: step.status as InterventionStatus,
        occurredAt: `${step.on}T10:00:00Z`,
        notes: step.notes,
        qualification: step.qualification ? { qualification: step.qualification } : undefined,
        job: step.job,
      });
      if (step.job && step.sustained !== undefined) {
        const [window] = (await this.sustainments.forPerson(actors[step.by], id)).filter((s) => s.interventionId === logged.id);
        if (window)
          await this.sustainments.record(actors[step.by], {
            sustainmentId: window.id,
            sustained: step.sustained,
            note: 'Demo: 13-week check-in',
          });
      }
    }
    return true;
  }
}
