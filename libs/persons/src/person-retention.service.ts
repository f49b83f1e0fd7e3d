import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { recordIdsSql } from './person-records.sql.js';

/** What retention and erasure (libs/privacy) need of person records, with no access check: those paths are the operator's and the DPO's. */
@Injectable()
export class PersonRetentionService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Locks the records (erasure holds them while every lib erases its part). */
  async lockRecords(m: EntityManager, recordIds: readonly string[]): Promise<void> {
    await m.query('SELECT id FROM person WHERE id = ANY($1::uuid[]) FOR UPDATE', [recordIds]);
  }

  /**
   * Surviving records, not yet erased, that nobody has worked with since `cutoff`: no involvement
   * active after it, the record unchanged since, and no activity since in any of the `activity`
   * relations (person_id: a record, at) other libs publish. Records merged into a person count for it.
   */
  async inactiveSince(cutoff: Date, activity: readonly string[]): Promise<string[]> {
    const active = activity.map(
      (relation) => `AND NOT EXISTS (SELECT 1 FROM ${relation} a WHERE a.person_id = ANY(rec.ids) AND a.at >= $1)`,
    );
    const rows: { id: string }[] = await this.db.query(
      `SELECT p.id FROM person p CROSS JOIN LATERAL (SELECT ${recordIdsSql('p.id')} AS ids) rec
        WHERE p.merged_into_id IS NULL AND p.given_name <> '[erased]'
          AND p.updated_at < $1
          AND NOT EXISTS (SELECT 1 FROM involvement i WHERE i.person_id = ANY(rec.ids) AND (i.ended_at IS NULL OR i.ended_at > $1))
          ${active.join('\n          ')}`,
      [cutoff],
    );
    return rows.map((r) => r.id);
  }
}
