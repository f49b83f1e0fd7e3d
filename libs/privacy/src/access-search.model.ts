import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AuditEventModel } from '@hub/audit';

export enum UnusualAccessKind {
  /** Reads of records the user was not the case owner of (at the time). */
  NOT_ALLOCATED = 'not_allocated',
  /** Reads of records the user's organisation had no open involvement with (at the time). */
  NO_INVOLVEMENT = 'no_involvement',
  /** Reads out of working hours (Europe/London) or at weekends. */
  OUT_OF_HOURS = 'out_of_hours',
  /** Break-glass grants opened, with the reads that rested on them. */
  BREAK_GLASS = 'break_glass',
}
registerEnumType(UnusualAccessKind, { name: 'UnusualAccessKind' });

/** Findings per kind at most, and events shown per finding. */
export const UNUSUAL_ACCESS_MAX = { actorsPerKind: 10, eventsEach: 10 } as const;

@ObjectType('UnusualAccess', { description: 'A user whose access in the period looks unusual, with the events behind it' })
export class UnusualAccessModel {
  @Field(() => UnusualAccessKind)
  kind: UnusualAccessKind;

  @Field({ description: '`user:<id>`' })
  actor: string;

  @Field(() => ID, { nullable: true })
  organisationId: string | null;

  @Field(() => Int, { description: 'Records read (NOT_ALLOCATED, NO_INVOLVEMENT), reads (OUT_OF_HOURS) or grants opened (BREAK_GLASS)' })
  count: number;

  @Field(() => Int, { description: 'Audit events behind the finding' })
  eventCount: number;

  @Field(() => [AuditEventModel], { description: 'The newest events behind the finding (at most 10)' })
  events: AuditEventModel[];
}
