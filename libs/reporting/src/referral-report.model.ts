import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ReferralDirection } from './referral-report.input.js';

@ObjectType('ReferralReportRow', { description: 'Referrals sent in the period, for one service or all; each count null when suppressed' })
export class ReferralReportRowModel {
  @Field(() => String, { nullable: true, description: 'The service; null on the total row' })
  serviceCode: string | null;

  @Field(() => Int, { nullable: true, description: 'Sent in the period (drafts never count)' })
  sent: number | null;

  @Field(() => Int, { nullable: true, description: 'Accepted, whatever happened next' })
  accepted: number | null;

  @Field(() => Int, { nullable: true })
  declined: number | null;

  @Field(() => Int, { nullable: true, description: 'Withdrawn by the sender before any answer' })
  withdrawnBeforeAnswer: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Not answered yet. accepted + declined + withdrawnBeforeAnswer + awaitingAnswer = sent',
  })
  awaitingAnswer: number | null;

  @Field(() => Int, { nullable: true, description: "Answered (accepted or declined) by the service's answer due time" })
  answeredInTime: number | null;

  @Field(() => Int, { nullable: true, description: 'Not answered, and past the answer due time now: referrals at risk of being lost' })
  awaitingAnswerPastDue: number | null;

  @Field(() => Int, { nullable: true, description: 'Work started' })
  started: number | null;

  @Field(() => Int, { nullable: true, description: 'Started within the start due time of acceptance' })
  startedInTime: number | null;

  @Field(() => Int, { nullable: true, description: 'Accepted, not started, and past the start due time now' })
  acceptedNotStartedPastDue: number | null;

  @Field(() => Int, { nullable: true })
  completed: number | null;

  @Field(() => Int, { nullable: true, description: 'Withdrawn by the sender after acceptance' })
  withdrawnAfterAcceptance: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Median hours from sending to the answer, of those answered, each counted to the nearest hour; null when fewer than the threshold',
  })
  medianHoursToAnswer: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Median hours from acceptance to the start of work, of those started, each counted to the nearest hour; null when fewer than the threshold',
  })
  medianHoursToStart: number | null;

  @Field(() => [String], { description: 'The measures withheld from this row by disclosure control' })
  suppressed: string[];
}

@ObjectType('ReferralReport', {
  description: 'What became of the referrals sent in a period: answered, in time, started, completed, or at risk of being lost',
})
export class ReferralReportModel {
  @Field()
  from: string;

  @Field()
  to: string;

  @Field({ description: 'Whose referrals: one organisation, or all (hub admins and commissioners)' })
  scope: string;

  @Field(() => ReferralDirection, { nullable: true, description: 'For one organisation: received or sent; null for all organisations' })
  direction: ReferralDirection | null;

  @Field(() => Int)
  suppressionThreshold: number;

  @Field(() => ReferralReportRowModel)
  total: ReferralReportRowModel;

  @Field(() => [ReferralReportRowModel], { description: 'One row per service, by service code' })
  services: ReferralReportRowModel[];
}
