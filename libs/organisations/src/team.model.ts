import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('TeamMember', { description: 'A member of a team' })
export class TeamMemberModel {
  @Field(() => ID)
  userId: string;

  @Field()
  name: string;
}

@ObjectType('Team', { description: 'A team of an organisation’s staff: people are allocated to teams, users belong to teams' })
export class TeamModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  organisationId: string;

  @Field()
  name: string;

  @Field(() => [TeamMemberModel])
  members: TeamMemberModel[];
}
