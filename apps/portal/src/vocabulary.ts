// Plain-English names for the API's enums.
export const STAGES: Record<string, string> = {
  FINDING_YOUR_FEET: 'Finding your feet',
  TAKING_STEPS: 'Taking steps',
  SETTING_ACTIONS: 'Setting actions',
  READY_AND_SEARCHING: 'Ready and searching',
  READY_FOR_INTERVIEW: 'Ready for interview',
  ADAPTING_TO_WORK: 'Adapting to work',
};

export const CATEGORIES: Record<string, string> = {
  IDENTITY: 'Identity',
  OFFENDING: 'Offending',
  RISK: 'Risk',
  HEALTH: 'Health',
  ETE: 'Education, training and employment',
  EMPLOYMENT: 'Employment',
  ACCOMMODATION: 'Accommodation',
  SUBSTANCE_MISUSE: 'Substance misuse',
  FINANCE: 'Finance',
  FAMILY: 'Family',
};

export const PURPOSES: Record<string, string> = {
  ETE: 'Education, training and employment',
  ACCOMMODATION: 'Accommodation',
  HEALTH: 'Health',
  SUBSTANCE_MISUSE: 'Substance misuse',
  FINANCE: 'Finance',
  FAMILY: 'Family',
  REFERRAL: 'Being referred',
};

export const ORG_KINDS: Record<string, string> = {
  PROBATION: 'Probation',
  PRISON: 'Prison',
  CHARITY: 'Charity',
  TRAINING_PROVIDER: 'Training provider',
  EMPLOYER: 'Employer',
  JOBCENTRE: 'Jobcentre',
  LOCAL_AUTHORITY: 'Local authority',
  HEALTH: 'Health',
  HOUSING: 'Housing',
};

export const STATUSES: Record<string, string> = {
  PLANNED: 'Planned',
  STARTED: 'Started',
  COMPLETED: 'Completed',
  DID_NOT_ATTEND: 'Did not attend',
  CANCELLED: 'Cancelled',
};

export const INVOLVEMENT_ROLES: Record<string, string> = { LEAD: 'Lead', PROVIDER: 'Provider' };

/** What a referral's answer reason is called, by the state it led to: the receiver's for a decline, the sender's for a withdrawal. */
export const STATE_REASON: Partial<Record<string, string>> = { DECLINED: 'Reason for declining', WITHDRAWN: 'Reason for withdrawing' };

/** What came of a completed referral (the receiver chooses one when completing it). */
export const REFERRAL_OUTCOMES: Record<string, string> = {
  ACHIEVED: 'Achieved what was asked',
  PARTLY_ACHIEVED: 'Partly achieved',
  NOT_ACHIEVED: 'Not achieved',
  PERSON_DISENGAGED: 'The person stopped taking part',
};

export const SUSTAINMENT_STATUSES: Record<string, string> = { OPEN: 'Open', SUSTAINED: 'Sustained', NOT_SUSTAINED: 'Not sustained' };

export const METHODS: Record<string, string> = { SIGNED_FORM: 'Signed form', VERBAL: 'Verbally', ELECTRONIC: 'Electronically' };

export const CONSENT_STATUSES: Record<string, string> = { IN_FORCE: 'In force', WITHDRAWN: 'Withdrawn', EXPIRED: 'Expired' };

export const SCHEMES: Record<string, string> = {
  PROBATION_CASE_REFERENCE: 'Probation case reference',
  PRISON_NUMBER: 'Prison number',
  PNC: 'PNC number',
  NATIONAL_INSURANCE_NUMBER: 'National Insurance number',
};

export const RISK: Record<string, string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High', VERY_HIGH: 'Very high' };

/** A code as words: a service (`accommodation_support`: "Accommodation support") or a state (`IN_PROGRESS`: "In progress"). */
/** Abbreviations kept in capitals when a code is turned into words. */
const ABBREVIATIONS = /\b(id|ete|cv|cscs|ogrs|pnc|ni)\b/g;

/** A code as words (`finance_and_id`: "Finance and ID"). */
export function words(code: string): string {
  const text = code
    .replace(/_/g, ' ')
    .toLowerCase()
    .replace(ABBREVIATIONS, (a) => a.toUpperCase());
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A name as a code (lower_snake_case), the inverse of words(): "Cumbria and Lancashire" is cumbria_and_lancashire. */
export const codeFrom = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, 'c_$1')
    .slice(0, 63);

export const options = (map: Record<string, string>) => Object.entries(map).map(([value, label]) => ({ value, label }));

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
}

export const today = () => new Date().toISOString().slice(0, 10);
