import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { ValidationError } from './errors.js';

@ObjectType('PageInfo')
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length) return values;
  } catch {
    /* fall through */
  }
  throw new ValidationError([{ field: 'after', messages: ['not a cursor from this list'] }]);
}

export function pageSize(first: number | undefined | null, fallback = 20, max = 100): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new ValidationError([{ field: 'first', messages: [`must be a whole number from 1 to ${max}`] }]);
  }
  return n;
}

/** A page of a list, newest first or in the list's own order, resumed with `after: pageInfo.endCursor`. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/**
 * The GraphQL types of a connection over `node`: `<Name>Edge { cursor node }` and
 * `<Name>Connection { edges pageInfo }`. One factory, so every paged list has the same shape.
 */
export function connectionType<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`, {
    description: `A page of ${name} items; when pageInfo.hasNextPage, ask again with after: pageInfo.endCursor`,
  })
  class ConnectionType {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionType;
}

/** A page that also says how many items the whole list holds. */
export interface CountedConnection<T> extends Connection<T> {
  totalCount: number;
}

/** connectionType with `totalCount`: for lists that grow with use (a person's history), so a client knows how far it has paged. */
export function countedConnectionType<T>(node: Type<T>, name: string): Type<CountedConnection<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`, {
    description: `A page of ${name} items, with how many there are in all; when pageInfo.hasNextPage, ask again with after: pageInfo.endCursor`,
  })
  class ConnectionType {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list holds (every page)' })
    totalCount: number;
  }
  return ConnectionType;
}

/** `first` and `after` on every paged list. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 100, description: 'How many (at most 500)' })
  @IsOptional()
  @IsInt()
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'pageInfo.endCursor of the page before' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string | null;
}

/** The same page with each node mapped (an entity to its GraphQL model). */
export function mapConnection<T, U>(page: Connection<T>, view: (node: T) => U): Connection<U> {
  return { edges: page.edges.map((e) => ({ cursor: e.cursor, node: view(e.node) })), pageInfo: page.pageInfo };
}
