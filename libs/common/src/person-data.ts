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

/** A provider of a lib holding person data, answering for its part of a subject access export. */
export interface PersonDataSource {
  personDataSections(): PersonDataSection[];
}

/**
 * Marks a provider as a PersonDataSource: the subject access export (libs/audit) finds every marked
 * provider of the application, so it reads each lib's data through the lib's own SQL.
 */
export const PersonData = DiscoveryService.createDecorator<void>();
