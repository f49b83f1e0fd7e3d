import { DataCategory } from '@hub/access';
import { OrganisationKind, Role } from '@hub/common';

/** A small fictional world drawn from the programme in shared/seeds: one region's partners and their staff. */
export const DEMO_DOMAIN = 'demo.rehab-hub.example';

export interface DemoOrganisation {
  key: string;
  name: string;
  kind: OrganisationKind;
  regions: string[];
  services: string[];
  capacity: number | null;
}

export interface DemoUser {
  email: string;
  name: string;
  organisation: string;
  roles: Role[];
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    key: 'probation',
    name: 'North West Probation Region',
    kind: OrganisationKind.PROBATION,
    regions: ['north_west', 'greater_manchester'],
    services: ['supervision', 'ete_support'],
    capacity: null,
  },
  {
    key: 'prison',
    name: 'HMP Millbrook',
    kind: OrganisationKind.PRISON,
    regions: ['north_west'],
    services: ['resettlement'],
    capacity: null,
  },
  {
    key: 'housing',
    name: 'Safe Harbour Housing Trust',
    kind: OrganisationKind.CHARITY,
    regions: ['north_west', 'greater_manchester'],
    services: ['accommodation_support', 'finance_and_id'],
    capacity: 40,
  },
  {
    key: 'mind',
    name: 'Clearview Mental Health',
    kind: OrganisationKind.CHARITY,
    regions: ['north_west', 'greater_manchester'],
    services: ['mental_health_support', 'substance_misuse_support', 'family_support'],
    capacity: 30,
  },
  {
    key: 'training',
    name: 'Forge Skills Training',
    kind: OrganisationKind.TRAINING_PROVIDER,
    regions: ['north_west', 'greater_manchester'],
    services: ['vocational_training', 'functional_skills', 'employability'],
    capacity: 60,
  },
  {
    key: 'employer',
    name: 'Northway Construction Ltd',
    kind: OrganisationKind.EMPLOYER,
    regions: ['north_west'],
    services: ['employment', 'in_work_support'],
    capacity: 10,
  },
  {
    key: 'jobcentre',
    name: 'Jobcentre Plus Riverside',
    kind: OrganisationKind.JOBCENTRE,
    regions: ['north_west'],
    services: ['job_search_support', 'benefits_advice'],
    capacity: null,
  },
];

const at = (local: string) => `${local}@${DEMO_DOMAIN}`;

export const DEMO_USERS: DemoUser[] = [
  { email: at('hub.admin'), name: 'Hana Admin', organisation: 'probation', roles: [Role.HUB_ADMIN] },
  // Reads outcome reports over every partner, in aggregate; sees no person data. Like the hub admin, a
  // member of the probation region, which hosts the hub (the demo world has no separate commissioning body).
  { email: at('commissioner'), name: 'Cara Commissioner', organisation: 'probation', roles: [Role.COMMISSIONER] },
  { email: at('probation.officer'), name: 'Priya Officer', organisation: 'probation', roles: [Role.CASEWORKER] },
  { email: at('probation.manager'), name: 'Martin Manager', organisation: 'probation', roles: [Role.MANAGER] },
  { email: at('probation.admin'), name: 'Olu Admin', organisation: 'probation', roles: [Role.ORG_ADMIN] },
  { email: at('probation.dpo'), name: 'Dina Protection', organisation: 'probation', roles: [Role.DATA_PROTECTION_OFFICER] },
  { email: at('prison.officer'), name: 'Paul Resettlement', organisation: 'prison', roles: [Role.CASEWORKER] },
  { email: at('housing.worker'), name: 'Hollie Caseworker', organisation: 'housing', roles: [Role.CASEWORKER] },
  { email: at('housing.manager'), name: 'Hamid Manager', organisation: 'housing', roles: [Role.MANAGER] },
  { email: at('housing.admin'), name: 'Harriet Admin', organisation: 'housing', roles: [Role.ORG_ADMIN] },
  { email: at('mind.worker'), name: 'Mo Support', organisation: 'mind', roles: [Role.CASEWORKER] },
  { email: at('trainer'), name: 'Tess Trainer', organisation: 'training', roles: [Role.CASEWORKER] },
  { email: at('training.manager'), name: 'Theo Manager', organisation: 'training', roles: [Role.MANAGER] },
  { email: at('employer'), name: 'Ellis Supervisor', organisation: 'employer', roles: [Role.CASEWORKER] },
  { email: at('jobcentre.coach'), name: 'Jo Work Coach', organisation: 'jobcentre', roles: [Role.CASEWORKER] },
];

