/**
 * Demo people. Four stories follow the case studies of the 2021 ETE evaluation (shared/seeds):
 * a cleaning job after a literacy course; a traffic-management job soon after release; a labourer
 * after a CSCS card, sustained 13 weeks; a peer mentor who becomes a support worker. The rest are
 * generated deterministically with varied stages, partners and consents, so each partner's view differs.
 * All names and identifiers are fictional.
 */
export type PartnerKey = 'probation' | 'prison' | 'housing' | 'mind' | 'training' | 'employer' | 'jobcentre';

export interface DemoStep {
  by: PartnerKey;
  type: string;
  status: 'planned' | 'started' | 'completed' | 'cancelled' | 'did_not_attend';
  on: string;
  notes?: string;
  qualification?: string;
  job?: { employer: string; sector: string; hoursPerWeek: number; startDate: string };
  sustained?: boolean;
}

export interface DemoPerson {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  caseReference: string;
  pnc: string;
  prisonNumber?: string;
  region: string;
  releaseDate?: string;
  offenceSummary: string;
  ogrsScore: number;
  riskLevel: 'low' | 'medium' | 'high' | 'very_high';
  healthNotes?: string;
  stage: 'finding_your_feet' | 'taking_steps' | 'setting_actions' | 'ready_and_searching' | 'ready_for_interview' | 'adapting_to_work';
  partners: PartnerKey[];
  consents: {
    purpose: 'ete' | 'accommodation' | 'health' | 'substance_misuse' | 'finance' | 'family';
    to: PartnerKey | 'employer_kind' | 'training_kind';
  }[];
  steps: DemoStep[];
}

