import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError as ClassValidatorError } from 'class-validator';

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
