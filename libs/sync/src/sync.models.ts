import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum SyncStatus {
  CREATED = 'created',
  UPDATED = 'updated',
  UNCHANGED = 'unchanged',
  REJECTED = 'rejected',
}
registerEnumType(SyncStatus, { name: 'SyncStatus' });

@ObjectType('SyncRecordResult')
export class SyncRecordResultModel {
  @Field()
  externalId: string;

  @Field(() => SyncStatus)
  status: SyncStatus;

  @Field(() => ID, { nullable: true, description: 'The hub id of the entity (null when rejected)' })
  id: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was rejected: BAD_USER_INPUT, NOT_FOUND, FORBIDDEN, POSSIBLE_DUPLICATE, DUPLICATE_IN_BATCH, ...',
  })
  code: string | null;

  @Field(() => String, { nullable: true })
  message: string | null;
}

@ObjectType('SyncResult')
export class SyncResultModel {
  @Field()
  idempotencyKey: string;

  @Field({ description: 'True when this answer is the replay of an earlier request with the same key' })
  replayed: boolean;

  @Field(() => [SyncRecordResultModel])
  results: SyncRecordResultModel[];
}
