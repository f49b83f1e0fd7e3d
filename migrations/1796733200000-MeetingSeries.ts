import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A recurring meeting's next one names the meeting it follows; each meeting has at most one next. */
export class MeetingSeries1796733200000 implements MigrationInterface {
  name = 'MeetingSeries1796733200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "meeting" ADD "follows_meeting_id" uuid`);
    await q.query(`CREATE UNIQUE INDEX "ix_meeting_follows" ON "meeting" ("follows_meeting_id") WHERE follows_meeting_id IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_meeting_follows"`);
    await q.query(`ALTER TABLE "meeting" DROP COLUMN "follows_meeting_id"`);
  }
}
