import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A completed referral says what came of it (the receiver chooses an outcome, with an optional note);
 * referrals completed before this have none. The referral lists filter by service within an
 * organisation's side and state.
 */
export class ReferralOutcome1796713000000 implements MigrationInterface {
  name = 'ReferralOutcome1796713000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referral ADD COLUMN outcome text, ADD COLUMN outcome_note text`);
    await q.query(
      `ALTER TABLE referral ADD CONSTRAINT ck_referral_outcome
         CHECK (outcome IS NULL OR (state = 'completed' AND outcome IN ('achieved', 'partly_achieved', 'not_achieved', 'person_disengaged')))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE referral DROP CONSTRAINT ck_referral_outcome`);
    await q.query(`ALTER TABLE referral DROP COLUMN outcome_note, DROP COLUMN outcome`);
  }
}
