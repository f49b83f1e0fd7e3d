import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { ReportPeriodInput } from './report.inputs.js';

export enum ReferralDirection {
  RECEIVED = 'received',
  SENT = 'sent',
}
registerEnumType(ReferralDirection, { name: 'ReferralDirection', description: 'Referrals to the organisation reported on, or from it' });

@InputType({ description: 'The referrals sent in the period' })
export class ReferralReportInput extends ReportPeriodInput {
  @Field(() => ReferralDirection, {
    defaultValue: ReferralDirection.RECEIVED,
    description: 'For one organisation: the referrals it received (default) or sent',
  })
  @IsOptional()
  @IsEnum(ReferralDirection)
  direction?: ReferralDirection;
}
