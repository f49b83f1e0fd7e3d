import { publishedRelation } from '@hub/common';

/** What the organisations lib publishes for other libs to read (views of migrations/1796715000000-PublishedRelations.ts). */

/** Every organisation's id and name: for documents that name who did what (subject access exports). */
export const ORGANISATION_DIRECTORY = publishedRelation<{ id: string; name: string }>('organisation_directory', { id: true, name: true });

export const ORGANISATION_RELATIONS = [ORGANISATION_DIRECTORY];

/** SQL for the name of the organisation whose id is in `column`, over ORGANISATION_DIRECTORY. */
export function organisationNameSql(column: string): string {
  return `(SELECT org.name FROM ${ORGANISATION_DIRECTORY.name} org WHERE org.id = ${column})`;
}
