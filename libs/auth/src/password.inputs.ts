import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

@InputType()
export class ChangePasswordInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @Field({
    description: 'At least PASSWORD_MIN_LENGTH (12) characters, hard to guess (not common, not made of your name, email or organisation)',
  })
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

@InputType()
export class ResetUserPasswordInput {
  @Field(() => ID)
  @IsUUID()
  userId: string;

  @Field({ description: 'Given to the user by a safe channel; the user must replace it at its next sign-in. Same rule as any password' })
  @IsString()
  @MaxLength(200)
  temporaryPassword: string;
}
