import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The intervention catalogue of the ETE programme, and a trigram index for searching people by name. */
export class CatalogueAndNameSearch1795685700000 implements MigrationInterface {
  name = 'CatalogueAndNameSearch1795685700000';

  private readonly catalogue: [string, string, string, string, string][] = [
    ['cv_cover_letter', 'CV and cover letter', 'employability', 'ete', 'none'],
    ['disclosure_advice', 'Disclosure advice', 'employability', 'ete', 'none'],
    ['disclosure_workshop', 'Disclosure workshop', 'employability', 'ete', 'none'],
    ['interview_practice', 'Interview practice', 'employability', 'ete', 'none'],
    ['motivation_confidence', 'Motivation and confidence', 'employability', 'ete', 'none'],
    ['job_search', 'Job search and applications', 'employability', 'ete', 'none'],
    ['better_off_in_work', 'Better Off in Work calculation', 'employability', 'ete', 'none'],
    ['voluntary_work', 'Voluntary work', 'employability', 'ete', 'none'],
    ['functional_skills_literacy', 'Functional skills: literacy', 'skills', 'ete', 'qualification'],
    ['functional_skills_numeracy', 'Functional skills: numeracy', 'skills', 'ete', 'qualification'],
    ['functional_skills_ict', 'Functional skills: ICT', 'skills', 'ete', 'qualification'],
    ['training_cscs', 'CSCS card training', 'training', 'ete', 'qualification'],
    ['training_forklift', 'Fork-lift truck training', 'training', 'ete', 'qualification'],
    ['training_health_safety', 'Health and safety training', 'training', 'ete', 'qualification'],
    ['training_pts', 'Personal Track Safety (PTS)', 'training', 'ete', 'qualification'],
    ['training_nvq', 'NVQ', 'training', 'ete', 'qualification'],
    ['job_start', 'Job start', 'employment', 'employment', 'job'],
    ['in_work_support', 'In-work support', 'employment', 'employment', 'none'],
    ['accommodation_support', 'Accommodation support', 'support', 'accommodation', 'none'],
    ['mental_health_support', 'Mental health support', 'support', 'health', 'none'],
    ['substance_misuse_support', 'Substance misuse support', 'support', 'substance_misuse', 'none'],
    ['finance_bank_account', 'Finance: bank account', 'support', 'finance', 'none'],
    ['finance_id_documents', 'Finance and ID: identity documents', 'support', 'finance', 'none'],
    ['family_support', 'Family support', 'support', 'family', 'none'],
  ];

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [code, name, group, category, outcome] of this.catalogue) {
      await queryRunner.query(
        `INSERT INTO intervention_type (code, name, group_name, data_category, outcome_kind) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO NOTHING`,
        [code, name, group, category, outcome],
      );
    }
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "ix_person_name_trgm" ON "person" USING gin ("normalised_name" gin_trgm_ops)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_person_name_trgm"`);
    await queryRunner.query(`DELETE FROM intervention_type WHERE code = ANY($1)`, [this.catalogue.map((c) => c[0])]);
  }
}
