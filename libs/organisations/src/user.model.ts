import { Field, ID, ObjectType } from '@nestjs/graphql';
import { connectionType, Role } from '@hub/common';

@ObjectType('User', { description: 'A person who signs in to the hub, member of one organisation' })
export class UserModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  organisationId: string;

  @Field()
  email: string;

  @Field()
  name: string;

  @Field(() => [Role])
  roles: Role[];

  @Field(() => [String])
  regions: string[];

  @Field(() => String, { nullable: true })
  team: string | null;

  @Field()
  active: boolean;

  @Field({ description: 'The password was reset by an admin: the next sign-in allows only choosing a new one' })
  passwordChangeRequired: boolean;
}

/** A page of an organisation's users, by name. */
export const UserConnection = connectionType(UserModel, 'User');
export type UserConnection = InstanceType<typeof UserConnection>;
