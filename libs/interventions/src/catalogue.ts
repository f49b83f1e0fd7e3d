import { DataCategory } from '@hub/access';
import { OutcomeKind } from './intervention-vocabulary.js';

export interface CatalogueEntry {
  code: string;
  name: string;
  groupName: string;
  dataCategory: DataCategory;
  outcomeKind: OutcomeKind;
}

const e = (code: string, name: string, groupName: string, dataCategory: DataCategory, outcomeKind = OutcomeKind.NONE): CatalogueEntry => ({
  code,
  name,
  groupName,
  dataCategory,
  outcomeKind,
});

/** The intervention types of the ETE programme and its wrap-around support (see shared/seeds). */
export const CATALOGUE: CatalogueEntry[] = [
  e('cv_cover_letter', 'CV and cover letter', 'employability', DataCategory.ETE),
  e('disclosure_advice', 'Disclosure advice', 'employability', DataCategory.ETE),
  e('disclosure_workshop', 'Disclosure workshop', 'employability', DataCategory.ETE),
  e('interview_practice', 'Interview practice', 'employability', DataCategory.ETE),
  e('motivation_confidence', 'Motivation and confidence', 'employability', DataCategory.ETE),
  e('job_search', 'Job search and applications', 'employability', DataCategory.ETE),
  e('better_off_in_work', 'Better Off in Work calculation', 'employability', DataCategory.ETE),
  e('voluntary_work', 'Voluntary work', 'employability', DataCategory.ETE),
  e('functional_skills_literacy', 'Functional skills: literacy', 'skills', DataCategory.ETE, OutcomeKind.QUALIFICATION),
  e('functional_skills_numeracy', 'Functional skills: numeracy', 'skills', DataCategory.ETE, OutcomeKind.QUALIFICATION),
  e('functional_skills_ict', 'Functional skills: ICT', 'skills', DataCategory.ETE, OutcomeKind.QUALIFICATION),
  e('training_cscs', 'CSCS card training', 'training', DataCategory.ETE, OutcomeKind.QUALIFICATION),
  e('training_forklift', 'Fork-lift truck training', 'training', DataCategory.ETE, OutcomeKind.QUALIFICATION),
  e('training_health_safety', 'Health and safety training', 'training', DataCategory.ETE, OutcomeKind.QUALIFICATION),
  e('training_pts', 'Personal Track Safety (PTS)', 'training', DataCategory.ETE, OutcomeKind.QUALIFICATION),
  e('training_nvq', 'NVQ', 'training', DataCategory.ETE, OutcomeKind.QUALIFICATION),
  e('job_start', 'Job start', 'employment', DataCategory.EMPLOYMENT, OutcomeKind.JOB),
  e('in_work_support', 'In-work support', 'employment', DataCategory.EMPLOYMENT),
  e('accommodation_support', 'Accommodation support', 'support', DataCategory.ACCOMMODATION),
  e('mental_health_support', 'Mental health support', 'support', DataCategory.HEALTH),
  e('substance_misuse_support', 'Substance misuse support', 'support', DataCategory.SUBSTANCE_MISUSE),
  e('finance_bank_account', 'Finance: bank account', 'support', DataCategory.FINANCE),
  e('finance_id_documents', 'Finance and ID: identity documents', 'support', DataCategory.FINANCE),
  e('family_support', 'Family support', 'support', DataCategory.FAMILY),
];
