import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role, Scope } from '@hub/common';

export enum ActorKind {
  USER = 'user',
  CLIENT = 'client',
}
registerEnumType(ActorKind, { name: 'ActorKind' });

@ObjectType('Viewer', { description: 'Who is calling: a user or an API client' })
export class ViewerModel {
  @Field(() => ActorKind)
  kind: ActorKind;

  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => ID)
  organisationId: string;

  @Field(() => [Role])
  roles: Role[];

  @Field(() => [Scope])
  scopes: Scope[];

  @Field({ description: 'Purpose of use stated for this request' })
  purpose: string;

  @Field({ description: 'True after an admin reset your password: only changePassword (and viewer) is allowed until you choose a new one' })
  passwordChangeRequired: boolean;
}
