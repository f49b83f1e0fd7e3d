import { Field, ObjectType } from '@nestjs/graphql';
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
