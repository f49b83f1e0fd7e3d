import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError as ClassValidatorError } from 'class-validator';
import { ValidationError } from '@hub/common';

function flatten(errors: ClassValidatorError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    return [...Object.values(e.constraints ?? {}).map((m) => `${field}: ${m}`), ...flatten(e.children ?? [], field)];
  });
}

/** Validates one record of a batch against its rules; returns the problems (empty when valid). */
export async function recordProblems<T extends object>(rules: new () => T, record: unknown): Promise<string[]> {
  const instance = plainToInstance(rules, record);
  return flatten(await validate(instance as object, { forbidUnknownValues: false }));
}

/** Throws BAD_USER_INPUT naming every problem of the record. */
export async function requireValid<T extends object>(rules: new () => T, record: unknown): Promise<void> {
  const problems = await recordProblems(rules, record);
  if (problems.length)
    throw new ValidationError(
      problems.map((p) => ({ field: p.split(':')[0], messages: [p] })),
      problems.join('; '),
    );
}
