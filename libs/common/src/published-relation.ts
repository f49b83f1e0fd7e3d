/**
 * A relation (a view created by the owning lib's migrations) that a lib publishes for other libs to read:
 * the contract between them instead of SQL text. `Row` types what a reader gets back; `columns` lists every
 * column of `Row` (the compiler insists on all of them), and test/published-relations.e2e-spec.ts checks
 * the database's view has exactly these columns.
 */
export interface PublishedRelation<Row extends object> {
  /** The view's name, to name in SQL. */
  readonly name: string;
  readonly columns: readonly (keyof Row & string)[];
  /** Never set: carries `Row` for readers' query results (`typeof RELATION.row`). */
  readonly row?: Row;
}

export function publishedRelation<Row extends object>(name: string, columns: { [K in keyof Row]-?: true }): PublishedRelation<Row> {
  return { name, columns: Object.keys(columns) as (keyof Row & string)[] };
}