export const DEMO_STORIES: DemoPerson[] = [
  {
    givenName: 'Sofia',
    familyName: 'Marsh',
    dateOfBirth: '1987-06-11',
    caseReference: 'DEMO-NW-0001',
    pnc: '05/481516S',
    region: 'north_west',
    offenceSummary: 'Theft (2024), community order',
    ogrsScore: 28,
    riskLevel: 'low',
    healthNotes: 'Low mood; GP aware',
    stage: 'adapting_to_work',
    partners: ['training', 'mind'],
    consents: [
      { purpose: 'ete', to: 'training' },
      { purpose: 'ete', to: 'employer_kind' },
    ],
    steps: [
      {
        by: 'probation',
        type: 'motivation_confidence',
        status: 'completed',
        on: '2026-03-02',
        notes: 'Lacked confidence; agreed to try a literacy course',
      },
      {
        by: 'training',
        type: 'functional_skills_literacy',
        status: 'completed',
        on: '2026-04-20',
        qualification: 'Functional Skills English Entry Level 3',
      },
      { by: 'training', type: 'cv_cover_letter', status: 'completed', on: '2026-05-04', notes: 'CV and letter for cleaning roles' },
      { by: 'training', type: 'job_search', status: 'completed', on: '2026-05-11', notes: 'List of cleaning companies to call' },
      {
        by: 'probation',
        type: 'job_start',
        status: 'completed',
        on: '2026-06-01',
        job: { employer: 'Brightway Facilities', sector: 'Cleaning', hoursPerWeek: 25, startDate: '2026-06-01' },
        sustained: true,
      },
      { by: 'mind', type: 'mental_health_support', status: 'started', on: '2026-03-15', notes: 'Weekly wellbeing group' },
    ],
  },
  {
    givenName: 'Carl',
    familyName: 'Bennett',
    dateOfBirth: '1990-01-23',
    caseReference: 'DEMO-NW-0002',
    pnc: '08/234567C',
    prisonNumber: 'A4821CB',
    region: 'greater_manchester',
    releaseDate: '2026-09-15',
    offenceSummary: 'Burglary (2023), 3 years custody',
    ogrsScore: 52,
    riskLevel: 'medium',
    stage: 'adapting_to_work',
    partners: ['prison', 'jobcentre', 'training', 'housing'],
    consents: [
      { purpose: 'ete', to: 'training' },
      { purpose: 'accommodation', to: 'housing' },
      { purpose: 'ete', to: 'employer_kind' },
    ],
    steps: [
      { by: 'prison', type: 'cv_cover_letter', status: 'completed', on: '2026-08-01', notes: 'Keen to work from release day' },
      { by: 'housing', type: 'accommodation_support', status: 'completed', on: '2026-09-16', notes: 'Supported housing place on release' },
      {
        by: 'jobcentre',
        type: 'job_search',
        status: 'completed',
        on: '2026-09-16',
        notes: 'Sector-based work academy induction the day after release',
      },
      {
        by: 'training',
        type: 'training_health_safety',
        status: 'completed',
        on: '2026-10-01',
        qualification: 'Traffic management operative (sector academy)',
      },
      {
        by: 'probation',
        type: 'job_start',
        status: 'completed',
        on: '2026-10-20',
        job: { employer: 'Roadline Traffic Services', sector: 'Traffic management', hoursPerWeek: 40, startDate: '2026-10-20' },
      },
    ],
  },
  {
    givenName: 'Tony',
    familyName: 'Hargreaves',
    dateOfBirth: '1984-11-02',
    caseReference: 'DEMO-NW-0003',
    pnc: '02/998877T',
    region: 'north_west',
    offenceSummary: 'Assault occasioning actual bodily harm (2022)',
    ogrsScore: 45,
    riskLevel: 'medium',
    stage: 'adapting_to_work',
    partners: ['training', 'employer'],
    consents: [
      { purpose: 'ete', to: 'training' },
      { purpose: 'ete', to: 'employer_kind' },
    ],
    steps: [
      { by: 'training', type: 'cv_cover_letter', status: 'completed', on: '2026-02-10', notes: 'CV review and cover letter' },
      { by: 'training', type: 'disclosure_advice', status: 'completed', on: '2026-02-10', notes: 'Practised disclosing convictions' },
      { by: 'training', type: 'interview_practice', status: 'completed', on: '2026-02-24' },
      { by: 'training', type: 'training_cscs', status: 'completed', on: '2026-03-20', qualification: 'CSCS Labourer card' },
      {
        by: 'employer',
        type: 'job_start',
        status: 'completed',
        on: '2026-04-06',
        job: { employer: 'Northway Construction Ltd', sector: 'Construction', hoursPerWeek: 40, startDate: '2026-04-06' },
        sustained: true,
      },
      { by: 'employer', type: 'in_work_support', status: 'completed', on: '2026-05-18', notes: 'Probationary review: hard worker' },
    ],
  },
  {
    givenName: 'Paula',
    familyName: 'Okafor',
    dateOfBirth: '1979-04-30',
    caseReference: 'DEMO-NW-0004',
    pnc: '19/112233P',
    region: 'greater_manchester',
    offenceSummary: 'Fraud by false representation (2021)',
    ogrsScore: 18,
    riskLevel: 'low',
    healthNotes: 'Depression after relationship breakdown; improving',
    stage: 'adapting_to_work',
    partners: ['mind', 'training'],
    consents: [
      { purpose: 'health', to: 'mind' },
      { purpose: 'ete', to: 'training' },
    ],
    steps: [
      { by: 'mind', type: 'mental_health_support', status: 'completed', on: '2026-01-12', notes: 'Counselling block completed' },
      {
        by: 'probation',
        type: 'voluntary_work',
        status: 'completed',
        on: '2026-02-01',
        notes: 'Peer mentor training completed; supporting ETE groups',
      },
      {
        by: 'training',
        type: 'functional_skills_ict',
        status: 'completed',
        on: '2026-03-05',
        qualification: 'Functional Skills ICT Level 2',
      },
      { by: 'probation', type: 'interview_practice', status: 'completed', on: '2026-04-14' },
      {
        by: 'probation',
        type: 'job_start',
        status: 'completed',
        on: '2026-05-05',
        job: { employer: 'North West Probation Region', sector: 'Criminal justice', hoursPerWeek: 37, startDate: '2026-05-05' },
        sustained: true,
      },
    ],
  },
];

