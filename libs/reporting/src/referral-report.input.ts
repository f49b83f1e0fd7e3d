import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { ReferralDirection } from '@hub/referrals';
import { ReportPeriodInput } from './report.inputs.js';

/** The referrals' own direction (received or sent), as their lists count them. */
export { ReferralDirection };

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
