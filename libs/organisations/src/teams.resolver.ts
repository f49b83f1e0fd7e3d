import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Permission, RequirePermission } from '@hub/access';
import { type Actor, CurrentActor } from '@hub/common';
import { OrganisationModel } from './organisation.model.js';
import { CreateTeamInput, SetCaseVisibilityInput, TeamMemberInput } from './team.inputs.js';
import { TeamModel } from './team.model.js';
import { TeamsService } from './teams.service.js';

@Resolver(() => TeamModel)
export class TeamsResolver {
  constructor(private readonly service: TeamsService) {}

  @RequirePermission(Permission.DIRECTORY_READ)
  @Query(() => [TeamModel], { description: 'Your organisation’s teams and their members' })
  teams(@CurrentActor() actor: Actor): Promise<TeamModel[]> {
    return this.service.list(actor);
  }

  @RequirePermission(Permission.TEAM_MANAGE)
  @Mutation(() => TeamModel, { description: 'Org admins: create a team of your organisation' })
  createTeam(@CurrentActor() actor: Actor, @Args('input') input: CreateTeamInput): Promise<TeamModel> {
    return this.service.create(actor, input.name);
  }

  @RequirePermission(Permission.TEAM_MANAGE)
  @Mutation(() => TeamModel, { description: 'Org admins: add a user of your organisation to one of its teams' })
  addTeamMember(@CurrentActor() actor: Actor, @Args('input') input: TeamMemberInput): Promise<TeamModel> {
    return this.service.setMember(actor, input.teamId, input.userId);
  }

  @RequirePermission(Permission.TEAM_MANAGE)
  @Mutation(() => TeamModel, { description: 'Org admins: take a user out of one of your organisation’s teams' })
  removeTeamMember(@CurrentActor() actor: Actor, @Args('input') input: TeamMemberInput): Promise<TeamModel> {
    return this.service.setMember(actor, input.teamId, input.userId, true);
  }

  @RequirePermission(Permission.TEAM_MANAGE)
  @Mutation(() => OrganisationModel, {
    description:
      'Org admins: who among your staff opens a person your organisation works with: ORGANISATION (everyone with a casework role) or TEAM_AND_REGION',
  })
  setCaseVisibility(@CurrentActor() actor: Actor, @Args('input') input: SetCaseVisibilityInput): Promise<OrganisationModel> {
    return this.service.setVisibility(actor, input.visibility);
  }
}