const GIVEN = [
  'Aaron',
  'Bethany',
  'Callum',
  'Dionne',
  'Ethan',
  'Farah',
  'Gareth',
  'Hayley',
  'Imran',
  'Jade',
  'Kieran',
  'Leanne',
  'Marcus',
  'Nadia',
  'Owen',
  'Precious',
  'Quentin',
  'Rhiannon',
  'Shane',
  'Tasha',
  'Umar',
  'Vicky',
  'Wayne',
  'Yasmin',
  'Zac',
  'Amir',
  'Bronwyn',
  'Connor',
  'Demi',
  'Elliot',
];
const FAMILY = [
  'Ashworth',
  'Bradley',
  'Cunliffe',
  'Doyle',
  'Ellison',
  'Fletcher',
  'Gorton',
  'Hughes',
  'Iqbal',
  'Jennings',
  'Kershaw',
  'Lomax',
  'Mellor',
  'Nuttall',
  'Ogden',
  'Pickup',
  'Quayle',
  'Ramsbottom',
  'Schofield',
  'Thornley',
  'Uttley',
  'Varley',
  'Whitworth',
  'Yates',
  'Zaman',
  'Atherton',
  'Birtwistle',
  'Crompton',
  'Duckworth',
  'Eccles',
];
const OFFENCES = [
  'Theft from a shop',
  'Possession with intent to supply',
  'Burglary (dwelling)',
  'Criminal damage',
  'Driving while disqualified',
  'Common assault',
  'Handling stolen goods',
  'Fraud',
  'Public order offence',
  'Breach of restraining order',
];
const STAGES: DemoPerson['stage'][] = [
  'finding_your_feet',
  'taking_steps',
  'setting_actions',
  'ready_and_searching',
  'ready_for_interview',
  'adapting_to_work',
];
const RISKS: DemoPerson['riskLevel'][] = ['low', 'medium', 'medium', 'high'];
const ETE_TYPES = [
  'cv_cover_letter',
  'disclosure_advice',
  'interview_practice',
  'motivation_confidence',
  'job_search',
  'better_off_in_work',
  'functional_skills_numeracy',
];

/** Thirty more people, the same on every seed. */
export function generatedDemoPeople(count = 30): DemoPerson[] {
  const people: DemoPerson[] = [];
  for (let i = 0; i < count; i++) {
    const n = i + 5;
    const stage = STAGES[i % STAGES.length];
    const partners: PartnerKey[] = [];
    const consents: DemoPerson['consents'] = [];
    const steps: DemoStep[] = [];
    const month = String((i % 9) + 1).padStart(2, '0');
    if (i % 2 === 0) {
      partners.push('training');
      consents.push({ purpose: 'ete', to: 'training' });
      steps.push({
        by: 'training',
        type: ETE_TYPES[i % ETE_TYPES.length],
        status: i % 5 === 0 ? 'did_not_attend' : 'completed',
        on: `2026-${month}-10`,
      });
    }
    if (i % 3 === 0) {
      partners.push('housing');
      if (i % 6 === 0) consents.push({ purpose: 'accommodation', to: 'housing' });
      steps.push({
        by: 'housing',
        type: 'accommodation_support',
        status: 'started',
        on: `2026-${month}-12`,
        notes: 'Housing needs assessment',
      });
    }
    if (i % 4 === 1) {
      partners.push('mind');
      if (i % 8 === 1) consents.push({ purpose: 'health', to: 'mind' });
      steps.push({
        by: 'mind',
        type: i % 8 === 5 ? 'substance_misuse_support' : 'mental_health_support',
        status: 'started',
        on: `2026-${month}-14`,
      });
    }
    if (i % 5 === 2) partners.push('jobcentre');
    if (i % 7 === 3) partners.push('prison');
    steps.push({ by: 'probation', type: ETE_TYPES[(i + 3) % ETE_TYPES.length], status: 'completed', on: `2026-${month}-03` });
    if (stage === 'adapting_to_work') {
      partners.push('employer');
      consents.push({ purpose: 'ete', to: 'employer_kind' });
      steps.push({
        by: 'employer',
        type: 'job_start',
        status: 'completed',
        on: `2026-${month}-20`,
        job: { employer: 'Northway Construction Ltd', sector: 'Construction', hoursPerWeek: 30 + (i % 10), startDate: `2026-${month}-20` },
      });
    }
    people.push({
      givenName: GIVEN[i % GIVEN.length],
      familyName: FAMILY[(i * 7) % FAMILY.length],
      dateOfBirth: `${1975 + (i % 25)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      caseReference: `DEMO-NW-${String(n).padStart(4, '0')}`,
      pnc: `${String(10 + (i % 15)).padStart(2, '0')}/${String(100000 + i * 7919).slice(0, 6)}${String.fromCharCode(65 + (i % 26))}`,
      prisonNumber: partners.includes('prison')
        ? `A${String(1000 + i * 37).slice(0, 4)}${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(66 + (i % 24))}`
        : undefined,
      region: i % 2 ? 'north_west' : 'greater_manchester',
      releaseDate: i % 4 === 0 ? `2027-0${(i % 6) + 1}-15` : undefined,
      offenceSummary: OFFENCES[i % OFFENCES.length],
      ogrsScore: 15 + ((i * 13) % 70),
      riskLevel: RISKS[i % RISKS.length],
      healthNotes: i % 4 === 1 ? 'Engaging with support' : undefined,
      stage,
      partners,
      consents,
      steps,
    });
  }
  return people;
}
