import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';

/**
 * One section of a subject access export: a query over the person's record ids (`$1`, a uuid[]),
 * written by the lib that owns the tables it reads.
 */
export interface PersonDataSection {
  key: string;
  title: string;
  /** Sections are listed in this order in the export and its document. */
  order: number;
  sql: string;
}

/**
 * One step of erasing a person's record: a statement over the record ids (`$1`, a uuid[]) that deletes
 * or blanks what the lib holds; the rows it affects are the step's count in the erasure's record.
 */
export interface PersonErasureStep {
  key: string;
  /** Steps run in this order, in the erasure's one transaction. */
  order: number;
  sql: string;
  /**
   * Runs after the statement, in the same transaction, with the rows it returned: for the domain
   * events of what the step changed (every write emits its event through the outbox).
   */
  after?(manager: EntityManager, rows: Record<string, unknown>[]): Promise<void>;
}

/**
 * Retention by period of items a lib holds (interventions, say): each item is kept for its data
 * category's period, counted from when it happened. Given as SQL over the lib's own tables.
 */
export interface PersonRetentionRule {
  key: string;
  /**
   * The items past their period, as rows (record_id: the person record the item is on, id, data_category);
   * `$1` is a jsonb object of each category's cutoff (an ISO timestamp): an item before its cutoff expired.
   */
  expiredSql: string;
  /**
   * Statements run in this order over the ids in `$1` (a uuid[]) to erase the items and what hangs on
   * them; the first returns a row (data_category) per item it erased. The later ones return the `id`
   * of what they erased with the items (a sustainment check, say), whose domain events are erased too.
   */
  eraseSql: string[];
  /**
   * Activity on a record as a relation (person_id: the record, at): a record with activity since the
   * identity category's cutoff is not erased as a whole.
   */
  activitySql: string;
}

/**
 * What another lib keeps about the items a retention rule erases (their ids in an external system,
 * say), erased with them: a statement over the erased items' ids (`$1`, a uuid[]), run in the same
 * transaction after the rule's own statements.
 */
export interface PersonRetentionFollowUp {
  key: string;
  /** The key of the retention rule whose erased items it follows. */
  rule: string;
  sql: string;
}

/** A provider of a lib holding person data, answering for its part of a subject access export, of an erasure and of retention. */
export interface PersonDataSource {
  personDataSections(): PersonDataSection[];
  personErasureSteps?(): PersonErasureStep[];
  personRetention?(): PersonRetentionRule[];
  personRetentionFollowUps?(): PersonRetentionFollowUp[];
}

/**
 * Marks a provider as a PersonDataSource: subject access and erasure (libs/privacy) find every marked
 * provider of the application, so they read and erase each lib's data through the lib's own SQL.
 */
export const PersonData = DiscoveryService.createDecorator<undefined>();
