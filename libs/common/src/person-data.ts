import { DiscoveryService } from '@nestjs/core';

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
}

/** A provider of a lib holding person data, answering for its part of a subject access export and of an erasure. */
export interface PersonDataSource {
  personDataSections(): PersonDataSection[];
  personErasureSteps?(): PersonErasureStep[];
}

/**
 * Marks a provider as a PersonDataSource: subject access and erasure (libs/audit) find every marked
 * provider of the application, so they read and erase each lib's data through the lib's own SQL.
 */
export const PersonData = DiscoveryService.createDecorator<void>();
