import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDateString, IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export enum ReferralDirection {
  RECEIVED = 'received',
  SENT = 'sent',
}
registerEnumType(ReferralDirection, { name: 'ReferralDirection', description: 'Referrals to the organisation reported on, or from it' });

@InputType()
export class ReferralReportInput {
  @Field({ description: 'Referrals sent from this ISO date (inclusive)' })
  @IsDateString({ strict: true })
  from: string;

  @Field({ description: 'Referrals sent before this ISO date (exclusive)' })
  @IsDateString({ strict: true })
  to: string;

  @Field(() => ID, { nullable: true, description: 'Hub admins and commissioners: one organisation (others always report on their own); none: every referral' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field(() => ReferralDirection, { defaultValue: ReferralDirection.RECEIVED, description: 'For one organisation: the referrals it received (default) or sent' })
  @IsOptional()
  @IsEnum(ReferralDirection)
  direction?: ReferralDirection;

  @Field(() => Int, { nullable: true, description: 'Suppression threshold (default 5; never lower than 5)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(100)
  threshold?: number;
}
