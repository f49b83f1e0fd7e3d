import { IsEmail, IsInt, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { ValidationError } from './errors.js';
import { hubValidationPipe } from './validation.js';

class Inner {
  @IsInt()
  @Min(1)
  hours: number;
}

class Outer {
  @IsEmail()
  email: string;

  @ValidateNested()
  @Type(() => Inner)
  job: Inner;
}

describe('hubValidationPipe', () => {
  it('reports each bad field by path with a coded error', async () => {
    const pipe = hubValidationPipe();
    const error = await pipe.transform({ email: 'nope', job: { hours: 0 } }, { type: 'body', metatype: Outer }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const v = error as ValidationError;
    expect(v.code).toBe('BAD_USER_INPUT');
    expect(v.fields.map((f) => f.field).sort()).toEqual(['email', 'job.hours']);
  });

  it('passes valid input through', async () => {
    const value = await hubValidationPipe().transform({ email: 'a@b.org', job: { hours: 16 } }, { type: 'body', metatype: Outer });
    expect(value).toBeInstanceOf(Outer);
  });
});