export interface DemoAgreement {
  name: string;
  partyKinds: OrganisationKind[];
  purposes: string[];
  categories: DataCategory[];
  lawfulBasis: 'public_task' | 'legal_obligation' | 'legitimate_interests' | 'consent';
  statutoryReference: string | null;
}

/** Statutory sharing rests on agreements, not consent (a public body cannot rest on consent it must override). */
export const DEMO_AGREEMENTS: DemoAgreement[] = [
  {
    name: 'Probation and prison statutory sharing',
    partyKinds: [OrganisationKind.PROBATION, OrganisationKind.PRISON],
    purposes: ['ete', 'accommodation', 'health', 'substance_misuse', 'finance', 'family'],
    categories: Object.values(DataCategory),
    lawfulBasis: 'public_task',
    statutoryReference: 'Offender Management Act 2007 s.14; Data Protection Act 2018 Part 3',
  },
  {
    name: 'Probation and Jobcentre employment support',
    partyKinds: [OrganisationKind.PROBATION, OrganisationKind.JOBCENTRE],
    purposes: ['ete'],
    categories: [DataCategory.ETE, DataCategory.EMPLOYMENT],
    lawfulBasis: 'public_task',
    statutoryReference: 'Welfare Reform Act 2012 s.131 (information sharing for employment support)',
  },
  {
    // The basis of referrals between the resettlement partners (who the person is, nothing more: any other
    // category still needs its own consent or agreement). Employers, health services and councils are not party:
    // a referral to them needs the person's consent to be referred.
    name: 'Resettlement partnership referral protocol',
    partyKinds: [OrganisationKind.PROBATION, OrganisationKind.PRISON, OrganisationKind.CHARITY, OrganisationKind.TRAINING_PROVIDER],
    purposes: ['referral'],
    categories: [DataCategory.IDENTITY],
    lawfulBasis: 'public_task',
    statutoryReference: 'Offender Rehabilitation Act 2014 (commissioned rehabilitative services)',
  },
];

export interface DemoRule {
  name: string;
  triggerEvent: string;
  conditions: unknown;
  serviceCode: string;
  consentPurpose: 'ete' | 'accommodation' | null;
  cooldownDays: number;
}

/** Referral rules reproducing the programme's hand-offs (see the README for the condition language). */
export const DEMO_RULES: DemoRule[] = [
  {
    name: 'Accommodation need recorded -> housing charity',
    triggerEvent: 'intervention.logged',
    conditions: { all: [{ fact: 'event.typeCode', operator: 'equal', value: 'accommodation_support' }] },
    serviceCode: 'accommodation_support',
    consentPurpose: 'accommodation',
    cooldownDays: 90,
  },
  {
    name: 'CSCS card gained -> construction employer',
    triggerEvent: 'outcome.recorded',
    conditions: {
      all: [
        { fact: 'event.typeCode', operator: 'equal', value: 'training_cscs' },
        { fact: 'event.outcome', operator: 'equal', value: 'qualification' },
      ],
    },
    serviceCode: 'employment',
    consentPurpose: 'ete',
    cooldownDays: 180,
  },
  {
    name: 'Job started -> in-work support',
    triggerEvent: 'job.started',
    conditions: { all: [] },
    serviceCode: 'in_work_support',
    consentPurpose: 'ete',
    cooldownDays: 90,
  },
  {
    name: 'Release within 12 weeks -> prison in-reach ETE',
    triggerEvent: 'person.release_date_set',
    conditions: {
      all: [
        { fact: 'person.daysUntilRelease', operator: 'greaterThanOrEqual', value: 0 },
        { fact: 'person.daysUntilRelease', operator: 'lessThanOrEqual', value: 84 },
      ],
    },
    serviceCode: 'resettlement',
    consentPurpose: null,
    cooldownDays: 365,
  },
  {
    name: 'No ETE contact in 28 days -> Jobcentre work coach',
    triggerEvent: 'ete_contact.lapsed',
    conditions: {
      any: [
        { fact: 'record.daysSinceEteContact', operator: 'missing' },
        { fact: 'record.daysSinceEteContact', operator: 'greaterThanOrEqual', value: 28 },
      ],
    },
    serviceCode: 'job_search_support',
    consentPurpose: 'ete',
    cooldownDays: 28,
  },
];
